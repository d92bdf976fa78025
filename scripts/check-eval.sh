#!/usr/bin/env bash
# Scores the committed models on the dev splits and fails if either is more
# than 0.5 F1 below the figure in its model card ("dev-f1: N").
#   scripts/check-eval.sh [DATA_DIR]     (default ../shared/data)
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-../shared/data}"
if [ ! -d "$data" ]; then
  echo "[eval] $data not found: skipping the dev-split evaluation"
  exit 0
fi
cargo build --release --quiet
status=0
check() {
  local name=$1 dev=$2
  local card f1
  card=$(awk '/^dev-f1:/ { print $2 }' "models/$name.md")
  f1=$(target/release/ner eval --model "$name" --data "$dev" --json | node -e \
    'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).overall.f1.toFixed(2)))')
  if awk -v f="$f1" -v c="$card" 'BEGIN { exit !(f < c - 0.5) }'; then
    echo "[eval] $name: dev F1 $f1 is more than 0.5 below the model card's $card: FAILED"
    status=1
  else
    echo "[eval] $name: dev F1 $f1 (model card: $card) ok"
  fi
}
check news "$data/ontonotes5_conll2012/development.iob2"
check conll "$data/conll2003/valid.txt"
exit $status
