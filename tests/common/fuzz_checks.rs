//! What the fuzz targets check for one input (fuzz/fuzz_targets/), shared
//! with tests/fuzz_regressions.rs, which runs the inputs kept in fuzz/seeds/
//! and fuzz/regressions/ as ordinary tests (no nightly compiler needed).

use super::invariants::assert_consistent;
use ner_highlight::model::features::FEATURE_VERSION;
use ner_highlight::model::format::{checksum, FORMAT_VERSION, MAGIC};
use ner_highlight::model::Model;
use ner_highlight::models::built_in;
use ner_highlight::{ExtractOptions, Extractor};

/// The `extract` target: the first byte picks whole text (even) or small
/// pieces of `control / 2 + 1` bytes (odd); the rest, read as UTF-8 with
/// bad bytes replaced, is the text. Panics if any promise of `extract` breaks.
pub fn check_extract(data: &[u8]) {
    let Some((&control, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let model = built_in("news").expect("the news model loads");
    let mut extractor = Extractor::new(Some(model));
    if control & 1 == 1 {
        // Small pieces, so that cutting and stitching run on short inputs.
        extractor = extractor.with_piece_bytes(usize::from(control >> 1) + 1);
    }
    assert_consistent(&extractor, &text);
}

/// A model file around `body`, with a header and checksum that pass.
pub fn sealed(body: &[u8]) -> Vec<u8> {
    sealed_with(MAGIC, FORMAT_VERSION, FEATURE_VERSION, body)
}

/// A file around `body` with these magic bytes, format and feature (or
/// input) versions, and a checksum that passes.
pub fn sealed_with(magic: &[u8; 8], format: u32, features: u32, body: &[u8]) -> Vec<u8> {
    let mut file = magic.to_vec();
    file.extend_from_slice(&format.to_le_bytes());
    file.extend_from_slice(&features.to_le_bytes());
    file.extend_from_slice(&(body.len() as u64).to_le_bytes());
    file.extend_from_slice(body);
    let sum = checksum(&file);
    file.extend_from_slice(&sum.to_le_bytes());
    file
}

/// The `model_bytes` target: the first byte picks how the rest is used, as
/// a whole file (even: magic, version and checksum checks) or as a body
/// wrapped in a valid header and a fresh checksum (odd: the body's parsing);
/// as a linear model file, or (bit 1 set) as a neural one.
/// A model that loads must then run on a short text without panicking.
pub fn check_model_bytes(data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    if mode & 2 != 0 {
        check_neural_bytes(mode & 1 == 1, rest);
        return;
    }
    let loaded = if mode & 1 == 0 {
        Model::from_bytes(rest)
    } else {
        Model::from_bytes(&sealed(rest))
    };
    if let Ok(model) = loaded {
        let text = "Angela Merkel met Li Qiang in Berlin on 3 May 2024 for $5 million.";
        let found = Extractor::new(Some(&model)).extract(text, &ExtractOptions::default());
        for e in &found.entities {
            assert_eq!(&text[e.start..e.end], e.text);
        }
    }
}

/// A neural model file from `rest` (whole, or as a body in a valid envelope
/// when `sealed`): an error or a model that runs on a short text.
fn check_neural_bytes(sealed: bool, rest: &[u8]) {
    use ner_highlight::neural::format::{FORMAT_VERSION, MAGIC};
    use ner_highlight::neural::inputs::INPUT_VERSION;
    use ner_highlight::neural::NeuralModel;
    let loaded = if sealed {
        NeuralModel::from_bytes(&sealed_with(MAGIC, FORMAT_VERSION, INPUT_VERSION, rest))
    } else {
        NeuralModel::from_bytes(rest)
    };
    if let Ok(model) = loaded {
        let text = "Angela Merkel met Li Qiang in Berlin on 3 May 2024 for $5 million.";
        let found = Extractor::neural(&model).extract(text, &ExtractOptions::default());
        for e in &found.entities {
            assert_eq!(&text[e.start..e.end], e.text);
        }
    }
}

/// `bytes` (a whole model file of either kind) with a fresh checksum, so that
/// a change inside reaches the body checks.
pub fn resealed(mut bytes: Vec<u8>) -> Vec<u8> {
    let body_end = bytes.len() - 8;
    let sum = checksum(&bytes[..body_end]);
    bytes[body_end..].copy_from_slice(&sum.to_le_bytes());
    bytes
}
