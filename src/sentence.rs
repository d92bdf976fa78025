//! Sentence splitting over tokens.
//!
//! Abbreviations keep their period inside their token ("Oct.", "U.S."), so a
//! period token of its own is a real full stop; it ends a sentence when what
//! follows looks like the start of one. A blank line always ends a sentence.
//! A single line break ends one where the line is a headline, dateline,
//! byline, list item or table row, and not where a hard-wrapped paragraph
//! simply goes on: a list item always starts a sentence; after a full stop
//! the break is read as a space would be; else the line goes on when the next
//! starts in lower case, or when the line is about as long as the text's
//! wrapped lines are (see `WrapWidth`). (A headline as long as the wrapped
//! lines, with no blank line after it, is read as going on: telling it by
//! its capitals split wrapped lines full of names, CoNLL-2003 valid wrapped
//! at 70 columns 90.40 -> 88.98; lines in capitals alone changed nothing.)

use crate::abbrev::never_ends_sentence;
use crate::tokenize::{Token, TokenKind};
use std::ops::Range;

/// Splits `tokens` of `text` into sentences, returned as ranges of token indices.
/// Every token belongs to exactly one sentence, in order.
pub fn split_sentences(text: &str, tokens: &[Token]) -> Vec<Range<usize>> {
    let mut sentences = Vec::new();
    let mut start = 0;
    let mut wrap = WrapWidth::Unmeasured;
    for i in 0..tokens.len() {
        let Some(next) = tokens.get(i + 1) else {
            break;
        };
        if ends_sentence(text, tokens, i, next, &mut wrap) {
            sentences.push(start..i + 1);
            start = i + 1;
        }
    }
    if start < tokens.len() {
        sentences.push(start..tokens.len());
    }
    sentences
}

/// How long a text's full lines are, when it is hard-wrapped: a line at
/// least this long that does not end a sentence is taken to go on in the
/// next line.
#[derive(Clone, Copy, Debug)]
enum WrapWidth {
    /// Not measured yet (only a single line break needs it).
    Unmeasured,
    /// The width, if the text is wrapped.
    Measured(Option<usize>),
}

impl WrapWidth {
    /// Three fifths of the length (in characters) that a quarter of the
    /// text's lines reach, when it has at least four lines and that length
    /// is at least 30 (a text of headlines or short items is not wrapped).
    fn of(text: &str) -> Self {
        let mut lengths: Vec<usize> = text
            .split(is_line_break)
            .map(|line| line.trim().chars().count())
            .filter(|&n| n > 0)
            .collect();
        if lengths.len() < 4 {
            return WrapWidth::Measured(None);
        }
        let quarter = lengths.len() / 4;
        let (_, &mut long, _) = lengths.select_nth_unstable_by(quarter, |a, b| b.cmp(a));
        WrapWidth::Measured((long >= 30).then_some(long * 3 / 5))
    }

    /// Whether a line of `length` characters of `text` looks like a full
    /// wrapped line (measuring the text's lines the first time).
    fn is_full(&mut self, text: &str, length: usize) -> bool {
        if let WrapWidth::Unmeasured = self {
            *self = WrapWidth::of(text);
        }
        matches!(*self, WrapWidth::Measured(Some(width)) if length >= width)
    }
}

/// Whether a sentence ends after token `i`, with `next` the token after it.
fn ends_sentence(
    text: &str,
    tokens: &[Token],
    i: usize,
    next: &Token,
    wrap: &mut WrapWidth,
) -> bool {
    let gap = &text[tokens[i].end..next.start];
    let next_text = next.text(text);
    let next_starts_lower = next_text.chars().next().is_some_and(char::is_lowercase);
    let breaks = line_breaks(gap);
    let token = tokens[i].text(text);
    if breaks >= 2 {
        return true;
    }
    let ends_with_full_stop = is_terminal(token)
        || (is_closing_quote(token) && i > 0 && is_terminal(tokens[i - 1].text(text)));
    if breaks == 1 && is_list_item(next, next_text) {
        return true;
    }
    if breaks == 1 && !ends_with_full_stop {
        if next_starts_lower {
            return false;
        }
        // Where the line starts: a line break is one byte, or two or three
        // for NEL and the separators, so the line starts after its last byte.
        let line_start = text[..tokens[i].end].rfind(is_line_break).map_or(0, |k| {
            k + text[k..].chars().next().map_or(1, char::len_utf8)
        });
        let line = text[line_start..tokens[i].end].trim();
        return !wrap.is_full(text, line.chars().count()) || line.contains('\t');
    }
    if is_closing_quote(token) && i > 0 && is_terminal(tokens[i - 1].text(text)) {
        // He said "no." Then ...
        return starts_sentence(next, next_text);
    }
    if is_terminal(token) {
        return !is_closing_quote(next_text)
            && !matches!(next_text, ")" | "]")
            && starts_sentence(next, next_text);
    }
    if tokens[i].kind == TokenKind::Word && token.ends_with('.') && token.len() > 1 {
        // An abbreviation: only initialisms like "U.S." may end a sentence,
        // and only before a word that cannot go on a noun phrase.
        return !never_ends_sentence(token) && is_sentence_opener(next_text);
    }
    false
}

/// Characters that end a line.
fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{0085}' | '\u{2028}' | '\u{2029}')
}

/// The number of line breaks in `gap`: "\n", "\r\n" and a lone "\r" count
/// one, as do NEL and the line separator; a paragraph separator counts two,
/// as a blank line does.
fn line_breaks(gap: &str) -> usize {
    let mut count = 0;
    let mut chars = gap.chars().peekable();
    while let Some(c) = chars.next() {
        count += match c {
            '\r' if chars.peek() == Some(&'\n') => 0,
            '\n' | '\r' | '\u{0085}' | '\u{2028}' => 1,
            '\u{2029}' => 2,
            _ => 0,
        };
    }
    count
}

/// Whether a token is made of sentence-final marks: "." "?!" "..." "…" and
/// the full stops and question marks of other scripts ("。" "？" "؟" "।").
fn is_terminal(token: &str) -> bool {
    !token.is_empty()
        && token.chars().all(|c| {
            matches!(
                c,
                '.' | '!' | '?' | '…' | '。' | '｡' | '！' | '？' | '؟' | '।' | '॥'
            )
        })
}

/// Whether a line that starts with `token` is a list item: a bullet or
/// dash, or a number followed by "." or ")".
fn is_list_item(token: &Token, token_text: &str) -> bool {
    matches!(
        token_text,
        "-" | "*" | "\u{2022}" | "\u{2013}" | "\u{2014}" | "\u{00B7}"
    ) || (token.kind == TokenKind::Number
        && token_text.len() <= 3
        && token_text.ends_with(['.', ')']))
}

fn is_closing_quote(token: &str) -> bool {
    matches!(token, "\"" | "'" | "\u{201D}" | "\u{2019}" | "\u{00BB}")
}

/// Whether a token can open a sentence: a capital letter, a letter of a
/// script without case (CJK, Arabic, Devanagari), a digit, an opening quote
/// or bracket, a symbol.
fn starts_sentence(token: &Token, token_text: &str) -> bool {
    let Some(first) = token_text.chars().next() else {
        return false;
    };
    first.is_uppercase()
        || (first.is_alphabetic() && !first.is_lowercase() && !first.is_ascii())
        || first.is_ascii_digit()
        || matches!(
            first,
            '"' | '\u{201C}' | '\u{2018}' | '(' | '[' | '\u{00AB}'
        )
        || matches!(token.kind, TokenKind::Symbol)
}

/// Words that open sentences and rarely continue a name after an abbreviation.
fn is_sentence_opener(word: &str) -> bool {
    matches!(
        word,
        "The"
            | "A"
            | "An"
            | "He"
            | "She"
            | "It"
            | "They"
            | "We"
            | "I"
            | "In"
            | "But"
            | "And"
            | "This"
            | "That"
            | "There"
            | "His"
            | "Her"
            | "Their"
            | "Its"
            | "On"
            | "At"
            | "As"
            | "After"
            | "When"
            | "If"
            | "Some"
            | "Many"
    )
}
