//! From mentions to entities: the mentions of one name in a document form a
//! group ("Benjamin Netanyahu", "Netanyahu", "Netanyahu's"; "United States",
//! "U.S.", "the US").
//!
//! Mentions join a group when, after dropping a possessive and a leading
//! "the", they read the same ignoring case and periods; when a one-word
//! PERSON mention is the last name of a longer one (or else its first, as
//! for family names written first: "Wang Yi", then "Wang"); or when one is the
//! acronym of the other. Groups are ordered by mention count, then by first
//! position; each is named by its fullest mention (written in mixed case
//! rather than headline capitals where both exist).

use crate::entity::Entity;
use crate::label::Label;
use serde::Serialize;
use std::collections::HashMap;

/// An entity of the document: the mentions of one name.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Group {
    /// The group's number, its index in the list of groups.
    pub id: usize,
    /// The fullest mention ("Benjamin Netanyahu").
    pub name: String,
    /// The label of the name.
    pub label: Label,
    /// The number of mentions.
    pub count: usize,
    /// The mentions, as indices into the entities.
    pub mentions: Vec<usize>,
    /// A link that searches Wikipedia for the name (built here; nothing is fetched).
    pub wikipedia: String,
}

/// Words that an acronym leaves out ("Bank of England" is "BoE", "BE").
const ACRONYM_SKIPS: &[&str] = &["of", "the", "and", "for", "&", "de", "du", "la"];

/// The text of a mention without a possessive or a leading "the".
pub fn base_name(text: &str) -> &str {
    let mut base = text.trim();
    for suffix in ["'s", "\u{2019}s", "'", "\u{2019}"] {
        if let Some(rest) = base.strip_suffix(suffix) {
            base = rest.trim_end();
            break;
        }
    }
    for article in ["the ", "The ", "THE "] {
        if let Some(rest) = base.strip_prefix(article) {
            base = rest.trim_start();
            break;
        }
    }
    base
}

/// The form two mentions are compared in: lower case, without periods.
pub(crate) fn comparable(text: &str) -> String {
    base_name(text)
        .chars()
        .filter(|&c| c != '.')
        .flat_map(char::to_lowercase)
        .collect()
}

/// The acronym of a name of two or more words ("United States" gives "us").
fn acronym(name: &str) -> Option<String> {
    let words: Vec<&str> = name
        .split_whitespace()
        .filter(|w| !ACRONYM_SKIPS.contains(&w.to_lowercase().as_str()))
        .collect();
    if words.len() < 2 {
        return None;
    }
    words
        .iter()
        .map(|w| w.chars().next().filter(|c| c.is_uppercase()))
        .collect::<Option<String>>()
        .map(|a| a.to_lowercase())
}

/// Labels whose mentions are names (the others are numbers and dates).
pub(crate) fn is_name(label: Label) -> bool {
    !matches!(
        label,
        Label::Date
            | Label::Time
            | Label::Percent
            | Label::Money
            | Label::Quantity
            | Label::Ordinal
            | Label::Cardinal
    )
}

/// Groups the mentions of `entities` (sorted by position); sets each
/// entity's `group` and returns the groups.
pub fn group(entities: &mut [Entity]) -> Vec<Group> {
    let mut parent: Vec<usize> = (0..entities.len()).collect();
    join_same_names(entities, &mut parent);
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); entities.len()];
    for i in 0..entities.len() {
        let root = find(&mut parent, i);
        members[root].push(i);
    }
    let mut groups: Vec<Group> = members
        .into_iter()
        .filter(|m| !m.is_empty())
        .map(|mentions| {
            let fullest = *mentions
                .iter()
                .max_by_key(|&&m| {
                    let name = base_name(&entities[m].text);
                    let headline_caps = name.chars().all(|c| !c.is_lowercase());
                    (name.chars().count(), !headline_caps, std::cmp::Reverse(m))
                })
                .expect("a group has a mention");
            let name = base_name(&entities[fullest].text).to_string();
            Group {
                id: 0,
                wikipedia: wikipedia_search(&name),
                name,
                label: entities[fullest].label,
                count: mentions.len(),
                mentions,
            }
        })
        .collect();
    groups.sort_by_key(|g| (std::cmp::Reverse(g.count), g.mentions[0]));
    for (id, g) in groups.iter_mut().enumerate() {
        g.id = id;
        for &m in &g.mentions {
            entities[m].group = Some(id);
        }
    }
    groups
}

/// Joins the mentions that name the same thing, in one pass with three
/// indexes (by comparable text, by PERSON last name, by acronym), so that a
/// long document costs no more than a linear scan.
fn join_same_names(entities: &[Entity], parent: &mut [usize]) {
    type Index = HashMap<(Label, String), usize>;
    let mut by_key = Index::new();
    let mut by_last_name = Index::new();
    let mut by_first_name = Index::new();
    let mut by_acronym = Index::new();
    for (i, entity) in entities.iter().enumerate() {
        let label = entity.label;
        let key = comparable(&entity.text);
        match by_key.get(&(label, key.clone())) {
            Some(&j) => union(parent, j, i),
            None => {
                by_key.insert((label, key.clone()), i);
            }
        }
        if !is_name(label) {
            continue;
        }
        let is_person = matches!(label, Label::Person | Label::Per);
        if let Some((_, last)) = key.rsplit_once(' ') {
            // A long name: join the earlier last name or acronym written alone.
            if is_person {
                if let Some(&j) = by_key.get(&(label, last.to_string())) {
                    union(parent, j, i);
                }
                by_last_name.entry((label, last.to_string())).or_insert(i);
                // Family name first ("Wang Yi", later "Wang", or before it).
                if let Some((first, _)) = key.split_once(' ') {
                    if let Some(&j) = by_key.get(&(label, first.to_string())) {
                        union(parent, j, i);
                    }
                    by_first_name.entry((label, first.to_string())).or_insert(i);
                }
            }
            if let Some(acronym) = acronym(base_name(&entity.text)).filter(|a| a.len() >= 2) {
                if let Some(&j) = by_key.get(&(label, acronym.clone())) {
                    union(parent, j, i);
                }
                by_acronym.entry((label, acronym)).or_insert(i);
            }
        } else {
            // A one-word name: join an earlier long name it is the last name or acronym of.
            if is_person {
                let name = (label, key.clone());
                if let Some(&j) = by_last_name.get(&name).or_else(|| by_first_name.get(&name)) {
                    union(parent, j, i);
                }
            }
            if key.len() >= 2 {
                if let Some(&j) = by_acronym.get(&(label, key)) {
                    union(parent, j, i);
                }
            }
        }
    }
}

fn find(parent: &mut [usize], i: usize) -> usize {
    let mut root = i;
    while parent[root] != root {
        root = parent[root];
    }
    let mut node = i;
    while parent[node] != root {
        let next = parent[node];
        parent[node] = root;
        node = next;
    }
    root
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        // The earlier mention's root stays the root.
        let (keep, join) = if ra < rb { (ra, rb) } else { (rb, ra) };
        parent[join] = keep;
    }
}

/// A Wikipedia search link for `name`, percent-encoded.
pub fn wikipedia_search(name: &str) -> String {
    let mut url = String::from("https://en.wikipedia.org/w/index.php?search=");
    for byte in name.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                url.push(byte as char)
            }
            b' ' => url.push('+'),
            _ => url.push_str(&format!("%{byte:02X}")),
        }
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::Source;

    fn mention(text: &str, label: Label) -> Entity {
        Entity {
            start: 0,
            end: text.len(),
            label,
            text: text.to_string(),
            score: 1.0,
            source: Source::Model,
            group: None,
        }
    }

    #[test]
    fn last_names_possessives_and_headline_caps_join_the_full_name() {
        let mut entities = vec![
            mention("Benjamin Netanyahu", Label::Person),
            mention("Netanyahu", Label::Person),
            mention("Antony Blinken", Label::Person),
            mention("Netanyahu's", Label::Person),
            mention("NETANYAHU", Label::Person),
            mention("Blinken", Label::Person),
        ];
        let groups = group(&mut entities);
        assert_eq!(groups.len(), 2);
        assert_eq!(
            (groups[0].name.as_str(), groups[0].count),
            ("Benjamin Netanyahu", 4)
        );
        assert_eq!(groups[0].mentions, vec![0, 1, 3, 4]);
        assert_eq!(
            (groups[1].name.as_str(), groups[1].count),
            ("Antony Blinken", 2)
        );
        assert_eq!(entities[5].group, Some(1));
    }

    #[test]
    fn a_family_name_written_first_joins_the_full_name() {
        let mut entities = vec![
            mention("Wang Yi", Label::Person),
            mention("Antony Blinken", Label::Person),
            mention("Wang", Label::Person),
            mention("Blinken", Label::Person),
            mention("Antony", Label::Person),
        ];
        let groups = group(&mut entities);
        assert_eq!(entities[2].group, entities[0].group);
        assert_eq!(entities[3].group, entities[1].group);
        assert_eq!(entities[4].group, entities[1].group);
        assert_eq!(groups.len(), 2);
        // The family name alone may come first too.
        let mut entities = vec![
            mention("Wang", Label::Person),
            mention("Wang Yi", Label::Person),
        ];
        assert_eq!(group(&mut entities).len(), 1);
    }

    #[test]
    fn acronyms_and_the_join_places_and_organisations() {
        let mut entities = vec![
            mention("the United States", Label::Gpe),
            mention("U.S.", Label::Gpe),
            mention("the US", Label::Gpe),
            mention("United Nations", Label::Org),
            mention("U.N.", Label::Org),
            mention("US", Label::Org),
        ];
        let groups = group(&mut entities);
        assert_eq!(groups[0].name, "United States");
        assert_eq!(groups[0].mentions, vec![0, 1, 2]);
        assert_eq!(groups[1].mentions, vec![3, 4]);
        assert_eq!(groups[2].mentions, vec![5], "an ORG 'US' is not the GPE");
    }

    #[test]
    fn numbers_join_only_when_they_read_the_same() {
        let mut entities = vec![
            mention("Tuesday", Label::Date),
            mention("$5", Label::Money),
            mention("tuesday", Label::Date),
            mention("$5 million", Label::Money),
        ];
        let groups = group(&mut entities);
        assert_eq!(groups.len(), 3);
        assert_eq!(groups[0].mentions, vec![0, 2]);
    }

    #[test]
    fn wikipedia_links_are_percent_encoded() {
        assert_eq!(
            wikipedia_search("São Paulo & Co"),
            "https://en.wikipedia.org/w/index.php?search=S%C3%A3o+Paulo+%26+Co"
        );
    }
}
