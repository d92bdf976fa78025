//! What the neural tagger reads of each token: a row in each of its
//! embedding tables (the word's pretrained vector, hashed word, affixes and
//! shape, flags, word clusters, the sentence's way of writing) and the
//! gazetteer and rule matches as bits.
//!
//! Training (`ner neural-inputs`, read by `scripts/neural/train.py`) and
//! tagging compute them here and nowhere else, so both see the same ids.
//! Changing anything here changes the ids: bump [`INPUT_VERSION`], which
//! model files record, and retrain.

use crate::model::clusters::ClusterIds;
use crate::model::features::{SentenceContext, TokenInfo};
use crate::model::truecase::SentenceCase;

/// The version of the inputs; a model trained with another is refused.
pub const INPUT_VERSION: u32 = 1;

/// The embedding tables, in the order of a token's ids.
pub const SLOTS: usize = 12;

/// Slot of the pretrained word vectors (rows from the model's vocabulary).
pub const WORD_SLOT: usize = 0;

/// Rows of each table (the word table's come from the vocabulary: 0 here).
/// Hashed slots take the hash modulo their rows.
pub const TABLE_ROWS: [u32; SLOTS] = [
    0,      // word: 1 + vocabulary row, 0 for a word without a vector
    32_768, // lower-cased word, digits as 0, hashed
    16_384, // the word as written, hashed
    8_192,  // 3-letter prefix, hashed
    8_192,  // 2-letter suffix, hashed
    8_192,  // 3-letter suffix, hashed
    8_192,  // 4-letter suffix, hashed
    4_096,  // shape, hashed
    256,    // casing and character flags
    2_048,  // cluster id, first level
    2_048,  // cluster id, second level
    8,      // the sentence's way of writing, 2 apart, plus 1 for its first token
];

/// A token's ids, one per slot.
pub type TokenIds = [u32; SLOTS];

/// Number of bits in a token's match bits: the gazetteer's 32, then the rules' 28.
pub const MATCH_BITS: usize = 60;

/// Rows of the pretrained word vectors, found by the lower-cased word's hash
/// ([`TokenInfo::norm`]), sorted for a binary search.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Vocabulary {
    keys: Vec<u64>,
}

impl Vocabulary {
    /// A vocabulary of strictly increasing `keys`; `None` when they are not.
    pub fn from_sorted(keys: Vec<u64>) -> Option<Self> {
        keys.windows(2)
            .all(|w| w[0] < w[1])
            .then_some(Vocabulary { keys })
    }

    /// How many words have a vector.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether no word has a vector.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The keys, in row order.
    pub fn keys(&self) -> &[u64] {
        &self.keys
    }

    /// The word table's row of `info`: 1 plus its vector's row, 0 for none.
    pub fn row(&self, info: &TokenInfo) -> u32 {
        self.keys
            .binary_search(&info.norm)
            .map_or(0, |i| i as u32 + 1)
    }
}

/// Slots that depend on the word alone (all but the last).
pub const WORD_SLOTS: usize = SLOTS - 1;

/// A word's ids in the first [`WORD_SLOTS`] slots.
pub type WordIds = [u32; WORD_SLOTS];

/// The ids of the word `info` with cluster ids `clusters` (of which the
/// base model has `cluster_levels` levels): the same wherever it stands.
pub fn word_ids(
    vocabulary: &Vocabulary,
    info: &TokenInfo,
    clusters: ClusterIds,
    cluster_levels: usize,
) -> WordIds {
    let hashed = |slot: usize, h: u64| (h % u64::from(TABLE_ROWS[slot])) as u32;
    let cluster = |slot: usize, level: usize| {
        if level < cluster_levels {
            u32::from(clusters.0[level]).min(TABLE_ROWS[slot] - 1)
        } else {
            0
        }
    };
    [
        vocabulary.row(info),
        hashed(1, info.norm),
        hashed(2, info.exact),
        hashed(3, info.prefixes[2]),
        hashed(4, info.suffixes[1]),
        hashed(5, info.suffixes[2]),
        hashed(6, info.suffixes[3]),
        hashed(7, info.shape),
        u32::from(info.flags),
        cluster(9, 0),
        cluster(10, 1),
    ]
}

/// The id of the last slot: the sentence's way of writing, and whether
/// the token is its first.
pub fn place_id(case: SentenceCase, first: bool) -> u32 {
    let case = match case {
        SentenceCase::Ordinary => 0,
        SentenceCase::Title => 2,
        SentenceCase::Capitals => 4,
    };
    case + u32::from(first)
}

/// The ids of token `i` of `sentence`: its word's, then its place's.
pub fn token_ids(vocabulary: &Vocabulary, sentence: &SentenceContext, i: usize) -> TokenIds {
    let word = word_ids(
        vocabulary,
        &sentence.infos[i],
        sentence.clusters[i],
        sentence.cluster_levels,
    );
    let mut ids = [0; SLOTS];
    ids[..WORD_SLOTS].copy_from_slice(&word);
    ids[WORD_SLOTS] = place_id(sentence.case, i == 0);
    ids
}

/// The gazetteer and rule matches of token `i` as one 64-bit set: the
/// gazetteer's bits, then the rules' shifted up by 32.
pub fn match_bits(sentence: &SentenceContext, i: usize) -> u64 {
    u64::from(sentence.gazetteer[i]) | (u64::from(sentence.rules[i]) << 32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_stay_inside_their_tables() {
        let words = [
            "WASHINGTON",
            "--",
            "Mr.",
            "Smith",
            "'s",
            "2,000",
            "\u{1F600}",
        ];
        let infos: Vec<TokenInfo> = words.iter().map(|w| TokenInfo::new(w)).collect();
        let clusters = vec![ClusterIds([0xffff; 8]); infos.len()];
        let zeros = vec![0u32; infos.len()];
        let sentence = SentenceContext {
            infos: &infos,
            gazetteer: &zeros,
            rules: &zeros,
            clusters: &clusters,
            cluster_levels: 2,
            case: SentenceCase::Capitals,
        };
        let vocabulary =
            Vocabulary::from_sorted(vec![TokenInfo::new("smith").norm]).expect("one key");
        for (i, word) in words.iter().enumerate() {
            let ids = token_ids(&vocabulary, &sentence, i);
            for (slot, (&id, &rows)) in ids.iter().zip(&TABLE_ROWS).enumerate().skip(1) {
                assert!(id < rows, "slot {slot} of {word}");
            }
            assert_eq!(ids[WORD_SLOT], u32::from(i == 3));
        }
        assert_eq!(token_ids(&vocabulary, &sentence, 0)[11], 5);
    }

    #[test]
    fn a_vocabulary_must_be_sorted() {
        assert!(Vocabulary::from_sorted(vec![2, 1]).is_none());
        assert!(Vocabulary::from_sorted(vec![1, 1]).is_none());
        assert!(Vocabulary::from_sorted(vec![1, 2]).is_some());
    }
}
