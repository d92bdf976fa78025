#!/usr/bin/env bash
# 10 MB of news text through `ner extract`: it must finish with peak memory
# under a bound (texts run in pieces of at most 64 KiB, so memory grows with
# the entities found, not with the text). Prints the time and peak memory.
#   scripts/check-huge.sh [MAX_MIB]     (default 200)
set -euo pipefail
cd "$(dirname "$0")/.."
max_mib="${1:-200}"
if [ ! -x /usr/bin/time ]; then
  echo "[huge] /usr/bin/time not found: skipping the 10 MB check"
  exit 0
fi
cargo build --release --quiet
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
unit=$(printf '%s\n\n%s\n\n' "$(cat www/sample.txt)" "$(cat tests/fixtures/article-netanyahu.txt)")
while [ "$(stat -c %s "$dir/text.txt" 2>/dev/null || echo 0)" -lt 10000000 ]; do
  for _ in $(seq 100); do printf '%s\n\n' "$unit"; done >> "$dir/text.txt"
done
/usr/bin/time -f '%e %M' -o "$dir/time" target/release/ner extract "$dir/text.txt" > "$dir/out.json"
read -r seconds kib < "$dir/time"
bytes=$(stat -c %s "$dir/text.txt")
entities=$(node -e 'const r=JSON.parse(require("fs").readFileSync(process.argv[1]));console.log(r.entities.length)' "$dir/out.json")
echo "[huge] $bytes bytes: $entities entities in $seconds s, peak memory $((kib / 1024)) MiB (bound $max_mib MiB)"
if [ $((kib / 1024)) -gt "$max_mib" ]; then
  echo "[huge] peak memory over the bound: FAILED"
  exit 1
fi
