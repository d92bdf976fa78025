//! Text as people paste it, through the built-in `news` model: possessives
//! and courtesy titles outside names, straight and curly apostrophes alike,
//! headlines in Title Case and lines in capitals, hard-wrapped paragraphs.

use ner_highlight::{extract, ExtractOptions, Label};

/// The (text, label) of each entity of `text`, checking every offset.
fn found(text: &str) -> Vec<(String, Label)> {
    extract(text, &ExtractOptions::default())
        .entities
        .into_iter()
        .map(|e| {
            assert_eq!(&text[e.start..e.end], e.text);
            (e.text, e.label)
        })
        .collect()
}

fn has(found: &[(String, Label)], text: &str, label: Label) -> bool {
    found.iter().any(|(t, l)| t == text && *l == label)
}

#[test]
fn possessives_straight_and_curly_stay_outside_names() {
    let text = "South Korea's exports rose as Hong Kong\u{2019}s port and Michael Jackson's \
                lawyers waited; the Joneses' house was sold.";
    let all = found(text);
    for (name, _) in &all {
        assert!(
            !name.ends_with("'s") && !name.ends_with("\u{2019}s") && !name.ends_with('\''),
            "{all:?}"
        );
    }
    assert!(has(&all, "South Korea", Label::Gpe), "{all:?}");
    assert!(has(&all, "Hong Kong", Label::Gpe), "{all:?}");
    assert!(has(&all, "Michael Jackson", Label::Person), "{all:?}");
}

#[test]
fn courtesy_titles_stay_outside_a_person() {
    for text in [
        "Mr Berlusconi met reporters in Rome on Monday.",
        "Mr. Berlusconi met reporters in Rome on Monday.",
    ] {
        let all = found(text);
        assert!(has(&all, "Berlusconi", Label::Person), "{text}: {all:?}");
    }
}

#[test]
fn a_title_case_headline_reads_as_running_text() {
    let all = found("Netanyahu Tells Putin Israel's War With Hamas Will Persist");
    assert!(has(&all, "Netanyahu", Label::Person), "{all:?}");
    assert!(has(&all, "Putin", Label::Person), "{all:?}");
    assert!(has(&all, "Israel", Label::Gpe), "{all:?}");
    assert!(has(&all, "Hamas", Label::Org), "{all:?}");
    assert_eq!(all.len(), 4, "{all:?}");
}

#[test]
fn a_line_in_capitals_reads_as_running_text() {
    let all =
        found("ANGELA MERKEL VISITS PARIS FOR TALKS WITH MACRON\n\nThe talks began on Monday.");
    assert!(has(&all, "ANGELA MERKEL", Label::Person), "{all:?}");
    assert!(has(&all, "PARIS", Label::Gpe), "{all:?}");
}

#[test]
fn a_name_across_a_wrapped_line_is_one_name() {
    let text = "The delegation, which arrived on Monday after a long flight, was met by\n\
                Angela Merkel at the airport, and the talks that followed went on until\n\
                late in the evening, officials in Berlin said on Tuesday afternoon.";
    let all = found(text);
    assert!(has(&all, "Angela Merkel", Label::Person), "{all:?}");
    assert!(has(&all, "Berlin", Label::Gpe), "{all:?}");
}
