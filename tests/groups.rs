//! From mentions to entities, on short articles written for these tests:
//! groups, one label per name, short forms, acronyms, headlines, term lists.

use ner_highlight::{extract, ExtractOptions, Extraction, Extractor, Label, Source, Term, Terms};

const ARTICLE: &str = include_str!("fixtures/article-netanyahu.txt");

fn group_of<'a>(result: &'a Extraction, name: &str) -> &'a ner_highlight::Group {
    result
        .groups
        .iter()
        .find(|g| g.name == name)
        .unwrap_or_else(|| panic!("no group {name:?} in {:#?}", result.groups))
}

fn mention_texts(result: &Extraction, name: &str) -> Vec<String> {
    group_of(result, name)
        .mentions
        .iter()
        .map(|&m| result.entities[m].text.clone())
        .collect()
}

#[test]
fn last_names_and_the_headline_join_the_full_name() {
    let result = extract(ARTICLE, &ExtractOptions::default());
    let netanyahu = group_of(&result, "Benjamin Netanyahu");
    assert_eq!(netanyahu.label, Label::Person);
    assert_eq!(
        mention_texts(&result, "Benjamin Netanyahu"),
        ["NETANYAHU", "Benjamin Netanyahu", "Netanyahu", "Netanyahu"]
    );
    assert_eq!(
        mention_texts(&result, "Antony Blinken"),
        ["BLINKEN", "Antony Blinken", "Blinken", "Blinken"]
    );
}

#[test]
fn acronyms_and_the_join_one_place() {
    let result = extract(ARTICLE, &ExtractOptions::default());
    assert_eq!(
        mention_texts(&result, "United States"),
        ["U.S.", "the United States", "US"]
    );
    assert_eq!(
        group_of(&result, "Jerusalem").count,
        3,
        "JERUSALEM in the headline and dateline too"
    );
}

#[test]
fn every_entity_points_to_its_group_and_groups_are_ordered() {
    let result = extract(ARTICLE, &ExtractOptions::default());
    for (id, group) in result.groups.iter().enumerate() {
        assert_eq!(group.id, id);
        assert_eq!(group.count, group.mentions.len());
        for &m in &group.mentions {
            assert_eq!(result.entities[m].group, Some(id));
        }
        assert!(group
            .wikipedia
            .starts_with("https://en.wikipedia.org/w/index.php?search="));
    }
    let order: Vec<(usize, usize)> = result
        .groups
        .iter()
        .map(|g| (usize::MAX - g.count, g.mentions[0]))
        .collect();
    assert!(order.windows(2).all(|w| w[0] <= w[1]), "{order:?}");
    assert_eq!(result.groups[0].name, "Benjamin Netanyahu");
}

#[test]
fn a_last_name_after_the_full_name_is_found_even_where_the_model_missed_it() {
    // "Okonkwo" alone is a rare word; after "Chidi Okonkwo" it is the same person.
    let text = "Chidi Okonkwo, the mayor, spoke. Later, Okonkwo left.";
    let result = extract(text, &ExtractOptions::default());
    let texts = mention_texts(&result, "Chidi Okonkwo");
    assert_eq!(texts, ["Chidi Okonkwo", "Okonkwo"]);
}

#[test]
fn terms_add_names_with_their_label_and_denied_strings_never_come_out() {
    let terms = Terms::new(
        &[Term {
            text: "Secretary of State".into(),
            label: Label::Org,
        }],
        &["Reuters".into(), "jerusalem".into()],
    )
    .unwrap();
    let model = ner_highlight::models::built_in("news").unwrap();
    let result = Extractor::new(Some(model))
        .with_terms(&terms)
        .extract(ARTICLE, &ExtractOptions::default());
    let secretary = result
        .entities
        .iter()
        .find(|e| e.text == "Secretary of State")
        .expect("the term is found");
    assert_eq!(
        (secretary.label, secretary.source, secretary.score),
        (Label::Org, Source::Terms, 1.0)
    );
    assert!(result
        .entities
        .iter()
        .all(|e| !e.text.eq_ignore_ascii_case("jerusalem") && e.text != "Reuters"));
}
