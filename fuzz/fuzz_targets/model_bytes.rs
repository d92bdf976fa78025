//! Fuzzes loading a model from bytes (tests/common/fuzz_checks.rs): as a
//! whole file, or as a body in a valid header with a fresh checksum so that
//! the fuzzer reaches the parsing of labels, weights, gazetteer and clusters.
//! A model that loads must then run on a short text without panicking.
#![no_main]

#[path = "../../tests/common/mod.rs"]
mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| common::fuzz_checks::check_model_bytes(data));
