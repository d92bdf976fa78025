//! `ner extract --jsonl`: one `{"id":..,"text":..}` object per input line,
//! one `{"id":..,"entities":[..],"groups":[..]}` line out for each.

use crate::CliError;
use ner_highlight::corpus::without_bom;
use ner_highlight::{ExtractOptions, Extractor};
use serde_json::value::RawValue;
use std::borrow::Cow;
use std::io::{self, BufRead, Write};

/// An input line. The id is kept as written, so that it comes back exactly
/// (a number such as 99999999999999999999 would not survive a round trip
/// through a float).
#[derive(serde::Deserialize)]
struct JsonLine {
    id: Box<RawValue>,
    text: String,
}

#[derive(serde::Serialize)]
struct JsonLineResult<'a> {
    id: &'a RawValue,
    entities: &'a [ner_highlight::Entity],
    groups: &'a [ner_highlight::Group],
}

/// Reads lines from standard input and writes one result line each.
pub fn extract_jsonl(
    extractor: &Extractor,
    options: &ExtractOptions,
    out: &mut impl Write,
) -> Result<(), CliError> {
    for (index, line) in io::stdin().lock().lines().enumerate() {
        let line_number = index + 1;
        let bad = |message: String| CliError::BadJsonLine {
            line: line_number,
            message,
        };
        let line = line.map_err(|e| bad(e.to_string()))?;
        // A byte-order mark may start the stream (files saved on Windows).
        let line = match line_number {
            1 => without_bom(&line),
            _ => &line,
        };
        if line.trim().is_empty() {
            continue;
        }
        let input: JsonLine =
            serde_json::from_str(&without_lone_surrogates(line)).map_err(|e| bad(e.to_string()))?;
        let result = extractor.extract(&input.text, options);
        let record = JsonLineResult {
            id: &input.id,
            entities: &result.entities,
            groups: &result.groups,
        };
        serde_json::to_writer(&mut *out, &record).map_err(|e| CliError::Write(e.into()))?;
        writeln!(out).map_err(CliError::Write)?;
    }
    Ok(())
}

/// `line` with each `\uXXXX` escape of a lone UTF-16 surrogate written as
/// `\uFFFD`. JavaScript's `JSON.stringify` writes them for a string cut in
/// the middle of an emoji; UTF-8 cannot hold them, and serde_json refuses
/// them. U+FFFD is one UTF-16 unit, as the surrogate was, so `--offsets
/// utf16` still index the caller's own string (as in the wasm build).
fn without_lone_surrogates(line: &str) -> Cow<'_, str> {
    let bytes = line.as_bytes();
    let unit_at = |at: usize| -> Option<u16> {
        if bytes.get(at) != Some(&b'\\') || bytes.get(at + 1) != Some(&b'u') {
            return None;
        }
        let hex = line.get(at + 2..at + 6)?;
        u16::from_str_radix(hex, 16).ok()
    };
    let is_high = |u: u16| (0xD800..0xDC00).contains(&u);
    let is_low = |u: u16| (0xDC00..0xE000).contains(&u);
    let mut fixed = String::new();
    let mut copied = 0;
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] != b'\\' {
            at += 1;
            continue;
        }
        let Some(unit) = unit_at(at) else {
            at += 2; // any other escape: "\\", "\"", "\n"...
            continue;
        };
        let pair = is_high(unit) && unit_at(at + 6).is_some_and(is_low);
        if pair {
            at += 12;
        } else if is_high(unit) || is_low(unit) {
            fixed.push_str(&line[copied..at]);
            fixed.push_str("\\uFFFD");
            at += 6;
            copied = at;
        } else {
            at += 6;
        }
    }
    if copied == 0 {
        return Cow::Borrowed(line);
    }
    fixed.push_str(&line[copied..]);
    Cow::Owned(fixed)
}

#[cfg(test)]
mod tests {
    use super::without_lone_surrogates;

    #[test]
    fn only_lone_surrogate_escapes_change() {
        for (line, expected) in [
            (r#""\ud83d Paris \ude00""#, r#""\uFFFD Paris \uFFFD""#),
            (r#""\ud83d\ude00 Paris""#, r#""\ud83d\ude00 Paris""#),
            (r#""\\ud83d is text""#, r#""\\ud83d is text""#),
            (r#""\u00e9\ud800""#, r#""\u00e9\uFFFD""#),
            (r#""end \ud83d"#, r#""end \uFFFD"#),
            (r#""\u12""#, r#""\u12""#),
            ("no escapes", "no escapes"),
        ] {
            assert_eq!(without_lone_surrogates(line), expected, "{line}");
        }
    }
}
