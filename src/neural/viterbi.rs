//! Decoding a sentence under per-token tag log-probabilities and learned
//! transition scores (a linear-chain CRF) over the transitions
//! [`tags::may_follow`] and [`tags::may_end`] allow: the best valid BILOU
//! sequence by Viterbi, and each chosen tag's marginal probability by the
//! forward-backward algorithm, as the entities' confidence.

use super::lstm::fast_exp;
use crate::model::tags::{self, Tag};

/// A decoded sentence.
pub struct Decoded {
    /// The tag of each token.
    pub tags: Vec<Tag>,
    /// The probability, over all valid sequences, that each token has its tag.
    pub probabilities: Vec<f32>,
}

/// A decoder for one model's tag set and transition scores, with the
/// allowed transitions worked out once (a model keeps one and hands out copies).
#[derive(Clone, Debug)]
pub struct Decoder {
    tag_count: usize,
    /// Their exponentials, 0 where a transition is not allowed.
    factors: Vec<f32>,
    /// For each tag, the tags that may come before it, with the score of
    /// each transition.
    before: Vec<Vec<(Tag, f32)>>,
    starts: Vec<bool>,
    ends: Vec<bool>,
    scores: Vec<f32>,
    back: Vec<Tag>,
    alpha: Vec<f32>,
    beta: Vec<f32>,
    /// The tag probabilities, `exp` of the log-probabilities.
    probs: Vec<f32>,
}

impl Decoder {
    /// A decoder for `tag_count` tags (`1 + 4 · labels`, at most 256) with
    /// `transitions` (`tag_count` squared, previous tag first).
    pub fn new(tag_count: usize, transitions: &[f32]) -> Self {
        let all = 0..tag_count as Tag;
        let allowed = |p: Tag, n: Tag| tags::may_follow(Some(p), n);
        let factors = (0..tag_count * tag_count)
            .map(|i| {
                let (p, n) = ((i / tag_count) as Tag, (i % tag_count) as Tag);
                if allowed(p, n) {
                    transitions[i].exp()
                } else {
                    0.0
                }
            })
            .collect();
        Decoder {
            tag_count,
            factors,
            before: all
                .clone()
                .map(|n| {
                    all.clone()
                        .filter(|&p| allowed(p, n))
                        .map(|p| (p, transitions[p as usize * tag_count + n as usize]))
                        .collect()
                })
                .collect(),
            starts: all.clone().map(|t| tags::may_follow(None, t)).collect(),
            ends: all.map(tags::may_end).collect(),
            scores: Vec::new(),
            back: Vec::new(),
            alpha: Vec::new(),
            beta: Vec::new(),
            probs: Vec::new(),
        }
    }

    /// The best valid tags of `n` tokens with `log_probs` (`tag_count` per
    /// token), and the marginal probability of each.
    pub fn decode(&mut self, log_probs: &[f32], n: usize) -> Decoded {
        let tags = self.best_path(log_probs, n);
        let probabilities = self.marginals(log_probs, &tags);
        Decoded {
            tags,
            probabilities,
        }
    }

    fn best_path(&mut self, log_probs: &[f32], n: usize) -> Vec<Tag> {
        let k = self.tag_count;
        if n == 0 {
            return Vec::new();
        }
        self.scores.clear();
        self.scores.resize(n * k, f32::NEG_INFINITY);
        self.back.clear();
        self.back.resize(n * k, 0);
        for ((score, &start), &log_prob) in self.scores.iter_mut().zip(&self.starts).zip(log_probs)
        {
            if start {
                *score = log_prob;
            }
        }
        for t in 1..n {
            let (done, rest) = self.scores.split_at_mut(t * k);
            let previous = &done[(t - 1) * k..];
            for tag in 0..k {
                let mut best = f32::NEG_INFINITY;
                let mut from = 0;
                for &(p, transition) in &self.before[tag] {
                    let score = previous[p as usize] + transition;
                    if score > best {
                        best = score;
                        from = p;
                    }
                }
                rest[tag] = best + log_probs[t * k + tag];
                self.back[t * k + tag] = from;
            }
        }
        let last = &self.scores[(n - 1) * k..];
        let mut tag = (0..k)
            .filter(|&t| self.ends[t])
            .max_by(|&a, &b| last[a].total_cmp(&last[b]))
            .unwrap_or(0) as Tag;
        let mut out = vec![0; n];
        for t in (0..n).rev() {
            out[t] = tag;
            tag = self.back[t * k + tag as usize];
        }
        out
    }

    /// The marginal probability of `tags[t]` at each token, by forward and
    /// backward sums in probability space, each step scaled to sum to 1. A
    /// sentence whose sums vanish (scores beyond `f32`) gets each tag's own
    /// probability instead.
    fn marginals(&mut self, log_probs: &[f32], tags: &[Tag]) -> Vec<f32> {
        let (k, n) = (self.tag_count, tags.len());
        let own = |t: usize| log_probs[t * k + tags[t] as usize].exp();
        if n == 0 {
            return Vec::new();
        }
        let normalise = |row: &mut [f32]| {
            let sum: f32 = row.iter().sum();
            if sum > 0.0 && sum.is_finite() {
                row.iter_mut().for_each(|v| *v /= sum);
                true
            } else {
                false
            }
        };
        self.probs.clear();
        self.probs
            .extend(log_probs[..n * k].iter().map(|&v| fast_exp(v)));
        let probs = &self.probs;
        let mut fine = true;
        self.alpha.clear();
        self.alpha.resize(n * k, 0.0);
        for ((a, &start), &q) in self.alpha.iter_mut().zip(&self.starts).zip(probs) {
            if start {
                *a = q;
            }
        }
        fine &= normalise(&mut self.alpha[..k]);
        for t in 1..n {
            let (done, rest) = self.alpha.split_at_mut(t * k);
            let previous = &done[(t - 1) * k..];
            let row = &mut rest[..k];
            for (p, &a) in previous.iter().enumerate() {
                if a != 0.0 {
                    let factors = &self.factors[p * k..(p + 1) * k];
                    row.iter_mut().zip(factors).for_each(|(r, &f)| *r += a * f);
                }
            }
            row.iter_mut()
                .zip(&probs[t * k..(t + 1) * k])
                .for_each(|(r, &q)| *r *= q);
            fine &= normalise(row);
        }
        self.beta.clear();
        self.beta.resize(n * k, 0.0);
        for (b, &end) in self.beta[(n - 1) * k..].iter_mut().zip(&self.ends) {
            if end {
                *b = 1.0;
            }
        }
        fine &= normalise(&mut self.beta[(n - 1) * k..]);
        let mut weighted = vec![0.0; k];
        for t in (0..n - 1).rev() {
            let (head, later) = self.beta.split_at_mut((t + 1) * k);
            // The next token's tag probabilities times its backward sums.
            weighted
                .iter_mut()
                .zip(&probs[(t + 1) * k..(t + 2) * k])
                .zip(&later[..k])
                .for_each(|((w, &q), &b)| *w = q * b);
            let row = &mut head[t * k..];
            for (tag, r) in row.iter_mut().enumerate() {
                let factors = &self.factors[tag * k..(tag + 1) * k];
                *r = factors.iter().zip(&weighted).map(|(f, w)| f * w).sum();
            }
            fine &= normalise(row);
        }
        (0..n)
            .map(|t| {
                let (a, b) = (
                    &self.alpha[t * k..(t + 1) * k],
                    &self.beta[t * k..(t + 1) * k],
                );
                let total: f32 = a.iter().zip(b).map(|(x, y)| x * y).sum();
                let chosen = tags[t] as usize;
                if fine && total > 0.0 {
                    (a[chosen] * b[chosen] / total).clamp(0.0, 1.0)
                } else {
                    own(t)
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::tags::{tag, Position};

    #[test]
    fn the_best_valid_sequence_wins_over_the_best_tags() {
        // One label: O, B, I, L, U. Token by token the best tags would be
        // B then O, which is invalid; B L is the best valid pair.
        let ln = |p: f32| p.ln();
        let b = tag(Position::Begin, 0) as usize;
        let l = tag(Position::Last, 0) as usize;
        let mut probs = vec![ln(0.01); 10];
        probs[b] = ln(0.6);
        probs[0] = ln(0.3);
        probs[5] = ln(0.5);
        probs[5 + l] = ln(0.4);
        let mut d = Decoder::new(5, &[0.0; 25]);
        let decoded = d.decode(&probs, 2);
        assert_eq!(decoded.tags, vec![b as Tag, l as Tag]);
        // Valid two-token sequences here: B L, O O, O U, U O, U U; B L has
        // 0.6 · 0.4 of their total weight.
        let total = 0.6 * 0.4 + 0.3 * 0.5 + 0.3 * 0.01 + 0.01 * 0.5 + 0.01 * 0.01;
        let expected = 0.6 * 0.4 / total;
        for p in &decoded.probabilities {
            assert!((p - expected).abs() < 1e-5, "{p} against {expected}");
        }
        assert!(d.decode(&[], 0).tags.is_empty());
        // A transition score can change the path: B L made unlikely, O O wins.
        let mut transitions = [0.0; 25];
        transitions[b * 5 + l] = -5.0;
        let decoded = Decoder::new(5, &transitions).decode(&probs, 2);
        assert_eq!(decoded.tags, vec![0, 0]);
    }

    #[test]
    fn vanishing_sums_fall_back_to_each_tags_own_probability() {
        let probs = vec![-200.0f32; 10];
        let decoded = Decoder::new(5, &[0.0; 25]).decode(&probs, 2);
        assert_eq!(decoded.probabilities.len(), 2);
        assert!(decoded
            .probabilities
            .iter()
            .all(|p| (0.0..=1.0).contains(p)));
    }
}
