//! Runtime term lists: names a user wants found with a given label, and
//! strings that must never come out.
//!
//! Terms are matched with one multi-pattern automaton (the `aho-corasick`
//! crate), leftmost-longest, case-sensitively, on token boundaries. The rule
//! for merging: a term match wins over any model or rule entity it overlaps
//! (the user knows their field), with score 1 and source `terms`. Then every
//! entity whose text, without a possessive or leading "the" and ignoring
//! case, is on the deny list is dropped.

use crate::document::Document;
use crate::entity::{Entity, Source};
use crate::group::base_name;
use crate::label::Label;
use aho_corasick::{AhoCorasick, MatchKind};
use std::collections::HashSet;
use std::fmt;

/// A term to find.
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize)]
pub struct Term {
    /// The text, as it is written.
    pub text: String,
    /// The label it gets.
    pub label: Label,
}

/// Why a term list could not be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TermsError {
    /// A term with empty text.
    EmptyTerm,
    /// The automaton could not be built (too many or too long terms).
    TooLarge(String),
}

impl fmt::Display for TermsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TermsError::EmptyTerm => write!(f, "a term has empty text"),
            TermsError::TooLarge(e) => write!(f, "term list too large: {e}"),
        }
    }
}

impl std::error::Error for TermsError {}

/// A compiled term list.
#[derive(Clone, Debug)]
pub struct Terms {
    matcher: Option<AhoCorasick>,
    labels: Vec<Label>,
    deny: HashSet<String>,
}

fn deny_key(text: &str) -> String {
    base_name(text).to_lowercase()
}

impl Terms {
    /// Compiles `terms` and the `deny` list; denied terms are left out.
    pub fn new(terms: &[Term], deny: &[String]) -> Result<Terms, TermsError> {
        let deny: HashSet<String> = deny.iter().map(|d| deny_key(d)).collect();
        let kept: Vec<&Term> = terms
            .iter()
            .filter(|t| !deny.contains(&deny_key(&t.text)))
            .collect();
        if kept.iter().any(|t| t.text.trim().is_empty()) {
            return Err(TermsError::EmptyTerm);
        }
        let matcher = if kept.is_empty() {
            None
        } else {
            Some(
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(kept.iter().map(|t| t.text.as_str()))
                    .map_err(|e| TermsError::TooLarge(e.to_string()))?,
            )
        };
        Ok(Terms {
            matcher,
            labels: kept.iter().map(|t| t.label).collect(),
            deny,
        })
    }

    /// Merges the term matches of `doc` into `entities` (sorted,
    /// non-overlapping) and drops denied entities.
    pub fn apply(&self, doc: &Document, entities: Vec<Entity>) -> Vec<Entity> {
        let matches: Vec<Entity> = self
            .matcher
            .iter()
            .flat_map(|m| m.find_iter(doc.text))
            .filter(|m| doc.token_span(m.start(), m.end()).is_some())
            .map(|m| Entity {
                start: m.start(),
                end: m.end(),
                label: self.labels[m.pattern().as_usize()],
                text: doc.text[m.start()..m.end()].to_string(),
                score: 1.0,
                source: Source::Terms,
                group: None,
            })
            .collect();
        let overlaps_a_term =
            |e: &Entity| matches.iter().any(|t| t.start < e.end && e.start < t.end);
        let mut out: Vec<Entity> = entities
            .into_iter()
            .filter(|e| !overlaps_a_term(e))
            .collect();
        out.extend(matches);
        out.retain(|e| !self.deny.contains(&deny_key(&e.text)));
        out.sort_by_key(|e| e.start);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(text: &str, label: Label) -> Term {
        Term {
            text: text.into(),
            label,
        }
    }

    fn model_entity(doc: &Document, text: &str, label: Label) -> Entity {
        let start = doc.text.find(text).unwrap();
        Entity {
            start,
            end: start + text.len(),
            label,
            text: text.into(),
            score: 0.5,
            source: Source::Model,
            group: None,
        }
    }

    #[test]
    fn terms_win_over_what_they_overlap_and_denied_strings_never_come_out() {
        let doc = Document::new("Acme Widgets sued Foo Corp in Springfield on Monday.");
        let entities = vec![
            model_entity(&doc, "Acme", Label::Person),
            model_entity(&doc, "Foo Corp", Label::Org),
            model_entity(&doc, "Springfield", Label::Gpe),
        ];
        let terms = Terms::new(
            &[
                term("Acme Widgets", Label::Org),
                term("Monday", Label::Event),
                term("Wid", Label::Org),
            ],
            &["springfield".into()],
        )
        .unwrap();
        let found: Vec<(String, Label, Source)> = terms
            .apply(&doc, entities)
            .into_iter()
            .map(|e| (e.text, e.label, e.source))
            .collect();
        assert_eq!(
            found,
            vec![
                ("Acme Widgets".into(), Label::Org, Source::Terms),
                ("Foo Corp".into(), Label::Org, Source::Model),
                ("Monday".into(), Label::Event, Source::Terms),
            ]
        );
    }

    #[test]
    fn an_empty_term_is_an_error() {
        assert_eq!(
            Terms::new(&[term(" ", Label::Org)], &[]).unwrap_err(),
            TermsError::EmptyTerm
        );
    }
}
