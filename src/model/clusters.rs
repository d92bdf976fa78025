//! Word clusters: words that appear in similar contexts share a cluster id,
//! so what the tagger learns about "Blinken" helps with a name it never saw.
//!
//! Each known word (lower-cased, digits folded: [`TokenInfo::norm`]) has one
//! cluster id per level: several clusterings of the same words at different
//! granularities (for the built-in models, k-means of word vectors learned
//! from 52M words of unlabelled text; see `scripts/word_reps.py`), or the
//! fine and coarse clusters `ner train` learns from its own training text.
//! Unknown words have none (id 0 at every level).

use super::features::TokenInfo;
use super::gazetteer::KeyMap;
use super::hash::fingerprint;

/// The most cluster levels a model may have.
pub const MAX_LEVELS: usize = 8;

/// Cluster ids of a word, one per level, from 1 (0: unknown word; levels
/// beyond the model's count are 0).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ClusterIds(pub [u16; MAX_LEVELS]);

/// Cluster ids by word.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Clusters {
    /// How many levels each word has (at most [`MAX_LEVELS`]).
    pub levels: usize,
    /// Ids by the 32-bit fingerprint of the word's `norm`.
    pub ids: KeyMap<ClusterIds>,
}

impl Clusters {
    /// The key under which a word's ids are stored.
    pub fn key(info: &TokenInfo) -> u32 {
        fingerprint(info.norm)
    }

    /// The ids of each token (zeros for unknown words).
    pub fn lookup(&self, infos: &[TokenInfo]) -> Vec<ClusterIds> {
        infos
            .iter()
            .map(|info| {
                self.ids
                    .get(&u64::from(Self::key(info)))
                    .copied()
                    .unwrap_or_default()
            })
            .collect()
    }
}
