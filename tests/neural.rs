//! The neural `news-lg` tagger: its file format refuses every kind of
//! damage with a typed error, it finds entities with exact offsets, and a
//! file made for another base model is refused.

mod common;

use common::fuzz_checks::resealed;
use ner_highlight::label::Label;
use ner_highlight::model::format::checksum_of_file;
use ner_highlight::model::ModelError;
use ner_highlight::models::{built_in_neural, NEWS_BYTES, NEWS_LG_BYTES};
use ner_highlight::neural::format::{read, write, NeuralParts, Table};
use ner_highlight::neural::inputs::{Vocabulary, MATCH_BITS, SLOTS, TABLE_ROWS, WORD_SLOT};
use ner_highlight::neural::{NeuralModel, NeuralModelError};
use ner_highlight::{ExtractOptions, Extractor};
use proptest::prelude::*;

/// A small model with made-up weights for `labels`, made for this build's `news`.
fn tiny(labels: &[Label], hidden: usize) -> NeuralParts {
    let vocabulary = Vocabulary::from_sorted(vec![3, 7, 11]).unwrap();
    let tables: Vec<Table> = (0..SLOTS)
        .map(|slot| {
            let rows = if slot == WORD_SLOT {
                4
            } else {
                TABLE_ROWS[slot] as usize
            };
            let width = 2;
            Table {
                width,
                values: (0..rows * width)
                    .map(|i| ((i * 37) % 255) as u8 as i8)
                    .collect(),
                scales: vec![0.01; rows],
            }
        })
        .collect();
    let width_in = 2 * SLOTS + MATCH_BITS;
    let tags = 1 + 4 * labels.len();
    let wave = |n: usize, k: f32| {
        (0..n)
            .map(|i| ((i as f32) * k).sin() * 0.3)
            .collect::<Vec<_>>()
    };
    NeuralParts {
        name: "tiny".into(),
        description: "made up".into(),
        labels: labels.to_vec(),
        base_name: "news".into(),
        base_checksum: checksum_of_file(NEWS_BYTES).unwrap(),
        hidden,
        vocabulary,
        tables,
        w_in: wave(2 * width_in * 4 * hidden, 0.7),
        w_h: wave(2 * hidden * 4 * hidden, 1.3),
        bias: vec![0.1; 2 * 4 * hidden],
        w_out: wave(2 * hidden * tags, 0.9),
        b_out: vec![0.0; tags],
        transitions: wave(tags * tags, 0.2),
    }
}

#[test]
fn the_shipped_model_loads_and_finds_names_with_exact_offsets() {
    let model = built_in_neural("news-lg").expect("news-lg loads");
    assert_eq!(model.name(), "news-lg");
    assert_eq!(model.labels().len(), 18);
    let text =
        "Angela Merkel visited Paris on Tuesday with Apple\u{2019}s chief executive, Tim Cook.";
    let found = Extractor::neural(model).extract(text, &ExtractOptions::default());
    let got: Vec<(&str, Label)> = found
        .entities
        .iter()
        .map(|e| (&text[e.start..e.end], e.label))
        .collect();
    for expected in [
        ("Angela Merkel", Label::Person),
        ("Paris", Label::Gpe),
        ("Tuesday", Label::Date),
        ("Tim Cook", Label::Person),
    ] {
        assert!(got.contains(&expected), "{expected:?} missing from {got:?}");
    }
    // The possessive stays outside the name, as with `news`.
    assert!(got
        .iter()
        .all(|(t, _)| !t.ends_with('s') || *t == "Tuesday" || !t.contains('\u{2019}')));
}

#[test]
fn a_written_model_reads_back_the_same() {
    // The matrices are stored as 8-bit rows: read back, they are the
    // rounded values, which write and read back unchanged.
    let parts = read(&write(&tiny(&[Label::Person, Label::Gpe], 3))).expect("reads");
    let bytes = write(&parts);
    assert_eq!(read(&bytes).expect("reads"), parts);
    let original = tiny(&[Label::Person, Label::Gpe], 3);
    for (a, b) in original.w_in.iter().zip(&parts.w_in) {
        assert!((a - b).abs() <= 0.3 / 127.0 * 0.51, "{a} read back as {b}");
    }
    let model = NeuralModel::from_bytes(&bytes).expect("loads");
    assert_eq!(model.name(), "tiny");
}

#[test]
fn a_model_made_for_another_base_is_refused() {
    let mut parts = tiny(&[Label::Person], 2);
    parts.base_checksum ^= 1;
    let error = NeuralModel::from_bytes(&write(&parts)).unwrap_err();
    assert!(matches!(error, NeuralModelError::BaseMismatch { .. }));
    assert!(error.to_string().contains("another `news` model"));
    parts.base_name = "nonesuch".into();
    let error = NeuralModel::from_bytes(&write(&parts)).unwrap_err();
    assert_eq!(error, NeuralModelError::NoBase("nonesuch".into()));
}

#[test]
fn damaged_files_are_typed_errors() {
    let bytes = write(&tiny(&[Label::Person], 2));
    assert_eq!(read(b"NERHLMDL"), Err(ModelError::NotAModel));
    assert_eq!(read(&[]), Err(ModelError::NotAModel));
    let mut flipped = bytes.clone();
    flipped[40] ^= 1;
    assert_eq!(read(&flipped), Err(ModelError::ChecksumMismatch));
    assert_eq!(read(&bytes[..bytes.len() - 1]), Err(ModelError::Truncated));
    let mut version = bytes.clone();
    version[8] = 9;
    assert!(matches!(
        read(&resealed(version)),
        Err(ModelError::UnsupportedFormat { found: 9, .. })
    ));
    let mut inputs = bytes.clone();
    inputs[12] = 99;
    assert!(matches!(
        read(&resealed(inputs)),
        Err(ModelError::FeatureMismatch { found: 99, .. })
    ));
    // A weight that is not a number.
    let mut nan = bytes.clone();
    let at = nan.len() - 8 - 4;
    nan[at..at + 4].copy_from_slice(&f32::NAN.to_le_bytes());
    assert_eq!(
        read(&resealed(nan)),
        Err(ModelError::Corrupt("a weight that is not a finite number"))
    );
    // A model file of the linear kind is not a neural one.
    assert_eq!(read(NEWS_BYTES), Err(ModelError::NotAModel));
    assert!(NeuralModel::is_neural_file(NEWS_LG_BYTES));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any damage to a file is an error or a valid model, never a panic.
    #[test]
    fn any_damage_is_an_error_never_a_panic(at in 0usize..4000, byte in any::<u8>(), cut in 0usize..4000) {
        let bytes = write(&tiny(&[Label::Person], 2));
        let mut damaged = bytes.clone();
        let at = at % damaged.len();
        damaged[at] = byte;
        let _ = read(&damaged);
        let _ = read(&resealed(damaged));
        let _ = read(&bytes[..cut.min(bytes.len())]);
    }

    /// Whatever the text, the entities of a made-up model slice the text exactly.
    #[test]
    fn entities_slice_the_text(text in "\\PC{0,120}") {
        let model = NeuralModel::from_bytes(&write(&tiny(&[Label::Person, Label::Org], 3))).unwrap();
        let found = Extractor::neural(&model).extract(&text, &ExtractOptions::default());
        for e in &found.entities {
            prop_assert!(text.is_char_boundary(e.start) && text.is_char_boundary(e.end));
            prop_assert_eq!(&text[e.start..e.end], e.text.as_str());
        }
    }
}
