//! Sentence splitting over tokens: abbreviations before names and numbers do
//! not end a sentence; full stops, question and exclamation marks, closing
//! quotes after them and blank lines do.

use ner_highlight::Document;

/// The sentences of `text`, each as the text from its first token's start to
/// its last token's end, after checking that they cover every token in order.
fn sentences(text: &str) -> Vec<&str> {
    let doc = Document::new(text);
    let mut next = 0;
    for range in &doc.sentences {
        assert_eq!(
            range.start, next,
            "sentences {:?} skip a token",
            doc.sentences
        );
        assert!(
            range.start < range.end,
            "empty sentence in {:?}",
            doc.sentences
        );
        next = range.end;
    }
    assert_eq!(next, doc.tokens.len(), "sentences do not cover every token");
    doc.sentences
        .iter()
        .map(|r| &text[doc.tokens[r.start].start..doc.tokens[r.end - 1].end])
        .collect()
}

#[test]
fn no_text_no_sentences() {
    assert!(sentences("").is_empty());
    assert!(sentences(" \n\n ").is_empty());
}

#[test]
fn one_sentence_without_final_period() {
    assert_eq!(sentences("Markets rallied"), ["Markets rallied"]);
}

#[test]
fn breaks_at_a_full_stop_before_a_capital() {
    assert_eq!(
        sentences("The vote failed. The senator left."),
        ["The vote failed.", "The senator left."]
    );
    assert_eq!(
        sentences("Shares rose 3.5%. Analysts were surprised."),
        ["Shares rose 3.5%.", "Analysts were surprised."]
    );
}

#[test]
fn breaks_at_question_and_exclamation_marks() {
    assert_eq!(
        sentences("Will it pass? Nobody knows! Wait and see."),
        ["Will it pass?", "Nobody knows!", "Wait and see."]
    );
    assert_eq!(sentences("Really?! Yes."), ["Really?!", "Yes."]);
}

#[test]
fn does_not_break_after_titles_before_names() {
    assert_eq!(
        sentences("Mr. Smith met Dr. Jones and Sen. Warren."),
        ["Mr. Smith met Dr. Jones and Sen. Warren."]
    );
    assert_eq!(
        sentences("Gov. Newsom spoke with Mrs. Obama."),
        ["Gov. Newsom spoke with Mrs. Obama."]
    );
}

#[test]
fn does_not_break_after_months_before_numbers() {
    assert_eq!(
        sentences("The attack came on Oct. 7 and Nov. 12 was quiet."),
        ["The attack came on Oct. 7 and Nov. 12 was quiet."]
    );
}

#[test]
fn does_not_break_after_initialisms_inside_names() {
    assert_eq!(
        sentences("The U.S. Army and the U.N. Security Council agreed."),
        ["The U.S. Army and the U.N. Security Council agreed."]
    );
    assert_eq!(
        sentences("It reached U.S. 101 at 5 p.m. Friday."),
        ["It reached U.S. 101 at 5 p.m. Friday."]
    );
    assert_eq!(
        sentences("George W. Bush spoke."),
        ["George W. Bush spoke."]
    );
}

#[test]
fn breaks_after_an_initialism_that_ends_a_sentence() {
    assert_eq!(
        sentences("She moved to the U.S. The move was hard."),
        ["She moved to the U.S.", "The move was hard."]
    );
    assert_eq!(
        sentences("He works for Acme Inc. He joined in 2019."),
        ["He works for Acme Inc.", "He joined in 2019."]
    );
}

#[test]
fn breaks_after_closing_quotes() {
    assert_eq!(
        sentences("He said, \u{201C}We will win.\u{201D} Then he left."),
        ["He said, \u{201C}We will win.\u{201D}", "Then he left."]
    );
    assert_eq!(
        sentences("She asked, \"Why?\" Nobody answered."),
        ["She asked, \"Why?\"", "Nobody answered."]
    );
    assert_eq!(
        sentences("\u{2018}Stop!\u{2019} It worked."),
        ["\u{2018}Stop!\u{2019}", "It worked."]
    );
}

#[test]
fn does_not_break_inside_a_quote_that_goes_on() {
    assert_eq!(
        sentences("\u{201C}Why?\u{201D} she asked."),
        ["\u{201C}Why?\u{201D} she asked."]
    );
}

#[test]
fn does_not_break_before_a_lowercase_word_or_a_number_in_a_list() {
    assert_eq!(
        sentences("Prices fell 2.5 percent vs. last year."),
        ["Prices fell 2.5 percent vs. last year."]
    );
    assert_eq!(
        sentences("It ended... or did it?"),
        ["It ended... or did it?"]
    );
}

#[test]
fn breaks_before_an_opening_quote_or_bracket() {
    assert_eq!(
        sentences("He left. \u{201C}Good,\u{201D} she said."),
        ["He left.", "\u{201C}Good,\u{201D} she said."]
    );
}

#[test]
fn breaks_at_blank_lines() {
    assert_eq!(
        sentences("Storm Hits Coast\n\nthe storm arrived early"),
        ["Storm Hits Coast", "the storm arrived early"]
    );
    assert_eq!(
        sentences("Headline\r\n\r\nBody text here"),
        ["Headline", "Body text here"]
    );
    assert_eq!(
        sentences("First part\n   \nsecond part"),
        ["First part", "second part"]
    );
}

#[test]
fn a_single_line_break_ends_a_sentence_unless_the_text_goes_on_in_lower_case() {
    assert_eq!(
        sentences("Storm Hits Coast\nThe storm arrived"),
        ["Storm Hits Coast", "The storm arrived"]
    );
    assert_eq!(
        sentences("The storm arrived\nearly on Monday."),
        ["The storm arrived\nearly on Monday."]
    );
    assert_eq!(
        sentences("Storm Hits Coast\r\nThe storm arrived"),
        ["Storm Hits Coast", "The storm arrived"]
    );
}

#[test]
fn a_hard_wrapped_paragraph_goes_on_where_a_headline_or_list_item_ends() {
    let text = "Storm Hits Coast\n\
                By Jane Smith\n\
                The storm that reached the coast on Monday was the worst since\n\
                Hurricane Andrew, officials in Miami said, and the National Weather\n\
                Service warned that more rain would follow. Schools were closed\n\
                across the region and many roads were flooded by the afternoon.\n\
                - Shelters opened in Miami\n\
                - Flights were cancelled at three airports in the state";
    assert_eq!(
        sentences(text),
        [
            "Storm Hits Coast",
            "By Jane Smith",
            "The storm that reached the coast on Monday was the worst since\n\
             Hurricane Andrew, officials in Miami said, and the National Weather\n\
             Service warned that more rain would follow.",
            "Schools were closed\nacross the region and many roads were flooded by the afternoon.",
            "- Shelters opened in Miami",
            "- Flights were cancelled at three airports in the state",
        ]
    );
}

#[test]
fn every_kind_of_line_break_measures_lines_and_a_short_headline_stands_alone() {
    for br in ["\n", "\r", "\r\n", "\u{2028}"] {
        let text = format!(
            "The chancellor said on Monday that the coalition would hold its{br}\
             meeting as planned, and aides confirmed the talks at the chancellery.{br}\
             Merkel Meets Macron In Paris{br}\
             The talks went on until late in the evening, officials in Berlin said."
        );
        let found = sentences(&text);
        assert!(
            found.contains(&"Merkel Meets Macron In Paris"),
            "{br:?}: {found:?}"
        );
    }
}

#[test]
fn unicode_line_and_paragraph_separators_break() {
    assert_eq!(
        sentences("Storm Hits Coast\u{2029}the storm arrived"),
        ["Storm Hits Coast", "the storm arrived"]
    );
    assert_eq!(
        sentences("Storm Hits Coast\u{2028}The storm arrived"),
        ["Storm Hits Coast", "The storm arrived"]
    );
}

#[test]
fn breaks_in_text_without_letter_case() {
    assert_eq!(
        sentences("東京は晴れ。大阪は雨。"),
        ["東京は晴れ。", "大阪は雨。"]
    );
}

proptest::proptest! {
    #[test]
    fn sentences_cover_every_token_of_any_text(text in "(?s).{0,80}|[A-Za-z .!?\"”“'\n\r]{0,80}") {
        sentences(&text);
    }
}
