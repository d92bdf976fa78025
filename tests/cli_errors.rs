//! The `ner` command line on bad input: every error is one clear line on
//! standard error and exit status 2, and a 10 MB text runs in bounded memory.

use std::path::PathBuf;
use std::process::{Command, Output};

fn ner(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ner"))
        .args(args)
        .output()
        .expect("ner starts")
}

/// A fresh scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ner-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Asserts exit status 2 and a single line of error, and returns that line.
fn one_line_error(output: &Output) -> String {
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let message = String::from_utf8(output.stderr.clone()).expect("UTF-8 message");
    assert_eq!(message.trim_end().lines().count(), 1, "{message}");
    message.trim_end().to_string()
}

#[test]
fn a_file_that_is_not_utf8_is_named_with_the_byte_position() {
    let dir = scratch("latin1");
    let file = dir.join("latin1.txt");
    // "Café" in Latin-1: the é is the byte 0xE9 at position 11.
    std::fs::write(&file, b"Hello from Caf\xe9 de Flore.").unwrap();
    let message = one_line_error(&ner(&["extract", file.to_str().unwrap()]));
    assert_eq!(
        message,
        format!(
            "ner: {} is not UTF-8: invalid byte at position 14",
            file.display()
        )
    );
    // A UTF-16 file (with its byte order mark) fails at once.
    std::fs::write(&file, b"\xff\xfeH\x00i\x00").unwrap();
    let message = one_line_error(&ner(&["extract", file.to_str().unwrap()]));
    assert!(message.ends_with("invalid byte at position 0"), "{message}");
}

#[test]
fn a_truncated_utf8_sequence_at_the_end_is_not_utf8() {
    let dir = scratch("cut");
    let file = dir.join("cut.txt");
    std::fs::write(&file, "Zoë".as_bytes().split_last().unwrap().1).unwrap();
    let message = one_line_error(&ner(&["extract", file.to_str().unwrap()]));
    assert!(message.ends_with("invalid byte at position 2"), "{message}");
}

#[test]
fn a_directory_is_not_a_text_file() {
    let dir = scratch("dir");
    let message = one_line_error(&ner(&["extract", dir.to_str().unwrap()]));
    assert!(
        message.starts_with(&format!("ner: cannot read {}", dir.display())),
        "{message}"
    );
}

#[test]
fn a_missing_model_file_says_what_the_built_in_models_are() {
    let message = one_line_error(&ner(&["extract", "--model", "nwes", "Cargo.toml"]));
    assert_eq!(
        message,
        "ner: cannot load model nwes: no such file, and not a built-in model (built in: news, conll, news-lg, none)"
    );
}

#[test]
fn an_unreadable_model_and_a_damaged_model_are_clear_errors() {
    let dir = scratch("model");
    let message = one_line_error(&ner(&[
        "extract",
        "--model",
        dir.to_str().unwrap(),
        "Cargo.toml",
    ]));
    assert!(
        message.starts_with(&format!("ner: cannot load model {}: ", dir.display())),
        "{message}"
    );
    let file = dir.join("cut.nermodel");
    std::fs::write(&file, &ner_highlight::models::NEWS_BYTES[..1000]).unwrap();
    let message = one_line_error(&ner(&[
        "extract",
        "--model",
        file.to_str().unwrap(),
        "Cargo.toml",
    ]));
    assert!(message.ends_with("model file is truncated"), "{message}");
}

#[test]
fn bad_flags_name_the_flag_and_the_value() {
    for (args, expected) in [
        (
            &["extract", "--min-score", "2"][..],
            "'--min-score <MIN_SCORE>': 2 is not a number from 0 to 1",
        ),
        (
            &["extract", "--min-score", "x"][..],
            "'--min-score <MIN_SCORE>': not a number",
        ),
        (
            &[
                "eval",
                "--model",
                "news",
                "--data",
                "x",
                "--min-score",
                "1.5",
            ][..],
            "'--min-score <MIN_SCORE>': 1.5 is not a number from 0 to 1",
        ),
        (
            &["extract", "--labels", "PERSON,FOO"][..],
            "unknown entity label \"FOO\"",
        ),
        (
            &["extract", "--no-such-flag"][..],
            "unexpected argument '--no-such-flag'",
        ),
    ] {
        let output = ner(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let message = String::from_utf8_lossy(&output.stderr);
        assert!(
            message.lines().next().unwrap().contains(expected),
            "{args:?}: {message}"
        );
    }
}

#[test]
fn unreachable_gold_is_refused_with_beam_training() {
    let message = one_line_error(&ner(&[
        "train",
        "--data",
        "unused.iob2",
        "--out",
        "unused.nermodel",
        "--name",
        "x",
        "--training",
        "early",
        "--unreachable-gold",
        "skip",
    ]));
    assert_eq!(
        message,
        "ner: --unreachable-gold applies to --training greedy only"
    );
}

#[test]
fn training_data_without_entities_and_useless_settings_are_refused() {
    let dir = std::env::temp_dir().join(format!("ner-train-refused-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let only_o = dir.join("only-o.iob2");
    std::fs::write(&only_o, "Nothing\tO\nhere\tO\n").unwrap();
    let out = dir.join("never.nermodel");
    let train = |extra: &[&str]| {
        let mut args = vec![
            "train",
            "--data",
            only_o.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--name",
            "x",
            "--gazetteers",
            "none",
        ];
        args.extend_from_slice(extra);
        ner(&args)
    };
    assert_eq!(
        one_line_error(&train(&[])),
        "ner: no entities to learn from in the training data (1 sentences)"
    );
    for (flag, value, expected) in [
        ("--epochs", "0", "'--epochs <EPOCHS>': 0 is not in 1.."),
        (
            "--min-weight",
            "127",
            "'--min-weight <MIN_WEIGHT>': 127 is not in 0..127",
        ),
    ] {
        let output = train(&[flag, value]);
        assert_eq!(output.status.code(), Some(2));
        let message = String::from_utf8_lossy(&output.stderr);
        assert!(message.contains(expected), "{message}");
    }
    assert!(!out.exists(), "no model file is written");
    std::fs::remove_dir_all(&dir).unwrap();
}
