//! Fuzzes the whole pipeline: any text, with the built-in model, whole or cut
//! into small pieces. Checks what `extract` promises, not just "no panic"
//! (tests/common/invariants.rs): entities sorted, non-overlapping, on char
//! boundaries, `text` equal to the slice, UTF-16 and code-point offsets equal
//! to the UTF-8 ones converted.
#![no_main]

#[path = "../../tests/common/mod.rs"]
mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| common::fuzz_checks::check_extract(data));
