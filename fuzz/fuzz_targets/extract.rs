//! Fuzzes the whole pipeline: any text, with the built-in model, whole or cut
//! into small pieces. Checks what `extract` promises, not just "no panic"
//! (tests/common/invariants.rs): entities sorted, non-overlapping, on char
//! boundaries, `text` equal to the slice, UTF-16 and code-point offsets equal
//! to the UTF-8 ones converted.
#![no_main]

#[path = "../../tests/common/invariants.rs"]
mod invariants;

use libfuzzer_sys::fuzz_target;
use ner_highlight::models::built_in;
use ner_highlight::Extractor;

fuzz_target!(|data: &[u8]| {
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
    invariants::assert_consistent(&extractor, &text);
});
