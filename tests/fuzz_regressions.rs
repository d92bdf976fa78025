//! The fuzz targets' checks (tests/common/fuzz_checks.rs) on the inputs kept
//! in the repository: the seeds in fuzz/seeds/<target>/ and every input that
//! ever failed, in fuzz/regressions/<target>/. `cargo test` runs them on the
//! stable compiler; finding new ones needs `cargo +nightly fuzz` (README).

mod common;

use std::path::Path;

/// Runs `check` on every file of fuzz/seeds/`target` and fuzz/regressions/`target`.
fn run_inputs(target: &str, check: fn(&[u8])) -> usize {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut count = 0;
    for kind in ["seeds", "regressions"] {
        let Ok(entries) = std::fs::read_dir(root.join(kind).join(target)) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            let data = std::fs::read(&path).unwrap();
            let outcome = std::panic::catch_unwind(|| check(&data));
            assert!(outcome.is_ok(), "{} fails", path.display());
            count += 1;
        }
    }
    count
}

#[test]
fn extract_inputs_pass() {
    assert!(run_inputs("extract", common::fuzz_checks::check_extract) >= 10);
}

#[test]
fn model_bytes_inputs_pass() {
    assert!(run_inputs("model_bytes", common::fuzz_checks::check_model_bytes) >= 4);
}
