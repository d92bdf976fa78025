//! The network's forward pass over one sentence: embeddings, both LSTM
//! directions, the output layer and a log-softmax per token.
//!
//! Every product is written as `y += a · x` over a contiguous row (the
//! weights are stored input-major), which compilers vectorise: SSE2 or, on
//! x86-64 processors that have them, AVX2 and FMA chosen at run time;
//! SIMD128 in the browser build. The gates' logistic and tanh functions use
//! an exponential without library calls ([`fast_exp`]), so they vectorise too.

use super::format::NeuralParts;
use super::inputs::{WordIds, MATCH_BITS, WORD_SLOTS};

/// The inputs' share of the gates of each distinct word of a document,
/// for both directions, worked out the first time the word is met: the
/// word's slots are the same wherever it stands, and news repeats its words.
/// At most [`PROJECTION_BUDGET`] numbers are kept: the words beyond (by
/// their index, the order they first appear in) are worked out at each use.
#[derive(Default)]
pub struct WordProjections {
    values: Vec<f32>,
    ready: Vec<bool>,
}

/// The most numbers [`WordProjections`] keeps (16 MiB of `f32`).
pub const PROJECTION_BUDGET: usize = 4 << 20;

impl WordProjections {
    /// Room for the first `words` distinct words, or as many as the budget
    /// allows; none worked out yet.
    pub fn reset(&mut self, parts: &NeuralParts, words: usize) {
        let per_word = 2 * 4 * parts.hidden;
        let kept = words.min(PROJECTION_BUDGET / per_word.max(1));
        self.values.clear();
        self.values.resize(kept * per_word, 0.0);
        self.ready.clear();
        self.ready.resize(kept, false);
    }

    /// Whether word `word`'s share is kept.
    fn keeps(&self, word: usize) -> bool {
        word < self.ready.len()
    }
}

/// Buffers reused from sentence to sentence.
#[derive(Default)]
pub struct Scratch {
    /// A word's input vector (its slots' rows).
    x: Vec<f32>,
    /// Gate pre-activations from the inputs, `4 · hidden` per token, one direction at a time.
    gates_in: Vec<f32>,
    /// Hidden states of both directions, `2 · hidden` per token.
    states: Vec<f32>,
    /// Tag log-probabilities, `tags` per token.
    log_probs: Vec<f32>,
    /// A token's place embedding.
    place: Vec<f32>,
    /// One step's gates, cell and hidden state.
    gates: Vec<f32>,
    cell: Vec<f32>,
    hidden: Vec<f32>,
}

/// One sentence's inputs: for each token, its distinct word (an index into
/// `word_ids` and the projections), its place id and its match bits.
pub struct SentenceInputs<'a> {
    /// Each token's distinct word.
    pub words: &'a [u32],
    /// The ids of every distinct word of the document.
    pub word_ids: &'a [WordIds],
    /// Each token's place id ([`super::inputs::place_id`]).
    pub places: &'a [u32],
    /// Each token's match bits ([`super::inputs::match_bits`]).
    pub bits: &'a [u64],
}

/// The log-probabilities of every tag for each token of a sentence, `tags`
/// per token, token by token.
pub fn tag_log_probs<'s>(
    parts: &NeuralParts,
    sentence: &SentenceInputs,
    projections: &mut WordProjections,
    scratch: &'s mut Scratch,
) -> &'s [f32] {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma")
        {
            // SAFETY: the processor has AVX2 and FMA, checked just above.
            unsafe { forward_avx2(parts, sentence, projections, scratch) };
            return &scratch.log_probs;
        }
    }
    forward::<false>(parts, sentence, projections, scratch);
    &scratch.log_probs
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
unsafe fn forward_avx2(
    parts: &NeuralParts,
    sentence: &SentenceInputs,
    projections: &mut WordProjections,
    scratch: &mut Scratch,
) {
    forward::<true>(parts, sentence, projections, scratch)
}

#[inline(always)]
fn forward<const FMA: bool>(
    parts: &NeuralParts,
    sentence: &SentenceInputs,
    projections: &mut WordProjections,
    scratch: &mut Scratch,
) {
    let n = sentence.words.len();
    let width = parts.input_width();
    let hidden = parts.hidden;
    let gate_width = 4 * hidden;
    let tags = parts.tag_count();
    let Scratch {
        x,
        gates_in,
        states,
        log_probs,
        place,
        gates,
        cell,
        hidden: h,
    } = scratch;
    let word_width: usize = parts.tables[..WORD_SLOTS].iter().map(|t| t.width).sum();
    let place_table = &parts.tables[WORD_SLOTS];
    let w_in = |direction: usize, input: usize| {
        let start = (direction * width + input) * gate_width;
        &parts.w_in[start..start + gate_width]
    };

    // The kept words' shares, for the words not met before.
    for &word in sentence.words {
        let word = word as usize;
        if !projections.keeps(word) || projections.ready[word] {
            continue;
        }
        let out = &mut projections.values[word * 2 * gate_width..(word + 1) * 2 * gate_width];
        let (forward, backward) = out.split_at_mut(gate_width);
        add_word_share::<FMA>(parts, &sentence.word_ids[word], x, 0, forward);
        add_word_share::<FMA>(parts, &sentence.word_ids[word], x, 1, backward);
        projections.ready[word] = true;
    }

    states.clear();
    states.resize(n * 2 * hidden, 0.0);
    place.clear();
    place.resize(place_table.width, 0.0);
    for direction in 0..2 {
        let w_h =
            &parts.w_h[direction * hidden * gate_width..(direction + 1) * hidden * gate_width];
        let bias = &parts.bias[direction * gate_width..(direction + 1) * gate_width];
        // The inputs' share of every token's gates: bias, word, place, match bits.
        gates_in.clear();
        gates_in.reserve(n * gate_width);
        for t in 0..n {
            gates_in.extend_from_slice(bias);
            let out = &mut gates_in[t * gate_width..(t + 1) * gate_width];
            let word = sentence.words[t] as usize;
            if projections.keeps(word) {
                let kept = &projections.values[(word * 2 + direction) * gate_width..][..gate_width];
                for (o, &p) in out.iter_mut().zip(kept) {
                    *o += p;
                }
            } else {
                add_word_share::<FMA>(parts, &sentence.word_ids[word], x, direction, out);
            }
            place_table.write_row(sentence.places[t] as usize, place);
            for (k, &v) in place.iter().enumerate() {
                axpy::<FMA>(out, v, w_in(direction, word_width + k));
            }
            // Only the bits the model has inputs for (all 60 today).
            let mut bits = sentence.bits[t] & ((1u64 << MATCH_BITS) - 1);
            while bits != 0 {
                let bit = bits.trailing_zeros() as usize;
                axpy::<FMA>(
                    out,
                    1.0,
                    w_in(direction, word_width + place_table.width + bit),
                );
                bits &= bits - 1;
            }
        }
        cell.clear();
        cell.resize(hidden, 0.0);
        h.clear();
        h.resize(hidden, 0.0);
        for step in 0..n {
            let t = if direction == 0 { step } else { n - 1 - step };
            gates.clear();
            gates.extend_from_slice(&gates_in[t * gate_width..(t + 1) * gate_width]);
            for (j, &hj) in h.iter().enumerate() {
                axpy::<FMA>(gates, hj, &w_h[j * gate_width..(j + 1) * gate_width]);
            }
            let (input, rest) = gates.split_at(hidden);
            let (forget, rest) = rest.split_at(hidden);
            let (candidate, output) = rest.split_at(hidden);
            let steps = input.iter().zip(forget).zip(candidate).zip(output);
            for ((((&i, &f), &g), &o), (c, hk)) in steps.zip(cell.iter_mut().zip(h.iter_mut())) {
                *c = sigmoid(f) * *c + sigmoid(i) * tanh(g);
                *hk = sigmoid(o) * tanh(*c);
            }
            states[t * 2 * hidden + direction * hidden..][..hidden].copy_from_slice(h);
        }
    }

    // Output layer and log-softmax.
    log_probs.clear();
    for t in 0..n {
        let start = log_probs.len();
        log_probs.extend_from_slice(&parts.b_out);
        let out = &mut log_probs[start..start + tags];
        for (k, &s) in states[t * 2 * hidden..(t + 1) * 2 * hidden]
            .iter()
            .enumerate()
        {
            axpy::<FMA>(out, s, &parts.w_out[k * tags..(k + 1) * tags]);
        }
        let max = out.iter().copied().fold(f32::NEG_INFINITY, f32::max);
        let sum: f32 = out.iter().map(|&v| (v - max).exp()).sum();
        let log_sum = max + sum.ln();
        out.iter_mut().for_each(|v| *v -= log_sum);
    }
}

/// Adds the input share of the gates of `direction` of a word with ids
/// `ids` to `out`; `x` is scratch for the word's input vector. A function
/// rather than a closure, so that it is inlined into the caller compiled
/// with AVX2 and FMA, whose features a closure would not get.
#[inline(always)]
fn add_word_share<const FMA: bool>(
    parts: &NeuralParts,
    ids: &WordIds,
    x: &mut Vec<f32>,
    direction: usize,
    out: &mut [f32],
) {
    let width = parts.input_width();
    let gate_width = 4 * parts.hidden;
    x.clear();
    for (table, &id) in parts.tables[..WORD_SLOTS].iter().zip(ids) {
        let at = x.len();
        x.resize(at + table.width, 0.0);
        table.write_row(id as usize, &mut x[at..]);
    }
    for (i, &xi) in x.iter().enumerate() {
        if xi != 0.0 {
            let start = (direction * width + i) * gate_width;
            axpy::<FMA>(out, xi, &parts.w_in[start..start + gate_width]);
        }
    }
}

/// `y += a · x`, fused (`mul_add`) where `FMA` says the processor has it:
/// without FMA hardware `mul_add` is a slow library call.
#[inline(always)]
fn axpy<const FMA: bool>(y: &mut [f32], a: f32, x: &[f32]) {
    for (yi, &xi) in y.iter_mut().zip(x) {
        *yi = if FMA {
            a.mul_add(xi, *yi)
        } else {
            *yi + a * xi
        };
    }
}

/// `e^x` without a library call, so that loops over it vectorise: `2^t`
/// for `t = x·log2(e)`, split into the nearest integer `n` (by the
/// round-to-nearest of adding 1.5·2^23) and `f` in [-0.5, 0.5], `2^f` by
/// its Taylor polynomial of degree 5 (relative error under 3.3e-6), `2^n`
/// put into the exponent bits; `t` is clamped to ±126, inside `f32`'s range.
#[inline(always)]
pub fn fast_exp(x: f32) -> f32 {
    const ROUND: f32 = 12_582_912.0; // 1.5 · 2^23
    let t = (x * std::f32::consts::LOG2_E).clamp(-126.0, 126.0);
    let shifted = t + ROUND;
    let n = shifted.to_bits().wrapping_sub(ROUND.to_bits()) as i32;
    let f = t - (shifted - ROUND);
    let p = 1.0
        + f * (std::f32::consts::LN_2
            + f * (0.240_226_5 + f * (0.055_504_11 + f * (0.009_618_129 + f * 0.001_333_355))));
    let scale = f32::from_bits(((n + 127) as u32) << 23);
    p * scale
}

/// The logistic function, with [`fast_exp`].
#[inline(always)]
pub fn sigmoid(v: f32) -> f32 {
    1.0 / (1.0 + fast_exp(-v))
}

/// The hyperbolic tangent as `2·sigmoid(2v) - 1`, with [`fast_exp`].
#[inline(always)]
pub fn tanh(v: f32) -> f32 {
    2.0 * sigmoid(2.0 * v) - 1.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_functions_are_close_to_the_library_ones() {
        let mut x = -30.0f32;
        while x <= 30.0 {
            let (e, want) = (fast_exp(x), x.exp());
            assert!(
                (e - want).abs() <= want * 1e-5,
                "exp({x}) = {e}, not {want}"
            );
            assert!(
                (sigmoid(x) - 1.0 / (1.0 + (-x).exp())).abs() < 1e-6,
                "sigmoid({x})"
            );
            assert!((tanh(x) - x.tanh()).abs() < 5e-6, "tanh({x})");
            x += 0.01;
        }
        assert!((0.0..1e-30).contains(&sigmoid(-1000.0)));
        assert!(sigmoid(1000.0) == 1.0 && tanh(1000.0) == 1.0 && tanh(-1000.0) == -1.0);
    }
}
