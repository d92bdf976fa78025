#!/usr/bin/env python3
"""Writes the word2vec vectors `make word-reps` learned (a gensim model) in
GloVe's text format, most frequent word first, for `ner neural-inputs`.

    .venv-reps/bin/python scripts/neural/w2v_text.py target/word-reps/norm.txt.w2v OUT.txt 60000
"""

import sys

from gensim.models import Word2Vec


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    model_path, out_path, words = sys.argv[1], sys.argv[2], int(sys.argv[3])
    vectors = Word2Vec.load(model_path).wv
    with open(out_path, "w", encoding="utf-8") as out:
        for word in vectors.index_to_key[:words]:
            out.write(word + " " + " ".join(f"{x:.5f}" for x in vectors[word]) + "\n")
    print(f"{out_path}: {min(words, len(vectors.index_to_key))} words, {vectors.vector_size} dimensions")


if __name__ == "__main__":
    main()
