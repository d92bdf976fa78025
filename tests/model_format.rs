//! Loading model files: every kind of damage is a typed error, never a panic.

mod common;

use common::fuzz_checks::resealed;
use ner_highlight::model::decode::Ranking;
use ner_highlight::model::format::{FORMAT_VERSION, MAGIC};
use ner_highlight::model::{Model, ModelError};
use ner_highlight::models::NEWS_BYTES;
use proptest::prelude::*;

#[test]
fn the_built_in_model_loads_and_writes_back_the_same_bytes() {
    let model = Model::from_bytes(NEWS_BYTES).expect("news loads");
    assert_eq!(model.name(), "news");
    assert_eq!(model.labels().len(), 18);
    assert_eq!(model.to_bytes(), NEWS_BYTES);
}

#[test]
fn a_built_in_model_is_used_where_it_lies() {
    let model = Model::from_static_bytes(NEWS_BYTES).expect("news loads");
    assert_eq!(model, Model::from_bytes(NEWS_BYTES).unwrap());
    let weights = &model.parts().weights;
    let inside = |p: *const u8| NEWS_BYTES.as_ptr_range().contains(&p);
    assert!(inside(weights.tags().as_ptr()) && inside(weights.values().as_ptr()));
    // Bytes that live only as long as the call are copied.
    let copy = NEWS_BYTES.to_vec();
    let owned = Model::from_bytes(&copy).unwrap();
    assert!(!copy
        .as_ptr_range()
        .contains(&owned.parts().weights.tags().as_ptr()));
}

/// Where the body's ranking byte is: after the header, the name, the
/// description, the labels, the scale and the temperature.
fn ranking_byte_position(bytes: &[u8]) -> usize {
    let u32_at = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap()) as usize;
    let mut at = 24;
    for _ in 0..2 {
        at += 4 + u32_at(at);
    }
    let labels = u32_at(at);
    at += 4;
    for _ in 0..labels {
        at += 4 + u32_at(at);
    }
    at + 8
}

#[test]
fn the_beam_ranking_is_read_and_older_formats_are_refused() {
    let at = ranking_byte_position(NEWS_BYTES);
    assert_eq!(
        NEWS_BYTES[at], 1,
        "news was trained with the beam: ranks by score"
    );
    let news = Model::from_bytes(NEWS_BYTES).unwrap();
    assert_eq!(news.parts().ranking, Ranking::Score);
    let mut unknown = NEWS_BYTES.to_vec();
    unknown[at] = 7;
    assert_eq!(
        Model::from_bytes(&resealed(unknown)),
        Err(ModelError::Corrupt("unknown beam ranking"))
    );
    // Format 5 and older held feature sets this build no longer computes.
    let mut five = NEWS_BYTES.to_vec();
    five[8..12].copy_from_slice(&5u32.to_le_bytes());
    assert_eq!(
        Model::from_bytes(&resealed(five)),
        Err(ModelError::UnsupportedFormat {
            found: 5,
            supported: FORMAT_VERSION
        })
    );
}

#[test]
fn bytes_that_are_not_a_model() {
    assert_eq!(Model::from_bytes(b""), Err(ModelError::NotAModel));
    assert_eq!(
        Model::from_bytes(b"PK\x03\x04 a zip file"),
        Err(ModelError::NotAModel)
    );
}

#[test]
fn a_newer_format_version_is_refused_with_both_versions() {
    let mut bytes = NEWS_BYTES.to_vec();
    bytes[8..12].copy_from_slice(&(FORMAT_VERSION + 1).to_le_bytes());
    assert_eq!(
        Model::from_bytes(&bytes),
        Err(ModelError::UnsupportedFormat {
            found: FORMAT_VERSION + 1,
            supported: FORMAT_VERSION
        })
    );
}

#[test]
fn a_model_for_other_features_is_refused() {
    let mut bytes = NEWS_BYTES.to_vec();
    bytes[12..16].copy_from_slice(&999u32.to_le_bytes());
    let bytes = resealed(bytes);
    assert!(matches!(
        Model::from_bytes(&bytes),
        Err(ModelError::FeatureMismatch { found: 999, .. })
    ));
}

#[test]
fn truncated_files_are_truncated() {
    for len in [
        MAGIC.len(),
        12,
        20,
        24,
        100,
        NEWS_BYTES.len() / 2,
        NEWS_BYTES.len() - 1,
    ] {
        let err = Model::from_bytes(&NEWS_BYTES[..len]).unwrap_err();
        assert_eq!(err, ModelError::Truncated, "at {len} bytes");
    }
}

#[test]
fn a_flipped_byte_fails_the_checksum() {
    let mut bytes = NEWS_BYTES.to_vec();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x40;
    assert_eq!(Model::from_bytes(&bytes), Err(ModelError::ChecksumMismatch));
}

#[test]
fn a_weight_for_a_tag_beyond_the_label_set_is_corrupt() {
    use ner_highlight::model::format::ModelParts;
    use ner_highlight::model::weights::Weights;
    let news = Model::from_bytes(NEWS_BYTES).unwrap();
    let one_label = |tags: Vec<u8>| {
        let parts = ModelParts {
            labels: vec![ner_highlight::Label::Person],
            weights: Weights::new(vec![7, 9], vec![1, 3], tags, vec![5, -3, 2]).unwrap(),
            ..news.parts().clone()
        };
        Model::from_parts(parts).to_bytes()
    };
    // One label: the tags are O and its four positions, 0 to 4.
    assert!(Model::from_bytes(&one_label(vec![0, 1, 4])).is_ok());
    assert_eq!(
        Model::from_bytes(&one_label(vec![0, 1, 5])).unwrap_err(),
        ModelError::Corrupt("weight for a tag the model does not have")
    );
}

#[test]
fn a_tag_beyond_the_label_set_anywhere_in_a_row_is_corrupt() {
    use ner_highlight::model::format::ModelParts;
    use ner_highlight::model::weights::Weights;
    let news = Model::from_bytes(NEWS_BYTES).unwrap();
    // One label (tags 0 to 4) and one row, tags 1 and 4; then the file's
    // first tag, before the row's last, set to 5 or 200.
    let parts = ModelParts {
        labels: vec![ner_highlight::Label::Person],
        weights: Weights::new(vec![7], vec![2], vec![1, 4], vec![5, -3]).unwrap(),
        ..news.parts().clone()
    };
    let bytes = Model::from_parts(parts).to_bytes();
    let first_tag = ranking_byte_position(&bytes) + 1 + 8 + 2 * 65536 + 3;
    assert_eq!(bytes[first_tag..first_tag + 2], [1, 4]);
    for tag in [5, 200] {
        let mut damaged = bytes.clone();
        damaged[first_tag] = tag;
        assert_eq!(
            Model::from_bytes(&resealed(damaged)).unwrap_err(),
            ModelError::Corrupt("weight for a tag the model does not have"),
            "first tag {tag}"
        );
    }
}

#[test]
fn weights_a_model_file_cannot_hold_are_refused() {
    use ner_highlight::model::weights::Weights;
    assert_eq!(
        Weights::new(vec![5, 5], vec![1, 2], vec![0, 1], vec![1, 1]).unwrap_err(),
        "a weight key twice"
    );
    assert_eq!(
        Weights::new(vec![5], vec![2], vec![3, 3], vec![1, 1]).unwrap_err(),
        "weight tags not increasing within a row"
    );
    assert_eq!(
        Weights::new(vec![5], vec![3], vec![0, 1], vec![1, 1]).unwrap_err(),
        "weight rows do not add up"
    );
    // 65,536 keys with the same top 16 bits: one more row than a bucket holds.
    let keys: Vec<u32> = (0..65536).collect();
    let row_ends: Vec<u32> = (1..=65536).collect();
    let full = Weights::new(
        keys.clone(),
        row_ends.clone(),
        vec![0; 65536],
        vec![1; 65536],
    );
    assert_eq!(
        full.unwrap_err(),
        "too many weight rows with the same top key bits"
    );
    let fits = Weights::new(
        keys[1..].to_vec(),
        row_ends[..65535].to_vec(),
        vec![0; 65535],
        vec![1; 65535],
    );
    assert_eq!(fits.unwrap().row_count(), 65535);
}

#[test]
fn errors_read_as_sentences() {
    let message = Model::from_bytes(b"nope").unwrap_err().to_string();
    assert_eq!(message, "not a model file (bad magic bytes)");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Damage inside a resealed body (so the checksum passes), anywhere from
    /// the header to the word clusters, is caught by the body's own checks or
    /// yields a model that still works: never a panic.
    #[test]
    fn damaged_bodies_never_panic(place in 0.0f64..1.0, value: u8, cut in 0usize..64) {
        let conll = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/models/conll.nermodel")).unwrap();
        let mut bytes = conll.clone();
        let position = 24 + (place * (bytes.len() - 33) as f64) as usize;
        bytes[position] = value;
        let bytes = resealed(bytes);
        if let Ok(model) = Model::from_bytes(&bytes) {
            let doc = ner_highlight::Document::new("Angela Merkel visited Paris.");
            let _ = model.tag(&doc, &[]);
        }
        let _ = Model::from_bytes(&conll[..conll.len().saturating_sub(cut)]);
    }
}
