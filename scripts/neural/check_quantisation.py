#!/usr/bin/env python3
"""Dev F1 (gold tokens) of trained weights as trained and with the embedding
tables and weight matrices rounded to 8 bits as scripts/neural/export.py
stores them, to check that quantisation costs at most 0.2 F1.

    python scripts/neural/check_quantisation.py --inputs target/neural --weights target/neural/run/best.npz
"""

import argparse
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
from export import quantise  # noqa: E402
from train import (batches, f1, load_tokens, logits_of, spans_of,  # noqa: E402
                   transition_masks, viterbi, TABLE_ROWS)


def dev_f1(params, vectors, spans, ids, matches, tags, tag_count):
    between, start, end = [np.asarray(m) for m in transition_masks(tag_count)]
    trans = np.asarray(params["trans"])
    allowed = trans + between
    predict = jax.jit(lambda p, i, m, n: jax.nn.log_softmax(logits_of(p, vectors, i, m, n, None, 0.0)))
    gold_spans, pred_spans = [], []
    rng = np.random.default_rng(0)
    for group, b_ids, b_matches, b_tags, lengths in batches(spans, ids, matches, tags, 256, rng, False):
        log_probs = np.asarray(predict(params, b_ids, b_matches, lengths))
        for row, g in enumerate(group):
            n = lengths[row]
            path = viterbi(log_probs[row, :n], allowed, start, end)
            gold_spans += [(g,) + s for s in spans_of(b_tags[row, :n])]
            pred_spans += [(g,) + s for s in spans_of(path)]
    return f1(gold_spans, pred_spans)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--inputs", required=True)
    p.add_argument("--weights", required=True)
    args = p.parse_args()
    w = np.load(args.weights)
    tag_count = w["w_out"].shape[1]
    params = {name: jnp.asarray(w[name]) for name in ("b", "b_out")}
    params["trans"] = jnp.asarray(w["trans"]) if "trans" in w else jnp.zeros((tag_count, tag_count))
    tables = [w[f"table{slot}"] for slot in range(1, len(TABLE_ROWS))]
    spans, ids, matches, tags = load_tokens(os.path.join(args.inputs, "dev.tokens"))

    def dequantised(t):
        values, scales = quantise(np.asarray(t, dtype=np.float32))
        return values.astype(np.float32) * scales[:, None]

    hidden = w["w_h"].shape[1]

    def matrix(name, width, convert):
        array = np.asarray(w[name], dtype=np.float32)
        return jnp.asarray(convert(array.reshape(-1, width)).reshape(array.shape))

    for name, convert in (("float32", lambda t: t), ("8-bit tables and matrices", dequantised)):
        params["tables"] = [jnp.asarray(convert(t)) for t in tables]
        params["w_in"] = matrix("w_in", 4 * hidden, convert)
        params["w_h"] = matrix("w_h", 4 * hidden, convert)
        params["w_out"] = matrix("w_out", tag_count, convert)
        vectors = jnp.asarray(convert(w["vectors"]))
        print(f"{name}: dev F1 (gold tokens) {dev_f1(params, vectors, spans, ids, matches, tags, tag_count):.4f}",
              flush=True)


if __name__ == "__main__":
    main()
