#!/usr/bin/env bash
# Dev scores of both models, as printed text, each document whole (ner eval's
# default, as ../shared/tools/evalner.py --docs FILE --detok scores it); for news
# also the same dev text in Title Case and in capitals (scripts/case-dev.py) and
# as running paragraphs with and without hard wrapping at 70 columns.
#   scripts/eval-all.sh [DATA_DIR]     (default ../shared/data)
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-../shared/data}"
cargo build --release --quiet
ner=target/release/ner
onto="$data/ontonotes5_conll2012/development.iob2"
mkdir -p target/case
for how in title upper; do
  scripts/case-dev.py "$how" "$onto" "target/case/development.$how.iob2"
  cp "$data/ontonotes5_conll2012/development.docs.tsv" "target/case/development.$how.docs.tsv"
done
f1() { "$ner" eval "$@" | sed -n 2p | awk '{ print $NF }'; }
printf '%-44s %s\n' "news, OntoNotes development" "F1"
printf '%-44s %s\n' "  printed, a sentence a line" "$(f1 --model news --data "$onto")"
printf '%-44s %s\n' "  Title Case" "$(f1 --model news --data target/case/development.title.iob2)"
printf '%-44s %s\n' "  capitals" "$(f1 --model news --data target/case/development.upper.iob2)"
printf '%-44s %s\n' "  running paragraphs" "$(f1 --model news --data "$onto" --sentences space)"
printf '%-44s %s\n' "  running paragraphs, wrapped at 70 columns" "$(f1 --model news --data "$onto" --sentences space --wrap 70)"
printf '%-44s %s\n' "  tokens joined by spaces, blank lines" "$(f1 --model news --data "$onto" --spacing spaced --sentences blank)"
printf '%-44s %s\n' "conll, CoNLL-2003 valid (printed)" "$(f1 --model conll --data "$data/conll2003/valid.txt")"
