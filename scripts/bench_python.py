"""Throughput of the Python package on this machine: `extract` one text at a
time, and `extract_batch` on one thread and on every core, over copies of the
benchmark article (benches/fixtures/article.txt; its token count, from the
Rust tokenizer, is in benches/results.json).

    python scripts/bench_python.py [--articles 3000] [--model news]

Run it with a Python that has the wheel installed (make test-python leaves
one in target/python-test-venv)."""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

import ner_highlight

ROOT = Path(__file__).resolve().parents[1]


def best_of(runs, work):
    """The fastest of `runs` timings of `work()`, in seconds."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--model", default="news")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    article = (ROOT / "benches" / "fixtures" / "article.txt").read_text(encoding="utf-8")
    tokens_per_article = json.loads((ROOT / "benches" / "results.json").read_text())["native"]["tokens"]["article"]
    texts = [article] * args.articles
    tokens = tokens_per_article * args.articles
    ner_highlight.extract(article, model=args.model)  # the model is parsed on first use
    cores = os.cpu_count()
    rows = [
        ("extract, one text at a time", best_of(args.runs, lambda: [ner_highlight.extract(t, model=args.model) for t in texts])),
        ("extract_batch, threads=1", best_of(args.runs, lambda: ner_highlight.extract_batch(texts, threads=1, model=args.model))),
        (f"extract_batch, threads=None ({cores} cores)", best_of(args.runs, lambda: ner_highlight.extract_batch(texts, model=args.model))),
    ]
    print(f"{args.articles} articles of {tokens_per_article} tokens ({tokens} tokens), model {args.model}, best of {args.runs}:")
    for name, seconds in rows:
        print(f"  {name:<40} {seconds:7.3f} s  {tokens / seconds / 1e3:8.0f}k tokens/s")


if __name__ == "__main__":
    main()
