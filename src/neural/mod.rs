//! The neural tagger of `news-lg`: embeddings of each token's ids
//! ([`inputs`]), a bidirectional LSTM ([`lstm`]), and per-token tag
//! probabilities decoded into the most likely valid BILOU sequence
//! ([`viterbi`]). It reads the gazetteer, word clusters and truecasing of a
//! base linear model (`news`), whose checksum its file records: a file made
//! for another `news` is refused.
//!
//! Models are trained by `scripts/neural/train.py` and loaded with
//! [`NeuralModel::from_bytes`].

pub mod format;
pub mod inputs;
pub mod lstm;
pub mod viterbi;

use crate::document::Document;
use crate::entity::Entity;
use crate::extract::Laps;
use crate::label::Label;
use crate::model::features::{rule_bits_of_matches, SentenceContext};
use crate::model::format::checksum_of_file;
use crate::model::words::DocumentWords;
use crate::model::{span_entity, tags, Model, ModelError};
use format::NeuralParts;
use inputs::{match_bits, place_id, word_ids, WordIds};
use lstm::{Scratch, SentenceInputs, WordProjections};

/// A trained neural tagger with the base model its inputs come from.
#[derive(Clone, Debug)]
pub struct NeuralModel {
    parts: NeuralParts,
    base: &'static Model,
    /// The decoder of the model's transitions, worked out on loading.
    decoder: viterbi::Decoder,
}

/// Why a neural model file cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NeuralModelError {
    /// The bytes are not a valid neural model file.
    File(ModelError),
    /// The file was made for another base model than this build's.
    BaseMismatch {
        /// The base model the file names.
        base: String,
    },
    /// The file names a base model this build does not have.
    NoBase(String),
}

impl std::fmt::Display for NeuralModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NeuralModelError::File(e) => e.fmt(f),
            NeuralModelError::BaseMismatch { base } => write!(
                f,
                "the neural model was trained with another `{base}` model than this build's; \
                 use the neural model file released with this version"
            ),
            NeuralModelError::NoBase(base) => {
                write!(
                    f,
                    "the neural model needs the base model `{base}`, which this build lacks"
                )
            }
        }
    }
}

impl std::error::Error for NeuralModelError {}

impl From<ModelError> for NeuralModelError {
    fn from(e: ModelError) -> Self {
        NeuralModelError::File(e)
    }
}

impl NeuralModel {
    /// Loads a neural model from the bytes of its file, validating them and
    /// checking that it was made for this build's base model.
    pub fn from_bytes(bytes: &[u8]) -> Result<NeuralModel, NeuralModelError> {
        let parts = format::read(bytes)?;
        let base = crate::models::built_in(&parts.base_name)
            .map_err(|_| NeuralModelError::NoBase(parts.base_name.clone()))?;
        let base_bytes = crate::models::built_in_bytes(&parts.base_name)
            .ok_or_else(|| NeuralModelError::NoBase(parts.base_name.clone()))?;
        if checksum_of_file(base_bytes) != Some(parts.base_checksum) {
            return Err(NeuralModelError::BaseMismatch {
                base: parts.base_name.clone(),
            });
        }
        let decoder = viterbi::Decoder::new(parts.tag_count(), &parts.transitions);
        Ok(NeuralModel {
            parts,
            base,
            decoder,
        })
    }

    /// Whether `bytes` look like a neural model file (by their first bytes).
    pub fn is_neural_file(bytes: &[u8]) -> bool {
        bytes.starts_with(format::MAGIC)
    }

    /// The model's short name (`news-lg`).
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
    pub fn parts(&self) -> &NeuralParts {
        &self.parts
    }

    /// Finds the entities of `doc`, sorted and non-overlapping, with byte
    /// offsets. `rule_matches` are the rule recognisers' entities in `doc`,
    /// which the model reads as inputs.
    pub fn tag(&self, doc: &Document, rule_matches: &[Entity]) -> Vec<Entity> {
        self.tag_timed(doc, rule_matches, &mut Laps::off())
    }

    /// [`NeuralModel::tag`], recording the time of each stage in `laps`.
    pub(crate) fn tag_timed(
        &self,
        doc: &Document,
        rule_matches: &[Entity],
        laps: &mut Laps,
    ) -> Vec<Entity> {
        let base = self.base.parts();
        let words = DocumentWords::new(doc, &base.clusters, &base.case);
        let infos = words.token_infos();
        let clusters = words.token_clusters();
        laps.lap(|t| &mut t.token_info);
        let rules = rule_bits_of_matches(doc, rule_matches);
        laps.lap(|t| &mut t.lookups);
        let word_ids: Vec<WordIds> = words
            .infos
            .iter()
            .zip(&words.clusters)
            .map(|(info, &ids)| word_ids(&self.parts.vocabulary, info, ids, words.cluster_levels))
            .collect();
        let mut projections = WordProjections::default();
        projections.reset(&self.parts, word_ids.len());
        let mut scratch = Scratch::default();
        let mut decoder = self.decoder.clone();
        let mut entities = Vec::new();
        let mut places = Vec::new();
        let mut bits = Vec::new();
        for (sentence, &case) in doc.sentences.iter().zip(&words.sentence_cases) {
            let infos = &infos[sentence.clone()];
            let gazetteer = base.gazetteer.matches(infos);
            let context = SentenceContext {
                infos,
                gazetteer: &gazetteer,
                rules: &rules[sentence.clone()],
                clusters: &clusters[sentence.clone()],
                cluster_levels: words.cluster_levels,
                case,
            };
            places.clear();
            bits.clear();
            for i in 0..infos.len() {
                places.push(place_id(case, i == 0));
                bits.push(match_bits(&context, i));
            }
            laps.lap(|t| &mut t.lookups);
            let inputs = SentenceInputs {
                words: &words.word_of[sentence.clone()],
                word_ids: &word_ids,
                places: &places,
                bits: &bits,
            };
            let log_probs =
                lstm::tag_log_probs(&self.parts, &inputs, &mut projections, &mut scratch);
            laps.lap(|t| &mut t.scoring);
            let decoded = decoder.decode(log_probs, infos.len());
            laps.lap(|t| &mut t.decoding);
            for (first, last, label) in tags::spans(&decoded.tags) {
                entities.push(span_entity(
                    doc,
                    sentence.start,
                    (first, last),
                    self.parts.labels[label],
                    &decoded.probabilities,
                ));
            }
            laps.lap(|t| &mut t.entities);
        }
        entities
    }
}
