//! The rule recognisers through `extract`, driven by one shared table of
//! cases: a text and the entities expected in it, as (span text, label).

use ner_highlight::{Extraction, Extractor};

/// The rule recognisers alone (no model), as these tests are about them.
fn extract(text: &str, options: &ner_highlight::ExtractOptions) -> Extraction {
    Extractor::new(None).extract(text, options)
}

/// A test case: a text and every entity expected in it, in order.
struct Case {
    text: &'static str,
    expected: &'static [(&'static str, &'static str)],
}

const fn case(text: &'static str, expected: &'static [(&'static str, &'static str)]) -> Case {
    Case { text, expected }
}

/// Every case, grouped by label. Negative cases expect fewer (or no) entities.
const CASES: &[Case] = &[
    // DATE
    case(
        "The raid began on Oct. 7 before dawn.",
        &[("Oct. 7", "DATE")],
    ),
    case("Voters go to the polls on Tuesday.", &[("Tuesday", "DATE")]),
    case(
        "It opened October 7, 2023, in Lyon.",
        &[("October 7, 2023", "DATE")],
    ),
    case("Sales slowed last week.", &[("last week", "DATE")]),
    case(
        "The mill closed two years ago.",
        &[("two years ago", "DATE")],
    ),
    case("Grunge ruled the 1990s.", &[("the 1990s", "DATE")]),
    case("The band split in 2006.", &[("2006", "DATE")]),
    case(
        "The band split in 2006, then reformed.",
        &[("2006", "DATE")],
    ),
    case("Talks resume in March.", &[("March", "DATE")]),
    case(
        "The report is due Sept. 30, 2024.",
        &[("Sept. 30, 2024", "DATE")],
    ),
    case("She was born 4 July 1990.", &[("4 July 1990", "DATE")]),
    case("Filed on 2023-10-07 in Ohio.", &[("2023-10-07", "DATE")]),
    case(
        "Profits rose in the third quarter.",
        &[("the third quarter", "DATE")],
    ),
    case(
        "Vinyl sales peaked in the mid-1970s.",
        &[("the mid-1970s", "DATE")],
    ),
    case("He moved there yesterday.", &[("yesterday", "DATE")]),
    // TIME
    case(
        "The vote opens at 3:30 p.m. sharp.",
        &[("3:30 p.m.", "TIME")],
    ),
    case("Doors open at 10 a.m.", &[("10 a.m.", "TIME")]),
    case("Lunch is served at noon.", &[("noon", "TIME")]),
    case("The storm hit Tuesday night.", &[("Tuesday night", "TIME")]),
    case(
        "It closes at 9:15 ET today.",
        &[("9:15 ET", "TIME"), ("today", "DATE")],
    ),
    case("It starts at 8 p.m. ET sharp.", &[("8 p.m. ET", "TIME")]),
    case("Land at 6 a.m. ETA Dubai.", &[("6 a.m.", "TIME")]),
    case("We waited three hours.", &[("three hours", "TIME")]),
    case("The bell rang at 5 o'clock.", &[("5 o'clock", "TIME")]),
    // MONEY
    case(
        "The deal is worth $4.5 billion.",
        &[("$4.5 billion", "MONEY")],
    ),
    case("Tickets cost about $300 each.", &[("about $300", "MONEY")]),
    case("The fine was €20 million.", &[("€20 million", "MONEY")]),
    case("Stamps cost 50 cents now.", &[("50 cents", "MONEY")]),
    case(
        "It raised 10 million yuan.",
        &[("10 million yuan", "MONEY")],
    ),
    case("Rent is £1,200 a month.", &[("£1,200", "MONEY")]),
    // PERCENT
    case(
        "Inflation hit 3.5% in June.",
        &[("3.5%", "PERCENT"), ("June", "DATE")],
    ),
    case("Turnout fell 12 percent.", &[("12 percent", "PERCENT")]),
    // QUANTITY
    case("They walked 12 miles home.", &[("12 miles", "QUANTITY")]),
    case(
        "It reached 30 degrees Celsius.",
        &[("30 degrees Celsius", "QUANTITY")],
    ),
    case("A 40-foot wave hit.", &[("40-foot", "QUANTITY")]),
    // ORDINAL
    case("She finished first.", &[("first", "ORDINAL")]),
    case("The 21st race was close.", &[("21st", "ORDINAL")]),
    case("The 1,000th visitor won.", &[("1,000th", "ORDINAL")]),
    case("The 112th Congress met.", &[("112th", "ORDINAL")]),
    case(
        "It was the twenty-first try.",
        &[("twenty-first", "ORDINAL")],
    ),
    // CARDINAL
    case(
        "Police arrested nearly 300 protesters.",
        &[("nearly 300", "CARDINAL")],
    ),
    case("Only eight remain.", &[("Only eight", "CARDINAL")]),
    case("The firm cut 1,200 jobs.", &[("1,200", "CARDINAL")]),
    case(
        "Some two million fled.",
        &[("Some two million", "CARDINAL")],
    ),
    case("He hired eight staff.", &[("eight", "CARDINAL")]),
    case(
        "The survey reached two million homes.",
        &[("two million", "CARDINAL")],
    ),
    // Negatives
    case("No one answered the call.", &[]),
    case("At the end, no one knew.", &[]),
    case("Yes, you may go now.", &[]),
    case("Theresa May spoke to reporters.", &[]),
    case(
        "The crowd grew to about 2000 people.",
        &[("about 2000", "CARDINAL")],
    ),
    case("The village has 2000 residents.", &[("2000", "CARDINAL")]),
    case("The troops will march on.", &[]),
    case(
        "Tenants were sixteen floors up.",
        &[("sixteen", "CARDINAL")],
    ),
    case("Those were the amps at 5 amps.", &[("5", "CARDINAL")]),
    case("Bathe 1990s kids in nostalgia.", &[("1990s", "DATE")]),
];

/// The entities `extract` finds in `text`, as (span text, label), checking
/// that every entity's `text` field matches its span.
fn found(text: &str) -> Vec<(String, String)> {
    extract(text, &Default::default())
        .entities
        .iter()
        .map(|e| {
            assert_eq!(
                e.text,
                &text[e.start..e.end],
                "entity text and span disagree"
            );
            (
                text[e.start..e.end].to_string(),
                e.label.as_str().to_string(),
            )
        })
        .collect()
}

#[test]
fn every_case_finds_exactly_the_expected_entities() {
    let mut failures = Vec::new();
    for c in CASES {
        let got = found(c.text);
        let want: Vec<(String, String)> = c
            .expected
            .iter()
            .map(|&(span, label)| (span.to_string(), label.to_string()))
            .collect();
        if got != want {
            failures.push(format!("{:?}\n    want {want:?}\n    got  {got:?}", c.text));
        }
    }
    assert!(
        failures.is_empty(),
        "{} case(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_expected_span_occurs_in_its_text() {
    for c in CASES {
        for (span, _) in c.expected {
            assert!(c.text.contains(span), "{span:?} is not in {:?}", c.text);
        }
    }
}

#[test]
fn entities_are_sorted_and_do_not_overlap() {
    let text = CASES.iter().map(|c| c.text).collect::<Vec<_>>().join(" ");
    let entities = extract(&text, &Default::default()).entities;
    for pair in entities.windows(2) {
        assert!(
            pair[0].end <= pair[1].start,
            "{:?} overlaps {:?}",
            pair[0],
            pair[1]
        );
    }
}

#[test]
fn matches_never_cross_a_sentence_but_go_on_in_a_wrapped_line() {
    for text in ["Talks end on Oct.\n7 people left", "in\u{2028}2006"] {
        for e in extract(text, &Default::default()).entities {
            let span = &text[e.start..e.end];
            assert!(
                !span.contains(['\n', '\r', '\u{2028}']),
                "{span:?} crosses a line in {text:?}"
            );
        }
    }
    // The next line goes on in lower case: one sentence, one amount.
    let text = "It cost $5\r\nmillion";
    let found = extract(text, &Default::default()).entities;
    assert!(found.iter().any(|e| e.text == "$5\r\nmillion"), "{found:?}");
}

proptest::proptest! {
    #[test]
    fn any_text_gives_sorted_entities_on_char_boundaries(
        text in "(?s).{0,80}|[a-zA-Z0-9 $%€.,:'\n-]{0,80}|(?:about |\\$|Oct\\. |in |[0-9]{1,4} |May |one |percent )*"
    ) {
        let entities = extract(&text, &Default::default()).entities;
        let mut previous_end = 0;
        for e in &entities {
            proptest::prop_assert!(previous_end <= e.start && e.start < e.end);
            proptest::prop_assert!(text.is_char_boundary(e.start) && text.is_char_boundary(e.end));
            proptest::prop_assert_eq!(&e.text, &text[e.start..e.end]);
            previous_end = e.end;
        }
    }
}
