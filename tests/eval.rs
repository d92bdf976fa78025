//! `ner eval` on a small gold file of our own, with the rules alone (`--model
//! none`), so the figures do not move when the models are retrained: scores
//! as conlleval counts them, and every mistake in the `--errors` file.

use std::path::PathBuf;
use std::process::{Command, Output};

const GOLD: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/eval-small.iob2"
);

fn ner(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ner"))
        .args(args)
        .output()
        .expect("ner starts")
}

/// A path for a file this test writes, unique to the test.
fn scratch(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("ner-eval-test-{}-{name}", std::process::id()))
}

#[test]
fn scores_count_exact_matches_of_the_gold_labels() {
    let out = ner(&["eval", "--model", "none", "--data", GOLD, "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // 7 gold entities; the rules find 6 of the gold labels (ORDINAL and
    // others are not scored), 3 of them exactly right.
    let overall = &report["overall"];
    assert!((overall["precision"].as_f64().unwrap() - 50.0).abs() < 1e-9);
    assert!((overall["recall"].as_f64().unwrap() - 300.0 / 7.0).abs() < 1e-9);
    assert_eq!(report["labels"]["MONEY"]["f1"], 100.0);
    assert_eq!(report["labels"]["PERSON"]["support"], 1);
    assert_eq!(report["sentences"], 5);
    assert_eq!(report["tokens"], 34);
    assert_eq!(report["boundary_errors"], 0);
}

#[test]
fn errors_lists_every_mistake_by_kind() {
    let path = scratch("errors.tsv");
    let out = ner(&[
        "eval",
        "--model",
        "none",
        "--data",
        GOLD,
        "--errors",
        path.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let written = std::fs::read_to_string(&path).unwrap();
    std::fs::remove_file(&path).unwrap();
    let mut lines: Vec<&str> = written.lines().collect();
    assert_eq!(
        lines.remove(0),
        "kind\tgold label\tgold text\tfound label\tfound text\tsentence"
    );
    lines.sort_unstable();
    assert_eq!(
        lines,
        [
            "boundary\tPERCENT\t40\tPERCENT\t40 %\tHe waited 3 hours with 40 % of them .",
            "label\tQUANTITY\t3 hours\tTIME\t3 hours\tHe waited 3 hours with 40 % of them .",
            "missed\tGPE\tParis\t\t\tAngela Merkel visited Paris .",
            "missed\tPERSON\tAngela Merkel\t\t\tAngela Merkel visited Paris .",
            "spurious\t\t\tDATE\tMonday\tHe left on Monday .",
        ]
    );
}

#[test]
fn an_errors_file_that_cannot_be_written_is_one_clear_line() {
    let dir = std::env::temp_dir();
    let out = ner(&[
        "eval",
        "--model",
        "none",
        "--data",
        GOLD,
        "--errors",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with("ner: cannot write "), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}
