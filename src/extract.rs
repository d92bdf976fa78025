//! The extraction pipeline: text in, entities out.

use crate::document::Document;
use crate::entity::Entity;
use crate::label::Label;
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

/// The result of [`extract`].
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Extraction {
    /// The entities, sorted by position and non-overlapping, with offsets in
    /// the unit the options asked for.
    pub entities: Vec<Entity>,
}

/// Finds the entities in `text`.
///
/// ```
/// use ner_highlight::{extract, ExtractOptions, Label};
///
/// let text = "Shares rose 3.5% on Tuesday to $4.5 billion.";
/// let found = extract(text, &ExtractOptions::default());
/// let labels: Vec<(&str, Label)> = found
///     .entities
///     .iter()
///     .map(|e| (&text[e.start..e.end], e.label))
///     .collect();
/// assert_eq!(
///     labels,
///     [("3.5%", Label::Percent), ("Tuesday", Label::Date), ("$4.5 billion", Label::Money)]
/// );
/// ```
pub fn extract(text: &str, options: &ExtractOptions) -> Extraction {
    let doc = Document::new(text);
    let mut entities = RuleRecognizer::shared().find(&doc);
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
