//! The `ner` command line: output format, offsets, JSON Lines and errors.

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
    child.stdin.take().unwrap().write_all(stdin).unwrap();
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
    let text = "Émilie paid $4.5 billion on Tuesday.";
    let out = json(&ner(&["extract"], text.as_bytes()));
    let entities = out["entities"].as_array().unwrap();
    assert_eq!(entities.len(), 2);
    for e in entities {
        let (start, end) = (
            e["start"].as_u64().unwrap() as usize,
            e["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[start..end], e["text"].as_str().unwrap());
        assert_eq!(e["source"], "rule");
    }
    assert_eq!(entities[0]["label"], "MONEY");
    assert_eq!(entities[0]["start"], 13);
}

#[test]
fn utf16_and_codepoint_offsets_count_other_units() {
    let text = "😀 $5";
    let utf16 = json(&ner(
        &["extract", "--offsets", "utf16", "-"],
        text.as_bytes(),
    ));
    assert_eq!(
        (
            utf16["entities"][0]["start"].as_u64(),
            utf16["entities"][0]["end"].as_u64()
        ),
        (Some(3), Some(5))
    );
    let points = json(&ner(
        &["extract", "--offsets", "codepoint"],
        text.as_bytes(),
    ));
    assert_eq!(
        (
            points["entities"][0]["start"].as_u64(),
            points["entities"][0]["end"].as_u64()
        ),
        (Some(2), Some(4))
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
