#!/usr/bin/env bash
# Builds the Python package `ner-highlight` (python/: PyO3 bindings, built by
# maturin) into an abi3 wheel for CPython 3.9 and later: target/wheels/.
# maturin and the test tools are pinned in python/requirements-dev.txt and
# installed into .venv-python the first time.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x .venv-python/bin/maturin ] || [ python/requirements-dev.txt -nt .venv-python/.installed ]; then
  echo "[python] installing maturin, pytest and hypothesis into .venv-python (once)"
  python3 -m venv .venv-python
  .venv-python/bin/pip install -q -r python/requirements-dev.txt
  touch .venv-python/.installed
fi
echo "[python] maturin build --release"
(cd python && CARGO_TARGET_DIR=../target/python ../.venv-python/bin/maturin build --release --locked --quiet --out ../target/wheels)
ls -1 target/wheels/ner_highlight-*.whl
