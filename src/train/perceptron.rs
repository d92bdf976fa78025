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
//!
//! Or ([`Training::EarlyUpdate`], [`Training::MaxViolation`]) each sentence
//! is decoded with the tagger's beam (the same code: [`crate::model::beam`])
//! as a structured perceptron: the beam ranks hypotheses by the sum of their
//! tags' scores, the gold sequence's score is followed alongside, and one
//! update per sentence moves the gold prefix up and the beam's best wrong
//! prefix down (each with the features of its own previous tags). Such a
//! model says so in its file, and the tagger's beam then ranks by scores too
//! ([`Ranking::Score`]): those are the scores it was trained to add up along
//! a sentence.

use crate::corpus::{CorpusDocument, JoinedTokens};
use crate::document::Document;
use crate::edges::trim_span;
use crate::label::Label;
use crate::model::beam::{keep_best, Extension, Hypothesis, Steps};
use crate::model::clusters::Clusters;
use crate::model::decode::{best_allowed, history, memory_key, remember, Ranking};
use crate::model::features::{
    dynamic_features, rule_bits, static_features, History, SentenceContext, TokenInfo,
};
use crate::model::gazetteer::{Gazetteer, KeyMap};
use crate::model::hash::fingerprint;
use crate::model::tags::{self, split, Allowed, Position, Tag};
use crate::model::truecase::CaseTable;
use crate::model::weights::{Weights, MAX_ENTRIES};
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
    /// How each sentence is decoded and when the weights learn.
    pub training: Training,
    /// Quantised weights of this magnitude or less are dropped (0: only
    /// zeros), for a smaller model.
    pub min_weight: u8,
    /// Also learn from a copy of one sentence in this many written in Title
    /// Case, and of as many others in capitals, as headlines and datelines
    /// are (0: none).
    pub case_copies_every: usize,
}

/// How the trainer decodes a sentence and when it updates.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Training {
    /// Greedy left to right, one update per mistagged token.
    #[default]
    Greedy,
    /// The tagger's beam; early update where gold falls out of the beam.
    EarlyUpdate,
    /// The tagger's beam; update on the prefix of the largest violation.
    MaxViolation,
}

/// What the trainer learns at a token whose gold tag cannot follow the tag
/// it predicted before (gold `I-ORG` after a predicted `O`). Updating towards
/// the gold tag anyway is the trap that breaks greedy training (see
/// `../shared/notes/ner-calibration.md`); these are the two ways round it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum UnreachableGold {
    /// Learn towards the allowed tag nearest to gold: close the open entity,
    /// or start the gold entity here. Teaches the model to cut entities in
    /// two, which joining side-by-side spans undoes when such a model tags
    /// (see `tags::join_adjacent`).
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

/// Why training gave no model.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TrainError {
    /// The quantised weights are more than a model holds ([`MAX_ENTRIES`]).
    TooManyWeights(usize),
    /// The weights do not fit a model file otherwise (the text says how).
    Weights(&'static str),
}

impl std::fmt::Display for TrainError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TrainError::TooManyWeights(n) => write!(
                f,
                "the model would have {n} weights, more than the {MAX_ENTRIES} a model holds \
                 (drop more of the smallest: a higher minimum weight)"
            ),
            TrainError::Weights(why) => {
                write!(f, "the model's weights do not fit a model file: {why}")
            }
        }
    }
}

impl std::error::Error for TrainError {}

/// Trains a model on `docs`; `progress` hears after every document.
pub fn train(
    docs: &[CorpusDocument],
    gazetteer: Gazetteer,
    clusters: Clusters,
    case: CaseTable,
    options: &TrainOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<(Model, TrainSummary), TrainError> {
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
    let copies = case_copies(docs, options.case_copies_every);
    let prepared: Vec<Vec<Prepared>> = docs
        .iter()
        .chain(&copies)
        .map(|doc| {
            doc.sentences
                .iter()
                .map(|s| {
                    let words = Words {
                        gazetteer: &gazetteer,
                        clusters: &clusters,
                        case: &case,
                    };
                    prepare(s, &labels, &words, &mut p, &mut features)
                })
                .collect()
        })
        .collect();
    let tokens_total: usize = prepared.iter().flatten().map(|s| s.infos.len()).sum();

    let mut order: Vec<usize> = (0..prepared.len()).collect();
    let mut rng = SplitMix64(options.seed);
    let mut accuracy = 0.0;
    let mut scores = vec![0f32; tag_count];
    let mut dynamic = Vec::new();
    let mut scratch = BeamScratch::default();
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
                if options.training != Training::Greedy {
                    state.errors += train_sentence_beam(
                        &mut p,
                        sentence,
                        &features,
                        &mut memory,
                        &mut scratch,
                        options,
                    );
                    state.tokens_done += sentence.infos.len();
                    continue;
                }
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
    let (weights, scale) = quantise(&p, options.min_weight)?;
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
        ranking: match options.training {
            Training::Greedy => Ranking::Probability,
            Training::EarlyUpdate | Training::MaxViolation => Ranking::Score,
        },
        weights,
        gazetteer,
        clusters,
        case,
    });
    let sample: Vec<(Vec<String>, Vec<u32>)> = docs
        .iter()
        .flat_map(|d| &d.sentences)
        .step_by(10)
        .map(|s| (s.tokens.clone(), rule_bits_of(&s.tokens)))
        .collect();
    model.calibrate_temperature(&sample);
    Ok((model, summary))
}

/// Copies of one sentence in `every` in Title Case and of as many others in
/// capitals, each a document of its own (none for `every` 0).
pub(crate) fn case_copies(docs: &[CorpusDocument], every: usize) -> Vec<CorpusDocument> {
    if every == 0 {
        return Vec::new();
    }
    let title = |t: &String| -> String {
        let lower = t.to_lowercase();
        let is_clitic = matches!(
            lower.as_str(),
            "'s" | "'re" | "'m" | "'ve" | "'ll" | "'d" | "n't" | "'"
        );
        let mut chars = t.chars();
        match chars.next() {
            Some(first) if first.is_alphabetic() && !is_clitic => {
                first.to_uppercase().chain(chars).collect()
            }
            _ => t.clone(),
        }
    };
    docs.iter()
        .flat_map(|d| &d.sentences)
        .enumerate()
        .filter_map(|(k, sentence)| {
            let tokens: Vec<String> = match k % every {
                0 => sentence.tokens.iter().map(title).collect(),
                r if r == every / 2 => sentence.tokens.iter().map(|t| t.to_uppercase()).collect(),
                _ => return None,
            };
            Some(CorpusDocument {
                sentences: vec![crate::corpus::Sentence {
                    tokens,
                    entities: sentence.entities.clone(),
                }],
            })
        })
        .collect()
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

/// What the features know of words beyond the sentence.
struct Words<'a> {
    gazetteer: &'a Gazetteer,
    clusters: &'a Clusters,
    case: &'a CaseTable,
}

fn prepare(
    sentence: &crate::corpus::Sentence,
    labels: &[Label],
    words: &Words,
    p: &mut Perceptron,
    features: &mut Vec<u32>,
) -> Prepared {
    let Words {
        gazetteer,
        clusters,
        case,
    } = *words;
    let tokens: Vec<&str> = sentence.tokens.iter().map(String::as_str).collect();
    let (infos, case) = case.token_infos(&tokens);
    // Gold spans with the edges extraction gives them (no possessive, no
    // courtesy title: `edges`); the data has 's inside some names.
    let spans: Vec<(usize, usize, usize)> = sentence
        .entities
        .iter()
        .filter_map(|&(a, b, l)| {
            let (a, b) = trim_span(&tokens, a, b, l, |_| true)?;
            Some((a, b, labels.iter().position(|&x| x == l).unwrap_or(0)))
        })
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
        cluster_levels: clusters.levels,
        case,
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
pub(crate) fn rule_bits_of(tokens: &[String]) -> Vec<u32> {
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

/// What the beam looked like after a token: its best hypothesis (its
/// last step, its score, whether it is gold so far), the score of the gold
/// prefix and whether gold is in the beam.
struct BeamRecord {
    best_step: usize,
    best_score: f32,
    best_gold: bool,
    gold_score: f32,
    gold_in_beam: bool,
}

/// Buffers of the beam trainer, reused between sentences.
#[derive(Default)]
struct BeamScratch {
    /// The token's scores by its static features alone.
    base: Vec<f32>,
    /// The token's scores after each pair of previous tags scored so far
    /// (the first `cache_used` entries).
    cache: Vec<(Option<Tag>, Option<Tag>, Vec<f32>)>,
    cache_used: usize,
    steps: Steps,
    beam: Vec<Hypothesis>,
    next: Vec<Hypothesis>,
    /// Whether each hypothesis of `beam` (of `next`) has followed gold so far.
    gold_so_far: Vec<bool>,
    next_gold: Vec<bool>,
    extensions: Vec<Extension>,
    records: Vec<BeamRecord>,
    keys: Vec<u64>,
    keys2: Vec<u64>,
}

impl BeamScratch {
    /// The index in `cache` of the token's scores after `previous` and
    /// `before_previous` (with `memory`), computing them if needed.
    fn local(
        &mut self,
        p: &Perceptron,
        info: &TokenInfo,
        memory: Option<u8>,
        previous: Option<Tag>,
        before_previous: Option<Tag>,
    ) -> usize {
        if let Some(k) = self.cache[..self.cache_used]
            .iter()
            .position(|c| c.0 == previous && c.1 == before_previous)
        {
            return k;
        }
        if self.cache.len() == self.cache_used {
            self.cache.push((None, None, Vec::new()));
        }
        let k = self.cache_used;
        self.cache_used += 1;
        let h = History {
            previous,
            before_previous,
            memory,
        };
        self.keys.clear();
        dynamic_features(info, &h, &mut self.keys);
        let entry = &mut self.cache[k];
        entry.0 = previous;
        entry.1 = before_previous;
        entry.2.clear();
        entry.2.extend_from_slice(&self.base);
        for key in &self.keys {
            if let Some(&f) = p.index.get(key) {
                p.add_scores(f as usize, &mut entry.2);
            }
        }
        k
    }
}

/// One pass of the tagger's beam over a sentence, following the gold
/// sequence's score alongside; then one update of the gold prefix against
/// the beam's best prefix at the first token where gold falls out of the
/// beam (early update) or where the best prefix beats gold by most (max
/// violation), or over the whole sentence if the beam's best is not gold.
/// Every hypothesis is scored with its own previous tags. The document's
/// memory learns the beam's best tags, as in tagging. Returns the number
/// of mistagged tokens.
fn train_sentence_beam(
    p: &mut Perceptron,
    sentence: &Prepared,
    features: &[u32],
    memory: &mut KeyMap<u8>,
    s: &mut BeamScratch,
    options: &TrainOptions,
) -> usize {
    let n = sentence.infos.len();
    if n == 0 {
        return 0;
    }
    let width = crate::model::BEAM_WIDTH;
    let tag_count = p.tag_count;
    let gold = &sentence.gold;
    s.steps.clear();
    s.records.clear();
    s.beam.clear();
    s.beam.push(Hypothesis::START);
    s.gold_so_far.clear();
    s.gold_so_far.push(true);
    let mut gold_score = 0f32;
    for i in 0..n {
        p.step += 1.0;
        let info = &sentence.infos[i];
        let memory_label = memory_key(info).and_then(|k| memory.get(&k).copied());
        let last = i + 1 == n;
        s.base.clear();
        s.base.resize(tag_count, 0.0);
        for &f in &features[sentence.starts[i]..sentence.starts[i + 1]] {
            p.add_scores(f as usize, &mut s.base);
        }
        s.cache_used = 0;
        s.extensions.clear();
        for h in 0..s.beam.len() {
            let hyp = s.beam[h];
            let k = s.local(p, info, memory_label, hyp.previous, hyp.before_previous);
            let local = &s.cache[k].2;
            for t in Allowed::after(hyp.previous, last).tags(tag_count) {
                s.extensions.push(Extension {
                    rank: hyp.rank + local[t],
                    score: local[t],
                    hypothesis: h,
                    tag: t as Tag,
                });
            }
        }
        let k = s.local(
            p,
            info,
            memory_label,
            i.checked_sub(1).map(|j| gold[j]),
            i.checked_sub(2).map(|j| gold[j]),
        );
        gold_score += s.cache[k].2[usize::from(gold[i])];
        keep_best(&mut s.extensions, width);
        s.steps.advance(&s.beam, &s.extensions, &mut s.next);
        s.next_gold.clear();
        s.next_gold.extend(
            s.extensions
                .iter()
                .map(|e| s.gold_so_far[e.hypothesis] && e.tag == gold[i]),
        );
        std::mem::swap(&mut s.beam, &mut s.next);
        std::mem::swap(&mut s.gold_so_far, &mut s.next_gold);
        s.records.push(BeamRecord {
            best_step: s.beam[0].step,
            best_score: s.beam[0].rank,
            best_gold: s.gold_so_far[0],
            gold_score,
            gold_in_beam: s.gold_so_far.contains(&true),
        });
    }
    let predicted = s.steps.backtrack(s.beam[0].step, n);
    let errors = predicted.iter().zip(gold).filter(|(a, b)| a != b).count();
    let at = match options.training {
        Training::EarlyUpdate => s
            .records
            .iter()
            .position(|r| !r.gold_in_beam)
            .or_else(|| (!s.records[n - 1].best_gold).then_some(n - 1)),
        _ => s
            .records
            .iter()
            .enumerate()
            .filter(|(_, r)| !r.best_gold)
            .max_by(|a, b| {
                (a.1.best_score - a.1.gold_score).total_cmp(&(b.1.best_score - b.1.gold_score))
            })
            .map(|(i, _)| i),
    };
    if let Some(at) = at {
        let wrong = s.steps.backtrack(s.records[at].best_step, at + 1);
        update_prefix(p, sentence, features, memory, &wrong, s);
    }
    remember(&sentence.infos, &predicted, memory);
    errors
}

/// Gold's features over the prefix as long as `wrong` gain one, those of
/// `wrong` (with its own previous tags) lose one.
fn update_prefix(
    p: &mut Perceptron,
    sentence: &Prepared,
    features: &[u32],
    memory: &KeyMap<u8>,
    wrong: &[Tag],
    s: &mut BeamScratch,
) {
    let gold = &sentence.gold[..wrong.len()];
    for i in 0..wrong.len() {
        let same_history =
            (i < 1 || gold[i - 1] == wrong[i - 1]) && (i < 2 || gold[i - 2] == wrong[i - 2]);
        if gold[i] == wrong[i] && same_history {
            continue;
        }
        if gold[i] != wrong[i] {
            for &f in &features[sentence.starts[i]..sentence.starts[i + 1]] {
                p.update(f as usize, gold[i], 1.0);
                p.update(f as usize, wrong[i], -1.0);
            }
        }
        s.keys.clear();
        s.keys2.clear();
        let gold_history = history(&sentence.infos, gold, memory, i);
        dynamic_features(&sentence.infos[i], &gold_history, &mut s.keys);
        let wrong_history = history(&sentence.infos, wrong, memory, i);
        dynamic_features(&sentence.infos[i], &wrong_history, &mut s.keys2);
        for &key in &s.keys {
            if gold[i] == wrong[i] && s.keys2.contains(&key) {
                continue;
            }
            let f = p.feature(key);
            p.update(f, gold[i], 1.0);
        }
        for &key in &s.keys2 {
            if gold[i] == wrong[i] && s.keys.contains(&key) {
                continue;
            }
            let f = p.feature(key);
            p.update(f, wrong[i], -1.0);
        }
    }
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

/// Averages and quantises the weights to 8 bits with one scale; drops those
/// of magnitude `min_weight` or less (zeros at least).
/// Rows are keyed by 32-bit fingerprints; features whose fingerprints
/// collide share one row (their weights add).
fn quantise(p: &Perceptron, min_weight: u8) -> Result<(Weights, f32), TrainError> {
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
            if q.abs() > f32::from(min_weight) {
                tags_out.push(t as u8);
                values.push(q.clamp(-127.0, 127.0) as i8);
            }
        }
        if values.len() > before {
            keys.push(key);
            row_ends.push(values.len() as u32);
        }
    }
    if values.len() > MAX_ENTRIES {
        return Err(TrainError::TooManyWeights(values.len()));
    }
    let weights = Weights::new(keys, row_ends, tags_out, values).map_err(TrainError::Weights)?;
    Ok((weights, scale))
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
