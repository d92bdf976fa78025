//! Checks that the Rust network computes what the trainer computed: reads a
//! token dump of `ner neural-inputs` (ids, match bits, gold tags), runs the
//! network and decoder of a neural model file on the dump's own ids and
//! prints the span F1 against the dump's gold tags, which
//! `scripts/neural/check_quantisation.py` prints for the same weights.
//!
//!     cargo run --release --example neural_parity -- models/news-lg.nermodel target/neural/dev.tokens

use ner_highlight::model::tags;
use ner_highlight::neural::inputs::{WordIds, SLOTS, WORD_SLOTS};
use ner_highlight::neural::lstm::{tag_log_probs, Scratch, SentenceInputs, WordProjections};
use ner_highlight::neural::viterbi::Decoder;
use ner_highlight::neural::NeuralModel;
use std::collections::HashSet;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let model = NeuralModel::from_bytes(&std::fs::read(&args[1]).expect("model file"))
        .expect("model loads");
    let bytes = std::fs::read(&args[2]).expect("token dump");
    let values: Vec<u32> = bytes
        .chunks_exact(4)
        .map(|b| u32::from_le_bytes(b.try_into().unwrap()))
        .collect();
    let record = SLOTS + 4;
    let parts = model.parts();
    let mut decoder = Decoder::new(parts.tag_count(), &parts.transitions);
    let (mut gold, mut found) = (HashSet::new(), HashSet::new());
    let mut scratch = Scratch::default();
    let mut projections = WordProjections::default();
    let mut start = 0;
    let tokens = values.len() / record;
    while start < tokens {
        let sentence = values[start * record];
        let mut end = start;
        while end < tokens && values[end * record] == sentence {
            end += 1;
        }
        let rows: Vec<&[u32]> = (start..end)
            .map(|t| &values[t * record..(t + 1) * record])
            .collect();
        let word_ids: Vec<WordIds> = rows
            .iter()
            .map(|r| r[1..1 + WORD_SLOTS].try_into().unwrap())
            .collect();
        let places: Vec<u32> = rows.iter().map(|r| r[SLOTS]).collect();
        let bits: Vec<u64> = rows
            .iter()
            .map(|r| u64::from(r[SLOTS + 1]) | (u64::from(r[SLOTS + 2]) << 32))
            .collect();
        let gold_tags: Vec<u8> = rows.iter().map(|r| r[SLOTS + 3] as u8).collect();
        let words: Vec<u32> = (0..rows.len() as u32).collect();
        projections.reset(parts, rows.len());
        let inputs = SentenceInputs {
            words: &words,
            word_ids: &word_ids,
            places: &places,
            bits: &bits,
        };
        let log_probs = tag_log_probs(parts, &inputs, &mut projections, &mut scratch);
        let decoded = decoder.decode(log_probs, rows.len());
        gold.extend(tags::spans(&gold_tags).into_iter().map(|s| (sentence, s)));
        found.extend(
            tags::spans(&decoded.tags)
                .into_iter()
                .map(|s| (sentence, s)),
        );
        start = end;
    }
    let hit = gold.intersection(&found).count() as f64;
    let (p, r) = (hit / found.len() as f64, hit / gold.len() as f64);
    println!(
        "dev F1 (gold tokens, the dump's ids) {:.4}",
        2.0 * p * r / (p + r)
    );
}
