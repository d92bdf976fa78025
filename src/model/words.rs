//! The distinct words of a document and the weight sums that depend on a
//! word alone, computed once per distinct word instead of once per token.
//!
//! Most of a token's features look at one token only: its own word, affixes
//! and clusters ([`word_features`]), or one neighbour's
//! ([`left_neighbour_features`], [`right_neighbour_features`]). Their weight
//! sums are the same wherever the word stands, and news text repeats its
//! words, so the tagger sums them per distinct word and adds the three sums
//! of a token's word and neighbours, looking up only the features that span
//! more than one token ([`super::features::context_features`]).

use super::clusters::{ClusterIds, Clusters};
use super::features::{
    left_neighbour_features, right_neighbour_features, word_features, TokenInfo,
};
use super::gazetteer::KeyHasher;
use super::weights::{TagSums, Weights};
use crate::document::Document;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;

/// The distinct words of a document, and which one each token is.
pub struct DocumentWords {
    /// The index in `infos` of each token's word.
    pub word_of: Vec<u32>,
    /// The features' view of each distinct word.
    pub infos: Vec<TokenInfo>,
    /// The cluster ids of each distinct word.
    pub clusters: Vec<ClusterIds>,
}

impl DocumentWords {
    /// The words of `doc`, with their cluster ids from `clusters`.
    pub fn new(doc: &Document, clusters: &Clusters) -> Self {
        let mut index: HashMap<&str, u32, BuildHasherDefault<KeyHasher>> =
            HashMap::with_capacity_and_hasher(doc.tokens.len() / 4 + 16, Default::default());
        let mut infos = Vec::new();
        let word_of = doc
            .tokens
            .iter()
            .map(|t| {
                let word = t.text(doc.text);
                *index.entry(word).or_insert_with(|| {
                    infos.push(TokenInfo::new(word));
                    (infos.len() - 1) as u32
                })
            })
            .collect();
        let clusters = clusters.lookup(&infos);
        DocumentWords {
            word_of,
            infos,
            clusters,
        }
    }

    /// The [`TokenInfo`] of every token.
    pub fn token_infos(&self) -> Vec<TokenInfo> {
        self.word_of
            .iter()
            .map(|&w| self.infos[w as usize])
            .collect()
    }

    /// The cluster ids of every token.
    pub fn token_clusters(&self) -> Vec<ClusterIds> {
        self.word_of
            .iter()
            .map(|&w| self.clusters[w as usize])
            .collect()
    }
}

/// Weight sums per distinct word: `tag_count` sums each, for the word as the
/// token itself, as its left neighbour and as its right neighbour, and for
/// the stand-ins beyond the ends of a sentence.
pub struct WordSums {
    tag_count: usize,
    own: Vec<i32>,
    as_left: Vec<i32>,
    as_right: Vec<i32>,
    before_start: Vec<i32>,
    after_end: Vec<i32>,
}

impl WordSums {
    /// Sums the one-word features of every word of `words`.
    pub fn new(weights: &Weights, tag_count: usize, words: &DocumentWords) -> Self {
        let mut keys = Vec::new();
        let mut sums: Box<TagSums> = Box::new([0; 256]);
        let mut sum = |keys: &mut Vec<u64>, out: &mut Vec<i32>| {
            sums[..tag_count].fill(0);
            for &key in keys.iter() {
                weights.add_row(key, &mut sums);
            }
            out.extend_from_slice(&sums[..tag_count]);
            keys.clear();
        };
        let n = words.infos.len();
        let mut own = Vec::with_capacity(n * tag_count);
        let mut as_left = Vec::with_capacity(n * tag_count);
        let mut as_right = Vec::with_capacity(n * tag_count);
        for (info, &ids) in words.infos.iter().zip(&words.clusters) {
            word_features(info, ids, &mut keys);
            sum(&mut keys, &mut own);
            left_neighbour_features(Some((info, ids)), &mut keys);
            sum(&mut keys, &mut as_left);
            right_neighbour_features(Some((info, ids)), &mut keys);
            sum(&mut keys, &mut as_right);
        }
        let mut before_start = Vec::with_capacity(tag_count);
        left_neighbour_features(None, &mut keys);
        sum(&mut keys, &mut before_start);
        let mut after_end = Vec::with_capacity(tag_count);
        right_neighbour_features(None, &mut keys);
        sum(&mut keys, &mut after_end);
        WordSums {
            tag_count,
            own,
            as_left,
            as_right,
            before_start,
            after_end,
        }
    }

    /// Adds to `sums` the one-word sums of the token whose word is `word`,
    /// with words `left` and `right` beside it (`None` beyond the sentence).
    #[inline]
    pub fn add(&self, word: u32, left: Option<u32>, right: Option<u32>, sums: &mut [i32]) {
        let n = self.tag_count;
        let own = row(&self.own, word, n);
        let left = left.map_or(&self.before_start[..], |w| row(&self.as_left, w, n));
        let right = right.map_or(&self.after_end[..], |w| row(&self.as_right, w, n));
        for (((s, &a), &b), &c) in sums[..n].iter_mut().zip(own).zip(left).zip(right) {
            *s += a + b + c;
        }
    }
}

/// The `n` sums of word `w` in `table`.
#[inline]
fn row(table: &[i32], w: u32, n: usize) -> &[i32] {
    &table[w as usize * n..][..n]
}
