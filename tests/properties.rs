//! Property tests of the whole pipeline on arbitrary strings and on
//! generated news-like text: no panic, well-formed entities (see
//! `common::invariants`), offsets that agree in every unit, and long texts
//! cut into pieces whose entities are exactly those of each piece alone.

mod common;

use common::invariants::{assert_consistent, assert_well_formed};
use ner_highlight::models::built_in;
use ner_highlight::{extract::pieces, ExtractOptions, Extractor};
use proptest::prelude::*;

/// Pieces of news text, including the awkward ones: initialisms, amounts,
/// quotes, emoji, scripts written right to left, CJK, odd spaces and line ends.
const WORDS: &[&str] = &[
    "Angela",
    "Merkel",
    "visited",
    "Paris",
    "on",
    "Tuesday",
    "the",
    "U.S.",
    "Oct.",
    "7",
    "$4.5",
    "billion",
    "3.5%",
    "Microsoft",
    "Corp.",
    "said",
    "Li",
    "Qiang",
    "Beijing",
    "Mr.",
    "Smith",
    "of",
    "New",
    "York",
    "in",
    "2024",
    "1,200",
    "people",
    "“Hello,”",
    "‘no’",
    "\"yes\"",
    "(",
    ")",
    "-",
    "—",
    ",",
    ".",
    "!",
    "?",
    "'s",
    "👩🏽‍💻",
    "👍🏿",
    "🇫🇷",
    "café",
    "cafe\u{301}",
    "Zoë",
    "Ångström",
    "李强",
    "北京",
    "東京都",
    "مرحبا",
    "بالعالم",
    "שלום",
    "Москва",
    "Путин",
    "e.g.",
    "a.m.",
    "5",
    "km",
    "first",
    "<b>",
    "&amp;",
    "\u{fffd}",
    "\u{feff}",
];
const SPACES: &[&str] = &[
    " ", " ", " ", " ", "\n", "\n\n", "\r\n", "\r\n\r\n", "\u{a0}", "\u{200b}", "\t", "\u{2028}",
    "\u{2029}", "\u{200f}", "",
];

/// News-like text: words joined by spaces of every kind.
fn news_like() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (prop::sample::select(WORDS), prop::sample::select(SPACES)),
        0..120,
    )
    .prop_map(|parts| parts.into_iter().flat_map(|(w, s)| [w, s]).collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn arbitrary_strings_give_well_formed_entities(text in any::<String>()) {
        let model = built_in("news").unwrap();
        assert_consistent(&Extractor::new(Some(model)), &text);
    }

    #[test]
    fn news_like_text_gives_well_formed_entities(text in news_like()) {
        let model = built_in("news").unwrap();
        assert_consistent(&Extractor::new(Some(model)), &text);
        assert_consistent(&Extractor::new(None), &text);
        let conll = built_in("conll").unwrap();
        assert_consistent(&Extractor::new(Some(conll)), &text);
    }

    #[test]
    fn filters_keep_a_subset(text in news_like(), min_score in 0.0f32..1.0) {
        let all = ner_highlight::extract(&text, &ExtractOptions::default());
        let options = ExtractOptions { min_score, ..Default::default() };
        let some = ner_highlight::extract(&text, &options);
        assert_well_formed(&text, &some);
        let expected: Vec<_> = all.entities.iter().filter(|e| e.score >= min_score)
            .map(|e| (e.start, e.end, e.label)).collect();
        let got: Vec<_> = some.entities.iter().map(|e| (e.start, e.end, e.label)).collect();
        prop_assert_eq!(got, expected);
    }

    /// A text run in small pieces gives, piece by piece, exactly the entities
    /// of each piece run alone, shifted to where the piece starts.
    #[test]
    fn pieces_are_stitched_back_exactly(text in news_like(), size in 16usize..400) {
        let model = built_in("news").unwrap();
        let chunked = Extractor::new(Some(model)).with_piece_bytes(size);
        let found = assert_consistent(&chunked, &text);
        let whole = Extractor::new(Some(model));
        let mut expected = Vec::new();
        for piece in pieces(&text, size) {
            prop_assert!(piece.len() <= size || text[piece.clone()].chars().count() == 1);
            let alone = whole.extract(&text[piece.clone()], &ExtractOptions::default());
            expected.extend(alone.entities.into_iter().map(|e| {
                (e.start + piece.start, e.end + piece.start, e.label, e.text, e.score)
            }));
        }
        let got: Vec<_> = found.entities.into_iter()
            .map(|e| (e.start, e.end, e.label, e.text, e.score)).collect();
        prop_assert_eq!(got, expected);
    }
}
