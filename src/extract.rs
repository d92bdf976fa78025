//! The extraction pipeline: text in, entities out.
//!
//! Long texts run in pieces of at most [`DEFAULT_PIECE_BYTES`] (cut at
//! paragraph or sentence boundaries, see [`pieces`]), so memory stays bounded
//! whatever the length; the entities' offsets are shifted back to the whole
//! text, and mentions are grouped over the whole text. Document-level
//! consistency and the model's memory of earlier labels work within a piece.

mod chunk;

pub use chunk::{pieces, DEFAULT_PIECE_BYTES};

use crate::consistency::make_consistent;
use crate::document::Document;
use crate::entity::Entity;
use crate::group::{group, Group};
use crate::label::Label;
use crate::merge::merge;
use crate::model::Model;
use crate::neural::NeuralModel;
use crate::offsets::{OffsetConverter, OffsetUnit};
use crate::rules::RuleRecognizer;
use crate::sentence::split_sentences;
use crate::terms::Terms;
use crate::tokenize::tokenize;
use serde::Serialize;
use std::time::Duration;
#[cfg(not(target_arch = "wasm32"))]
use std::time::Instant;

/// What to return and how to count offsets.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ExtractOptions {
    /// Only entities with these labels; all labels when `None`.
    pub labels: Option<Vec<Label>>,
    /// Only entities scoring at least this.
    pub min_score: f32,
    /// The unit of the entities' `start` and `end`.
    pub offsets: OffsetUnit,
}

impl ExtractOptions {
    /// `score` as a [`min_score`](Self::min_score), if it is one: scores run
    /// from 0 to 1, so anything else (NaN too) is refused. The command line
    /// and the JavaScript options both check theirs with this.
    ///
    /// ```
    /// use ner_highlight::ExtractOptions;
    /// assert_eq!(ExtractOptions::checked_min_score(0.5), Ok(0.5));
    /// let error = ExtractOptions::checked_min_score(1.5).unwrap_err();
    /// assert_eq!(error.to_string(), "1.5 is not a number from 0 to 1");
    /// ```
    pub fn checked_min_score(score: f32) -> Result<f32, MinScoreError> {
        if (0.0..=1.0).contains(&score) {
            Ok(score)
        } else {
            Err(MinScoreError(score))
        }
    }
}

/// A minimum score outside 0 to 1 ([`ExtractOptions::checked_min_score`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MinScoreError(pub f32);

impl std::fmt::Display for MinScoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} is not a number from 0 to 1", self.0)
    }
}

impl std::error::Error for MinScoreError {}

/// The result of an extraction.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Extraction {
    /// The entities, sorted by position and non-overlapping, with offsets in
    /// the unit the options asked for; each carries its group's id.
    pub entities: Vec<Entity>,
    /// The entities of the document: the mentions of each name, grouped;
    /// ordered by mention count, then by first position.
    pub groups: Vec<Group>,
}

/// The statistical tagger of an [`Extractor`].
#[derive(Clone, Copy)]
enum Tagger<'m> {
    /// A linear model (`news`, `conll`).
    Linear(&'m Model),
    /// A neural model (`news-lg`).
    Neural(&'m NeuralModel),
}

/// Runs the whole pipeline with a given model (or rules alone).
#[derive(Clone, Copy)]
pub struct Extractor<'m> {
    model: Option<Tagger<'m>>,
    rules: &'static RuleRecognizer,
    merge_rule_entities: bool,
    consistency: bool,
    terms: Option<&'m Terms>,
    piece_bytes: usize,
}

impl<'m> Extractor<'m> {
    /// An extractor with `model`, or the rule recognisers alone for `None`.
    pub fn new(model: Option<&'m Model>) -> Self {
        Extractor {
            model: model.map(Tagger::Linear),
            rules: RuleRecognizer::shared(),
            merge_rule_entities: true,
            consistency: true,
            terms: None,
            piece_bytes: DEFAULT_PIECE_BYTES,
        }
    }

    /// An extractor with the neural model `model` (`news-lg`).
    pub fn neural(model: &'m NeuralModel) -> Self {
        Extractor {
            model: Some(Tagger::Neural(model)),
            ..Extractor::new(None)
        }
    }

    /// The same extractor with a term list (see [`crate::terms`]).
    pub fn with_terms(self, terms: &'m Terms) -> Self {
        Extractor {
            terms: Some(terms),
            ..self
        }
    }

    /// The same extractor without document-level consistency (one label per
    /// name, mentions found again); to measure what it adds.
    pub fn without_consistency(self) -> Self {
        Extractor {
            consistency: false,
            ..self
        }
    }

    /// The same extractor, but the rules' own entities are not added where
    /// the model found nothing (the rules still inform the model's features);
    /// to measure what merging adds.
    pub fn without_rule_entities(self) -> Self {
        Extractor {
            merge_rule_entities: false,
            ..self
        }
    }

    /// The same extractor, running texts longer than `bytes` in pieces of at
    /// most `bytes` (see [`pieces`]); [`DEFAULT_PIECE_BYTES`] unless set.
    pub fn with_piece_bytes(self, bytes: usize) -> Self {
        Extractor {
            piece_bytes: bytes.max(1),
            ..self
        }
    }

    /// Finds the entities in `text`.
    pub fn extract(&self, text: &str, options: &ExtractOptions) -> Extraction {
        self.run(text, options, &mut Laps::off(), &mut |_, _| {})
    }

    /// [`Extractor::extract`], calling `progress(done, total)` after each
    /// piece of the text with the bytes done so far and the text's length.
    pub fn extract_with_progress(
        &self,
        text: &str,
        options: &ExtractOptions,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Extraction {
        self.run(text, options, &mut Laps::off(), progress)
    }

    /// [`Extractor::extract`], timing each stage (native builds only: wasm32
    /// has no clock). Reading the clock a few times per sentence adds a little.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn extract_timed(
        &self,
        text: &str,
        options: &ExtractOptions,
    ) -> (Extraction, StageTimings) {
        let mut timings = StageTimings::default();
        let extraction = self.run(text, options, &mut Laps::on(&mut timings), &mut |_, _| {});
        (extraction, timings)
    }

    fn run(
        &self,
        text: &str,
        options: &ExtractOptions,
        laps: &mut Laps,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Extraction {
        let mut entities = Vec::new();
        for piece in pieces(text, self.piece_bytes) {
            let found = self.find(&text[piece.clone()], laps);
            entities.extend(found.into_iter().map(|mut e| {
                e.start += piece.start;
                e.end += piece.start;
                e
            }));
            progress(piece.end, text.len());
        }
        entities.retain(|e| {
            e.score >= options.min_score
                && options
                    .labels
                    .as_ref()
                    .is_none_or(|labels| labels.contains(&e.label))
        });
        if options.offsets != OffsetUnit::Utf8 {
            let mut converter = OffsetConverter::new(text, options.offsets);
            for entity in &mut entities {
                entity.start = converter.convert(entity.start);
                entity.end = converter.convert(entity.end);
            }
        }
        let groups = group(&mut entities);
        laps.lap(|t| &mut t.offsets);
        Extraction { entities, groups }
    }

    /// The entities of one piece of text, with offsets into that piece,
    /// before filtering.
    fn find(&self, text: &str, laps: &mut Laps) -> Vec<Entity> {
        let tokens = tokenize(text);
        laps.lap(|t| &mut t.tokenize);
        let sentences = split_sentences(text, &tokens);
        let doc = Document {
            text,
            tokens,
            sentences,
        };
        laps.lap(|t| &mut t.sentences);
        let rule_entities = self.rules.find(&doc);
        laps.lap(|t| &mut t.rules);
        let model_entities = self.model.map(|tagger| {
            let found = match tagger {
                Tagger::Linear(model) => model.tag_timed(&doc, &rule_entities, laps),
                Tagger::Neural(model) => model.tag_timed(&doc, &rule_entities, laps),
            };
            crate::edges::trim_entities(&doc, found)
        });
        let mut entities = match model_entities {
            Some(found) if self.merge_rule_entities => merge(found, rule_entities),
            Some(found) => found,
            None => rule_entities,
        };
        if self.consistency && self.model.is_some() {
            entities = make_consistent(&doc, entities);
        }
        // After consistency, so that no mention found again brings back a denied text.
        if let Some(terms) = self.terms {
            entities = terms.apply(&doc, entities);
        }
        laps.lap(|t| &mut t.merge);
        entities
    }
}

/// Time spent in each stage of one extraction ([`Extractor::extract_timed`]).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct StageTimings {
    /// Splitting the text into tokens.
    pub tokenize: Duration,
    /// Splitting the tokens into sentences.
    pub sentences: Duration,
    /// The rule recognisers' regular expressions and context checks.
    pub rules: Duration,
    /// Model: the distinct words and what the features need to know of each
    /// (hashes of the word, affixes, shape; word clusters).
    pub token_info: Duration,
    /// Model: gazetteer matches and the rules' matches as bits per token.
    pub lookups: Duration,
    /// Model: the keys of the context features (those that look at more than one word).
    pub features: Duration,
    /// Model: summing the weights of the features that do not depend on
    /// predicted tags (one-word features once per distinct word and place).
    pub scoring: Duration,
    /// Model: decoding with a small beam (features of the previous tags, their weights, the softmax).
    pub decoding: Duration,
    /// Model: turning tags into entities.
    pub entities: Duration,
    /// Merging the model's entities with the rules' (and term lists, document consistency).
    pub merge: Duration,
    /// Filtering by label and score, grouping mentions, converting offsets.
    pub offsets: Duration,
}

impl StageTimings {
    /// Every stage as `(name, time)`, in pipeline order.
    pub fn stages(&self) -> [(&'static str, Duration); 11] {
        [
            ("tokenize", self.tokenize),
            ("sentences", self.sentences),
            ("rules", self.rules),
            ("model: token info", self.token_info),
            ("model: gazetteer, rule bits", self.lookups),
            ("model: features", self.features),
            ("model: scoring", self.scoring),
            ("model: decoding", self.decoding),
            ("model: entities", self.entities),
            ("merge", self.merge),
            ("filter, groups, offsets", self.offsets),
        ]
    }

    /// The sum of all stages.
    pub fn total(&self) -> Duration {
        self.stages().iter().map(|&(_, d)| d).sum()
    }
}

/// A stopwatch that adds the time since its last lap to a stage, or does
/// nothing when timings were not asked for.
pub(crate) struct Laps<'a> {
    #[cfg(not(target_arch = "wasm32"))]
    running: Option<(&'a mut StageTimings, Instant)>,
    #[cfg(target_arch = "wasm32")]
    running: std::marker::PhantomData<&'a mut StageTimings>,
}

impl<'a> Laps<'a> {
    /// A stopwatch that records nothing.
    pub(crate) fn off() -> Self {
        Laps {
            running: Default::default(),
        }
    }

    /// A stopwatch that records into `timings`, started now.
    #[cfg(not(target_arch = "wasm32"))]
    fn on(timings: &'a mut StageTimings) -> Self {
        Laps {
            running: Some((timings, Instant::now())),
        }
    }

    /// Adds the time since the last lap to the stage `stage` picks.
    #[inline]
    pub(crate) fn lap(&mut self, stage: impl FnOnce(&mut StageTimings) -> &mut Duration) {
        #[cfg(not(target_arch = "wasm32"))]
        if let Some((timings, last)) = &mut self.running {
            let now = Instant::now();
            *stage(timings) += now - *last;
            *last = now;
        }
        #[cfg(target_arch = "wasm32")]
        let _ = stage;
    }
}

/// Finds the entities in `text` with the default pipeline: the built-in
/// `news` model and the rule recognisers.
///
/// ```
/// use ner_highlight::{extract, ExtractOptions, Label};
///
/// let text = "Angela Merkel visited Paris on Tuesday.";
/// let found = extract(text, &ExtractOptions::default());
/// let labels: Vec<(&str, Label)> = found
///     .entities
///     .iter()
///     .map(|e| (&text[e.start..e.end], e.label))
///     .collect();
/// assert_eq!(
///     labels,
///     [("Angela Merkel", Label::Person), ("Paris", Label::Gpe), ("Tuesday", Label::Date)]
/// );
/// ```
///
/// # Panics
/// If the embedded `news` model does not load, which the crate's tests rule out.
pub fn extract(text: &str, options: &ExtractOptions) -> Extraction {
    let model = crate::models::built_in("news").expect("the built-in news model loads");
    Extractor::new(Some(model)).extract(text, options)
}
