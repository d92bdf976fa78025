//! Combining the model's entities with the rule recognisers'.
//!
//! The rule: the model's entities stand; a rule entity is added where it
//! overlaps none of them. The result is sorted and non-overlapping.

use crate::entity::Entity;

/// Merges `model` and `rules` entities (each sorted and non-overlapping).
pub fn merge(model: Vec<Entity>, rules: Vec<Entity>) -> Vec<Entity> {
    let mut out: Vec<Entity> = Vec::with_capacity(model.len() + rules.len());
    let mut model = model.into_iter().peekable();
    for rule in rules {
        while let Some(m) = model.next_if(|m| m.start <= rule.start) {
            out.push(m);
        }
        let overlaps_before = out.last().is_some_and(|e| e.end > rule.start);
        let overlaps_after = model.peek().is_some_and(|m| m.start < rule.end);
        if !overlaps_before && !overlaps_after {
            out.push(rule);
        }
    }
    out.extend(model);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::Source;
    use crate::label::Label;

    fn e(start: usize, end: usize, source: Source) -> Entity {
        Entity {
            start,
            end,
            label: Label::Date,
            text: String::new(),
            score: 1.0,
            source,
        }
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
        let merged: Vec<(usize, usize)> = merge(model, rules)
            .iter()
            .map(|e| (e.start, e.end))
            .collect();
        assert_eq!(merged, vec![(0, 4), (5, 10), (12, 19), (20, 25), (31, 33)]);
    }
}
