//! Rule recognisers for DATE, TIME, MONEY, PERCENT, QUANTITY, ORDINAL and
//! CARDINAL, written as regular expressions (`regex-automata`, of the `regex`
//! crate family).
//!
//! The patterns are compiled ahead of time into DFAs embedded in the binary
//! ([`automata`]), so a page pays nothing to compile them. Each pattern is
//! tried at every token start, in order, and gives its leftmost-first match
//! there (as the `regex` crate would); a match counts only when it ends on a
//! token boundary, stays on one line and passes its context check. Overlapping
//! matches are resolved leftmost-longest, and at equal spans by the order of
//! `PATTERNS` (in `patterns.rs`).

pub mod automata;
#[cfg(feature = "train")]
pub mod compile;
mod context;
mod patterns;

use crate::document::Document;
use crate::entity::{Entity, Source};
use crate::label::Label;
use automata::{FirstSteps, RuleDfa};
use context::{Check, MatchContext};
use patterns::PATTERNS;
use regex_automata::dfa::Automaton;
use std::sync::OnceLock;

/// A rule with its automaton.
struct Rule {
    label: Label,
    dfa: RuleDfa,
    first_steps: FirstSteps,
    score: f32,
    check: Check,
}

/// The rule recognisers. Build it once ([`RuleRecognizer::shared`]) and reuse it.
pub struct RuleRecognizer {
    rules: Vec<Rule>,
    /// For each byte, the rules whose matches can start with it: bit `i` for rule `i`.
    starters: [RuleSet; 256],
}

/// A set of rules as bits, one per rule.
type RuleSet = u32;

const _: () = assert!(PATTERNS.len() <= RuleSet::BITS as usize);

/// A match that starts and ends on token boundaries.
struct Candidate {
    start: usize,
    end: usize,
    rule: usize,
}

impl RuleRecognizer {
    /// Reads the embedded automata of every rule.
    ///
    /// # Panics
    /// If the embedded automata do not load: they are built into the binary,
    /// and a test loads them.
    pub fn new() -> Self {
        let loaded = automata::load(automata::EMBEDDED, PATTERNS.len()).and_then(|dfas| {
            dfas.into_iter()
                .enumerate()
                .map(|(index, dfa)| Ok((FirstSteps::new(index, &dfa)?, dfa)))
                .collect::<Result<Vec<_>, automata::AutomataError>>()
        });
        let automata =
            loaded.unwrap_or_else(|e| panic!("embedded rule automata: {e} (run `make rules`)"));
        let mut starters = [0; 256];
        for (index, (first_steps, dfa)) in automata.iter().enumerate() {
            let possible = first_steps.possible_first_bytes(dfa);
            for (byte, &possible) in possible.iter().enumerate() {
                starters[byte] |= RuleSet::from(possible) << index;
            }
        }
        let rules = PATTERNS
            .iter()
            .zip(automata)
            .map(|(spec, (first_steps, dfa))| Rule {
                label: spec.label,
                dfa,
                first_steps,
                score: spec.score,
                check: spec.check,
            })
            .collect();
        RuleRecognizer { rules, starters }
    }

    /// The recogniser shared by the whole process, loaded on first use.
    pub fn shared() -> &'static RuleRecognizer {
        static SHARED: OnceLock<RuleRecognizer> = OnceLock::new();
        SHARED.get_or_init(RuleRecognizer::new)
    }

    /// Finds the entities the rules recognise in `doc`: sorted, non-overlapping,
    /// on token boundaries.
    pub fn find(&self, doc: &Document) -> Vec<Entity> {
        let mut candidates = self.candidates(doc);
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

    /// Every rule's matches in `doc` that pass its checks: at each token start,
    /// the rule's leftmost-first match there. A rule skips the tokens inside
    /// its own accepted matches; a rejected match hides nothing ("bathe 1990s"
    /// rejects "the 1990s", then finds "1990s").
    fn candidates(&self, doc: &Document) -> Vec<Candidate> {
        let text = doc.text.as_bytes();
        let mut candidates = Vec::new();
        // Per rule, where its next match may start.
        let mut resume = vec![0; self.rules.len()];
        for token in &doc.tokens {
            let start = token.start;
            let mut rules = self.starters[usize::from(text[start])];
            while rules != 0 {
                let index = rules.trailing_zeros() as usize;
                rules &= rules - 1;
                if start < resume[index] {
                    continue;
                }
                let rule = &self.rules[index];
                let Some(end) = rule.match_end(doc.text, start) else {
                    continue;
                };
                if is_accepted(rule.check, doc, start, end) {
                    candidates.push(Candidate {
                        start,
                        end,
                        rule: index,
                    });
                    resume[index] = end;
                }
            }
        }
        candidates
    }
}

/// Whether the match `start..end` lies on token boundaries, in one sentence
/// (a hard-wrapped line may break "more than\n200"), and passes the rule's
/// context `check`.
fn is_accepted(check: Check, doc: &Document, start: usize, end: usize) -> bool {
    let Some((first, last)) = doc.token_span(start, end) else {
        return false;
    };
    let context = MatchContext {
        text: doc.text,
        tokens: &doc.tokens,
        first,
        last,
    };
    let sentence = doc.sentences.partition_point(|s| s.end <= first);
    let in_one_sentence = doc.sentences.get(sentence).is_some_and(|s| last < s.end);
    in_one_sentence && check.accepts(&context)
}

impl Rule {
    /// Where the rule's leftmost-first match starting at `start` ends, if it
    /// has one. `start` is a token's start, so a byte is there.
    fn match_end(&self, text: &str, start: usize) -> Option<usize> {
        let bytes = text.as_bytes();
        let look_behind = start.checked_sub(1).map(|i| bytes[i]);
        let dfa = &self.dfa;
        let mut state = self.first_steps.after(look_behind, bytes[start]);
        let mut end = None;
        // Where the next byte is; matches are reported one byte late, so a
        // match state now means a match ending before the byte just read.
        let mut at = start + 1;
        loop {
            if dfa.is_special_state(state) {
                if dfa.is_match_state(state) {
                    end = Some(at - 1);
                } else if dfa.is_dead_state(state) || dfa.is_quit_state(state) {
                    return end;
                }
            }
            let Some(&byte) = bytes.get(at) else {
                break;
            };
            state = dfa.next_state(state, byte);
            at += 1;
        }
        state = dfa.next_eoi_state(state);
        if dfa.is_match_state(state) {
            end = Some(bytes.len());
        }
        end
    }
}

impl Default for RuleRecognizer {
    fn default() -> Self {
        RuleRecognizer::new()
    }
}
