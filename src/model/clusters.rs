//! Word clusters: words that appear in similar contexts share a cluster id,
//! so what the tagger learns about "Blinken" helps with a name it never saw.
//!
//! Each known word (lower-cased, digits folded: [`TokenInfo::norm`]) has a
//! fine and a coarse cluster, learned by `ner train` from the words around it
//! in the training text (see the `train` module). Unknown words have none.

use super::features::TokenInfo;
use super::gazetteer::KeyMap;
use super::hash::fingerprint;

/// Cluster ids of a word.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ClusterIds {
    /// Fine cluster, from 1 (0: unknown word).
    pub fine: u16,
    /// Coarse cluster, from 1 (0: unknown word).
    pub coarse: u16,
}

/// Cluster ids by word.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Clusters {
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
