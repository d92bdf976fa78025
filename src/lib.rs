//! Client-side named-entity highlighter for news articles.
//!
//! The core finds people, organisations, places, dates, numbers and sums of
//! money in text, with exact offsets, and runs the same natively and in the
//! browser (compiled to wasm32, see the `wasm` module).
//!
//! - [`tokenize`](mod@tokenize): tokens with exact byte offsets;
//! - [`sentence`]: sentence splitting over tokens;
//! - [`rules`]: regular-expression recognisers for dates, times, money,
//!   percentages, quantities, ordinals and cardinals;
//! - [`extract()`]: the whole pipeline.
//!
//! ```
//! let text = "Oct. 7 was a Saturday.";
//! let found = ner_highlight::extract(text, &Default::default());
//! let first = &found.entities[0];
//! assert_eq!((&text[first.start..first.end], first.label.as_str()), ("Oct. 7", "DATE"));
//! ```

#![warn(missing_docs)]

mod abbrev;
pub mod any_model;
mod consistency;
pub mod corpus;
pub mod document;
pub mod edges;
pub mod entity;
pub mod extract;
pub mod group;
pub mod label;
mod merge;
pub mod model;
pub mod models;
pub mod neural;
pub mod offsets;
pub mod printed;
pub mod rules;
pub mod sentence;
pub mod terms;
pub mod text_file;
pub mod tokenize;
#[cfg(feature = "train")]
pub mod train;
#[cfg(target_arch = "wasm32")]
mod wasm;

/// The README's Rust examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

pub use any_model::{AnyModel, AnyModelError};
pub use document::Document;
pub use entity::{Entity, Source};
pub use extract::{extract, ExtractOptions, Extraction, Extractor};
pub use group::Group;
pub use label::Label;
pub use offsets::OffsetUnit;
pub use terms::{Term, Terms, TermsError};
