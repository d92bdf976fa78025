//! Where a name starts and ends, as readers and OntoNotes expect: a
//! possessive ending ("'s", "’s", the apostrophe of "Jones'") is never part
//! of an entity ("South Korea" in "South Korea's exports"), nor is a courtesy
//! title part of a PERSON ("Berlusconi" in "Mr Berlusconi", "Mr. Berlusconi").
//!
//! Training applies the same rule to the gold spans, so the tagger learns
//! it; extraction applies it again to whatever the tagger still finds.

use crate::document::Document;
use crate::entity::Entity;
use crate::label::Label;

/// Whether `token` is a possessive ending: "'s" or "’s" (any case), or a
/// lone apostrophe (straight or curly), as after "Jones".
pub fn is_possessive(token: &str) -> bool {
    let rest = token
        .strip_prefix('\'')
        .or_else(|| token.strip_prefix('\u{2019}'));
    matches!(rest, Some("" | "s" | "S"))
}

/// Whether `token` is a courtesy title: Mr, Mrs, Ms, Dr, Mr., Mrs., Ms. or
/// Dr. (capitalised or in capitals).
pub fn is_courtesy_title(token: &str) -> bool {
    let word = token.strip_suffix('.').unwrap_or(token);
    matches!(
        word,
        "Mr" | "Mrs" | "Ms" | "Dr" | "MR" | "MRS" | "MS" | "DR" | "Mme" | "Mx"
    )
}

/// The tokens `first..=last` of an entity labelled `label`, without a
/// possessive ending at its end or a courtesy title at its start; `None`
/// when nothing is left. `attached(i)` says whether token `i` follows
/// token `i - 1` with no space between (a lone apostrophe is a possessive
/// only so, after a word ending in "s").
pub fn trim_span(
    tokens: &[&str],
    first: usize,
    last: usize,
    label: Label,
    attached: impl Fn(usize) -> bool,
) -> Option<(usize, usize)> {
    let mut last = last;
    loop {
        let token = tokens[last];
        let apostrophe_only = token == "'" || token == "\u{2019}";
        let possessive = is_possessive(token)
            && (!apostrophe_only
                || (last > 0 && attached(last) && tokens[last - 1].ends_with(['s', 'S'])));
        if !possessive {
            break;
        }
        if last == first {
            return None;
        }
        last -= 1;
    }
    let mut first = first;
    if label == Label::Person && first < last && is_courtesy_title(tokens[first]) {
        first += 1;
    }
    Some((first, last))
}

/// The entities of `doc` with their edges trimmed by [`trim_span`];
/// entities that were nothing but a possessive ending are dropped.
pub fn trim_entities(doc: &Document, entities: Vec<Entity>) -> Vec<Entity> {
    let words: Vec<&str> = doc.tokens.iter().map(|t| t.text(doc.text)).collect();
    let attached = |i: usize| i > 0 && doc.tokens[i - 1].end == doc.tokens[i].start;
    entities
        .into_iter()
        .filter_map(|mut entity| {
            let Some((first, last)) = doc.token_span(entity.start, entity.end) else {
                return Some(entity);
            };
            let (new_first, new_last) = trim_span(&words, first, last, entity.label, attached)?;
            if (new_first, new_last) != (first, last) {
                entity.start = doc.tokens[new_first].start;
                entity.end = doc.tokens[new_last].end;
                entity.text = doc.text[entity.start..entity.end].to_string();
            }
            Some(entity)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::Source;

    fn entity(text: &str, name: &str, label: Label) -> Entity {
        let start = text.find(name).unwrap();
        Entity {
            start,
            end: start + name.len(),
            label,
            text: name.to_string(),
            score: 1.0,
            source: Source::Model,
            group: None,
        }
    }

    fn trimmed(text: &str, found: &[(&str, Label)]) -> Vec<String> {
        let doc = Document::new(text);
        let entities = found.iter().map(|&(n, l)| entity(text, n, l)).collect();
        trim_entities(&doc, entities)
            .into_iter()
            .map(|e| {
                assert_eq!(&text[e.start..e.end], e.text);
                e.text
            })
            .collect()
    }

    #[test]
    fn possessives_straight_and_curly_leave_the_entity() {
        let text = "South Korea's exports and Zoë Ångström’s book, the Joneses' house and ABN AMRO'S deal.";
        assert_eq!(
            trimmed(
                text,
                &[
                    ("South Korea's", Label::Gpe),
                    ("Zoë Ångström’s", Label::Person),
                    ("Joneses'", Label::Person),
                    ("ABN AMRO'S", Label::Org),
                ]
            ),
            ["South Korea", "Zoë Ångström", "Joneses", "ABN AMRO"]
        );
    }

    #[test]
    fn a_closing_quote_after_a_space_is_no_possessive() {
        let text = "He said 'Ross ' twice.";
        assert_eq!(trimmed(text, &[("Ross '", Label::Person)]), ["Ross '"]);
    }

    #[test]
    fn courtesy_titles_leave_a_person_only() {
        let text = "Mr Berlusconi met Mrs. Thatcher and Dr Pepper.";
        assert_eq!(
            trimmed(
                text,
                &[
                    ("Mr Berlusconi", Label::Person),
                    ("Mrs. Thatcher", Label::Person),
                    ("Dr Pepper", Label::Product),
                ]
            ),
            ["Berlusconi", "Thatcher", "Dr Pepper"]
        );
    }

    #[test]
    fn an_entity_that_is_only_a_possessive_is_dropped() {
        let text = "Korea 's";
        assert!(trimmed(text, &[("'s", Label::Org)]).is_empty());
        assert!(!is_possessive("s"));
        assert!(is_possessive("’S"));
    }
}
