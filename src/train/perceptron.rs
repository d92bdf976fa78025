//! The averaged perceptron.
//!
//! Each token is decoded greedily with the tags already predicted as history
//! (as the tagger will see them); when the prediction differs from the gold
//! tag, the gold tag's features gain one and the predicted tag's lose one.
//! When the history makes the gold tag impossible (gold `I-PER` after a
//! predicted `O`), the update goes towards the nearest tag that is allowed
//! (`B-PER`), never towards an impossible one: updating towards impossible
//! tags teaches weights the decoder can never use and ruins 8-bit
//! quantisation. Weights are averaged over all steps, then quantised.

use crate::corpus::{CorpusDocument, JoinedTokens};
use crate::document::Document;
use crate::label::Label;
use crate::model::clusters::Clusters;
use crate::model::decode::{best_allowed, history, remember};
use crate::model::features::{
    dynamic_features, rule_bits, static_features, SentenceContext, TokenInfo,
};
use crate::model::gazetteer::{Gazetteer, KeyMap};
use crate::model::hash::fingerprint;
use crate::model::tags::{self, split, Allowed, Position, Tag};
use crate::model::weights::Weights;
use crate::model::{Model, ModelParts};
use crate::rules::RuleRecognizer;

/// How to train.
#[derive(Clone, Debug)]
pub struct TrainOptions {
    /// Passes over the training data.
    pub epochs: usize,
    /// Seed of the shuffling of documents between epochs.
    pub seed: u64,
    /// The model's short name.
    pub name: String,
    /// The model's description (data, licence terms).
    pub description: String,
    /// What to learn when the tags already predicted rule out the gold tag.
    pub unreachable_gold: UnreachableGold,
}

/// What the trainer learns at a token whose gold tag cannot follow the tag
/// it predicted before (gold `I-ORG` after a predicted `O`). Updating towards
/// the gold tag anyway is the trap that breaks greedy training (see
/// `../shared/notes/ner-calibration.md`); these are the two ways round it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum UnreachableGold {
    /// Learn towards the allowed tag nearest to gold: close the open entity,
    /// or start the gold entity here. Teaches the model to cut entities in
    /// two, which joining side-by-side spans undoes (see `tags::join_adjacent`).
    #[default]
    Nearest,
    /// Learn nothing at that token. A smaller model; on OntoNotes as good
    /// or better, on CoNLL-2003 worse (see the model cards).
    Skip,
}

/// Where training stands, reported after every document.
#[derive(Clone, Copy, Debug)]
pub struct Progress {
    /// The current epoch, from 1.
    pub epoch: usize,
    /// Tokens seen in this epoch.
    pub tokens_done: usize,
    /// Tokens in one epoch.
    pub tokens_total: usize,
    /// Tokens mistagged so far in this epoch.
    pub errors: usize,
}

/// What training produced, besides the model.
#[derive(Clone, Debug)]
pub struct TrainSummary {
    /// Feature rows with a non-zero weight after quantisation.
    pub rows: usize,
    /// Non-zero weights after quantisation.
    pub weights: usize,
    /// Token accuracy on the training data in the last epoch.
    pub last_epoch_accuracy: f64,
}

/// A sentence ready for training: token infos, gold tags, static feature indices.
struct Prepared {
    infos: Vec<TokenInfo>,
    gold: Vec<Tag>,
    /// Static feature indices of each token: `features[starts[i]..starts[i + 1]]`.
    starts: Vec<usize>,
}

/// Perceptron state: weights and their running sums for averaging.
struct Perceptron {
    tag_count: usize,
    index: KeyMap<u32>,
    keys: Vec<u64>,
    weights: Vec<f32>,
    /// Sum of `step × change` of each weight, for the average `w - sums / steps`.
    sums: Vec<f64>,
    step: f64,
}

impl Perceptron {
    fn feature(&mut self, key: u64) -> usize {
        if let Some(&i) = self.index.get(&key) {
            return i as usize;
        }
        let i = self.keys.len();
        self.index.insert(key, i as u32);
        self.keys.push(key);
        self.weights
            .resize(self.weights.len() + self.tag_count, 0.0);
        self.sums.resize(self.sums.len() + self.tag_count, 0.0);
        i
    }

    fn add_scores(&self, feature: usize, scores: &mut [f32]) {
        let row = &self.weights[feature * self.tag_count..(feature + 1) * self.tag_count];
        for (s, w) in scores.iter_mut().zip(row) {
            *s += w;
        }
    }

    fn update(&mut self, feature: usize, tag: Tag, change: f32) {
        let i = feature * self.tag_count + usize::from(tag);
        self.weights[i] += change;
        self.sums[i] += self.step * f64::from(change);
    }

    fn averaged(&self, i: usize) -> f32 {
        (f64::from(self.weights[i]) - self.sums[i] / self.step.max(1.0)) as f32
    }
}

/// Trains a model on `docs`; `progress` hears after every document.
pub fn train(
    docs: &[CorpusDocument],
    gazetteer: Gazetteer,
    clusters: Clusters,
    options: &TrainOptions,
    progress: &mut dyn FnMut(Progress),
) -> (Model, TrainSummary) {
    let labels = labels_of(docs);
    let tag_count = tags::tag_count(labels.len());
    let mut p = Perceptron {
        tag_count,
        index: KeyMap::default(),
        keys: Vec::new(),
        weights: Vec::new(),
        sums: Vec::new(),
        step: 0.0,
    };
    let mut features = Vec::new();
    let prepared: Vec<Vec<Prepared>> = docs
        .iter()
        .map(|doc| {
            doc.sentences
                .iter()
                .map(|s| prepare(s, &labels, &gazetteer, &clusters, &mut p, &mut features))
                .collect()
        })
        .collect();
    let tokens_total: usize = prepared.iter().flatten().map(|s| s.infos.len()).sum();

    let mut order: Vec<usize> = (0..prepared.len()).collect();
    let mut rng = SplitMix64(options.seed);
    let mut accuracy = 0.0;
    let mut scores = vec![0f32; tag_count];
    let mut dynamic = Vec::new();
    for epoch in 1..=options.epochs {
        rng.shuffle(&mut order);
        let mut state = Progress {
            epoch,
            tokens_done: 0,
            tokens_total,
            errors: 0,
        };
        for &d in &order {
            let mut memory = KeyMap::default();
            for sentence in &prepared[d] {
                state.errors += train_sentence(
                    &mut p,
                    sentence,
                    &features,
                    &mut memory,
                    &mut scores,
                    &mut dynamic,
                    options.unreachable_gold,
                );
                state.tokens_done += sentence.infos.len();
            }
            progress(state);
        }
        accuracy = 1.0 - state.errors as f64 / tokens_total.max(1) as f64;
    }
    let (weights, scale) = quantise(&p);
    let summary = TrainSummary {
        rows: weights.row_count(),
        weights: weights.entry_count(),
        last_epoch_accuracy: accuracy,
    };
    let mut model = Model::from_parts(ModelParts {
        name: options.name.clone(),
        description: options.description.clone(),
        labels,
        scale,
        temperature: 1.0,
        weights,
        gazetteer,
        clusters,
    });
    let sample: Vec<(Vec<String>, Vec<u32>)> = docs
        .iter()
        .flat_map(|d| &d.sentences)
        .step_by(10)
        .map(|s| (s.tokens.clone(), rule_bits_of(&s.tokens)))
        .collect();
    model.calibrate_temperature(&sample);
    (model, summary)
}

/// The labels of the data, in [`Label::ALL`] order.
fn labels_of(docs: &[CorpusDocument]) -> Vec<Label> {
    let mut seen = Label::ALL.map(|_| false);
    for sentence in docs.iter().flat_map(|d| &d.sentences) {
        for &(_, _, label) in &sentence.entities {
            if let Some(i) = Label::ALL.iter().position(|&l| l == label) {
                seen[i] = true;
            }
        }
    }
    Label::ALL
        .iter()
        .zip(seen)
        .filter_map(|(&l, s)| s.then_some(l))
        .collect()
}

fn prepare(
    sentence: &crate::corpus::Sentence,
    labels: &[Label],
    gazetteer: &Gazetteer,
    clusters: &Clusters,
    p: &mut Perceptron,
    features: &mut Vec<u32>,
) -> Prepared {
    let infos: Vec<TokenInfo> = sentence.tokens.iter().map(|t| TokenInfo::new(t)).collect();
    let spans: Vec<(usize, usize, usize)> = sentence
        .entities
        .iter()
        .map(|&(a, b, l)| (a, b, labels.iter().position(|&x| x == l).unwrap_or(0)))
        .collect();
    let gold = tags::from_spans(infos.len(), &spans);
    let gazetteer_bits = gazetteer.matches(&infos);
    let rules = rule_bits_of(&sentence.tokens);
    let cluster_ids = clusters.lookup(&infos);
    let context = SentenceContext {
        infos: &infos,
        gazetteer: &gazetteer_bits,
        rules: &rules,
        clusters: &cluster_ids,
    };
    let mut starts = Vec::with_capacity(infos.len() + 1);
    let mut keys = Vec::new();
    for i in 0..infos.len() {
        starts.push(features.len());
        keys.clear();
        static_features(&context, i, &mut keys);
        for &key in &keys {
            let f = p.feature(key);
            features.push(f as u32);
        }
    }
    starts.push(features.len());
    Prepared {
        infos,
        gold,
        starts,
    }
}

/// The rule recognisers' matches in a gold sentence, as the tagger's rule
/// bits: the tokens are joined with spaces, the rules run on that text as
/// they do on an article, and each match maps back to the gold tokens (a
/// match that does not fit them is left out).
fn rule_bits_of(tokens: &[String]) -> Vec<u32> {
    let mut joined = JoinedTokens::default();
    joined.push_sentence(tokens);
    let doc = Document::new(&joined.text);
    let matches = RuleRecognizer::shared().find(&doc);
    rule_bits(
        tokens.len(),
        matches.iter().filter_map(|e| {
            let (first, last) = joined.token_span(e.start, e.end)?;
            Some((first, last, e.label))
        }),
    )
}

/// One greedy pass over a sentence with updates; returns the number of mistagged tokens.
fn train_sentence(
    p: &mut Perceptron,
    sentence: &Prepared,
    features: &[u32],
    memory: &mut KeyMap<u8>,
    scores: &mut [f32],
    dynamic: &mut Vec<u64>,
    unreachable_gold: UnreachableGold,
) -> usize {
    let n = sentence.infos.len();
    let mut predicted: Vec<Tag> = Vec::with_capacity(n);
    let mut errors = 0;
    for i in 0..n {
        p.step += 1.0;
        let h = history(&sentence.infos, &predicted, memory, i);
        dynamic.clear();
        dynamic_features(&sentence.infos[i], &h, dynamic);
        let statics = &features[sentence.starts[i]..sentence.starts[i + 1]];
        scores.iter_mut().for_each(|s| *s = 0.0);
        for &f in statics {
            p.add_scores(f as usize, scores);
        }
        let dynamic_ids: Vec<Option<usize>> = dynamic
            .iter()
            .map(|k| p.index.get(k).map(|&i| i as usize))
            .collect();
        for f in dynamic_ids.iter().flatten() {
            p.add_scores(*f, scores);
        }
        let last = i + 1 == n;
        let guess = best_allowed(scores, h.previous, last);
        let gold = sentence.gold[i];
        if guess != gold {
            errors += 1;
        }
        if let Some(target) = learning_target(gold, h.previous, last, unreachable_gold) {
            if target != guess {
                for &f in statics {
                    p.update(f as usize, target, 1.0);
                    p.update(f as usize, guess, -1.0);
                }
                for &key in dynamic.iter() {
                    let f = p.feature(key);
                    p.update(f, target, 1.0);
                    p.update(f, guess, -1.0);
                }
            }
        }
        predicted.push(guess);
    }
    remember(&sentence.infos, &predicted, memory);
    errors
}

/// The tag to learn towards: the gold tag if the history allows it; else, as
/// `unreachable_gold` says, none or the allowed tag nearest to it (`None`
/// when no allowed tag is near).
fn learning_target(
    gold: Tag,
    previous: Option<Tag>,
    last: bool,
    unreachable_gold: UnreachableGold,
) -> Option<Tag> {
    let allowed = Allowed::after(previous, last);
    let allowed = |t: Tag| allowed.contains(usize::from(t));
    if allowed(gold) {
        return Some(gold);
    }
    if unreachable_gold == UnreachableGold::Skip {
        return None;
    }
    let (gold_position, gold_label) = split(gold);
    let candidate = match previous.map(split) {
        // An entity is open: the nearest allowed move is to close it.
        Some((Position::Begin | Position::Inside, open)) => tags::tag(Position::Last, open),
        // No entity is open: gold continues one, so start it instead.
        _ => match gold_position {
            Position::Inside if !last => tags::tag(Position::Begin, gold_label),
            Position::Inside | Position::Last => tags::tag(Position::Unit, gold_label),
            Position::Begin => tags::tag(Position::Unit, gold_label),
            _ => return None,
        },
    };
    allowed(candidate).then_some(candidate)
}

/// Averages and quantises the weights to 8 bits with one scale; drops zeros.
/// Rows are keyed by 32-bit fingerprints; features whose fingerprints
/// collide share one row (their weights add).
fn quantise(p: &Perceptron) -> (Weights, f32) {
    let mut rows: std::collections::BTreeMap<u32, Vec<f32>> = std::collections::BTreeMap::new();
    for (f, &key) in p.keys.iter().enumerate() {
        let averaged: Vec<f32> = (0..p.tag_count)
            .map(|t| p.averaged(f * p.tag_count + t))
            .collect();
        if averaged.iter().all(|&w| w == 0.0) {
            continue;
        }
        let row = rows
            .entry(fingerprint(key))
            .or_insert_with(|| vec![0.0; p.tag_count]);
        row.iter_mut().zip(&averaged).for_each(|(r, a)| *r += a);
    }
    let max = rows.values().flatten().fold(0f32, |m, w| m.max(w.abs()));
    let scale = if max > 0.0 { max / 127.0 } else { 1.0 };
    let mut keys = Vec::new();
    let mut row_ends = Vec::new();
    let mut tags_out = Vec::new();
    let mut values = Vec::new();
    for (key, row) in rows {
        let before = values.len();
        for (t, w) in row.iter().enumerate() {
            let q = (w / scale).round();
            if q != 0.0 {
                tags_out.push(t as u8);
                values.push(q.clamp(-127.0, 127.0) as i8);
            }
        }
        if values.len() > before {
            keys.push(key);
            row_ends.push(values.len() as u32);
        }
    }
    (Weights::new(keys, row_ends, tags_out, values), scale)
}

/// A small seeded random number generator for shuffling (SplitMix64).
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn impossible_gold_tags_become_the_nearest_allowed_ones_or_none() {
        let reachable_target =
            |gold, previous, last| learning_target(gold, previous, last, UnreachableGold::Nearest);
        let skipped =
            |gold, previous| learning_target(gold, previous, false, UnreachableGold::Skip);
        let b = |l| tags::tag(Position::Begin, l);
        let i = |l| tags::tag(Position::Inside, l);
        let u = |l| tags::tag(Position::Unit, l);
        let l_ = |l| tags::tag(Position::Last, l);
        assert_eq!(
            reachable_target(i(1), Some(tags::OUTSIDE), false),
            Some(b(1))
        );
        assert_eq!(
            reachable_target(l_(1), Some(tags::OUTSIDE), false),
            Some(u(1))
        );
        assert_eq!(
            reachable_target(tags::OUTSIDE, Some(b(2)), false),
            Some(l_(2))
        );
        assert_eq!(reachable_target(i(1), Some(b(1)), false), Some(i(1)));
        assert_eq!(skipped(i(1), Some(tags::OUTSIDE)), None);
        assert_eq!(skipped(tags::OUTSIDE, Some(b(2))), None);
        assert_eq!(skipped(i(1), Some(b(1))), Some(i(1)));
    }
}
