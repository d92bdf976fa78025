#!/usr/bin/env bash
# Builds the wasm package into dist/ (the npm package's files) and copies it
# into www/pkg/ for the demo page.
#
# The wasm32 standard library is compiled from Debian's rust-web-src with
# cargo's build-std (see scripts/setup.sh); rustup's own toolchain builds the
# native crate as usual.
set -euo pipefail
cd "$(dirname "$0")/.."

crate=ner_highlight
wasm=target/wasm/wasm32-unknown-unknown/wasm-release/$crate.wasm

echo "[build-wasm] cargo build (wasm32 with SIMD128, profile wasm-release)"
# SIMD128 (every current browser has it) lets the compiler vectorise the
# neural tagger's matrix loops (src/neural/lstm.rs).
PATH=/usr/bin:$PATH RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 \
  RUSTFLAGS="${RUSTFLAGS:-} -C target-feature=+simd128" /usr/bin/cargo build --quiet \
  --lib --no-default-features --profile wasm-release \
  --target wasm32-unknown-unknown -Zbuild-std=std,panic_abort --target-dir target/wasm

echo "[build-wasm] wasm-bindgen"
rm -rf dist
wasm-bindgen "$wasm" --target web --out-dir dist --out-name "$crate" --no-typescript --weak-refs

echo "[build-wasm] wasm-opt -O3"
node_modules/.bin/wasm-opt -O3 --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue --enable-simd \
  "dist/${crate}_bg.wasm" -o "dist/${crate}_bg.wasm"

# The package's own modules, types and stylesheet (see package.json "exports").
cp js/*.js js/*.d.ts js/*.css dist/
# The neural model: in the package, fetched only when asked for (fetchModel).
cp models/news-lg.nermodel dist/
rm -rf www/pkg
cp -r dist www/pkg
raw=$(stat -c %s "dist/${crate}_bg.wasm")
gz=$(gzip -9 -c "dist/${crate}_bg.wasm" | wc -c)
echo "[build-wasm] dist/${crate}_bg.wasm: $raw bytes, $gz gzipped"
