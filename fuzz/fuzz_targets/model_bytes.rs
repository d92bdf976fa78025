//! Fuzzes loading a model from bytes. The first byte picks how the rest is
//! used: as a whole file (even: magic, version and checksum checks), or as a
//! body wrapped in a valid header and a fresh checksum (odd), so that the
//! fuzzer reaches the parsing of labels, weights, gazetteer and clusters.
//! A model that loads is then run on a short text: it must not panic either.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ner_highlight::model::features::FEATURE_VERSION;
use ner_highlight::model::format::{FORMAT_VERSION, MAGIC};
use ner_highlight::model::Model;
use ner_highlight::{ExtractOptions, Extractor};

/// FNV-1a, 64 bits, as the model format uses.
fn checksum(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A model file around `body`, with a header and checksum that pass.
fn sealed(body: &[u8]) -> Vec<u8> {
    let mut file = MAGIC.to_vec();
    file.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    file.extend_from_slice(&FEATURE_VERSION.to_le_bytes());
    file.extend_from_slice(&(body.len() as u64).to_le_bytes());
    file.extend_from_slice(body);
    let sum = checksum(&file);
    file.extend_from_slice(&sum.to_le_bytes());
    file
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
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
});
