//! Greedy left-to-right decoding that only produces valid BILOU sequences,
//! shared by training and tagging so both see the same history.

use super::features::{History, TokenInfo};
use super::gazetteer::KeyMap;
use super::tags::{split, Allowed, Position, Tag, OUTSIDE};

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

/// The best tag allowed after `previous` (and, at the end, allowed to end a
/// sentence).
pub fn best_allowed(scores: &[f32], previous: Option<Tag>, last: bool) -> Tag {
    let allowed = Allowed::after(previous, last);
    let mut best = 0usize;
    let mut best_score = f32::NEG_INFINITY;
    for (t, &s) in scores.iter().enumerate() {
        if s > best_score && allowed.contains(t) {
            best = t;
            best_score = s;
        }
    }
    best as Tag
}

/// The softmax probability of `best` among the tags allowed after
/// `previous` (and, at the end, allowed to end a sentence).
pub fn confidence(scores: &[f32], best: Tag, previous: Option<Tag>, last: bool) -> f32 {
    let allowed = Allowed::after(previous, last);
    let best_score = scores[usize::from(best)];
    let total: f32 = scores
        .iter()
        .enumerate()
        .filter(|&(t, _)| allowed.contains(t))
        .map(|(_, &s)| (s - best_score).exp())
        .sum();
    1.0 / total.max(1.0)
}
