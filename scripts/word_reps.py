#!/usr/bin/env python3
"""Learns word representations from unlabelled text for the tagger's features.

    scripts/word_reps.py [--data ../shared/data] [--out models/word-reps.tsv.gz]
                         [--max-words N] [--work target/word-reps]

Run by `make word-reps` (never in CI; about half an hour on two cores). Steps:

1. Every file of DATA/unlabelled (one paragraph per line) goes through our own
   tokenizer (`ner tokens`), so the words counted are the words the tagger
   looks up. Each token is normalised as the tagger's `norm` is (typographic
   punctuation to ASCII, lower case, ASCII digits to 0).
2. Case statistics: for each word, how often it is written in lower case,
   capitalised or in capitals where its position does not force a capital (not
   first in a line or after . ! ? : or a quote). The truecaser uses them to read
   headlines in Title Case and lines in capitals.
3. word2vec (gensim, skip-gram, seed 0) on the normalised text, then k-means
   (scikit-learn) of the unit vectors of the most frequent words at several
   granularities; the same k-means for the GloVe 6B 50-d vectors of those words.
4. The table: one row per word, most frequent first, so a frequency cut-off is
   a prefix: word, its shares of lower-case and all-capitals uses (tenths), then
   one cluster id (from 1) per column; 0 where the word has no vector. Only derived data is written, never the text.

With --max-words N only an evenly spread sample of about N words of the text is
used (the learning curve in models/news.md).
"""
import argparse
import collections
import gzip
import os
import subprocess
import sys
import time

SOURCES = [
    "news_reuters21578_1987.txt.gz",
    "news_bbc_2004_2005.txt.gz",
    "news_agnews_test_2004_2005.txt.gz",
    "wikipedia_en_2015_part1.txt.gz",
    "wikipedia_en_2015_part2.txt.gz",
]
# Words in each source (../shared/data/unlabelled/README.md), to sample evenly.
TOTAL_WORDS = 51_834_467

W2V_CLUSTERS = [64, 256, 1024, 4096]
GLOVE_CLUSTERS = [256, 1024]
SEED = 0
VOCABULARY = 200_000

PUNCT = str.maketrans({
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"', "\u2033": '"',
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u2032": "'",
    "\u2014": "--", "\u2015": "--", "\u2013": "-", "\u2010": "-", "\u2011": "-",
    "\u2212": "-", "\u2026": "...",
})
DIGITS = str.maketrans("0123456789", "0000000000")


def norm(token):
    """The tagger's `TokenInfo::norm`, as a string."""
    return token.translate(PUNCT).lower().translate(DIGITS)


def case_class(token):
    """0 lower case, 1 capitalised, 2 capitals, 3 other (no letter, mixed)."""
    letters = [c for c in token if c.isalpha()]
    if not letters:
        return 3
    if all(c.islower() for c in letters):
        return 0
    if letters[0].isupper() and all(c.islower() for c in letters[1:]):
        return 1 if len(letters) > 1 or not token.isupper() else 2
    if all(c.isupper() for c in letters) and len(letters) > 1:
        return 2
    return 3


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def tokenize(args, ner):
    """Writes the normalised text (one line per paragraph) and returns word
    counts and case counts; cached in the work folder."""
    suffix = f"-{args.max_words}" if args.max_words else ""
    text_path = os.path.join(args.work, f"norm{suffix}.txt")
    counts_path = os.path.join(args.work, f"counts{suffix}.tsv")
    if os.path.exists(text_path) and os.path.exists(counts_path):
        log(f"reusing {text_path}")
        counts, cases = {}, {}
        with open(counts_path, encoding="utf-8") as fh:
            for line in fh:
                w, c, *k = line.rstrip("\n").split("\t")
                counts[w] = int(c)
                cases[w] = [int(x) for x in k]
        return text_path, counts, cases
    fraction = min(1.0, args.max_words / TOTAL_WORDS) if args.max_words else 1.0
    counts = collections.Counter()
    cases = collections.defaultdict(lambda: [0, 0, 0, 0])
    words = 0
    kept_lines = 0
    seen_lines = 0
    tmp = text_path + ".part"
    with open(tmp, "w", encoding="utf-8") as out:
        for name in SOURCES:
            path = os.path.join(args.data, "unlabelled", name)
            log(f"tokenizing {name}")
            zcat = subprocess.Popen(["gzip", "-dc", path], stdout=subprocess.PIPE)
            proc = subprocess.Popen([ner, "tokens"], stdin=zcat.stdout,
                                    stdout=subprocess.PIPE)
            zcat.stdout.close()
            for raw in proc.stdout:
                seen_lines += 1
                # An even sample: keep a line each time the running share grows.
                if int(seen_lines * fraction) == int((seen_lines - 1) * fraction):
                    continue
                kept_lines += 1
                tokens = raw.decode("utf-8", "replace").split()
                normed = [norm(t) for t in tokens]
                out.write(" ".join(normed))
                out.write("\n")
                words += len(tokens)
                counts.update(normed)
                forced = True
                for t, n in zip(tokens, normed):
                    if not forced:
                        cases[n][case_class(t)] += 1
                    forced = t in (".", "!", "?", ":", '"', "``", "''", "'", "--") \
                        or t.translate(PUNCT) in ('"', "'")
            if proc.wait() != 0 or zcat.wait() != 0:
                sys.exit(f"tokenizing {path} failed")
    os.replace(tmp, text_path)
    log(f"{words} words, {kept_lines} lines, {len(counts)} distinct words")
    with open(counts_path, "w", encoding="utf-8") as fh:
        for w, c in counts.most_common():
            k = cases.get(w, [0, 0, 0, 0])
            fh.write(f"{w}\t{c}\t{k[0]}\t{k[1]}\t{k[2]}\t{k[3]}\n")
    return text_path, dict(counts), {w: list(k) for w, k in cases.items()}


def word2vec(args, text_path):
    from gensim.models import Word2Vec
    model_path = text_path + (".w2v" if args.window == 5 else f".w{args.window}.w2v")
    if os.path.exists(model_path):
        log(f"reusing {model_path}")
        return Word2Vec.load(model_path)
    log(f"word2vec (skip-gram, 100 dimensions, window {args.window}, {args.epochs} epochs)")
    model = Word2Vec(corpus_file=text_path, vector_size=100, window=args.window, min_count=5,
                     sg=1, negative=5, sample=1e-4, epochs=args.epochs,
                     workers=args.workers, seed=SEED)
    model.save(model_path)
    return model


def kmeans_ids(vectors, k, seed=SEED):
    """Cluster ids from 1 for each row of `vectors` (unit length: cosine)."""
    import numpy as np
    from sklearn.cluster import MiniBatchKMeans
    v = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
    km = MiniBatchKMeans(n_clusters=k, random_state=seed, batch_size=8192,
                         n_init=1, max_iter=100)
    return km.fit_predict(v.astype(np.float32)) + 1


def glove_vectors(args, wanted):
    """GloVe vectors of the words in `wanted` (norm -> row), by their norm."""
    import numpy as np
    path = os.path.join(args.data, "vectors", "glove.6B.50d.txt.gz")
    log(f"reading {path}")
    found = {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            word, rest = line.split(" ", 1)
            n = norm(word)
            if n in wanted and n not in found:  # the file is most frequent first
                found[n] = np.array(rest.split(), dtype=np.float32)
    return found


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default="../shared/data")
    ap.add_argument("--out", default="models/word-reps.tsv.gz")
    ap.add_argument("--work", default="target/word-reps")
    ap.add_argument("--max-words", type=int, default=0)
    ap.add_argument("--vocabulary", type=int, default=VOCABULARY)
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--window", type=int, default=5,
                    help="word2vec's context window (words each side)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--ner", default="target/release/ner")
    args = ap.parse_args()
    import numpy as np
    if not os.path.isdir(os.path.join(args.data, "unlabelled")):
        sys.exit(f"no unlabelled text in {args.data}/unlabelled (see --data)")
    os.makedirs(args.work, exist_ok=True)
    started = time.time()
    text_path, counts, cases = tokenize(args, args.ner)
    w2v = word2vec(args, text_path)
    # The table's words: the most frequent that have a vector, and nothing
    # that is only punctuation (a cluster would add nothing to its own word).
    words = [w for w, _ in sorted(counts.items(), key=lambda x: (-x[1], x[0]))
             if w in w2v.wv.key_to_index and any(c.isalnum() for c in w)][:args.vocabulary]
    log(f"{len(words)} words in the table")
    columns = {}
    matrix = np.stack([w2v.wv[w] for w in words])
    for k in W2V_CLUSTERS:
        log(f"k-means of word2vec vectors, k={k}")
        columns[f"w2v{k}"] = kmeans_ids(matrix, k)
    glove = glove_vectors(args, set(words))
    with_glove = [i for i, w in enumerate(words) if w in glove]
    log(f"{len(with_glove)} of the words have GloVe vectors")
    gmatrix = np.stack([glove[words[i]] for i in with_glove])
    for k in GLOVE_CLUSTERS:
        log(f"k-means of GloVe vectors, k={k}")
        ids = np.zeros(len(words), dtype=np.int64)
        ids[with_glove] = kmeans_ids(gmatrix, k)
        columns[f"glove{k}"] = ids
    names = list(columns)
    tmp = args.out + ".part"
    with gzip.GzipFile(tmp, "wb", compresslevel=9, mtime=0) as gz:
        header = "\t".join(["word", "lower", "caps"] + names)
        gz.write(f"# word representations: scripts/word_reps.py, seed {SEED}; "
                 f"max words {args.max_words or 'all'}\n".encode())
        gz.write((header + "\n").encode())
        for i, w in enumerate(words):
            # Where no position forces a capital: the share of the word's
            # uses in lower case and in capitals, in tenths; -1 where it was
            # seen so placed fewer than 3 times.
            k = cases.get(w, [0, 0, 0, 0])
            seen = k[0] + k[1] + k[2]
            lower = round(10 * k[0] / seen) if seen >= 3 else -1
            caps = round(10 * k[2] / seen) if seen >= 3 else -1
            row = [w, str(lower), str(caps)] + [str(int(columns[n][i])) for n in names]
            gz.write(("\t".join(row) + "\n").encode())
    os.replace(tmp, args.out)
    log(f"wrote {args.out} ({os.path.getsize(args.out)} bytes) in {time.time() - started:.0f}s")


if __name__ == "__main__":
    main()
