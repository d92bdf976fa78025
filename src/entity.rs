//! The result type: an entity found in a text.

use crate::label::Label;
use serde::Serialize;

/// Which part of the pipeline found an entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// The statistical tagger.
    Model,
    /// A rule recogniser (dates, times, numbers, money...).
    Rule,
    /// A term list given at run time.
    Terms,
}

impl Source {
    /// The name the JSON gives it: "model", "rule" or "terms".
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Model => "model",
            Source::Rule => "rule",
            Source::Terms => "terms",
        }
    }
}

impl Serialize for Source {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// An entity: a labelled span of the input text.
///
/// `start` and `end` are UTF-8 byte offsets into the text the entity was found
/// in, so `&text[entity.start..entity.end] == entity.text` always holds.
/// [`crate::offsets`] converts them to UTF-16 or code-point offsets.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Entity {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// The entity type.
    pub label: Label,
    /// The covered text, `&text[start..end]`.
    pub text: String,
    /// Confidence in 0..=1.
    #[serde(serialize_with = "serialize_score")]
    pub score: f32,
    /// What found it.
    pub source: Source,
    /// The id of its group (see [`crate::group`]): the mentions of one name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<usize>,
}

/// A score with four decimals, as people read it (0.95, not 0.949999988): as
/// the JSON writes it, and the Python bindings return it.
pub fn rounded_score(score: f32) -> f64 {
    (f64::from(score) * 10_000.0).round() / 10_000.0
}

fn serialize_score<S: serde::Serializer>(score: &f32, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_f64(rounded_score(*score))
}
