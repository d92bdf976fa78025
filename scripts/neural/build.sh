#!/usr/bin/env bash
# Trains `news-lg` and writes models/news-lg.nermodel and its card (make news-lg).
# Never runs in CI: at most 55 minutes of training (--max-minutes) on 2 CPU cores, about 60 in all.
#   scripts/neural/build.sh [DATA_DIR]     (default ../shared/data)
# A run cut short goes on from its last epoch when started again (the
# checkpoint in target/neural/run); delete that folder to start over.
set -euo pipefail
cd "$(dirname "$0")/../.."
data="${1:-../shared/data}"
onto="$data/ontonotes5_conll2012"
work=target/neural
words=60000
epochs=${NEWS_LG_EPOCHS:-30}
minutes=${NEWS_LG_MINUTES:-55}
dims=100,32,16,16,16,16,16,16,8,16,16,8
mkdir -p "$work"

test -x .venv-neural/bin/python || python3 -m venv .venv-neural
.venv-neural/bin/pip install -q -r scripts/neural/requirements.txt

# The pretrained vectors: word2vec from the unlabelled text (make word-reps keeps
# its gensim model in target/word-reps).
if [ ! -f target/word-reps/norm.txt.w2v ]; then
  make word-reps
fi
.venv-reps/bin/python scripts/neural/w2v_text.py target/word-reps/norm.txt.w2v "$work/w2v100.txt" "$words"

cargo build --release --quiet
target/release/ner neural-inputs --vectors "$work/w2v100.txt" --vocabulary-words "$words" \
  --data "train=$onto/train.iob2" --data "dev=$onto/development.iob2" --out "$work"

train=(.venv-neural/bin/python scripts/neural/train.py --inputs "$work" --vectors "$work/w2v100.txt"
  --dims "$dims" --crf --tune-vectors --word-dropout 0.2 --seed 0 --epochs "$epochs" --max-minutes "$minutes"
  --work "$work/run")
"${train[@]}" 2>&1 | tee "$work/train.log"
.venv-neural/bin/python scripts/neural/check_quantisation.py --inputs "$work" --weights "$work/run/best.npz" |
  tee "$work/quantisation.log"

terms="Trained on OntoNotes 5.0 (LDC2013T19, CoNLL-2012 English train split, reassembled from marcovzla/OntoNotes-5.0-NER-BIO and yhcc/OntoNotes-5.0-NER). LDC licence: research use under LDC terms only; not an open licence. Word vectors (word2vec skip-gram, 100 dimensions, the 60,000 most frequent words; only the vectors are kept, never the text) learned by make word-reps from 52M words of unlabelled English: Wikipedia 2015 (CC BY-SA 3.0), Reuters-21578 Distribution 1.0 (research use only), BBC News 2004-05 (copyright BBC) and the AG News test split (non-commercial research use). Gazetteer, word clusters and case profiles of the news model (see models/news.md)."
printf '%s' "$terms" > "$work/description.txt"
.venv-neural/bin/python scripts/neural/export.py --inputs "$work" --weights "$work/run/best.npz" \
  --description-file "$work/description.txt" --out models/news-lg.nermodel

cargo build --release --quiet
command="${train[*]}"
log="$(grep -v '  epoch' "$work/train.log" | tail -40)
$(cat "$work/quantisation.log")"
scripts/model-card.sh news-lg "$onto/development.iob2" "$terms" "$command" "$log" > models/news-lg.md
echo "wrote models/news-lg.nermodel and models/news-lg.md"
