//! Combining the model's entities with the rule recognisers'.
//!
//! The rules: the model's entities stand, except that a rule MONEY entity
//! that is a model MONEY entity with its currency symbol in front replaces it
//! (OntoNotes leaves the "$" out of some amounts, "$ 200,000", so the model
//! may find "200,000"; a reader expects "$200,000"); a rule entity is added
//! where it overlaps no model entity, unless it is a lone "one" (see
//! `left_to_the_model`). The result is sorted and non-overlapping.

use crate::entity::Entity;
use crate::label::Label;

/// Merges `model` and `rules` entities (each sorted and non-overlapping).
pub fn merge(model: Vec<Entity>, rules: Vec<Entity>) -> Vec<Entity> {
    let model = widen_to_rules(model, &rules);
    let mut out: Vec<Entity> = Vec::with_capacity(model.len() + rules.len());
    let mut model = model.into_iter().peekable();
    for rule in rules {
        while let Some(m) = model.next_if(|m| m.start <= rule.start) {
            out.push(m);
        }
        let overlaps_before = out.last().is_some_and(|e| e.end > rule.start);
        let overlaps_after = model.peek().is_some_and(|m| m.start < rule.end);
        if !overlaps_before && !overlaps_after && !left_to_the_model(&rule) {
            out.push(rule);
        }
    }
    out.extend(model);
    out
}

/// Replaces each model MONEY entity by the rule MONEY entity that is the same
/// amount with its currency symbol, when that overlaps no other model entity.
fn widen_to_rules(model: Vec<Entity>, rules: &[Entity]) -> Vec<Entity> {
    let mut out: Vec<Entity> = Vec::with_capacity(model.len());
    for (i, m) in model.iter().enumerate() {
        let first_candidate = rules.partition_point(|r| r.end <= m.start);
        let wider = rules[first_candidate..]
            .iter()
            .take_while(|r| r.start < m.end)
            .find(|r| m.label == Label::Money && adds_currency_symbol(r, m));
        let fits = |r: &Entity| {
            out.last().is_none_or(|p| p.end <= r.start)
                && model.get(i + 1).is_none_or(|n| r.end <= n.start)
        };
        match wider {
            Some(r) if fits(r) => out.push(r.clone()),
            _ => out.push(m.clone()),
        }
    }
    out
}

/// Whether rule entity `r` is `m` with a currency symbol ("$", "US$", "€") in front.
fn adds_currency_symbol(r: &Entity, m: &Entity) -> bool {
    if r.label != Label::Money || r.end != m.end || r.start >= m.start {
        return false;
    }
    let prefix = r.text[..m.start - r.start].trim_end();
    let is_symbol = |c: char| matches!(c, '$' | '€' | '£' | '¥' | '₹' | '₩' | '₽' | '¢');
    prefix.chars().any(is_symbol)
        && prefix
            .chars()
            .all(|c| is_symbol(c) || c.is_ascii_uppercase() || c == '.')
}

/// Whether a rule entity is left out where the model found nothing: a lone
/// "one", as often a pronoun as a number ("one of them", "the one who": in
/// OntoNotes train 1,109 are CARDINAL and 1,052 are not), so the model, which
/// reads the rule's match as a feature, decides.
fn left_to_the_model(rule: &Entity) -> bool {
    rule.label == Label::Cardinal && rule.text.eq_ignore_ascii_case("one")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::Source;

    /// An entity over `TEXT[start..end]`.
    fn e(start: usize, end: usize, source: Source) -> Entity {
        Entity {
            start,
            end,
            label: Label::Money,
            text: TEXT[start..end].to_string(),
            score: 1.0,
            source,
            group: None,
        }
    }

    const TEXT: &str = "$5 and some US$7 more or less text here, long enough";

    fn spans(entities: &[Entity]) -> Vec<(usize, usize)> {
        entities.iter().map(|e| (e.start, e.end)).collect()
    }

    #[test]
    fn rule_entities_fill_the_gaps_between_model_entities() {
        let model = vec![e(5, 10, Source::Model), e(20, 25, Source::Model)];
        let rules = vec![
            e(0, 4, Source::Rule),
            e(8, 12, Source::Rule),
            e(12, 19, Source::Rule),
            e(24, 30, Source::Rule),
            e(31, 33, Source::Rule),
        ];
        assert_eq!(
            spans(&merge(model, rules)),
            vec![(0, 4), (5, 10), (12, 19), (20, 25), (31, 33)]
        );
    }

    #[test]
    fn a_rule_amount_with_the_currency_symbol_replaces_the_bare_number() {
        // "$5" for "5", "US$7" for "7"; "some US$7" does not replace "US$7".
        let model = vec![e(1, 2, Source::Model), e(12, 16, Source::Model)];
        let rules = vec![e(0, 2, Source::Rule), e(7, 16, Source::Rule)];
        let merged = merge(model, rules);
        assert_eq!(spans(&merged), vec![(0, 2), (12, 16)]);
        assert_eq!(merged[0].source, Source::Rule);
        assert_eq!(merged[1].source, Source::Model);
    }

    #[test]
    fn a_lone_one_from_the_rules_is_left_to_the_model() {
        let cardinal = |text: &str| Entity {
            label: Label::Cardinal,
            text: text.to_string(),
            end: text.len(),
            ..e(0, 0, Source::Rule)
        };
        assert!(merge(Vec::new(), vec![cardinal("One")]).is_empty());
        assert_eq!(merge(Vec::new(), vec![cardinal("one million")]).len(), 1);
        assert_eq!(merge(Vec::new(), vec![cardinal("two")]).len(), 1);
    }

    #[test]
    fn a_wider_rule_entity_that_would_overlap_another_model_entity_is_not_taken() {
        let model = vec![e(2, 4, Source::Model), e(5, 7, Source::Model)];
        let rules = vec![e(0, 6, Source::Rule)];
        assert_eq!(spans(&merge(model, rules)), vec![(2, 4), (5, 7)]);
    }
}
