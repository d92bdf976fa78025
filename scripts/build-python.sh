#!/usr/bin/env bash
# Builds the Python package `ner-highlight` (python/: PyO3 bindings, built by
# maturin) into abi3 wheels for CPython 3.9 and later, in target/wheels/:
#
#   scripts/build-python.sh         the Linux wheel (manylinux2014, x86_64)
#   scripts/build-python.sh --all   and the macOS wheels (x86_64 and arm64)
#
# zig links them (maturin --zig): the Linux wheel against glibc 2.17, so that it
# installs on older distributions too, and the macOS ones without a Mac or its
# SDK. maturin, zig and the test tools are pinned in python/requirements-dev.txt
# and installed into .venv-python the first time; the macOS targets of Rust's
# standard library come from rustup, also the first time.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x .venv-python/bin/maturin ] || [ python/requirements-dev.txt -nt .venv-python/.installed ]; then
  echo "[python] installing maturin, zig, pytest and hypothesis into .venv-python (once)"
  python3 -m venv .venv-python
  .venv-python/bin/pip install -q -r python/requirements-dev.txt
  touch .venv-python/.installed
fi
targets=(x86_64-unknown-linux-gnu)
if [ "${1:-}" = --all ]; then
  targets+=(x86_64-apple-darwin aarch64-apple-darwin)
  for target in "${targets[@]:1}"; do
    rustup target list --installed | grep -qx "$target" || rustup target add "$target"
  done
fi
for target in "${targets[@]}"; do
  echo "[python] maturin build --release --zig --target $target"
  compatibility=()
  [ "$target" = x86_64-unknown-linux-gnu ] && compatibility=(--compatibility manylinux2014)
  (cd python && PATH="$PWD/../.venv-python/bin:$PATH" CARGO_TARGET_DIR=../target/python \
    ../.venv-python/bin/maturin build --release --locked --quiet --zig --target "$target" "${compatibility[@]}" --out ../target/wheels)
done
ls -1 target/wheels/ner_highlight-*.whl
