//! Rule recognisers for DATE, TIME, MONEY, PERCENT, QUANTITY, ORDINAL and
//! CARDINAL, written as regular expressions (the `regex` crate).
//!
//! Every pattern runs over the whole text; a match counts only when it starts
//! and ends on token boundaries, stays on one line and passes its context
//! check. Overlapping matches are resolved leftmost-longest, and at equal
//! spans by the order of [`patterns::PATTERNS`].

mod context;
mod patterns;

use crate::document::Document;
use crate::entity::{Entity, Source};
use crate::label::Label;
use context::{Check, MatchContext};
use patterns::{PatternSpec, PATTERNS, PIECES};
use regex_automata::meta::{Config, Regex};
use regex_automata::Input;
use std::sync::OnceLock;

/// A compiled rule.
struct Rule {
    label: Label,
    regex: Regex,
    score: f32,
    check: Check,
}

/// The compiled rule recognisers. Build it once ([`RuleRecognizer::shared`]) and reuse it.
pub struct RuleRecognizer {
    rules: Vec<Rule>,
}

/// A match that starts and ends on token boundaries.
struct Candidate {
    start: usize,
    end: usize,
    rule: usize,
}

impl RuleRecognizer {
    /// Compiles every rule.
    ///
    /// # Panics
    /// If a pattern does not compile: the patterns are constants, and a test compiles them all.
    pub fn new() -> Self {
        let rules = PATTERNS.iter().map(compile).collect();
        RuleRecognizer { rules }
    }

    /// The recogniser shared by the whole process, compiled on first use.
    pub fn shared() -> &'static RuleRecognizer {
        static SHARED: OnceLock<RuleRecognizer> = OnceLock::new();
        SHARED.get_or_init(RuleRecognizer::new)
    }

    /// Finds the entities the rules recognise in `doc`: sorted, non-overlapping,
    /// on token boundaries.
    pub fn find(&self, doc: &Document) -> Vec<Entity> {
        let mut candidates = Vec::new();
        for (index, rule) in self.rules.iter().enumerate() {
            find_candidates(rule, index, doc, &mut candidates);
        }
        candidates.sort_by(|a, b| {
            (a.start, std::cmp::Reverse(a.end), a.rule).cmp(&(
                b.start,
                std::cmp::Reverse(b.end),
                b.rule,
            ))
        });
        let mut entities: Vec<Entity> = Vec::new();
        for c in candidates {
            if entities.last().is_some_and(|e| c.start < e.end) {
                continue;
            }
            let rule = &self.rules[c.rule];
            entities.push(Entity {
                start: c.start,
                end: c.end,
                label: rule.label,
                text: doc.text[c.start..c.end].to_string(),
                score: rule.score,
                source: Source::Rule,
                group: None,
            });
        }
        entities
    }
}

/// Adds the matches of `rule` (the `index`th) in `doc` that pass its checks
/// to `out`. A rejected match does not hide the matches that start inside
/// it: the search goes on from the next token ("bathe 1990s" rejects
/// "the 1990s", then finds "1990s").
fn find_candidates(rule: &Rule, index: usize, doc: &Document, out: &mut Vec<Candidate>) {
    let mut at = 0;
    while let Some(m) = rule.regex.search(&Input::new(doc.text).range(at..)) {
        if is_accepted(rule, doc, m.start(), m.end()) {
            out.push(Candidate {
                start: m.start(),
                end: m.end(),
                rule: index,
            });
            at = m.end().max(next_token_start(doc, m.start()));
        } else {
            at = next_token_start(doc, m.start());
        }
        if at >= doc.text.len() {
            break;
        }
    }
}

/// Whether the match `start..end` of `rule` lies on token boundaries, on one
/// line, and passes the rule's context check.
fn is_accepted(rule: &Rule, doc: &Document, start: usize, end: usize) -> bool {
    let Some((first, last)) = doc.token_span(start, end) else {
        return false;
    };
    let context = MatchContext {
        text: doc.text,
        tokens: &doc.tokens,
        first,
        last,
    };
    !doc.text[start..end].contains(is_line_break) && rule.check.accepts(&context)
}

/// Characters that end a line.
fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{0085}' | '\u{2028}' | '\u{2029}')
}

/// The start of the first token that starts after `pos`, or the text's end.
fn next_token_start(doc: &Document, pos: usize) -> usize {
    let i = doc.tokens.partition_point(|t| t.start <= pos);
    doc.tokens.get(i).map_or(doc.text.len(), |t| t.start)
}

impl Default for RuleRecognizer {
    fn default() -> Self {
        RuleRecognizer::new()
    }
}

fn compile(spec: &PatternSpec) -> Rule {
    let pattern = expand(spec.pattern);
    // No literal prefilters: finding them in these patterns' long
    // case-insensitive alternations took half the compile time (which a
    // browser pays on every page load) and saved ~5% of search time.
    let config = Config::new()
        .nfa_size_limit(Some(50 << 20))
        .auto_prefilter(false);
    let regex = Regex::builder()
        .configure(config)
        .build(&pattern)
        .unwrap_or_else(|e| panic!("rule pattern for {} does not compile: {e}", spec.label));
    Rule {
        label: spec.label,
        regex,
        score: spec.score,
        check: spec.check,
    }
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
    fn every_pattern_compiles_and_every_piece_expands() {
        for spec in PATTERNS {
            let expanded = expand(spec.pattern);
            for (name, _) in PIECES {
                assert!(
                    !expanded.contains(&format!("{{{name}}}")),
                    "{name} left in {expanded}"
                );
            }
            compile(spec);
        }
    }
}
