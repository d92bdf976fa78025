//! Unicode fixtures: emoji with ZWJ sequences and skin tones, combining
//! marks, right-to-left text, CJK, non-breaking and zero-width spaces, CRLF
//! line ends and curly quotes. Every result is well formed in every offset
//! unit (see `common::invariants`), and the rule entities around the awkward
//! characters are found at their exact places.

mod common;

use common::invariants::{assert_consistent, convert};
use ner_highlight::models::built_in;
use ner_highlight::{ExtractOptions, Extractor, Label, OffsetUnit};

const FIXTURES: &[(&str, &str)] = &[
    (
        "emoji",
        "The engineer 👩🏽‍💻 and the family 👨‍👩‍👧‍👦 met Angela Merkel in Paris on 3 May 2024. 👍🏿🇫🇷",
    ),
    (
        "combining marks",
        "Cafe\u{301} owner Zoe\u{308} Smith paid $5 million to A\u{30a}ngstro\u{308}m Ltd. on Tuesday.",
    ),
    (
        "right to left",
        "قال الرئيس إن الاجتماع في القاهرة. Then Barack Obama spoke in Chicago on Monday. שלום",
    ),
    (
        "bidi controls",
        "\u{202e}Benjamin Netanyahu\u{202c} met \u{200f}officials\u{200f} in Jerusalem for 3 hours.",
    ),
    ("cjk", "李强 visited 北京 and Tokyo on 5 June; Xi Jinping paid ¥300 billion. 東京都庁"),
    (
        "odd spaces",
        "Angela\u{a0}Merkel\u{a0}visited\u{200b}Paris\u{200b} on\u{2009}Tuesday\u{feff} for $4.5\u{a0}billion.",
    ),
    (
        "crlf",
        "Barack Obama\r\nspoke in Chicago.\r\n\r\nMicrosoft Corp. rose 4% on Friday.\r\n",
    ),
    (
        "curly quotes",
        "\u{201c}We will win,\u{201d} said Joe Biden. \u{2018}No,\u{2019} replied Donald Trump \u{2014} in Iowa\u{2026}",
    ),
    ("replacement and nul", "\u{fffd}\u{0}Angela Merkel\u{0} paid $5\u{fffd} on Tuesday."),
];

/// The text of every entity with `label` in `text`.
fn texts_of(text: &str, label: Label) -> Vec<String> {
    ner_highlight::extract(text, &ExtractOptions::default())
        .entities
        .into_iter()
        .filter(|e| e.label == label)
        .map(|e| e.text)
        .collect()
}

#[test]
fn every_fixture_gives_well_formed_entities_in_every_unit() {
    let news = built_in("news").unwrap();
    for (name, text) in FIXTURES {
        let found = assert_consistent(&Extractor::new(Some(news)), text);
        assert!(!found.entities.is_empty(), "{name}: nothing found");
        assert_consistent(&Extractor::new(None), text);
        // Cut into tiny pieces, through the middle of the awkward characters' neighbours.
        for size in [1, 3, 7, 16] {
            assert_consistent(&Extractor::new(Some(news)).with_piece_bytes(size), text);
        }
    }
}

#[test]
fn rule_entities_next_to_awkward_characters_are_exact() {
    assert_eq!(texts_of(FIXTURES[0].1, Label::Date), ["3 May 2024"]);
    assert_eq!(texts_of(FIXTURES[1].1, Label::Money), ["$5 million"]);
    assert_eq!(texts_of(FIXTURES[6].1, Label::Percent), ["4%"]);
    assert_eq!(texts_of(FIXTURES[3].1, Label::Time), ["3 hours"]);
}

#[test]
fn utf16_offsets_count_emoji_as_two_units_and_code_points_as_one() {
    let text = FIXTURES[0].1;
    let date_at = text.find("3 May").unwrap();
    for unit in [OffsetUnit::Utf16, OffsetUnit::Codepoint] {
        let options = ExtractOptions {
            offsets: unit,
            labels: Some(vec![Label::Date]),
            ..Default::default()
        };
        let found = ner_highlight::extract(text, &options);
        assert_eq!(found.entities[0].start, convert(text, date_at, unit));
    }
    // 👩🏽‍💻 is 4 code points, 7 UTF-16 units and 15 bytes.
    let worker = "👩🏽‍💻";
    assert_eq!(
        (
            worker.chars().count(),
            worker.encode_utf16().count(),
            worker.len()
        ),
        (4, 7, 15)
    );
}

#[test]
fn crlf_line_ends_split_sentences_and_stay_out_of_entities() {
    let text = FIXTURES[6].1;
    let found = ner_highlight::extract(text, &ExtractOptions::default());
    assert!(found
        .entities
        .iter()
        .all(|e| !e.text.contains(['\r', '\n'])));
}
