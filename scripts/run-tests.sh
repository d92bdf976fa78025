#!/usr/bin/env bash
# Runs every check of the project in order and prints the test counts at the end.
# Called by `make test` after scripts/setup.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

log=$(mktemp)
trap 'rm -f "$log"' EXIT
started=$SECONDS

step() {
  printf '\n\033[1m==> %s\033[0m\n' "$1"
  shift
  "$@" 2>&1 | tee -a "$log"
}

step "cargo fmt --check" cargo fmt --check
step "clippy (host)" cargo clippy --all-targets --locked --quiet -- -D warnings
step "fmt and clippy (Python bindings)" bash -c 'cargo fmt --check --manifest-path python/Cargo.toml && CARGO_TARGET_DIR=target/python cargo clippy --release --locked --quiet --manifest-path python/Cargo.toml -- -D warnings'
step "clippy (wasm32)" make --no-print-directory -s lint-wasm
step "rustdoc (every doc link resolves)" env RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --locked --quiet --document-private-items
step "cargo test" cargo test --locked
step "wasm build" scripts/build-wasm.sh
step "npm package contents" npm pack --dry-run --ignore-scripts
step "TypeScript types, as a user imports them (tsc, strict)" node_modules/.bin/tsc -p tests/types
step "browser extension build" node scripts/build-extension.mjs
step "Node tests" node --test tests/js/
step "browser tests (headless Chromium)" node --test --test-concurrency=1 tests/browser/
step "Python package (maturin wheel, a fresh virtual environment, pytest)" scripts/test-python.sh
step "10 MB through the command line, memory bounded" scripts/check-huge.sh
step "model scores on the dev splits (when ../shared/data exists)" scripts/check-eval.sh

# cargo test: "test result: ok. 12 passed; 0 failed; ..."; node --test: "# pass 5" / "# fail 0".
read -r rust_pass rust_fail < <(awk '/^test result:/ { p += $4; f += $6 } END { print p+0, f+0 }' "$log")
read -r node_pass node_fail < <(awk '/^# pass / { p += $3 } /^# fail / { f += $3 } END { print p+0, f+0 }' "$log")
# pytest -q: "33 passed, 1 skipped in 2.66s" (or "2 failed, 31 passed ...").
read -r py_pass py_fail < <(awk '/^[0-9]+ (passed|failed)/ && / in [0-9.]+s/ { for (i = 1; i < NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i } } END { print p+0, f+0 }' "$log")
printf '\n\033[1m==> summary\033[0m (%ds)\n' $((SECONDS - started))
echo "Rust tests: $rust_pass passed, $rust_fail failed"
echo "JavaScript and browser tests: $node_pass passed, $node_fail failed"
echo "Python tests: $py_pass passed, $py_fail failed"
echo "tests: $((rust_pass + node_pass + py_pass)) passed, $((rust_fail + node_fail + py_fail)) failed"
