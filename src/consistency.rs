//! Document-level consistency: one label per name, and the mentions the
//! model missed.
//!
//! 1. When the model is confident of one mention of a name (compared as
//!    [`crate::group`] does: without possessive, leading "the", case or
//!    periods), the mentions of that name it is unsure of take its label.
//! 2. A name the model found, or the last name of a PERSON it found
//!    ("Netanyahu" after "Benjamin Netanyahu"), is found again wherever else
//!    it stands in the document on token boundaries, written as found or in
//!    capitals, unless another entity is there; these mentions keep the
//!    label and score of the mention they copy, and the model as source.

use crate::document::Document;
use crate::entity::Entity;
use crate::group::{base_name, comparable as key, is_name};
use crate::label::Label;
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use std::collections::HashMap;

/// Applies both steps to `entities` (sorted, non-overlapping) of `doc`.
pub fn make_consistent(doc: &Document, entities: Vec<Entity>) -> Vec<Entity> {
    let entities = one_label_per_name(entities);
    find_other_mentions(doc, entities)
}

/// A mention at least this confident lends its label to the other mentions of its name...
const CONFIDENT: f32 = 0.9;
/// ...that are less sure than this. (With 0.8 and 0.6, chosen for greedily
/// trained models, the beam-trained `conll` model lent a dateline's LOC to
/// the sports teams of the same name: CoNLL-2003 valid F1 92.19 with these,
/// 91.92 with those; OntoNotes development unchanged, 81.54.)
const UNSURE: f32 = 0.5;

/// Step 1: the less sure mentions of a name take the label of its most
/// confident one; then every mention of a name takes the label its mentions
/// give it most often (weighted by confidence), when that label has at
/// least twice the weight of the mention's own and the mention itself is
/// less than confident ("Klarwave" is ORG, ORG, GPE, ORG, PERSON: ORG
/// throughout).
fn one_label_per_name(mut entities: Vec<Entity>) -> Vec<Entity> {
    // Each name's comparable form, once (None for numbers and dates).
    let keys: Vec<Option<String>> = entities
        .iter()
        .map(|e| is_name(e.label).then(|| key(&e.text)))
        .collect();
    // For each name: the label of its most confident mention, and the
    // confidence each label gets from its mentions.
    let mut best: HashMap<&str, (Label, f32)> = HashMap::new();
    let mut weights: HashMap<(&str, Label), f32> = HashMap::new();
    for (e, name) in entities.iter().zip(&keys) {
        let Some(name) = name.as_deref() else {
            continue;
        };
        let slot = best.entry(name).or_insert((e.label, e.score));
        if e.score > slot.1 {
            *slot = (e.label, e.score);
        }
    }
    for (e, name) in entities.iter_mut().zip(&keys) {
        let Some(name) = name.as_deref() else {
            continue;
        };
        let (label, score) = best[name];
        if score >= CONFIDENT && e.score < UNSURE {
            e.label = label;
        }
        *weights.entry((name, e.label)).or_insert(0.0) += e.score.max(0.05);
    }
    let mut winner: HashMap<&str, (Label, f32)> = HashMap::new();
    for (&(name, label), &weight) in &weights {
        let slot = winner.entry(name).or_insert((label, weight));
        // Ties go to the label first in Label::ALL's order, whatever the map's order.
        if weight > slot.1 || (weight == slot.1 && label_rank(label) < label_rank(slot.0)) {
            *slot = (label, weight);
        }
    }
    for (e, name) in entities.iter_mut().zip(&keys) {
        let Some(name) = name.as_deref() else {
            continue;
        };
        let (label, weight) = winner[name];
        let own = weights.get(&(name, e.label)).copied().unwrap_or(0.0);
        if label != e.label && weight >= 2.0 * own && e.score < CONFIDENT {
            e.label = label;
        }
    }
    entities
}

fn label_rank(label: Label) -> usize {
    Label::ALL
        .iter()
        .position(|&l| l == label)
        .unwrap_or(usize::MAX)
}

/// A form to look for, and the mention it copies.
struct Pattern {
    text: String,
    source: usize,
    /// Only after the mention it copies (a last name needs its full name first).
    only_after: bool,
}

/// Step 2: the names found, and PERSON last names, found again elsewhere.
fn find_other_mentions(doc: &Document, entities: Vec<Entity>) -> Vec<Entity> {
    let mut patterns: Vec<Pattern> = Vec::new();
    let mut seen: HashMap<String, ()> = HashMap::new();
    for (i, e) in entities.iter().enumerate() {
        if !is_name(e.label) {
            continue;
        }
        let name = base_name(&e.text);
        let mut add = |text: String, only_after: bool| {
            if text.chars().count() >= 2 && seen.insert(text.clone(), ()).is_none() {
                patterns.push(Pattern {
                    text,
                    source: i,
                    only_after,
                });
            }
        };
        add(name.to_string(), false);
        add(name.to_uppercase(), false);
        if matches!(e.label, Label::Person | Label::Per) {
            if let Some((_, last)) = name.rsplit_once(' ') {
                if last.starts_with(char::is_uppercase) {
                    add(last.to_string(), true);
                    add(last.to_uppercase(), true);
                }
            }
        }
    }
    if patterns.is_empty() {
        return entities;
    }
    // Built for one search of one document: a contiguous NFA builds several
    // times faster than a DFA and searches nearly as fast.
    let Ok(matcher) = AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .match_kind(MatchKind::LeftmostLongest)
        .build(patterns.iter().map(|p| p.text.as_str()))
    else {
        return entities;
    };
    let mut found = Vec::new();
    for m in matcher.find_iter(doc.text) {
        let pattern = &patterns[m.pattern().as_usize()];
        let source = &entities[pattern.source];
        if pattern.only_after && m.start() < source.end {
            continue;
        }
        if doc.token_span(m.start(), m.end()).is_none() {
            continue;
        }
        // Entities are sorted and do not overlap: only the first one that
        // ends after the match starts can cover it.
        let next = entities.partition_point(|e| e.end <= m.start());
        let covered = entities.get(next).is_some_and(|e| e.start < m.end());
        if !covered {
            found.push(Entity {
                start: m.start(),
                end: m.end(),
                label: source.label,
                text: doc.text[m.start()..m.end()].to_string(),
                score: source.score,
                source: source.source,
                group: None,
            });
        }
    }
    if found.is_empty() {
        return entities;
    }
    let mut all = entities;
    all.extend(found);
    all.sort_by_key(|e| e.start);
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::Source;

    fn entity(doc: &Document, text: &str, nth: usize, label: Label, score: f32) -> Entity {
        let start = doc
            .text
            .match_indices(text)
            .nth(nth)
            .expect("in the text")
            .0;
        Entity {
            start,
            end: start + text.len(),
            label,
            text: text.to_string(),
            score,
            source: Source::Model,
            group: None,
        }
    }

    #[test]
    fn a_name_keeps_its_most_confident_label() {
        let doc = Document::new("Jordan said. Later Jordan left. Jordan agreed.");
        let entities = vec![
            entity(&doc, "Jordan", 0, Label::Person, 0.9),
            entity(&doc, "Jordan", 1, Label::Gpe, 0.4),
            entity(&doc, "Jordan", 2, Label::Gpe, 0.3),
        ];
        let labels: Vec<Label> = make_consistent(&doc, entities)
            .iter()
            .map(|e| e.label)
            .collect();
        assert_eq!(labels, vec![Label::Person; 3]);
    }

    #[test]
    fn unsure_mentions_take_the_label_most_confidence_goes_to_but_a_confident_one_stays() {
        let doc = Document::new(
            "Klarwave grew. Klarwave hired. Klarwave sold. Klarwave won. Klarwave lost.",
        );
        let entities = vec![
            entity(&doc, "Klarwave", 0, Label::Org, 0.7),
            entity(&doc, "Klarwave", 1, Label::Org, 0.6),
            entity(&doc, "Klarwave", 2, Label::Gpe, 0.55),
            entity(&doc, "Klarwave", 3, Label::Org, 0.6),
            entity(&doc, "Klarwave", 4, Label::Person, 0.95),
        ];
        let labels: Vec<Label> = make_consistent(&doc, entities)
            .iter()
            .map(|e| e.label)
            .collect();
        assert_eq!(
            labels,
            [
                Label::Org,
                Label::Org,
                Label::Org,
                Label::Org,
                Label::Person
            ]
        );
    }

    #[test]
    fn last_names_after_the_full_name_are_found_and_labelled() {
        let text = "Netanyahu spoke first. Benjamin Netanyahu met aides. NETANYAHU'S PLAN: Netanyahu's aides agreed.";
        let doc = Document::new(text);
        let entities = vec![entity(&doc, "Benjamin Netanyahu", 0, Label::Person, 0.8)];
        let found: Vec<(String, Label)> = make_consistent(&doc, entities)
            .into_iter()
            .map(|e| (e.text, e.label))
            .collect();
        assert_eq!(
            found,
            vec![
                ("Benjamin Netanyahu".to_string(), Label::Person),
                ("NETANYAHU".to_string(), Label::Person),
                ("Netanyahu".to_string(), Label::Person),
            ],
            "the first 'Netanyahu' comes before the full name and is left alone"
        );
    }

    #[test]
    fn parts_of_words_and_covered_text_are_not_matched() {
        let doc = Document::new("Paris is big. Parisians love Paris Hilton.");
        let entities = vec![
            entity(&doc, "Paris", 0, Label::Gpe, 0.9),
            entity(&doc, "Paris Hilton", 0, Label::Person, 0.9),
        ];
        let found = make_consistent(&doc, entities);
        assert_eq!(found.len(), 2);
    }
}
