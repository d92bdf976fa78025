//! The `ner` command line: output format, offsets, JSON Lines and errors;
//! `ner eval`'s scores and its `--errors` file.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn ner(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ner"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("ner starts");
    // The tool may exit before reading its input (bad flags): ignore a broken pipe.
    let _ = child.stdin.take().unwrap().write_all(stdin);
    child.wait_with_output().unwrap()
}

fn json(output: &Output) -> serde_json::Value {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("one JSON object")
}

#[test]
fn extract_prints_one_object_with_utf8_offsets() {
    let text = "Émilie said Angela Merkel paid $4.5 billion to Google in Paris on Tuesday.";
    let out = json(&ner(&["extract"], text.as_bytes()));
    let entities = out["entities"].as_array().unwrap();
    for e in entities {
        let start = e["start"].as_u64().unwrap() as usize;
        let end = e["end"].as_u64().unwrap() as usize;
        assert_eq!(&text[start..end], e["text"].as_str().unwrap());
        assert!(e["source"] == "model" || e["source"] == "rule");
        assert!((0.0..=1.0).contains(&e["score"].as_f64().unwrap()));
    }
    let money = entities
        .iter()
        .find(|e| e["label"] == "MONEY")
        .expect("MONEY found");
    assert_eq!(
        (money["start"].as_u64(), money["text"].as_str()),
        (Some(32), Some("$4.5 billion"))
    );
    assert!(
        entities
            .iter()
            .any(|e| e["label"] == "PERSON" && e["text"] == "Angela Merkel"),
        "{entities:?}"
    );
}

#[test]
fn utf16_and_codepoint_offsets_count_other_units() {
    let text = "😀 $5";
    let utf16 = json(&ner(
        &["extract", "--model", "none", "--offsets", "utf16", "-"],
        text.as_bytes(),
    ));
    let span = |v: &serde_json::Value| {
        (
            v["entities"][0]["start"].as_u64(),
            v["entities"][0]["end"].as_u64(),
        )
    };
    assert_eq!(span(&utf16), (Some(3), Some(5)));
    let points = json(&ner(
        &["extract", "--model", "none", "--offsets", "codepoint"],
        text.as_bytes(),
    ));
    assert_eq!(span(&points), (Some(2), Some(4)));
}

#[test]
fn the_conll_model_finds_its_four_labels() {
    let text = "Angela Merkel met Reuters reporters in Berlin.";
    let out = json(&ner(
        &[
            "extract",
            "--model",
            "conll",
            "--labels",
            "PER,ORG,LOC,MISC",
        ],
        text.as_bytes(),
    ));
    let labels: Vec<&str> = out["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["label"].as_str().unwrap())
        .collect();
    assert!(
        labels.contains(&"PER") && labels.contains(&"LOC"),
        "{labels:?}"
    );
}

#[test]
fn a_model_file_that_is_not_a_model_is_a_clear_error() {
    let output = ner(&["extract", "--model", "Cargo.toml"], b"text");
    assert_eq!(output.status.code(), Some(2));
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(
        message.contains("cannot load model Cargo.toml: not a model file"),
        "{message}"
    );
}

#[test]
fn jsonl_writes_one_line_per_input_line_with_its_id() {
    let input = b"{\"id\":\"a\",\"text\":\"It cost $5.\"}\n{\"id\":7,\"text\":\"Nothing here.\"}\n";
    let output = ner(&["extract", "--jsonl"], input);
    assert!(output.status.success());
    let lines: Vec<serde_json::Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["id"], "a");
    assert_eq!(lines[0]["entities"][0]["text"], "$5");
    assert_eq!(lines[1]["id"], 7);
    assert_eq!(lines[1]["entities"].as_array().unwrap().len(), 0);
}

#[test]
fn jsonl_ids_come_back_as_written_and_odd_lines_still_read() {
    // A byte-order mark first; ids a float cannot hold; a text JavaScript's
    // JSON.stringify wrote for a string cut in the middle of an emoji.
    let input = concat!(
        "\u{feff}{\"id\":99999999999999999999,\"text\":\"x\"}\n",
        "{\"id\":-0,\"text\":\"x\"}\n",
        "{\"id\":0.1000000000000000055511151231257827,\"text\":\"x\"}\n",
        "{\"id\":\"s\",\"text\":\"\\ud83d Paris \\ude00 and \\ud83d\\ude00 Paris\"}\n",
    );
    let output = ner(
        &["extract", "--jsonl", "--offsets", "utf16"],
        input.as_bytes(),
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 4);
    for (line, id) in lines.iter().zip([
        "99999999999999999999",
        "-0",
        "0.1000000000000000055511151231257827",
        "\"s\"",
    ]) {
        assert!(line.starts_with(&format!("{{\"id\":{id},")), "{line}");
    }
    // Each lone surrogate is one UTF-16 unit, as in the caller's string, and
    // the pair two: the first Paris starts at 2, the second at 17.
    let last: serde_json::Value = serde_json::from_str(lines[3]).unwrap();
    let starts: Vec<_> = last["entities"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["text"] == "Paris")
        .map(|e| e["start"].as_u64().unwrap())
        .collect();
    assert_eq!(starts, [2, 17]);
}

#[test]
fn input_that_is_not_utf8_exits_2_naming_the_byte_position() {
    let output = ner(&["extract"], b"abc\xffdef");
    assert_eq!(output.status.code(), Some(2));
    let message = String::from_utf8(output.stderr).unwrap();
    assert_eq!(
        message.trim(),
        "ner: standard input is not UTF-8: invalid byte at position 3"
    );
}

#[test]
fn a_missing_file_and_a_bad_flag_are_clear_errors() {
    let missing = ner(&["extract", "/no/such/file.txt"], b"");
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("cannot read /no/such/file.txt"));
    let bad_flag = ner(&["extract", "--offsets", "bytes"], b"");
    assert_eq!(bad_flag.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad_flag.stderr).contains("unknown offset unit"));
}

#[test]
fn a_bad_json_line_names_its_line_number() {
    let output = ner(
        &["extract", "--jsonl"],
        b"{\"id\":1,\"text\":\"a\"}\nnot json\n",
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("line 2"));
}

#[test]
fn extract_prints_groups_and_each_entity_carries_its_group() {
    let text = "Benjamin Netanyahu spoke. Netanyahu left.";
    let out = json(&ner(&["extract"], text.as_bytes()));
    let group = &out["groups"][0];
    assert_eq!(group["name"], "Benjamin Netanyahu");
    assert_eq!(group["count"], 2);
    for m in group["mentions"].as_array().unwrap() {
        assert_eq!(out["entities"][m.as_u64().unwrap() as usize]["group"], 0);
    }
}

#[test]
fn terms_from_tsv_and_json_files_are_found_and_denied_texts_left_out() {
    let dir = std::env::temp_dir().join(format!("ner-terms-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let tsv = dir.join("terms.tsv");
    std::fs::write(
        &tsv,
        "# my newsroom's list\nAcme Widgets\tORG\nParis\tDENY\n",
    )
    .unwrap();
    let json_file = dir.join("terms.json");
    std::fs::write(
        &json_file,
        r#"{"terms":[{"text":"Acme Widgets","label":"ORG"}],"deny":["paris"]}"#,
    )
    .unwrap();
    let text = "Acme Widgets opened a shop in Paris on Tuesday.";
    for file in [&tsv, &json_file] {
        let out = json(&ner(
            &["extract", "--terms", file.to_str().unwrap()],
            text.as_bytes(),
        ));
        let entities = out["entities"].as_array().unwrap();
        let acme = entities
            .iter()
            .find(|e| e["text"] == "Acme Widgets")
            .expect("term found");
        assert_eq!(
            (&acme["label"], &acme["source"]),
            (&"ORG".into(), &"terms".into())
        );
        assert!(
            entities.iter().all(|e| e["text"] != "Paris"),
            "{entities:?}"
        );
    }
    let bad = dir.join("bad.tsv");
    std::fs::write(&bad, "Acme\tCOMPANY\n").unwrap();
    let output = ner(
        &["extract", "--terms", bad.to_str().unwrap()],
        text.as_bytes(),
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr)
        .contains("line 1: unknown entity label \"COMPANY\""));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn term_lists_with_a_byte_order_mark_or_stray_spaces_work_and_bad_json_says_where() {
    let dir = std::env::temp_dir().join(format!("ner-terms-odd-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let text = "Acme Widgets opened a shop in Paris on Tuesday.";
    let write = |name: &str, content: &str| {
        let path = dir.join(name);
        std::fs::write(&path, content).unwrap();
        path
    };
    // Each of these finds "Acme Widgets" as the term list's ORG.
    for file in [
        write("bom.tsv", "\u{feff}Acme Widgets\tORG\n"),
        write(
            "bom.json",
            "\u{feff}[{\"text\":\"Acme Widgets\",\"label\":\"ORG\"}]",
        ),
        write("spaces.tsv", "Acme Widgets \tORG\n"),
    ] {
        let out = json(&ner(
            &["extract", "--terms", file.to_str().unwrap()],
            text.as_bytes(),
        ));
        assert!(
            out["entities"]
                .as_array()
                .unwrap()
                .iter()
                .any(|e| e["text"] == "Acme Widgets" && e["source"] == "terms"),
            "{file:?}: {out}"
        );
    }
    // Each of these is an error naming what is wrong (a misspelt key was
    // once a list silently left unused).
    for (file, expected) in [
        (
            write("label.json", r#"[{"text":"Acme","label":"ORGG"}]"#),
            "unknown entity label \"ORGG\" at line 1 column",
        ),
        (
            write("missing.json", r#"[{"text":"Acme"}]"#),
            "missing field `label`",
        ),
        (
            write("typo.json", r#"{"term":[{"text":"Acme","label":"ORG"}]}"#),
            "unknown field `term`, expected `terms` or `deny`",
        ),
        (
            {
                let latin1 = dir.join("latin1.tsv");
                std::fs::write(&latin1, b"Ac\xe9me\tORG\n").unwrap();
                latin1
            },
            "latin1.tsv is not UTF-8: invalid byte at position 2",
        ),
    ] {
        let output = ner(
            &["extract", "--terms", file.to_str().unwrap()],
            text.as_bytes(),
        );
        assert_eq!(output.status.code(), Some(2), "{file:?}");
        let message = String::from_utf8_lossy(&output.stderr);
        assert!(message.contains(expected), "{file:?}: {message}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A small gold file of our own for `ner eval`.
const EVAL_GOLD: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/eval-small.iob2"
);

/// `ner eval` of the rules alone (`--model none`) on [`EVAL_GOLD`], so that
/// the figures do not move when the models are retrained.
fn eval_rules_only(extra: &[&str]) -> Output {
    let mut args = vec!["eval", "--model", "none", "--data", EVAL_GOLD];
    args.extend_from_slice(extra);
    ner(&args, b"")
}

#[test]
fn scores_count_exact_matches_of_the_gold_labels() {
    let out = eval_rules_only(&["--json"]);
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
    let path = std::env::temp_dir().join(format!("ner-eval-errors-{}.tsv", std::process::id()));
    let out = eval_rules_only(&["--errors", path.to_str().unwrap()]);
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
fn eval_reads_printed_text_by_default_and_spaced_tokens_on_request() {
    // Printed, "40%" is one PERCENT over two gold tokens; spaced, "40 %"
    // is too: the layouts agree on what the rules find here.
    for layout in [
        &[][..],
        &["--spacing", "spaced", "--sentences", "blank"][..],
    ] {
        let mut args = vec!["--json"];
        args.extend_from_slice(layout);
        let out = eval_rules_only(&args);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(report["labels"]["MONEY"]["f1"], 100.0, "{layout:?}");
        assert_eq!(report["tokens"], 34);
    }
    for wrap in ["5", "70"] {
        let out = eval_rules_only(&["--json", "--sentences", "space", "--wrap", wrap]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn tokens_prints_each_line_as_the_tagger_splits_it() {
    let out = ner(
        &["tokens"],
        "South Korea\u{2019}s U.S.-based firm paid $1,000.\n\nMr Smith didn't.\r\n".as_bytes(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "South Korea \u{2019}s U.S.-based firm paid $ 1,000 .\n\nMr Smith did n't .\n"
    );
}

#[test]
fn an_errors_file_that_cannot_be_written_is_one_clear_line() {
    let out = eval_rules_only(&["--errors", std::env::temp_dir().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with("ner: cannot write "), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

#[test]
fn the_readme_command_line_example_prints_what_the_readme_shows() {
    // The README's first `ner extract` example: `echo '...' | target/release/ner extract`
    // in a sh block, then the output in a json block.
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let command = readme
        .lines()
        .find(|l| l.starts_with("echo '") && l.ends_with("| target/release/ner extract"))
        .expect("the example command");
    let text = command
        .strip_prefix("echo '")
        .and_then(|rest| rest.split_once("' |"))
        .map(|(text, _)| text)
        .unwrap();
    let after = &readme[readme.find(command).unwrap()..];
    let shown = after
        .split("```json\n")
        .nth(1)
        .and_then(|block| block.split("\n```").next())
        .expect("the example output");
    let shown: serde_json::Value = serde_json::from_str(shown).unwrap();
    let printed = json(&ner(&["extract"], format!("{text}\n").as_bytes()));
    assert_eq!(printed, shown, "update the README's example output");
}
