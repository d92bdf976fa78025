//! Tokenizer tests on news text: every test checks the token texts and the
//! invariants that hold for every token (non-empty, in order, not overlapping,
//! on char boundaries, no white space inside).

use ner_highlight::tokenize::{tokenize, Token, TokenKind};
use proptest::prelude::*;

/// Asserts the invariants every tokenization must keep.
fn assert_well_formed(text: &str, tokens: &[Token]) {
    let mut previous_end = 0;
    for (i, t) in tokens.iter().enumerate() {
        assert!(t.start < t.end, "token {i} {t:?} is empty in {text:?}");
        assert!(
            t.start >= previous_end,
            "token {i} {t:?} overlaps or is out of order in {text:?}"
        );
        assert!(t.end <= text.len(), "token {i} {t:?} runs past {text:?}");
        assert!(
            text.is_char_boundary(t.start) && text.is_char_boundary(t.end),
            "token {i} {t:?} is not on char boundaries in {text:?}"
        );
        let token_text = &text[t.start..t.end];
        assert!(
            !token_text.chars().any(char::is_whitespace),
            "token {i} {token_text:?} contains white space in {text:?}"
        );
        previous_end = t.end;
    }
}

/// The token texts of `text`, after checking the invariants.
fn texts(text: &str) -> Vec<&str> {
    let tokens = tokenize(text);
    assert_well_formed(text, &tokens);
    tokens.iter().map(|t| &text[t.start..t.end]).collect()
}

/// The tokens of `text` with their kinds, after checking the invariants.
fn kinds(text: &str) -> Vec<(&str, TokenKind)> {
    let tokens = tokenize(text);
    assert_well_formed(text, &tokens);
    tokens
        .iter()
        .map(|t| (&text[t.start..t.end], t.kind))
        .collect()
}

#[test]
fn plain_sentence() {
    assert_eq!(
        texts("The senator left, and the vote failed."),
        ["The", "senator", "left", ",", "and", "the", "vote", "failed", "."]
    );
}

#[test]
fn empty_and_blank_text() {
    assert!(texts("").is_empty());
    assert!(texts(" \t\n\r\n\u{00A0}\u{200B}\u{FEFF}").is_empty());
}

#[test]
fn abbreviations_keep_their_period() {
    assert_eq!(
        texts("Mr. Lee of the U.S. Navy arrived Oct. 3 at 9 a.m. with a Ph.D. in hand."),
        [
            "Mr.", "Lee", "of", "the", "U.S.", "Navy", "arrived", "Oct.", "3", "at", "9", "a.m.",
            "with", "a", "Ph.D.", "in", "hand", "."
        ]
    );
    assert_eq!(
        texts("Dr. Ortiz, Sen. Hale and Gov. Park (e.g. Acme Inc.) met."),
        [
            "Dr.", "Ortiz", ",", "Sen.", "Hale", "and", "Gov.", "Park", "(", "e.g.", "Acme",
            "Inc.", ")", "met", "."
        ]
    );
}

#[test]
fn initialism_at_end_of_sentence_keeps_one_period() {
    assert_eq!(
        texts("She moved to the U.S."),
        ["She", "moved", "to", "the", "U.S."]
    );
}

#[test]
fn an_abbreviation_starts_a_hyphenated_compound() {
    // One token, as CoNLL-2003 writes it: an entity can end only at its end.
    assert_eq!(texts("U.N.-backed"), ["U.N.-backed"]);
    assert_eq!(texts("Mo.-based"), ["Mo.-based"]);
}

#[test]
fn ordinary_words_give_their_period_back() {
    assert_eq!(texts("It rained.Then"), ["It", "rained", ".", "Then"]);
    assert_eq!(texts("the end."), ["the", "end", "."]);
    assert_eq!(texts("NASA."), ["NASA", "."]);
    assert_eq!(texts("I did it."), ["I", "did", "it", "."]);
    assert_eq!(texts("Go on, do so."), ["Go", "on", ",", "do", "so", "."]);
    assert_eq!(
        texts("The answer is No."),
        ["The", "answer", "is", "No", "."]
    );
    assert_eq!(texts("No. 1 and No.2"), ["No.", "1", "and", "No.", "2"]);
}

#[test]
fn initials_in_names() {
    assert_eq!(
        texts("George W. Bush met J.R.R. Tolkien fans."),
        ["George", "W.", "Bush", "met", "J.R.R.", "Tolkien", "fans", "."]
    );
}

#[test]
fn straight_and_curly_quotes_are_tokens() {
    assert_eq!(
        texts("\u{201C}We won,\u{201D} she said."),
        ["\u{201C}", "We", "won", ",", "\u{201D}", "she", "said", "."]
    );
    assert_eq!(
        texts("\"We won,\" she said."),
        ["\"", "We", "won", ",", "\"", "she", "said", "."]
    );
    assert_eq!(
        texts("\u{2018}Never,\u{2019} he said. 'No.'"),
        ["\u{2018}", "Never", ",", "\u{2019}", "he", "said", ".", "'", "No", ".", "'"]
    );
    assert_eq!(
        texts("\u{00AB}Oui\u{00BB}"),
        ["\u{00AB}", "Oui", "\u{00BB}"]
    );
}

#[test]
fn hyphenated_words_stay_whole() {
    assert_eq!(
        texts("A state-of-the-art, well-known e-mail firm -- re-elected."),
        [
            "A",
            "state-of-the-art",
            ",",
            "well-known",
            "e-mail",
            "firm",
            "--",
            "re-elected",
            "."
        ]
    );
    assert_eq!(texts("pre- and post-war"), ["pre", "-", "and", "post-war"]);
    assert_eq!(texts("a 20-year-old"), ["a", "20-year-old"]);
    assert_eq!(
        texts("Paris\u{2014}London"),
        ["Paris", "\u{2014}", "London"]
    );
}

#[test]
fn possessives_split_off() {
    assert_eq!(
        texts("Obama's plan and Merkel\u{2019}s reply"),
        ["Obama", "'s", "plan", "and", "Merkel", "\u{2019}s", "reply"]
    );
    assert_eq!(
        texts("the students' union and O'Brien's car"),
        ["the", "students", "'", "union", "and", "O'Brien", "'s", "car"]
    );
    assert_eq!(
        texts("the U.S.'s allies, AT&T's deal, 2006's"),
        ["the", "U.S.", "'s", "allies", ",", "AT&T", "'s", "deal", ",", "2006", "'s"]
    );
}

#[test]
fn contractions_split_off() {
    assert_eq!(
        texts("Don't, can't, won\u{2019}t, isn't."),
        [
            "Do",
            "n't",
            ",",
            "ca",
            "n't",
            ",",
            "wo",
            "n\u{2019}t",
            ",",
            "is",
            "n't",
            "."
        ]
    );
    assert_eq!(
        texts("I'm sure they're done; we've said she'll go, I'd say."),
        [
            "I", "'m", "sure", "they", "'re", "done", ";", "we", "'ve", "said", "she", "'ll", "go",
            ",", "I", "'d", "say", "."
        ]
    );
    assert_eq!(texts("at 5 o'clock"), ["at", "5", "o'clock"]);
}

#[test]
fn numbers_with_separators_and_decimals() {
    assert_eq!(
        texts("It cost $1,000.50, up 3.5% at 10:30 on 10/7/2023."),
        [
            "It",
            "cost",
            "$",
            "1,000.50",
            ",",
            "up",
            "3.5",
            "%",
            "at",
            "10:30",
            "on",
            "10/7/2023",
            "."
        ]
    );
    assert_eq!(
        texts("the 1990s, the '90s, the 21st, 10am, 2023-10-07"),
        [
            "the",
            "1990s",
            ",",
            "the",
            "'90s",
            ",",
            "the",
            "21st",
            ",",
            "10am",
            ",",
            "2023-10-07"
        ]
    );
    assert_eq!(texts("in 2006."), ["in", "2006", "."]);
    assert_eq!(texts("1,000,000"), ["1,000,000"]);
    assert_eq!(texts("-3.5"), ["-", "3.5"]);
}

#[test]
fn number_kinds() {
    assert_eq!(
        kinds("$4.5 billion"),
        [
            ("$", TokenKind::Symbol),
            ("4.5", TokenKind::Number),
            ("billion", TokenKind::Word)
        ]
    );
}

#[test]
fn urls_leave_trailing_punctuation() {
    assert_eq!(
        texts("See https://example.com/a/b?q=1&r=2."),
        ["See", "https://example.com/a/b?q=1&r=2", "."]
    );
    assert_eq!(
        texts("(https://en.wikipedia.org/wiki/Mercury_(planet))."),
        [
            "(",
            "https://en.wikipedia.org/wiki/Mercury_(planet)",
            ")",
            "."
        ]
    );
    assert_eq!(
        texts("[www.example.org], <http://x.io/path>"),
        [
            "[",
            "www.example.org",
            "]",
            ",",
            "<",
            "http://x.io/path",
            ">"
        ]
    );
    assert_eq!(
        texts("\u{201C}https://example.com/story\u{201D},"),
        ["\u{201C}", "https://example.com/story", "\u{201D}", ","]
    );
    assert_eq!(kinds("https://a.com")[0].1, TokenKind::Url);
    assert_eq!(
        texts("(via:https://x.com/a)."),
        ["(", "via", ":", "https://x.com/a", ")", "."]
    );
    assert_eq!(texts("https://"), ["https", ":", "/", "/"]);
}

#[test]
fn domain_names_stay_whole() {
    assert_eq!(texts("Amazon.com's shares"), ["Amazon.com", "'s", "shares"]);
    assert_eq!(
        texts("Read news.bbc.co.uk. Or CNN.com."),
        ["Read", "news.bbc.co.uk", ".", "Or", "CNN.com", "."]
    );
    assert_eq!(texts("iOS v2.0 and A4.5"), ["iOS", "v2.0", "and", "A4.5"]);
}

#[test]
fn email_addresses() {
    assert_eq!(
        texts("Write to jane.doe+news@example.co.uk."),
        ["Write", "to", "jane.doe+news@example.co.uk", "."]
    );
    assert_eq!(texts("(tips@example.com)"), ["(", "tips@example.com", ")"]);
    assert_eq!(kinds("tips@example.com")[0].1, TokenKind::Email);
    assert_eq!(texts("@user"), ["@", "user"]);
}

#[test]
fn emoji_sequences_are_one_token() {
    let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}";
    let thumbs = "\u{1F44D}\u{1F3FD}";
    let us = "\u{1F1FA}\u{1F1F8}";
    let gb = "\u{1F1EC}\u{1F1E7}";
    let keycap = "1\u{FE0F}\u{20E3}";
    let hash_keycap = "#\u{FE0F}\u{20E3}";
    let rainbow = "\u{1F3F3}\u{FE0F}\u{200D}\u{1F308}";
    let heart = "\u{2764}\u{FE0F}";
    let text = format!("{family} {thumbs}{us}{gb} {keycap} {hash_keycap} {rainbow}{heart}!");
    assert_eq!(
        texts(&text),
        [
            family,
            thumbs,
            us,
            gb,
            keycap,
            hash_keycap,
            rainbow,
            heart,
            "!"
        ]
    );
    assert_eq!(
        texts("great\u{1F44D}\u{1F3FD}news"),
        ["great", thumbs, "news"]
    );
    assert_eq!(kinds(family)[0].1, TokenKind::Symbol);
    assert_eq!(kinds(hash_keycap)[0].1, TokenKind::Symbol);
}

#[test]
fn emoji_presentation_of_punctuation_stays_whole() {
    let double_bang = "\u{203C}\u{FE0F}";
    assert_eq!(texts(&format!("Wow{double_bang}")), ["Wow", double_bang]);
}

#[test]
fn stray_emoji_parts_do_not_break_anything() {
    assert_eq!(texts("\u{200D}"), ["\u{200D}"]);
    assert_eq!(texts("\u{1F3FD}\u{FE0F}"), ["\u{1F3FD}\u{FE0F}"]);
    assert_eq!(
        texts("\u{1F1FA}\u{1F1F8}\u{1F1EC}"),
        ["\u{1F1FA}\u{1F1F8}", "\u{1F1EC}"]
    );
}

#[test]
fn cjk_runs_and_punctuation() {
    assert_eq!(
        texts("東京、大阪。「日本」（にほん）"),
        [
            "東京",
            "、",
            "大阪",
            "。",
            "「",
            "日本",
            "」",
            "（",
            "にほん",
            "）"
        ]
    );
    assert_eq!(
        texts("你好！真的？是：对"),
        ["你好", "！", "真的", "？", "是", "：", "对"]
    );
}

#[test]
fn combining_marks_stay_in_their_word() {
    assert_eq!(
        texts("Cafe\u{0301} nai\u{0308}ve."),
        ["Cafe\u{0301}", "nai\u{0308}ve", "."]
    );
    // Devanagari virama, Bengali virama and a Thai tone mark.
    assert_eq!(texts("हिन्दी"), ["हिन्दी"]);
    assert_eq!(texts("বাংলা ক্ষমা"), ["বাংলা", "ক্ষমা"]);
    assert_eq!(texts("ไม่"), ["ไม่"]);
    // Persian with a zero-width non-joiner inside the word.
    assert_eq!(texts("می\u{200C}خواهم"), ["می\u{200C}خواهم"]);
}

#[test]
fn crlf_and_other_line_breaks_separate_tokens() {
    assert_eq!(
        texts("First line.\r\nSecond line\r\n\r\nThird\u{2028}Fourth"),
        ["First", "line", ".", "Second", "line", "Third", "Fourth"]
    );
}

#[test]
fn ellipses_and_runs_of_terminals() {
    assert_eq!(
        texts("Wait... what?! Really\u{2026}"),
        ["Wait", "...", "what", "?!", "Really", "\u{2026}"]
    );
}

#[test]
fn token_text_matches_byte_span() {
    let text = "Zoë’s café";
    for t in tokenize(text) {
        assert_eq!(t.text(text), &text[t.start..t.end]);
    }
}

/// Characters that stress the tokenizer's special cases.
fn tricky_char() -> impl Strategy<Value = char> {
    prop_oneof![
        any::<char>(),
        prop::sample::select(vec![
            ' ',
            '\n',
            '\r',
            '.',
            ',',
            '\'',
            '\u{2019}',
            '"',
            '-',
            '@',
            ':',
            '/',
            '(',
            ')',
            '$',
            '#',
            '*',
            '&',
            'n',
            't',
            's',
            'U',
            'S',
            'a',
            'm',
            '1',
            '0',
            'w',
            'h',
            '\u{200D}',
            '\u{200C}',
            '\u{FE0F}',
            '\u{20E3}',
            '\u{1F3FD}',
            '\u{1F1FA}',
            '\u{0301}',
            '\u{094D}',
            '\u{1F44D}',
            '東',
            '\u{2028}',
            '\u{00AD}',
        ]),
    ]
}

fn tricky_string() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        prop::collection::vec(tricky_char(), 0..40).prop_map(|cs| cs.into_iter().collect()),
        prop::sample::select(vec![
            "http://",
            "https://",
            "www.",
            "@example.com",
            "U.S.",
            "n't",
            "'s",
            ".com",
            "a.m.",
        ])
        .prop_flat_map(|prefix| {
            prop::collection::vec(tricky_char(), 0..20)
                .prop_map(move |cs| format!("{prefix}{}", cs.into_iter().collect::<String>()))
        }),
    ]
}

proptest! {
    #[test]
    fn never_panics_and_tokens_are_well_formed(text in tricky_string()) {
        let tokens = tokenize(&text);
        assert_well_formed(&text, &tokens);
    }

    #[test]
    fn every_non_separator_char_is_covered(text in tricky_string()) {
        let tokens = tokenize(&text);
        let mut covered = vec![false; text.len()];
        for t in &tokens {
            covered[t.start..t.end].iter_mut().for_each(|c| *c = true);
        }
        for (i, c) in text.char_indices() {
            let separator = c.is_whitespace() || matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}');
            prop_assert_eq!(covered[i], !separator, "char {:?} at {} in {:?}", c, i, text);
        }
    }
}
