#!/usr/bin/env bash
# Scores the committed models on the dev splits and fails if either is more
# than 0.5 F1 below the figure in its model card ("dev-f1: N"), or if `ner eval`
# and ../shared/tools/evalner.py (the yardstick of the held-out sets) differ by
# more than 0.3 F1 on the same printed text.
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
check news-lg "$data/ontonotes5_conll2012/development.iob2"
check conll "$data/conll2003/valid.txt"

evalner="$(dirname "$data")/tools/evalner.py"
agree() {
  local name=$1 dev=$2 scheme=$3
  shift 3
  local ours theirs
  ours=$(target/release/ner eval --model "$name" --data "$dev" --json | node -e \
    'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).overall.f1.toFixed(2)))')
  theirs=$(python3 "$evalner" --gold "$dev" --scheme "$scheme" --detok "$@" --quiet \
    --pred-cmd "target/release/ner extract --jsonl --offsets codepoint --model $name" |
    awk '$1 == "overall" { print $4 }')
  if awk -v a="$ours" -v b="$theirs" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(b == "" || d > 0.3) }'; then
    echo "[eval] $name: ner eval $ours, evalner.py ${theirs:-nothing}: more than 0.3 apart: FAILED"
    status=1
  else
    echo "[eval] $name: ner eval $ours, evalner.py $theirs: agree"
  fi
}
if [ -f "$evalner" ]; then
  agree news "$data/ontonotes5_conll2012/development.iob2" onto \
    --docs "$data/ontonotes5_conll2012/development.docs.tsv"
  agree news-lg "$data/ontonotes5_conll2012/development.iob2" onto \
    --docs "$data/ontonotes5_conll2012/development.docs.tsv"
  agree conll "$data/conll2003/valid.txt" conll --docs docstart --keep-hyphens
else
  echo "[eval] $evalner not found: skipping the comparison with it"
fi
exit $status
