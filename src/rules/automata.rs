//! The rule patterns as precompiled automata: one anchored, minimised sparse
//! DFA per pattern of `PATTERNS` (in `patterns.rs`), in the same order,
//! embedded in the binary and read in place (nothing to compile when a page
//! loads).
//!
//! The file `patterns.dfa` is built from the patterns by
//! `make rules` (see `compile.rs`); a test fails when it no longer matches them.
//!
//! Layout, integers little-endian:
//!
//! | bytes | content |
//! |---|---|
//! | 8 | magic `NERRULE\0` |
//! | 4 | format version ([`FORMAT_VERSION`]) |
//! | 4 | number of automata |
//! | per automaton: 4 | its length in bytes |
//! | per automaton: length | a `regex-automata` sparse DFA, serialised little-endian |

use regex_automata::dfa::{sparse, Automaton};
use regex_automata::util::primitives::StateID;
use regex_automata::util::start;
use regex_automata::Anchored;
use std::fmt;

/// The automata of every rule pattern, built by `make rules`.
pub static EMBEDDED: &[u8] = include_bytes!("patterns.dfa");

/// The first bytes of a rule-automata file.
pub const MAGIC: &[u8; 8] = b"NERRULE\0";

/// The version of the layout above; bump it when the layout changes.
pub const FORMAT_VERSION: u32 = 1;

/// One rule's automaton, read in place from the bytes it was loaded from.
pub type RuleDfa = sparse::DFA<&'static [u8]>;

/// Why a rule-automata file could not be read.
#[derive(Debug)]
pub enum AutomataError {
    /// The file does not start with [`MAGIC`].
    BadMagic,
    /// The file has another format version than [`FORMAT_VERSION`].
    UnsupportedVersion(u32),
    /// The file ends inside a header or an automaton.
    Truncated,
    /// The file holds another number of automata than there are patterns.
    WrongCount {
        /// How many patterns there are.
        expected: usize,
        /// How many automata the file holds.
        found: usize,
    },
    /// An automaton is not a valid sparse DFA.
    Dfa {
        /// The automaton's index.
        index: usize,
        /// What `regex-automata` found wrong.
        message: String,
    },
}

impl fmt::Display for AutomataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AutomataError::BadMagic => write!(f, "not a rule-automata file (bad magic bytes)"),
            AutomataError::UnsupportedVersion(v) => write!(
                f,
                "rule-automata format version {v} is not supported (this build reads version {FORMAT_VERSION})"
            ),
            AutomataError::Truncated => write!(f, "the rule-automata file is truncated"),
            AutomataError::WrongCount { expected, found } => write!(
                f,
                "the rule-automata file holds {found} automata, but there are {expected} patterns"
            ),
            AutomataError::Dfa { index, message } => {
                write!(f, "rule automaton {index} is invalid: {message}")
            }
        }
    }
}

impl std::error::Error for AutomataError {}

/// Reads `expected` automata from `bytes`, validating the layout and every DFA.
pub fn load(bytes: &'static [u8], expected: usize) -> Result<Vec<RuleDfa>, AutomataError> {
    let mut rest = bytes
        .strip_prefix(MAGIC.as_slice())
        .ok_or(AutomataError::BadMagic)?;
    let version = read_u32(&mut rest)?;
    if version != FORMAT_VERSION {
        return Err(AutomataError::UnsupportedVersion(version));
    }
    let found = read_u32(&mut rest)? as usize;
    if found != expected {
        return Err(AutomataError::WrongCount { expected, found });
    }
    let mut dfas = Vec::with_capacity(found);
    for index in 0..found {
        let len = read_u32(&mut rest)? as usize;
        if rest.len() < len {
            return Err(AutomataError::Truncated);
        }
        let (body, after) = rest.split_at(len);
        let (dfa, used) = sparse::DFA::from_bytes(body).map_err(|e| AutomataError::Dfa {
            index,
            message: e.to_string(),
        })?;
        if used != len {
            return Err(AutomataError::Dfa {
                index,
                message: format!("{} trailing bytes", len - used),
            });
        }
        dfas.push(dfa);
        rest = after;
    }
    if !rest.is_empty() {
        return Err(AutomataError::Truncated);
    }
    Ok(dfas)
}

/// Writes automata (each a serialised sparse DFA) in the layout above.
pub fn write(automata: &[Vec<u8>]) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&(automata.len() as u32).to_le_bytes());
    for dfa in automata {
        out.extend_from_slice(&(dfa.len() as u32).to_le_bytes());
        out.extend_from_slice(dfa);
    }
    out
}

fn read_u32(rest: &mut &[u8]) -> Result<u32, AutomataError> {
    let (head, tail) = rest
        .split_first_chunk::<4>()
        .ok_or(AutomataError::Truncated)?;
    *rest = tail;
    Ok(u32::from_le_bytes(*head))
}

/// A rule automaton's state after the first byte of a match, looked up
/// rather than computed: the start state depends on the byte before the
/// match, and a sparse DFA's first transition (out of a state with many) is
/// its slowest.
pub struct FirstSteps {
    /// For each byte before a match (256: none, the start of the text), its row.
    row_of: [u8; 257],
    /// For each distinct start state, the state after each first byte.
    rows: Vec<[StateID; 256]>,
}

impl FirstSteps {
    /// The first steps of `dfa`, the automaton of rule `index` (named in errors).
    pub fn new(index: usize, dfa: &RuleDfa) -> Result<Self, AutomataError> {
        let mut starts: Vec<StateID> = Vec::new();
        let mut row_of = [0u8; 257];
        for (before, row) in row_of.iter_mut().enumerate() {
            let look_behind = u8::try_from(before).ok();
            let config = start::Config::new()
                .anchored(Anchored::Yes)
                .look_behind(look_behind);
            let state = dfa.start_state(&config).map_err(|e| AutomataError::Dfa {
                index,
                message: e.to_string(),
            })?;
            let k = starts.iter().position(|&s| s == state).unwrap_or_else(|| {
                starts.push(state);
                starts.len() - 1
            });
            *row = k as u8;
        }
        // Bytes of one equivalence class lead to the same state: one lookup per
        // class, not per byte (a sparse DFA's lookup scans the state's transitions).
        let classes = dfa.byte_classes();
        let rows = starts
            .iter()
            .map(|&state| {
                let mut by_class = vec![None; classes.alphabet_len()];
                std::array::from_fn(|byte| {
                    let byte = byte as u8;
                    *by_class[usize::from(classes.get(byte))]
                        .get_or_insert_with(|| dfa.next_state(state, byte))
                })
            })
            .collect();
        Ok(FirstSteps { row_of, rows })
    }

    /// The state after `byte`, the first of a match, with `look_behind` before it.
    #[inline]
    pub fn after(&self, look_behind: Option<u8>, byte: u8) -> StateID {
        let row = self.row_of[look_behind.map_or(256, usize::from)];
        self.rows[usize::from(row)][usize::from(byte)]
    }

    /// The bytes a match can start with, whatever comes before it: a table
    /// indexed by byte. A search need not start where this says `false`.
    pub fn possible_first_bytes(&self, dfa: &RuleDfa) -> [bool; 256] {
        std::array::from_fn(|byte| self.rows.iter().any(|row| !dfa.is_dead_state(row[byte])))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leak(bytes: Vec<u8>) -> &'static [u8] {
        Box::leak(bytes.into_boxed_slice())
    }

    #[test]
    fn the_embedded_automata_load() {
        let dfas = load(EMBEDDED, super::super::patterns::PATTERNS.len()).unwrap();
        for (index, dfa) in dfas.iter().enumerate() {
            let steps = FirstSteps::new(index, dfa).unwrap();
            assert!(steps.possible_first_bytes(dfa).contains(&true));
        }
    }

    #[test]
    fn first_steps_are_the_automata_own_transitions() {
        let dfas = load(EMBEDDED, super::super::patterns::PATTERNS.len()).unwrap();
        for (index, dfa) in dfas.iter().enumerate() {
            let steps = FirstSteps::new(index, dfa).unwrap();
            for look_behind in [
                None,
                Some(b' '),
                Some(b'a'),
                Some(b'1'),
                Some(b'.'),
                Some(0xC3),
            ] {
                let config = start::Config::new()
                    .anchored(Anchored::Yes)
                    .look_behind(look_behind);
                let start = dfa.start_state(&config).unwrap();
                for byte in 0..=255u8 {
                    assert_eq!(
                        steps.after(look_behind, byte),
                        dfa.next_state(start, byte),
                        "rule {index}, after {look_behind:?}, byte {byte}"
                    );
                }
            }
        }
    }

    #[test]
    fn damaged_files_give_typed_errors() {
        let count = super::super::patterns::PATTERNS.len();
        assert!(matches!(
            load(b"NOTRULES", count),
            Err(AutomataError::BadMagic)
        ));
        let mut other_version = EMBEDDED.to_vec();
        other_version[8] = 9;
        assert!(matches!(
            load(leak(other_version), count),
            Err(AutomataError::UnsupportedVersion(9))
        ));
        assert!(matches!(
            load(EMBEDDED, count + 1),
            Err(AutomataError::WrongCount { .. })
        ));
        for cut in [10, 17, EMBEDDED.len() / 2, EMBEDDED.len() - 1] {
            let err = load(leak(EMBEDDED[..cut].to_vec()), count).unwrap_err();
            assert!(
                matches!(err, AutomataError::Truncated | AutomataError::Dfa { .. }),
                "{err}"
            );
        }
        let mut garbled = EMBEDDED.to_vec();
        for byte in &mut garbled[20..200] {
            *byte = 0xff;
        }
        assert!(load(leak(garbled), count).is_err());
        let mut longer = EMBEDDED.to_vec();
        longer.push(0);
        assert!(matches!(
            load(leak(longer), count),
            Err(AutomataError::Truncated)
        ));
    }
}
