#!/usr/bin/env bash
# Installs what the build and tests need, once; every step is skipped when its
# tool is already there, so a second run takes a second or two.
#
#   scripts/setup.sh            everything (toolchains, npm packages, chromium)
#   scripts/setup.sh wasm       only what the wasm build needs (for `make demo`)
#
# The wasm32 recipe: Debian's "web" Rust toolchain ships the std sources, and
# cargo's build-std compiles std for wasm32 from them (rustup cannot download
# the wasm32 target on machines without its server).
set -euo pipefail
cd "$(dirname "$0")/.."

what="${1:-all}"
say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

apt_updated=0
apt_install() {
  local missing=()
  for pkg in "$@"; do
    # "install ok installed": a removed package can linger as "deinstall ok config-files".
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q '^install ok installed$' \
      || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing Debian packages: ${missing[*]}"
  if [ $apt_updated = 0 ]; then
    as_root apt-get update -qq
    apt_updated=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# Rust components for the host build (rustup's stable toolchain).
rust_host() {
  command -v cargo >/dev/null || { echo "cargo not found: install Rust with rustup first" >&2; exit 1; }
  if ! cargo fmt --version >/dev/null 2>&1 || ! cargo clippy --version >/dev/null 2>&1; then
    say "adding rustfmt and clippy"
    rustup component add rustfmt clippy
  fi
}

# Debian's wasm-capable Rust (rustc-web) with std sources, linker and clippy.
rust_wasm() {
  apt_install rustc-web cargo-web rust-web-src rust-web-llvm lld-22 rust-web-clippy
}

# wasm-bindgen-cli at exactly the version of the wasm-bindgen crate in Cargo.lock.
wasm_bindgen_cli() {
  local want have
  want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
  [ -n "$want" ] || { echo "wasm-bindgen not found in Cargo.lock" >&2; exit 1; }
  have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
  if [ "$have" != "$want" ]; then
    say "installing wasm-bindgen-cli $want (about 2 minutes, once)"
    cargo install -q wasm-bindgen-cli --version "$want" --locked
  fi
}

# npm packages from the committed lock file.
npm_packages() {
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "installing npm packages (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

browser() {
  apt_install chromium
}

rust_host
rust_wasm
# zip packs the browser extension (scripts/build-extension.mjs).
apt_install zip
# The Python package is built and tested in virtual environments (scripts/test-python.sh).
python3 -m venv --help >/dev/null 2>&1 || apt_install python3-venv
wasm_bindgen_cli
npm_packages
if [ "$what" = all ]; then
  browser
fi
say "ready"
