//! A text prepared for recognition: its tokens and sentences.

use crate::sentence::split_sentences;
use crate::tokenize::{tokenize, Token};
use std::ops::Range;

/// A text with its tokens and sentences, shared by every recogniser.
pub struct Document<'t> {
    /// The text.
    pub text: &'t str,
    /// Its tokens, in order.
    pub tokens: Vec<Token>,
    /// Its sentences, as ranges of token indices.
    pub sentences: Vec<Range<usize>>,
}

impl<'t> Document<'t> {
    /// Tokenizes `text` and splits it into sentences.
    pub fn new(text: &'t str) -> Self {
        let tokens = tokenize(text);
        let sentences = split_sentences(text, &tokens);
        Document {
            text,
            tokens,
            sentences,
        }
    }

    /// The first and last token of the byte span `start..end`, when the span
    /// starts at a token's start and ends at a token's end.
    pub fn token_span(&self, start: usize, end: usize) -> Option<(usize, usize)> {
        let first = self.tokens.binary_search_by_key(&start, |t| t.start).ok()?;
        let last = first + self.tokens[first..].partition_point(|t| t.end < end);
        (self.tokens.get(last)?.end == end).then_some((first, last))
    }
}
