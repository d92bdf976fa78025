//! The extraction pipeline: text in, entities out.

use crate::document::Document;
use crate::entity::Entity;
use crate::label::Label;
use crate::merge::merge;
use crate::model::Model;
use crate::offsets::{OffsetConverter, OffsetUnit};
use crate::rules::RuleRecognizer;
use serde::Serialize;

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

/// The result of an extraction.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Extraction {
    /// The entities, sorted by position and non-overlapping, with offsets in
    /// the unit the options asked for.
    pub entities: Vec<Entity>,
}

/// Runs the whole pipeline with a given model (or rules alone).
#[derive(Clone, Copy)]
pub struct Extractor<'m> {
    model: Option<&'m Model>,
    rules: &'static RuleRecognizer,
    merge_rule_entities: bool,
}

impl<'m> Extractor<'m> {
    /// An extractor with `model`, or the rule recognisers alone for `None`.
    pub fn new(model: Option<&'m Model>) -> Self {
        Extractor {
            model,
            rules: RuleRecognizer::shared(),
            merge_rule_entities: true,
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

    /// Finds the entities in `text`.
    pub fn extract(&self, text: &str, options: &ExtractOptions) -> Extraction {
        let doc = Document::new(text);
        let rule_entities = self.rules.find(&doc);
        let mut entities = match self.model {
            Some(model) if self.merge_rule_entities => {
                merge(model.tag(&doc, &rule_entities), rule_entities)
            }
            Some(model) => model.tag(&doc, &rule_entities),
            None => rule_entities,
        };
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
        Extraction { entities }
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
