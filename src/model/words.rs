//! The distinct words of a document and the weight sums that depend on a
//! word alone, computed once per distinct word instead of once per token.
//!
//! Most of a token's features look at one word of its sentence at a time:
//! its own word, affixes and clusters, its neighbours', the words two and
//! more away ([`one_word_features`], by [`Place`]). Their weight sums are the
//! same wherever the word stands, and news text repeats its words, so the
//! tagger sums them per distinct word and place and adds up the sums of the
//! words around each token, looking up only the features that look at more
//! than one token at once ([`super::features::context_features`]).

use super::clusters::{ClusterIds, Clusters};
use super::features::{one_word_features, Place, TokenInfo};
use super::gazetteer::KeyHasher;
use super::truecase::{CaseTable, SentenceCase};
use super::weights::{KeyGroups, Weights};
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
    /// How many cluster levels the ids have.
    pub cluster_levels: usize,
    /// Which way each sentence is written (see [`CaseTable::document_cases`]).
    pub sentence_cases: Vec<SentenceCase>,
}

impl DocumentWords {
    /// The words of `doc`, with their cluster ids from `clusters`; the
    /// words of a headline or a sentence in capitals as `case` restores them.
    pub fn new(doc: &Document, clusters: &Clusters, case: &CaseTable) -> Self {
        let texts: Vec<&str> = doc.tokens.iter().map(|t| t.text(doc.text)).collect();
        let sentences: Vec<&[&str]> = doc.sentences.iter().map(|s| &texts[s.clone()]).collect();
        let sentence_cases = case.document_cases(&sentences);
        // Most texts have no headline: then nothing is restored.
        let mut restored: Vec<Option<String>> = Vec::new();
        for ((range, words), &how) in doc.sentences.iter().zip(&sentences).zip(&sentence_cases) {
            if how != SentenceCase::Ordinary {
                restored.resize(range.start, None);
                restored.extend(case.restore_as(words, how));
            }
        }
        let mut index: HashMap<&str, u32, BuildHasherDefault<KeyHasher>> =
            HashMap::with_capacity_and_hasher(doc.tokens.len() / 4 + 16, Default::default());
        let mut infos = Vec::new();
        let word_of = texts
            .iter()
            .enumerate()
            .map(|(i, &text)| {
                let word = match restored.get(i) {
                    Some(Some(changed)) => changed.as_str(),
                    _ => text,
                };
                *index.entry(word).or_insert_with(|| {
                    infos.push(TokenInfo::new(word));
                    (infos.len() - 1) as u32
                })
            })
            .collect();
        let cluster_levels = clusters.levels;
        let clusters = clusters.lookup(&infos);
        DocumentWords {
            word_of,
            infos,
            clusters,
            cluster_levels,
            sentence_cases,
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

/// Weight sums per distinct word and [`Place`]: `tag_count` sums each, and
/// for each place the sums of the stand-ins beyond the ends of a sentence.
/// A word's sums for all places lie together, so the tokens around it find
/// them in cache. Sums are 16 bits: a place has at most 32 features (13 and
/// one per cluster level, at most 8), weights are 8 bits.
pub struct WordSums {
    tag_count: usize,
    /// For each word, then each place (in [`Place::ALL`] order), `tag_count` sums.
    by_word: Vec<i16>,
    /// For each place, the sums of the stand-in beyond the sentence.
    beyond: Vec<i16>,
}

impl WordSums {
    /// Sums the one-word features of every word of `words`.
    pub fn new(weights: &Weights, tag_count: usize, words: &DocumentWords) -> Self {
        let places = Place::ALL.len();
        let mut groups = KeyGroups::default();
        let mut by_word = Vec::with_capacity(words.infos.len() * places * tag_count);
        let to_i16 = |out: &mut Vec<i16>, sums: &[i32]| out.extend(sums.iter().map(|&s| s as i16));
        // A few hundred words at a time: their keys' rows are fetched
        // together, the keys stay small.
        for (k, (info, &ids)) in words.infos.iter().zip(&words.clusters).enumerate() {
            for place in Place::ALL {
                groups.push_group(|keys| {
                    one_word_features(place, Some((info, ids)), words.cluster_levels, keys)
                });
            }
            if (k + 1) % 256 == 0 || k + 1 == words.infos.len() {
                groups.sum(weights, tag_count, |sums| to_i16(&mut by_word, sums));
            }
        }
        let mut beyond = Vec::with_capacity(places * tag_count);
        for place in Place::ALL {
            groups.push_group(|keys| one_word_features(place, None, words.cluster_levels, keys));
        }
        groups.sum(weights, tag_count, |sums| to_i16(&mut beyond, sums));
        WordSums {
            tag_count,
            by_word,
            beyond,
        }
    }

    /// Adds to `sums` (one per tag) the one-word sums of token `i` of a
    /// sentence whose tokens' words are `word_of`.
    #[inline]
    pub fn add(&self, word_of: &[u32], i: usize, sums: &mut [i32]) {
        let n = self.tag_count;
        let places = Place::ALL.len();
        for (k, place) in Place::ALL.into_iter().enumerate() {
            for &offset in place.offsets() {
                let at = match i.checked_add_signed(offset).and_then(|j| word_of.get(j)) {
                    Some(&w) => &self.by_word[(w as usize * places + k) * n..],
                    None => &self.beyond[k * n..],
                };
                for (s, &r) in sums[..n].iter_mut().zip(&at[..n]) {
                    *s += i32::from(r);
                }
            }
        }
    }
}
