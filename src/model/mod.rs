//! The statistical tagger: a linear model over hashed features, decoded
//! greedily into valid BILOU tag sequences, with weights quantised to 8 bits.
//!
//! Models are trained by `ner train` and loaded from bytes with
//! [`Model::from_bytes`], which validates them (see [`format`]).

pub mod clusters;
pub mod decode;
pub mod features;
pub mod format;
pub mod gazetteer;
pub mod hash;
pub mod tags;
pub mod weights;

use crate::document::Document;
use crate::entity::{Entity, Source};
use crate::label::Label;
use decode::{decode, TokenScorer};
use features::{
    dynamic_features, rule_bits, static_features, History, SentenceContext, TokenInfo,
    FEATURE_VERSION,
};
pub use format::{ModelError, ModelParts};
use gazetteer::KeyMap;

/// A trained tagger.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    parts: ModelParts,
}

impl Model {
    /// Loads a model from the bytes of a model file, validating them.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        format::read(bytes, FEATURE_VERSION).map(|parts| Model { parts })
    }

    /// A model from its parts (the trainer builds these).
    pub fn from_parts(parts: ModelParts) -> Model {
        Model { parts }
    }

    /// The model file bytes of this model.
    pub fn to_bytes(&self) -> Vec<u8> {
        format::write(&self.parts, FEATURE_VERSION)
    }

    /// The model's short name (`news`, `conll`).
    pub fn name(&self) -> &str {
        &self.parts.name
    }

    /// Free text about the model: data, licence terms, scores.
    pub fn description(&self) -> &str {
        &self.parts.description
    }

    /// The labels the model assigns.
    pub fn labels(&self) -> &[Label] {
        &self.parts.labels
    }

    /// The model's parts.
    pub fn parts(&self) -> &ModelParts {
        &self.parts
    }

    /// Sets the softmax temperature from `sentences` (token lists, with the
    /// rule bits of their tokens): a quarter
    /// of the median margin between the best and second-best allowed tag, so
    /// that a typical decision gets a confidence near 0.98 and close calls
    /// near 0.5.
    pub fn calibrate_temperature(&mut self, sentences: &[(Vec<String>, Vec<u32>)]) {
        self.parts.temperature = 1.0;
        let tag_count = tags::tag_count(self.parts.labels.len());
        let mut margins = Vec::new();
        for (tokens, rules) in sentences {
            let infos: Vec<TokenInfo> = tokens.iter().map(|t| TokenInfo::new(t)).collect();
            let gazetteer = self.parts.gazetteer.matches(&infos);
            let clusters = self.parts.clusters.lookup(&infos);
            let mut scorer = MarginRecorder {
                inner: QuantisedScorer {
                    model: self,
                    sentence: SentenceContext {
                        infos: &infos,
                        gazetteer: &gazetteer,
                        rules,
                        clusters: &clusters,
                    },
                    keys: Vec::with_capacity(64),
                    sums: vec![0; tag_count],
                },
                margins: &mut margins,
            };
            decode(&infos, tag_count, &mut KeyMap::default(), &mut scorer);
        }
        margins.sort_by(f32::total_cmp);
        let median = margins.get(margins.len() / 2).copied().unwrap_or(2.0);
        self.parts.temperature = (median / 4.0).max(f32::MIN_POSITIVE);
    }

    /// Finds the entities of `doc`, sorted and non-overlapping, with byte
    /// offsets. `rule_matches` are the rule recognisers' entities in `doc`,
    /// which the model reads as features.
    pub fn tag(&self, doc: &Document, rule_matches: &[Entity]) -> Vec<Entity> {
        let infos: Vec<TokenInfo> = doc
            .tokens
            .iter()
            .map(|t| TokenInfo::new(t.text(doc.text)))
            .collect();
        let rules = rule_bits(
            doc.tokens.len(),
            rule_matches.iter().filter_map(|e| {
                let (first, last) = doc.token_span(e.start, e.end)?;
                Some((first, last, e.label))
            }),
        );
        let tag_count = tags::tag_count(self.parts.labels.len());
        let mut memory = KeyMap::default();
        let mut entities = Vec::new();
        for sentence in &doc.sentences {
            let infos = &infos[sentence.clone()];
            let gazetteer = self.parts.gazetteer.matches(infos);
            let clusters = self.parts.clusters.lookup(infos);
            let mut scorer = QuantisedScorer {
                model: self,
                sentence: SentenceContext {
                    infos,
                    gazetteer: &gazetteer,
                    rules: &rules[sentence.clone()],
                    clusters: &clusters,
                },
                keys: Vec::with_capacity(64),
                sums: vec![0; tag_count],
            };
            let decoded = decode(infos, tag_count, &mut memory, &mut scorer);
            for (first, last, label) in tags::spans(&decoded.tags) {
                let start = doc.tokens[sentence.start + first].start;
                let end = doc.tokens[sentence.start + last].end;
                let confidence = decoded.confidences[first..=last].iter().sum::<f32>()
                    / (last + 1 - first) as f32;
                entities.push(Entity {
                    start,
                    end,
                    label: self.parts.labels[label],
                    text: doc.text[start..end].to_string(),
                    score: confidence,
                    source: Source::Model,
                });
            }
        }
        entities
    }
}

/// Scores tokens with the quantised weights.
struct QuantisedScorer<'a> {
    model: &'a Model,
    sentence: SentenceContext<'a>,
    keys: Vec<u64>,
    sums: Vec<i32>,
}

impl TokenScorer for QuantisedScorer<'_> {
    fn score(&mut self, i: usize, history: &History, scores: &mut [f32]) {
        self.keys.clear();
        static_features(&self.sentence, i, &mut self.keys);
        dynamic_features(&self.sentence.infos[i], history, &mut self.keys);
        self.sums.iter_mut().for_each(|s| *s = 0);
        for &key in &self.keys {
            self.model.parts.weights.add_to(key, &mut self.sums);
        }
        let scale = self.model.parts.scale / self.model.parts.temperature;
        for (score, &sum) in scores.iter_mut().zip(&self.sums) {
            *score = sum as f32 * scale;
        }
    }
}

/// Records the margin between the two best tags of every token it scores.
struct MarginRecorder<'a, 'm> {
    inner: QuantisedScorer<'m>,
    margins: &'a mut Vec<f32>,
}

impl TokenScorer for MarginRecorder<'_, '_> {
    fn score(&mut self, i: usize, history: &History, scores: &mut [f32]) {
        self.inner.score(i, history, scores);
        let mut best = f32::NEG_INFINITY;
        let mut second = f32::NEG_INFINITY;
        for (t, &s) in scores.iter().enumerate() {
            if !tags::may_follow(history.previous, t as tags::Tag) {
                continue;
            }
            if s > best {
                second = best;
                best = s;
            } else if s > second {
                second = s;
            }
        }
        if second.is_finite() {
            self.margins.push(best - second);
        }
    }
}
