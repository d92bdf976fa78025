//! The beam search that tagging decodes with ([`super::decode::decode_beam`])
//! and beam training learns with (the `train` module): each token extends
//! every hypothesis with allowed tags, and the `width` best extensions go on.
//! Both use these pieces, so that training searches exactly as tagging does:
//! the same order among equal ranks, the same tree of choices.

use super::tags::Tag;

/// The step before the first token.
pub const NO_STEP: usize = usize::MAX;

/// A hypothesis: what it ranks by, its last two tags and its last step
/// (in [`Steps`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hypothesis {
    /// What the beam ranks by: a sum of scores or of log probabilities.
    pub rank: f32,
    /// The tag of the token before.
    pub previous: Option<Tag>,
    /// The tag of the token before that one.
    pub before_previous: Option<Tag>,
    /// Its last step, [`NO_STEP`] before the first token.
    pub step: usize,
}

impl Hypothesis {
    /// The hypothesis before the first token of a sentence.
    pub const START: Hypothesis = Hypothesis {
        rank: 0.0,
        previous: None,
        before_previous: None,
        step: NO_STEP,
    };
}

/// A hypothesis extended by one tag, before the best are kept.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Extension {
    /// The extended hypothesis's rank.
    pub rank: f32,
    /// The tag's own score.
    pub score: f32,
    /// The index of the hypothesis extended, in the beam.
    pub hypothesis: usize,
    /// The tag added.
    pub tag: Tag,
}

/// Orders `extensions` best first and keeps the `width` best. The sort is
/// stable: of equal ranks, the one added first goes on (callers add them by
/// hypothesis, then by tag).
pub fn keep_best(extensions: &mut Vec<Extension>, width: usize) {
    extensions.sort_by(|a, b| b.rank.total_cmp(&a.rank));
    extensions.truncate(width);
}

/// The tags the hypotheses of a sentence chose, as a tree: each step is a
/// tag and the step before it.
#[derive(Debug, Default)]
pub struct Steps {
    steps: Vec<(usize, Tag)>,
}

impl Steps {
    /// An empty tree with room for `steps` steps.
    pub fn with_capacity(steps: usize) -> Self {
        Steps {
            steps: Vec::with_capacity(steps),
        }
    }

    /// Forgets every step (for the next sentence).
    pub fn clear(&mut self) {
        self.steps.clear();
    }

    /// Moves the beam on by one token: each of `kept` (from [`keep_best`])
    /// becomes a step after its hypothesis in `beam`, and the hypothesis it
    /// ends goes into `next`, in the same order.
    pub fn advance(&mut self, beam: &[Hypothesis], kept: &[Extension], next: &mut Vec<Hypothesis>) {
        next.clear();
        for e in kept {
            let from = beam[e.hypothesis];
            self.steps.push((from.step, e.tag));
            next.push(Hypothesis {
                rank: e.rank,
                previous: Some(e.tag),
                before_previous: from.previous,
                step: self.steps.len() - 1,
            });
        }
    }

    /// The tag of `step`.
    pub fn tag(&self, step: usize) -> Tag {
        self.steps[step].1
    }

    /// The step before `step` ([`NO_STEP`] for a first token's).
    pub fn parent(&self, step: usize) -> usize {
        self.steps[step].0
    }

    /// The tags of the `len` steps that end at `step`, first to last.
    pub fn backtrack(&self, mut step: usize, len: usize) -> Vec<Tag> {
        let mut tags = vec![0 as Tag; len];
        for tag in tags.iter_mut().rev() {
            *tag = self.tag(step);
            step = self.parent(step);
        }
        tags
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn extension(rank: f32, hypothesis: usize, tag: Tag) -> Extension {
        Extension {
            rank,
            score: rank,
            hypothesis,
            tag,
        }
    }

    #[test]
    fn the_best_go_on_and_ties_keep_the_order_they_were_added_in() {
        let mut extensions = vec![
            extension(1.0, 0, 3),
            extension(2.0, 0, 5),
            extension(2.0, 1, 1),
            extension(0.5, 1, 2),
        ];
        keep_best(&mut extensions, 2);
        assert_eq!(extensions, vec![extension(2.0, 0, 5), extension(2.0, 1, 1)]);
    }

    #[test]
    fn each_hypothesis_remembers_its_own_path() {
        let mut steps = Steps::with_capacity(8);
        let mut beam = vec![Hypothesis::START];
        let mut next = Vec::new();
        // Token 0: tags 4 and 7; token 1: both extend the hypothesis of tag 7.
        steps.advance(
            &beam,
            &[extension(2.0, 0, 4), extension(1.0, 0, 7)],
            &mut next,
        );
        std::mem::swap(&mut beam, &mut next);
        assert_eq!(beam[1].previous, Some(7));
        steps.advance(
            &beam,
            &[extension(3.0, 1, 1), extension(2.5, 1, 2)],
            &mut next,
        );
        std::mem::swap(&mut beam, &mut next);
        assert_eq!(steps.backtrack(beam[0].step, 2), vec![7, 1]);
        assert_eq!(steps.backtrack(beam[1].step, 2), vec![7, 2]);
        assert_eq!(beam[1].before_previous, Some(7));
        // A prefix: the first token alone.
        assert_eq!(steps.backtrack(steps.parent(beam[1].step), 1), vec![7]);
    }
}
