#!/usr/bin/env bash
# `make bench`: speed, size and memory, native, Node and Chromium, side by side
# with compromise, on the same inputs (benches/fixtures/article.txt and that
# article repeated to 1 MiB). Writes benches/results.json and prints a table.
# Not part of `make test`: timings on shared machines are noisy, so compare
# the ratios within one run.
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '\033[1m[bench]\033[0m %s\n' "$*" >&2; }

say "native: criterion (cargo bench)"
# Without default features, so that the `ner` binary (feature `cli`) is not built
# for the bench profile: its LTO link failed there with undefined symbols every
# other run. The benchmarks need only the library.
cargo bench --locked --quiet --no-default-features --bench extract -- --noplot >&2

estimate_ms() { # criterion's median estimate of a benchmark, in ms
  node -e 'const e=require(process.argv[1]);console.log(e.median.point_estimate/1e6)' \
    "$PWD/target/criterion/$1/new/estimates.json"
}
elements() { # the token count criterion was given as throughput
  node -e 'const b=require(process.argv[1]);console.log(b.throughput.Elements)' \
    "$PWD/target/criterion/$1/new/benchmark.json"
}

say "native: peak memory (ner extract on the 1 MB text)"
cargo build --release --locked --quiet
big=$(mktemp)
trap 'rm -f "$big"' EXIT
node --input-type=module -e 'import { megabyte } from "./scripts/bench-text.mjs"; process.stdout.write(megabyte())' >"$big"
peak_kb=$(/usr/bin/time -f %M target/release/ner extract "$big" 2>&1 >/dev/null | tail -1)
empty_kb=$(echo | /usr/bin/time -f %M target/release/ner extract 2>&1 >/dev/null | tail -1)
lg_peak_kb=$(/usr/bin/time -f %M target/release/ner extract --model news-lg "$big" 2>&1 >/dev/null | tail -1)

say "wasm build"
scripts/build-wasm.sh >&2

native=$(mktemp)
trap 'rm -f "$big" "$native"' EXIT
article_ms=$(estimate_ms extract/article)
mb_ms=$(estimate_ms extract/1mb)
mb_tokens=$(elements extract/1mb)
cat >"$native" <<JSON
{
  "article_ms": $article_ms,
  "megabyte_ms": $mb_ms,
  "megabyte_tokens_per_s": $(node -e "console.log(Math.round($mb_tokens / ($mb_ms / 1e3)))"),
  "model_load_ms": $(estimate_ms model/load),
  "rules_load_ms": $(estimate_ms rules/load),
  "peak_rss_bytes": $((peak_kb * 1024)),
  "baseline_rss_bytes": $((empty_kb * 1024)),
  "tokens": { "article": $(elements extract/article), "megabyte": $mb_tokens },
  "news_lg": {
    "article_ms": $(estimate_ms news-lg/article),
    "megabyte_ms": $(estimate_ms news-lg/1mb),
    "megabyte_tokens_per_s": $(node -e "console.log(Math.round($mb_tokens / ($(estimate_ms news-lg/1mb) / 1e3)))"),
    "model_load_ms": $(estimate_ms model/load-news-lg),
    "peak_rss_bytes": $((lg_peak_kb * 1024))
  }
}
JSON
say "Node, Chromium, compromise, sizes"
node scripts/bench.mjs "$native"
