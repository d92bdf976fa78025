//! Left-to-right decoding that only produces valid BILOU sequences: greedy
//! ([`decode`]) or with a small beam ([`decode_beam`], for tagging; the beam
//! itself is in [`super::beam`], shared with the trainer).

use super::beam::{keep_best, Extension, Hypothesis, Steps, NO_STEP};
use super::features::{History, TokenInfo};
use super::gazetteer::KeyMap;
use super::tags::{split, Allowed, AllowedLists, Position, Tag, OUTSIDE};

/// What a caller computes for one token: the score of every tag, given the
/// tags chosen before it.
pub trait TokenScorer {
    /// Fills `scores` (one per tag, zeroed) for token `i` with `history`.
    fn score(&mut self, i: usize, history: &History, scores: &mut [f32]);
}

/// The tags chosen for a sentence and the probability of each choice among
/// the tags allowed there.
pub struct Decoded {
    /// One tag per token.
    pub tags: Vec<Tag>,
    /// Softmax probability of each chosen tag among the allowed tags, for
    /// the tokens of entities (1 for tokens outside any entity: not computed).
    pub confidences: Vec<f32>,
}

/// How the beam of [`decode_beam`] ranks its hypotheses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Ranking {
    /// By the sum of the log softmax probabilities of their tags among the
    /// tags allowed there: for models trained greedily, whose scores are only
    /// ever compared between the tags of one token.
    #[default]
    Probability,
    /// By the sum of the scores of their tags: for models trained with the
    /// beam as a structured perceptron, whose scores add up along a sentence.
    Score,
}

/// The memory key of a token: capitalised words are remembered per document.
pub fn memory_key(info: &TokenInfo) -> Option<u64> {
    info.is_capitalised().then_some(info.norm)
}

/// The history of token `i` given the tags chosen so far.
pub fn history(infos: &[TokenInfo], tags: &[Tag], memory: &KeyMap<u8>, i: usize) -> History {
    History {
        previous: i.checked_sub(1).map(|j| tags[j]),
        before_previous: i.checked_sub(2).map(|j| tags[j]),
        memory: memory_key(&infos[i]).and_then(|k| memory.get(&k).copied()),
    }
}

/// Remembers the labels given to the capitalised words of a decoded sentence.
pub fn remember(infos: &[TokenInfo], tags: &[Tag], memory: &mut KeyMap<u8>) {
    for (info, &tag) in infos.iter().zip(tags) {
        if let Some(key) = memory_key(info) {
            let (position, label) = split(tag);
            let value = if position == Position::Outside {
                0
            } else {
                label as u8 + 1
            };
            memory.insert(key, value);
        }
    }
}

/// Decodes one sentence greedily; `memory` holds the document's earlier labels.
pub fn decode(
    infos: &[TokenInfo],
    tag_count: usize,
    memory: &mut KeyMap<u8>,
    scorer: &mut impl TokenScorer,
) -> Decoded {
    let n = infos.len();
    let mut tags: Vec<Tag> = Vec::with_capacity(n);
    let mut confidences = Vec::with_capacity(n);
    let mut scores = vec![0f32; tag_count];
    for i in 0..n {
        let h = history(infos, &tags, memory, i);
        scores.iter_mut().for_each(|s| *s = 0.0);
        scorer.score(i, &h, &mut scores);
        let last = i + 1 == n;
        let best = best_allowed(&scores, h.previous, last);
        // Only the tokens of entities need a confidence: it becomes their score.
        confidences.push(if best == OUTSIDE {
            1.0
        } else {
            confidence(&scores, best, h.previous, last)
        });
        tags.push(best);
    }
    remember(infos, &tags, memory);
    Decoded { tags, confidences }
}

/// Decodes one sentence with a beam of `width` hypotheses: each token extends
/// every hypothesis with every allowed tag, ranked as `ranking` says (by the
/// sum of the log softmax probabilities of its tags among the allowed ones,
/// or of their scores), and the `width` best go on. Greedy decoding must
/// commit to a tag before it sees the next token's scores ("the" opening an
/// ORG that turns out not to be one, an entity closed a token early); a small
/// beam lets the next tokens decide.
/// With `width` 1 this is [`decode`]. `memory` holds the document's earlier
/// labels; the sentence's best tags are remembered.
pub fn decode_beam(
    infos: &[TokenInfo],
    tag_count: usize,
    memory: &mut KeyMap<u8>,
    scorer: &mut impl TokenScorer,
    width: usize,
    ranking: Ranking,
) -> Decoded {
    if width <= 1 {
        return decode(infos, tag_count, memory, scorer);
    }
    let n = infos.len();
    let mut steps = Steps::with_capacity(n * width);
    // For each step: its tag's score and the history it was scored after
    // (in `scored`), for the confidences of the best path.
    let mut step_scores: Vec<(f32, usize)> = Vec::with_capacity(n * width);
    let mut beam = vec![Hypothesis::START];
    let mut next = Vec::with_capacity(width);
    let mut extensions: Vec<Extension> = Vec::new();
    let mut top = Vec::with_capacity(width);
    let mut scores = vec![0f32; tag_count];
    let lists = AllowedLists::new(tag_count);
    let mut pair = [0; 2];
    // Every history scored in the sentence (the distinct histories of each
    // token's hypotheses), kept until the best path's confidences are known.
    let mut scored = ScoredHistories::with_capacity(n * width, n * tag_count);
    let mut scored_of = vec![0; width];
    for (i, info) in infos.iter().enumerate() {
        let memory_label = memory_key(info).and_then(|k| memory.get(&k).copied());
        let last = i + 1 == n;
        extensions.clear();
        // When every hypothesis ends in the same two tags (most tokens), they
        // share one set of scores: the normaliser `ln Σ exp` is then the
        // same for every extension and cannot change their order. Ranking by
        // score never needs it. Otherwise it is only computed for the
        // confidences of the best path's entity tags, at the end.
        let shared = beam.windows(2).all(|w| {
            w[0].previous == w[1].previous && w[0].before_previous == w[1].before_previous
        });
        let first_of_token = scored.len();
        for (h, hypothesis) in beam.iter().enumerate() {
            let allowed = lists.after(hypothesis.previous, last, &mut pair);
            let same_as_last = scored.len() > first_of_token
                && scored.last_history == (hypothesis.previous, hypothesis.before_previous);
            if !same_as_last {
                let history = History {
                    previous: hypothesis.previous,
                    before_previous: hypothesis.before_previous,
                    memory: memory_label,
                };
                scores.iter_mut().for_each(|s| *s = 0.0);
                scorer.score(i, &history, &mut scores);
                scored.push(&history, allowed.iter().map(|&t| scores[usize::from(t)]));
            }
            let k = scored.len() - 1;
            scored_of[h] = k;
            let offset = match ranking {
                Ranking::Probability if !shared => scored.log_total(k),
                _ => 0.0,
            };
            // Only this hypothesis's `width` best tags can be among the
            // `width` best extensions.
            best_tags(allowed, scored.allowed_scores(k), width, &mut top);
            for &(t, s) in &top {
                extensions.push(Extension {
                    rank: hypothesis.rank + s - offset,
                    score: s,
                    hypothesis: h,
                    tag: t,
                });
            }
        }
        keep_best(&mut extensions, width);
        steps.advance(&beam, &extensions, &mut next);
        step_scores.extend(
            extensions
                .iter()
                .map(|e| (e.score, scored_of[e.hypothesis])),
        );
        std::mem::swap(&mut beam, &mut next);
    }
    let mut tags = vec![0 as Tag; n];
    let mut confidences = vec![0f32; n];
    let mut step = beam.first().map_or(NO_STEP, |h| h.step);
    for i in (0..n).rev() {
        let tag = steps.tag(step);
        let (score, scored_at) = step_scores[step];
        tags[i] = tag;
        // The confidence of `O` is never read: entities are made of the other tags.
        confidences[i] = if tag == OUTSIDE {
            1.0
        } else {
            (score - scored.log_total(scored_at)).exp()
        };
        step = steps.parent(step);
    }
    remember(infos, &tags, memory);
    Decoded { tags, confidences }
}

/// The histories scored in a sentence, in order: for each, the scores of the
/// tags allowed after it (in the order of their list) and their normaliser
/// `ln Σ exp`, computed when first needed; and the last two tags of the
/// history added last.
struct ScoredHistories {
    last_history: (Option<Tag>, Option<Tag>),
    /// Where each history's scores end in `scores`.
    ends: Vec<usize>,
    scores: Vec<f32>,
    log_totals: Vec<Option<f32>>,
}

impl ScoredHistories {
    /// Room for `histories` histories and `scores` scores in all.
    fn with_capacity(histories: usize, scores: usize) -> Self {
        ScoredHistories {
            last_history: (None, None),
            ends: Vec::with_capacity(histories),
            scores: Vec::with_capacity(scores),
            log_totals: Vec::with_capacity(histories),
        }
    }

    /// How many histories are held.
    fn len(&self) -> usize {
        self.ends.len()
    }

    /// Adds `history` with the scores of the tags allowed after it.
    fn push(&mut self, history: &History, allowed_scores: impl Iterator<Item = f32>) {
        self.last_history = (history.previous, history.before_previous);
        self.scores.extend(allowed_scores);
        self.ends.push(self.scores.len());
        self.log_totals.push(None);
    }

    /// The allowed tags' scores after history `k`.
    fn allowed_scores(&self, k: usize) -> &[f32] {
        let start = k.checked_sub(1).map_or(0, |j| self.ends[j]);
        &self.scores[start..self.ends[k]]
    }

    /// `ln Σ exp` of the allowed tags' scores after history `k`, computed once.
    fn log_total(&mut self, k: usize) -> f32 {
        if let Some(total) = self.log_totals[k] {
            return total;
        }
        let total = log_sum_exp(self.allowed_scores(k));
        self.log_totals[k] = Some(total);
        total
    }
}

/// The `width` of `tags` with the highest `scores` (one per tag), with
/// their scores, in the order of `tags`, into `out`. A tag scoring the same
/// as the lowest kept does not replace it; of equal lowest scores, the
/// earlier is replaced first.
fn best_tags(tags: &[Tag], scores: &[f32], width: usize, out: &mut Vec<(Tag, f32)>) {
    out.clear();
    // The lowest score kept, once `width` are kept, and where it is in `out`.
    let mut worst = (f32::NEG_INFINITY, 0);
    for (&t, &s) in tags.iter().zip(scores) {
        if out.len() == width {
            if s <= worst.0 {
                continue;
            }
            out.remove(worst.1);
        }
        out.push((t, s));
        if out.len() == width {
            worst = out
                .iter()
                .enumerate()
                .map(|(k, &(_, s))| (s, k))
                .fold((f32::INFINITY, 0), |w, c| if c.0 < w.0 { c } else { w });
        }
    }
}

/// `ln Σ exp(score)`.
fn log_sum_exp(scores: &[f32]) -> f32 {
    let best = scores
        .iter()
        .fold(f32::NEG_INFINITY, |m, &s| if s > m { s } else { m });
    let total: f32 = scores.iter().map(|&s| (s - best).exp()).sum();
    best + total.ln()
}

/// The best tag allowed after `previous` (and, at the end, allowed to end a
/// sentence); of equal scores, the lower tag.
pub fn best_allowed(scores: &[f32], previous: Option<Tag>, last: bool) -> Tag {
    let mut best = 0usize;
    let mut best_score = f32::NEG_INFINITY;
    for t in Allowed::after(previous, last).tags(scores.len()) {
        if scores[t] > best_score {
            best = t;
            best_score = scores[t];
        }
    }
    best as Tag
}

/// The softmax probability of `best` among the tags allowed after
/// `previous` (and, at the end, allowed to end a sentence).
pub fn confidence(scores: &[f32], best: Tag, previous: Option<Tag>, last: bool) -> f32 {
    let best_score = scores[usize::from(best)];
    let total: f32 = Allowed::after(previous, last)
        .tags(scores.len())
        .map(|t| (scores[t] - best_score).exp())
        .sum();
    1.0 / total.max(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::tags::{self, tag};

    /// Scores for two tokens of one label: on the first, U a little above B;
    /// on the second, L far above anything after B, and O only a little
    /// likely after U.
    struct Scripted;

    impl TokenScorer for Scripted {
        fn score(&mut self, i: usize, history: &History, scores: &mut [f32]) {
            if i == 0 {
                scores[usize::from(tag(Position::Unit, 0))] = 2.0;
                scores[usize::from(tag(Position::Begin, 0))] = 1.9;
            } else if history.previous == Some(tag(Position::Begin, 0)) {
                scores[usize::from(tag(Position::Last, 0))] = 8.0;
            } else {
                scores[usize::from(tag(Position::Unit, 0))] = 0.1;
            }
        }
    }

    #[test]
    fn a_beam_keeps_the_second_best_start_that_the_next_token_confirms() {
        let infos = [TokenInfo::new("New"), TokenInfo::new("York")];
        let count = tags::tag_count(1);
        let greedy = decode(&infos, count, &mut KeyMap::default(), &mut Scripted);
        assert_eq!(greedy.tags[0], tag(Position::Unit, 0));
        let beam_of = |width| {
            let memory = &mut KeyMap::default();
            decode_beam(
                &infos,
                count,
                memory,
                &mut Scripted,
                width,
                Ranking::Probability,
            )
        };
        assert_eq!(beam_of(1).tags, greedy.tags);
        let beam = beam_of(2);
        assert_eq!(
            beam.tags,
            vec![tag(Position::Begin, 0), tag(Position::Last, 0)]
        );
        assert!(beam.confidences.iter().all(|&c| c > 0.0 && c <= 1.0));
    }
}
