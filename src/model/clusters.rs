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
use super::hash::fingerprint;

/// The most cluster levels a model may have.
pub const MAX_LEVELS: usize = 8;

/// Cluster ids of a word, one per level, from 1 (0: unknown word; levels
/// beyond the model's count are 0).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ClusterIds(pub [u16; MAX_LEVELS]);

/// Cluster ids by word: the words' keys in increasing order beside their
/// ids, looked up by binary search, so that loading a model builds no hash
/// table (the built-in table has 50,000 words).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Clusters {
    /// How many levels each word has (at most [`MAX_LEVELS`]).
    pub levels: usize,
    /// The 32-bit fingerprints of the words' `norm`, increasing.
    keys: Vec<u32>,
    /// `levels` ids per word, word by word.
    ids: Vec<u16>,
}

impl Clusters {
    /// The clusters of `words` (key, ids), with `levels` levels; of a key
    /// given twice, the first ids count.
    pub fn new(levels: usize, words: impl IntoIterator<Item = (u32, ClusterIds)>) -> Self {
        let levels = levels.min(MAX_LEVELS);
        let mut words: Vec<(u32, ClusterIds)> = words.into_iter().collect();
        words.sort_by_key(|&(key, _)| key);
        words.dedup_by_key(|&mut (key, _)| key);
        Clusters {
            levels,
            keys: words.iter().map(|&(key, _)| key).collect(),
            ids: words
                .iter()
                .flat_map(|(_, ids)| ids.0[..levels].iter().copied())
                .collect(),
        }
    }

    /// The clusters of words whose keys are `keys` (strictly increasing),
    /// their ids `ids` (`levels` per word, word by word), as a model file
    /// stores them; `None` when the lengths or the order do not fit.
    pub fn from_sorted(levels: usize, keys: Vec<u32>, ids: Vec<u16>) -> Option<Self> {
        let fits = levels <= MAX_LEVELS
            && ids.len() == keys.len() * levels
            && keys.windows(2).all(|w| w[0] < w[1]);
        fits.then_some(Clusters { levels, keys, ids })
    }

    /// The number of words.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether no word has clusters.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The ids of the word with `key`.
    pub fn get(&self, key: u32) -> Option<ClusterIds> {
        let i = self.keys.binary_search(&key).ok()?;
        let mut ids = ClusterIds::default();
        ids.0[..self.levels].copy_from_slice(&self.ids[i * self.levels..(i + 1) * self.levels]);
        Some(ids)
    }

    /// Every word's key and ids, in increasing key order.
    pub fn words(&self) -> impl Iterator<Item = (u32, ClusterIds)> + '_ {
        self.keys
            .iter()
            .map(|&key| (key, self.get(key).unwrap_or_default()))
    }

    /// The key under which a word's ids are stored.
    pub fn key(info: &TokenInfo) -> u32 {
        fingerprint(info.norm)
    }

    /// The ids of each token (zeros for unknown words).
    pub fn lookup(&self, infos: &[TokenInfo]) -> Vec<ClusterIds> {
        infos
            .iter()
            .map(|info| self.get(Self::key(info)).unwrap_or_default())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorted_tables_are_checked_and_found_by_key() {
        let clusters = Clusters::from_sorted(2, vec![3, 9], vec![1, 2, 3, 4]).unwrap();
        assert_eq!(clusters.get(9).unwrap().0[..3], [3, 4, 0]);
        assert_eq!(clusters.get(4), None);
        assert_eq!(clusters.words().count(), 2);
        assert!(Clusters::from_sorted(2, vec![9, 3], vec![1, 2, 3, 4]).is_none());
        assert!(Clusters::from_sorted(2, vec![3, 9], vec![1, 2, 3]).is_none());
        assert!(Clusters::from_sorted(9, vec![], vec![]).is_none());
        let built = Clusters::new(
            2,
            [
                (9, ClusterIds([3, 4, 0, 0, 0, 0, 0, 0])),
                (3, ClusterIds([1, 2, 0, 0, 0, 0, 0, 0])),
            ],
        );
        assert_eq!(built, clusters);
    }
}
