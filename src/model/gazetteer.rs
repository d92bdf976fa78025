//! Gazetteer matching: which tokens are part of a known name, of which type.
//!
//! Entries are stored as keys of their token sequence (lower-cased, digits
//! folded, as [`TokenInfo::norm`]), each with a bit set of types (first name,
//! country, city...). Matching a sentence looks up every token n-gram up to
//! the longest entry and marks each covered token with a bit for
//! `type × position`, position being begin, inside, last or unit.

use super::features::{mark_span, TokenInfo};
use super::hash::{fingerprint, finish, mix};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// The most types a gazetteer may have (4 position bits each fill a `u32`).
pub const MAX_TYPES: usize = 8;

/// A hasher for keys that are already hashes.
#[derive(Default)]
pub struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = mix(self.0, u64::from(b));
        }
    }
    fn write_u64(&mut self, n: u64) {
        // Keys may be 32-bit fingerprints: spread them over the high bits
        // too, which the table reads for its control bytes.
        self.0 = n.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// A map keyed by precomputed hashes.
pub type KeyMap<V> = HashMap<u64, V, BuildHasherDefault<KeyHasher>>;

/// Known names, by token sequence.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Gazetteer {
    /// The names of the types, in bit order.
    pub types: Vec<String>,
    /// Type bits of each entry, by [`phrase_key`].
    pub entries: KeyMap<u8>,
    /// The number of tokens of the longest entry.
    pub max_tokens: usize,
}

/// The key of a token sequence (a 32-bit fingerprint, as model files store it).
pub fn phrase_key(norms: impl Iterator<Item = u64>) -> u64 {
    let mut h = 3;
    let mut n = 0;
    for norm in norms {
        h = mix(h, norm);
        n += 1;
    }
    u64::from(fingerprint(finish(mix(h, n))))
}

impl Gazetteer {
    /// Adds the entry with token infos `tokens` to the types in `type_bits`.
    pub fn insert(&mut self, tokens: &[TokenInfo], type_bits: u8) {
        if tokens.is_empty() {
            return;
        }
        let key = phrase_key(tokens.iter().map(|t| t.norm));
        *self.entries.entry(key).or_insert(0) |= type_bits;
        self.max_tokens = self.max_tokens.max(tokens.len());
    }

    /// The match bits of each token of a sentence.
    pub fn matches(&self, infos: &[TokenInfo]) -> Vec<u32> {
        let mut bits = vec![0u32; infos.len()];
        if self.entries.is_empty() {
            return bits;
        }
        for start in 0..infos.len() {
            let longest = self.max_tokens.min(infos.len() - start);
            // phrase_key, one token longer each time: the running hash of the
            // first `len` norms, finished with the length.
            let mut h = 3;
            for len in 1..=longest {
                h = mix(h, infos[start + len - 1].norm);
                let key = u64::from(fingerprint(finish(mix(h, len as u64))));
                let Some(&types) = self.entries.get(&key) else {
                    continue;
                };
                for t in (0..MAX_TYPES).filter(|t| types & (1 << t) != 0) {
                    mark_span(&mut bits, start, start + len - 1, t);
                }
            }
        }
        bits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn infos(words: &[&str]) -> Vec<TokenInfo> {
        words.iter().map(|w| TokenInfo::new(w)).collect()
    }

    #[test]
    fn marks_begin_inside_last_and_unit_positions() {
        let mut g = Gazetteer::default();
        g.insert(&infos(&["New", "York", "City"]), 0b10);
        g.insert(&infos(&["Paris"]), 0b1);
        let bits = g.matches(&infos(&["from", "new", "york", "city", "to", "PARIS"]));
        assert_eq!(bits, vec![0, 1 << 4, 1 << 5, 1 << 6, 0, 1 << 3]);
    }
}
