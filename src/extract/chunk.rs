//! Cutting a long text into pieces of bounded size, so that the pipeline's
//! memory (tokens, sentences, features) grows with the piece, not the text.
//!
//! A piece ends, in order of preference, after a blank line (a paragraph
//! break), at the start of a sentence, after whitespace, or, in text with no
//! whitespace at all, at a character boundary. Pieces cover the text exactly,
//! in order, so offsets found in a piece shift back by the piece's start.

use crate::sentence::split_sentences;
use crate::tokenize::tokenize;
use std::ops::Range;

/// The default largest piece, in bytes: far above any news article, so that
/// ordinary documents run whole and only long texts are cut.
pub const DEFAULT_PIECE_BYTES: usize = 64 * 1024;

/// Byte ranges that cover `text` in order, each at most `max` bytes long
/// (at least one character, whatever `max` is).
pub fn pieces(text: &str, max: usize) -> Vec<Range<usize>> {
    let max = max.max(1);
    let mut ranges = Vec::with_capacity(text.len() / max + 1);
    let mut start = 0;
    while start < text.len() {
        let end = if text.len() - start <= max {
            text.len()
        } else {
            cut(text, start, max)
        };
        ranges.push(start..end);
        start = end;
    }
    ranges
}

/// Where the piece that starts at `start` ends, when the rest is longer than `max`.
fn cut(text: &str, start: usize, max: usize) -> usize {
    let mut limit = start + max;
    while !text.is_char_boundary(limit) {
        limit -= 1;
    }
    if limit == start {
        // One character longer than `max`: take it whole.
        return start + text[start..].chars().next().map_or(1, char::len_utf8);
    }
    let window = &text[start..limit];
    // Paragraphs: only a break in the second half, so pieces stay large.
    let half = window.len() / 2;
    paragraph_end(window, half)
        .or_else(|| sentence_start(window))
        .or_else(|| whitespace_end(window))
        .map_or(limit, |offset| start + offset)
}

/// The end of the last blank line of `window` that ends at or after `from`.
fn paragraph_end(window: &str, from: usize) -> Option<usize> {
    let bytes = window.as_bytes();
    let mut line_end = bytes.len();
    while let Some(newline) = bytes[..line_end].iter().rposition(|&b| b == b'\n') {
        if newline < from {
            return None;
        }
        let line_start = bytes[..newline].iter().rposition(|&b| b == b'\n')?;
        if window[line_start + 1..newline].trim().is_empty() {
            return Some(newline + 1);
        }
        line_end = newline;
    }
    None
}

/// The start of the last sentence of `window` (which may be cut off), if
/// there is more than one sentence.
fn sentence_start(window: &str) -> Option<usize> {
    let tokens = tokenize(window);
    let sentences = split_sentences(window, &tokens);
    let last = sentences.last()?;
    (sentences.len() > 1).then(|| tokens[last.start].start)
}

/// The end of the last whitespace character in `window`.
fn whitespace_end(window: &str) -> Option<usize> {
    let (index, c) = window
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())?;
    Some(index + c.len_utf8())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, max: usize) -> Vec<&str> {
        let ranges = pieces(text, max);
        let mut at = 0;
        for r in &ranges {
            assert_eq!(r.start, at);
            assert!(r.end > r.start);
            at = r.end;
        }
        assert_eq!(at, text.len());
        ranges.iter().map(|r| &text[r.clone()]).collect()
    }

    #[test]
    fn short_texts_are_one_piece_and_empty_text_none() {
        assert_eq!(check("Angela Merkel.", 100), ["Angela Merkel."]);
        assert!(check("", 100).is_empty());
    }

    #[test]
    fn pieces_end_after_blank_lines() {
        let text = "First paragraph here.\n\nSecond one is here.\r\n \r\nThird.";
        assert_eq!(
            check(text, 25),
            [
                "First paragraph here.\n\n",
                "Second one is here.\r\n \r\n",
                "Third."
            ]
        );
    }

    #[test]
    fn without_paragraphs_pieces_end_at_sentence_starts() {
        let text = "Merkel spoke. Macron listened. Biden left early today.";
        assert_eq!(
            check(text, 35),
            ["Merkel spoke. Macron listened. ", "Biden left early today."]
        );
    }

    #[test]
    fn without_sentences_after_whitespace_and_else_at_characters() {
        assert_eq!(check("aaa bbb ccc", 9), ["aaa bbb ", "ccc"]);
        assert_eq!(check("ééééé", 3), ["é", "é", "é", "é", "é"]);
        assert_eq!(check("ab😀", 1), ["a", "b", "😀"]);
    }
}
