//! Builds the rule automata (`patterns.dfa`) from the patterns; part of the
//! `train` feature, so the wasm build carries no regex compiler.
//!
//! `make rules` rewrites the file; a test fails while it is out of date.

use super::automata;
use super::patterns::{PatternSpec, PATTERNS, PIECES};
use regex_automata::dfa::{dense, StartKind};
use regex_automata::MatchKind;

/// Compiles every pattern and returns the rule-automata file's bytes.
///
/// # Panics
/// If a pattern does not compile: the patterns are constants, and a test compiles them all.
pub fn build_automata() -> Vec<u8> {
    let dfas: Vec<Vec<u8>> = PATTERNS.iter().map(compile).collect();
    automata::write(&dfas)
}

/// One pattern as an anchored, minimised sparse DFA with leftmost-first
/// matches (as the `regex` crate finds them), serialised little-endian.
fn compile(spec: &PatternSpec) -> Vec<u8> {
    let config = dense::Config::new()
        .start_kind(StartKind::Anchored)
        .match_kind(MatchKind::LeftmostFirst)
        .minimize(true);
    let dfa = dense::Builder::new()
        .configure(config)
        .build(&expand(spec.pattern))
        .unwrap_or_else(|e| panic!("rule pattern for {} does not compile: {e}", spec.label));
    dfa.to_sparse()
        .unwrap_or_else(|e| panic!("rule pattern for {}: {e}", spec.label))
        .to_bytes_little_endian()
}

/// Replaces every `{PIECE}` in `pattern` with its definition, recursively.
fn expand(pattern: &str) -> String {
    let mut out = pattern.to_string();
    loop {
        let before = out.clone();
        for (name, body) in PIECES {
            out = out.replace(&format!("{{{name}}}"), body);
        }
        if out == before {
            return out;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_piece_expands() {
        for spec in PATTERNS {
            let expanded = expand(spec.pattern);
            for (name, _) in PIECES {
                assert!(
                    !expanded.contains(&format!("{{{name}}}")),
                    "{name} left in {expanded}"
                );
            }
        }
    }

    /// The embedded automata are the patterns compiled. With
    /// `NER_WRITE_RULES=1` (`make rules`) the test rewrites them instead.
    #[test]
    fn embedded_automata_are_the_compiled_patterns() {
        let built = build_automata();
        if std::env::var_os("NER_WRITE_RULES").is_some() {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/rules/patterns.dfa");
            std::fs::write(path, &built).unwrap();
            return;
        }
        assert!(
            built == automata::EMBEDDED,
            "src/rules/patterns.dfa does not match the patterns: run `make rules`"
        );
    }

    /// What the recogniser finds, the way it was found before the automata:
    /// each pattern searched unanchored with the meta regex engine, a match
    /// kept when it starts and ends on token boundaries and passes its check,
    /// the search resuming after a kept match or at the token after a rejected one.
    fn reference_matches(text: &str) -> Vec<(usize, usize, usize)> {
        use crate::document::Document;
        use regex_automata::{meta::Regex, Input};
        let doc = Document::new(text);
        let next_token_start = |pos: usize| {
            let i = doc.tokens.partition_point(|t| t.start <= pos);
            doc.tokens.get(i).map_or(text.len(), |t| t.start)
        };
        static REGEXES: std::sync::OnceLock<Vec<Regex>> = std::sync::OnceLock::new();
        let regexes = REGEXES.get_or_init(|| {
            PATTERNS
                .iter()
                .map(|spec| Regex::new(&expand(spec.pattern)).unwrap())
                .collect()
        });
        let mut found = Vec::new();
        for ((index, spec), regex) in PATTERNS.iter().enumerate().zip(regexes) {
            let mut at = 0;
            while let Some(m) = regex.search(&Input::new(text).range(at..)) {
                if super::super::is_accepted(spec.check, &doc, m.start(), m.end()) {
                    found.push((m.start(), m.end(), index));
                    at = m.end().max(next_token_start(m.start()));
                } else {
                    at = next_token_start(m.start());
                }
                if at >= text.len() {
                    break;
                }
            }
        }
        found.sort();
        found
    }

    fn automata_matches(text: &str) -> Vec<(usize, usize, usize)> {
        let doc = crate::document::Document::new(text);
        let candidates = super::super::RuleRecognizer::shared().candidates(&doc);
        let mut found: Vec<_> = candidates
            .iter()
            .map(|c| (c.start, c.end, c.rule))
            .collect();
        found.sort();
        found
    }

    const WORDS: &[&str] = &[
        "$",
        "5",
        "12",
        "1,200",
        "3.5",
        "million",
        "billion",
        "dollars",
        "%",
        "percent",
        "about",
        "nearly",
        "the",
        "last",
        "two",
        "twenty-one",
        "hundred",
        "and",
        "October",
        "Oct.",
        "7,",
        "2023",
        "1990s",
        "mid-",
        "May",
        "in",
        "March",
        "Tuesday",
        "night",
        "3:30",
        "p.m.",
        "ET",
        "first",
        "21st",
        "quarter",
        "of",
        "years",
        "ago",
        "miles",
        "km",
        "one",
        "no",
        "fiscal",
        "-",
        "/",
        "10/7/2023",
        ",",
        ".",
        "\n",
        "a",
        "dozen",
        "end",
        "week",
        "US$",
        "€",
        "bathe",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]
        /// The automata, tried at token starts, find what the regex engine
        /// finds searching the whole text.
        #[test]
        fn automata_find_what_the_regex_engine_finds(
            words in proptest::collection::vec((0..WORDS.len(), 0..3usize), 1..40)
        ) {
            let mut text = String::new();
            for (word, gap) in words {
                text.push_str(WORDS[word]);
                text.push_str(["", " ", "  "][gap]);
            }
            proptest::prop_assert_eq!(automata_matches(&text), reference_matches(&text));
        }
    }

    #[test]
    fn automata_find_what_the_regex_engine_finds_in_the_fixtures() {
        let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/fixtures/article.txt");
        let text = std::fs::read_to_string(fixtures).unwrap();
        let found = automata_matches(&text);
        assert!(found.len() > 10);
        assert_eq!(found, reference_matches(&text));
    }
}
