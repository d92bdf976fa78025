//! Context checks that accept or reject a rule's match by the words around it.

use crate::tokenize::Token;

/// A check of the tokens around a match.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Check {
    /// Every match is accepted.
    None,
    /// "March", "May": a month only after a temporal preposition ("in May").
    AfterTemporalPreposition,
    /// A four-digit year, unless it counts something ("about 2000 people").
    YearContext,
    /// A number, except the pronoun "one" ("no one", "the one who").
    CardinalContext,
}

/// A match seen as tokens: the tokens of the text and the first and last token of the match.
pub struct MatchContext<'a> {
    /// The text.
    pub text: &'a str,
    /// All tokens of the text.
    pub tokens: &'a [Token],
    /// Index of the match's first token.
    pub first: usize,
    /// Index of the match's last token.
    pub last: usize,
}

impl MatchContext<'_> {
    fn previous_word(&self) -> Option<&str> {
        let i = self.first.checked_sub(1)?;
        Some(self.tokens[i].text(self.text))
    }

    fn next_word(&self) -> Option<&str> {
        self.tokens.get(self.last + 1).map(|t| t.text(self.text))
    }

    fn matched(&self) -> &str {
        &self.text[self.tokens[self.first].start..self.tokens[self.last].end]
    }
}

/// Words after which a capitalised "March" or "May" is a month.
const TEMPORAL_PREPOSITIONS: &[&str] = &[
    "in", "since", "until", "till", "by", "last", "next", "this", "early", "late", "mid", "of",
    "from", "through", "during", "before", "after", "on", "between", "and", "to",
];

/// Words before a year that mark it as a date.
const YEAR_OPENERS: &[&str] = &[
    "in", "since", "by", "of", "from", "until", "till", "through", "during", "before", "after",
    "early", "late", "mid", "the", "'s", "’s", "between", "and", "to", "year", "fiscal", "for",
    "in", "around", "circa", "c.", ",", "(",
];

/// Words before "one" that make it a pronoun, not a number.
const ONE_AS_PRONOUN: &[&str] = &[
    "no", "the", "this", "that", "every", "any", "each", "which", "someone", "anyone", "little",
];

impl Check {
    /// Whether the match in `context` passes this check.
    pub fn accepts(self, context: &MatchContext) -> bool {
        let previous_is = |words: &[&str]| {
            context
                .previous_word()
                .is_some_and(|w| words.iter().any(|x| w.eq_ignore_ascii_case(x)))
        };
        match self {
            Check::None => true,
            Check::AfterTemporalPreposition => previous_is(TEMPORAL_PREPOSITIONS),
            Check::YearContext => {
                let next_is_punct_or_end = context
                    .next_word()
                    .is_none_or(|w| !w.starts_with(|c: char| c.is_alphanumeric()));
                previous_is(YEAR_OPENERS)
                    || next_is_punct_or_end
                    || context.previous_word().is_none()
            }
            Check::CardinalContext => {
                let is_one = context.matched().eq_ignore_ascii_case("one");
                !(is_one && (previous_is(ONE_AS_PRONOUN) || context.next_word() == Some("another")))
            }
        }
    }
}
