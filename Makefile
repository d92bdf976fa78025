# make demo   build the wasm package and serve the demo page on http://localhost:8080
# make test   everything: formatting, clippy (host and wasm32), Rust tests,
#             the wasm build, Node tests and browser tests in headless Chromium
# make bench  speed, size and memory, native, Node and Chromium, next to compromise
# make sizes  record what a browser downloads (benches/sizes.json, which a test checks)
# make word-reps  learn word clusters and case profiles from ../shared/data/unlabelled
#             (about 15 minutes; writes models/word-reps.tsv.gz; never in CI)
# make news-lg  train the neural news-lg model (JAX on the CPU, about 60 minutes; never in CI)
# make extension  the browser extension (Manifest V3) in dist-extension/ and dist-extension.zip
# make python  the Python package ner-highlight: abi3 wheels for Linux and macOS in target/wheels/
# make test-spark  the Spark example in local mode against the CLI (opt-in; not in CI)
# make eval   dev scores as printed text: cased, Title Case, capitals, hard-wrapped
# Each installs what it needs the first time (scripts/setup.sh) and skips it after.

SHELL := /bin/bash
PORT ?= 8080

# Debian's wasm-capable toolchain, with build-std for the wasm32 standard library.
WASM_CARGO := PATH=/usr/bin:$$PATH RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 /usr/bin/cargo
WASM_FLAGS := --lib --no-default-features --target wasm32-unknown-unknown \
              -Zbuild-std=std,panic_abort --target-dir target/wasm

.PHONY: all setup setup-wasm test bench sizes lint lint-wasm eval models rules cards test-rust wasm test-js test-browser demo serve clean word-reps news-lg extension python test-python test-spark

all: test

setup:
	@scripts/setup.sh all

setup-wasm:
	@scripts/setup.sh wasm

## Everything, with a count of the tests at the end.
test: setup
	@scripts/run-tests.sh

## Speed, size and memory: native, Node, Chromium and compromise (scripts/bench.sh).
bench: setup
	@scripts/bench.sh

lint: lint-wasm
	cargo fmt --check
	cargo clippy --all-targets --locked -- -D warnings

lint-wasm:
	$(WASM_CARGO) clippy --quiet --locked $(WASM_FLAGS) -- -D warnings

test-rust:
	cargo test --locked

wasm:
	@scripts/build-wasm.sh

test-js:
	node --test tests/js/

test-browser:
	node --test --test-concurrency=1 tests/browser/

## Build the wasm and record what a browser downloads in benches/sizes.json, the
## snapshot a test holds the downloads to (after a change meant to grow them).
sizes: setup-wasm wasm
	@node scripts/sizes.mjs --write

## Dev-split scores of both models as printed text (needs ../shared/data): news also in
## Title Case, in capitals (scripts/case-dev.py) and hard-wrapped at 70 columns.
eval:
	@scripts/eval-all.sh

## Retrain both models and rewrite their model cards (needs ../shared/data; not run in CI).
models:
	@scripts/train-models.sh

## The neural news-lg model (JAX and Optax on the CPU, pinned in scripts/neural/requirements.txt,
## installed in .venv-neural the first time; about 60 minutes; never in CI).
news-lg:
	@scripts/neural/build.sh

## Word clusters and case profiles from unlabelled text (gensim, scikit-learn; pinned in
## scripts/word-reps-requirements.txt, installed in .venv-reps the first time).
word-reps:
	@test -x .venv-reps/bin/python || python3 -m venv .venv-reps
	@.venv-reps/bin/pip install -q -r scripts/word-reps-requirements.txt
	cargo build --release --quiet
	.venv-reps/bin/python scripts/word_reps.py --vocabulary 100000

## Recompile the rule patterns (src/rules/patterns.rs) into the automata the library
## embeds (src/rules/patterns.dfa); a test fails while they differ.
rules:
	NER_WRITE_RULES=1 cargo test --locked --lib rules::compile::tests::embedded_automata_are_the_compiled_patterns

## Rescore the model cards without retraining (after a change to decoding or merging).
cards:
	@scripts/train-models.sh --cards-only

## The browser extension, from the package's own files: dist-extension/ (load it
## unpacked) and dist-extension.zip (for a store). See README, "Browser extension".
extension: setup-wasm wasm
	@node scripts/build-extension.mjs

## The Python package: abi3 wheels for CPython 3.9+, Linux and macOS (python/, maturin --zig), in target/wheels/.
python: setup
	@scripts/build-python.sh --all

## The Python package's tests, in a fresh virtual environment (part of make test).
test-python: setup
	@scripts/test-python.sh

## Opt-in, not in CI: examples/spark_archive.py with PySpark in local mode on a small
## fixture, checked against the CLI; also spaCy's en_core_web_sm in the same job, for speed.
test-spark: setup
	@scripts/test-spark.sh

## Build the release wasm and serve www/ on localhost.
demo: setup-wasm wasm serve

serve:
	@node scripts/serve.mjs www $(PORT)

clean:
	cargo clean
	rm -rf dist dist-extension dist-extension.zip www/pkg node_modules test-results .venv-python
