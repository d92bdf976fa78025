#!/usr/bin/env python3
"""Trains the `news-lg` neural tagger: embeddings of each token's ids, a
bidirectional LSTM and a softmax over BILOU tags, with JAX and Optax on the CPU.

The inputs come from `ner neural-inputs` (the Rust core computes every id, so
training and tagging read the same); pretrained vectors from GloVe 6B 50-d.
Each epoch writes a checkpoint (parameters, optimiser state, epoch, random
key), so a run cut short goes on with the same command; the parameters that
scored best on the development tokens are kept in best.npz, which
scripts/neural/export.py turns into a model file.

    python scripts/neural/train.py --inputs target/neural --work target/neural/run

The exact command of the shipped model is in models/news-lg.md (`make news-lg`).
"""

import argparse
import gzip
import json
import os
import pickle
import sys
import time

import numpy as np

os.environ.setdefault("XLA_FLAGS", "--xla_cpu_multi_thread_eigen=true")
import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import optax  # noqa: E402

# Must match src/neural/inputs.rs (TABLE_ROWS; slot 0 is the vocabulary).
TABLE_ROWS = [0, 32768, 16384, 8192, 8192, 8192, 8192, 4096, 256, 2048, 2048, 8]
MATCH_BITS = 60
RECORD_VALUES = len(TABLE_ROWS) + 4
LENGTH_BUCKETS = [8, 16, 24, 32, 48, 64, 96, 128, 192, 256]


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--inputs", required=True, help="folder written by `ner neural-inputs`")
    p.add_argument("--vectors", default="../shared/data/vectors/glove.6B.50d.txt.gz")
    p.add_argument("--work", required=True, help="folder for checkpoints and best.npz")
    p.add_argument("--dims", default="50,32,16,16,16,16,16,16,8,16,16,8",
                   help="embedding width of each slot (the first is the vectors' width)")
    p.add_argument("--hidden", type=int, default=128, help="LSTM units per direction")
    p.add_argument("--epochs", type=int, default=20)
    p.add_argument("--batch", type=int, default=64, help="sentences per batch")
    p.add_argument("--lr", type=float, default=2e-3)
    p.add_argument("--dropout", type=float, default=0.5)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--max-minutes", type=float, default=110.0,
                   help="stop (after saving) once training has run this long in all")
    p.add_argument("--crf", action="store_true",
                   help="learn tag transitions and train on the sequence likelihood (a CRF)")
    p.add_argument("--word-dropout", type=float, default=0.0,
                   help="in training, hide the word itself (vector, hashed word, cased word) of this share "
                        "of tokens, so that the model learns from affixes, shape and clusters too")
    p.add_argument("--tune-vectors", action="store_true",
                   help="let training change the pretrained vectors too")
    p.add_argument("--train-fraction", type=float, default=1.0,
                   help="train on this share of the sentences (for learning curves)")
    return p.parse_args()


def load_tokens(path):
    records = np.fromfile(path, dtype="<u4").reshape(-1, RECORD_VALUES)
    sentence = records[:, 0]
    starts = np.flatnonzero(np.r_[True, sentence[1:] != sentence[:-1]])
    ends = np.r_[starts[1:], len(sentence)]
    ids = records[:, 1:1 + len(TABLE_ROWS)].astype(np.int32)
    low = records[:, -3].astype(np.uint64)
    high = records[:, -2].astype(np.uint64)
    bits = low | (high << np.uint64(32))
    shifts = np.arange(MATCH_BITS, dtype=np.uint64)
    matches = ((bits[:, None] >> shifts[None, :]) & np.uint64(1)).astype(np.float32)
    tags = records[:, -1].astype(np.int32)
    return [(s, e) for s, e in zip(starts, ends)], ids, matches, tags


def load_vectors(path, vocabulary_tsv, width):
    rows = [int(line.split("\t")[0]) for line in open(vocabulary_tsv)]
    wanted = {line: r + 1 for r, line in enumerate(rows)}
    matrix = np.zeros((len(rows) + 1, width), dtype=np.float32)
    opener = gzip.open if path.endswith(".gz") else open
    last = max(rows)
    # Lines end at "\n" only, as `ner neural-inputs` counts them.
    with opener(path, "rt", encoding="utf-8", newline="\n") as f:
        for n, line in enumerate(f):
            if n in wanted:
                matrix[wanted[n]] = np.array(line.rstrip().split(" ")[1:], dtype=np.float32)
            if n >= last:
                break
    return matrix


def init_params(key, dims, vocabulary_rows, hidden, tag_count, vectors):
    keys = jax.random.split(key, len(dims) + 4)
    tables = []
    for slot, (rows, width) in enumerate(zip(TABLE_ROWS, dims)):
        if slot == 0:
            tables.append(jnp.asarray(vectors))
        else:
            tables.append(jax.random.normal(keys[slot], (rows, width)) * 0.1)
    width_in = sum(dims) + MATCH_BITS
    scale_in = 1.0 / np.sqrt(width_in)
    scale_h = 1.0 / np.sqrt(hidden)
    # Gates in the order input, forget, cell, output; forget bias 1.
    bias = np.zeros((2, 4 * hidden), dtype=np.float32)
    bias[:, hidden:2 * hidden] = 1.0
    return {
        "tables": tables[1:],
        "w_in": jax.random.uniform(keys[-4], (2, width_in, 4 * hidden), minval=-scale_in, maxval=scale_in),
        "w_h": jax.random.uniform(keys[-3], (2, hidden, 4 * hidden), minval=-scale_h, maxval=scale_h),
        "b": jnp.asarray(bias),
        "w_out": jax.random.uniform(keys[-2], (2 * hidden, tag_count), minval=-0.05, maxval=0.05),
        "b_out": jnp.zeros((tag_count,)),
        "trans": jnp.zeros((tag_count, tag_count)),
    }


def split_tag(t):
    """(position, label) of a tag: position 0 B, 1 I, 2 L, 3 U; None for O."""
    return (None, None) if t == 0 else ((t - 1) % 4, (t - 1) // 4)


def may_follow(previous, nxt):
    """src/model/tags.rs `may_follow` (previous None: the start of a sentence)."""
    pos, label = split_tag(nxt)
    open_label = None
    if previous is not None:
        ppos, plabel = split_tag(previous)
        if ppos in (0, 1):
            open_label = plabel
    if open_label is not None:
        return pos in (1, 2) and label == open_label
    return pos not in (1, 2)


def transition_masks(tag_count):
    """0 where a transition is allowed and -1e4 where not: between tags, at the start, at the end."""
    big = -1e4
    between = np.array([[0.0 if may_follow(a, b) else big for b in range(tag_count)]
                        for a in range(tag_count)], dtype=np.float32)
    start = np.array([0.0 if may_follow(None, b) else big for b in range(tag_count)], dtype=np.float32)
    end = np.array([big if split_tag(b)[0] in (0, 1) else 0.0 for b in range(tag_count)], dtype=np.float32)
    return jnp.asarray(between), jnp.asarray(start), jnp.asarray(end)


def crf_loss(logits, tags, lengths, trans, masks):
    """Mean over sentences of log Z - score(gold), over valid BILOU sequences only."""
    between, start, end = masks
    allowed = trans + between
    batch, steps, _ = logits.shape
    live = jnp.arange(steps)[None, :] < lengths[:, None]  # (B, T)
    emitted = jnp.take_along_axis(logits, tags[..., None], axis=-1)[..., 0]
    moves = allowed[tags[:, :-1], tags[:, 1:]]
    gold = (jnp.sum(emitted * live, axis=1) + jnp.sum(moves * live[:, 1:], axis=1)
            + start[tags[:, 0]] + end[jnp.take_along_axis(tags, (lengths - 1)[:, None], axis=1)[:, 0]])
    alpha0 = logits[:, 0] + start[None, :]

    def step(alpha, inputs):
        emission, is_live = inputs
        new = jax.nn.logsumexp(alpha[:, :, None] + allowed[None], axis=1) + emission
        return jnp.where(is_live[:, None], new, alpha), None

    alpha, _ = jax.lax.scan(step, alpha0, (jnp.moveaxis(logits[:, 1:], 1, 0), live[:, 1:].T))
    log_z = jax.nn.logsumexp(alpha + end[None, :], axis=1)
    # Rows of length 0 pad a batch's last, short group: they count nothing.
    real = (lengths > 0).astype(jnp.float32)
    return jnp.sum((log_z - gold) * real) / jnp.maximum(jnp.sum(real), 1.0)


def embed(params, vectors, ids, matches):
    if "vectors" in params:
        vectors = params["vectors"]
    parts = [vectors[ids[..., 0]]]
    for slot, table in enumerate(params["tables"], start=1):
        parts.append(table[ids[..., slot]])
    parts.append(matches)
    return jnp.concatenate(parts, axis=-1)


def reverse_within(x, lengths):
    """Each sequence of x (batch, time, ...) reversed within its own length."""
    t = jnp.arange(x.shape[1])[None, :]
    index = jnp.where(t < lengths[:, None], lengths[:, None] - 1 - t, t)
    return jnp.take_along_axis(x, index.reshape(index.shape + (1,) * (x.ndim - 2)), axis=1)


def bilstm(params, x, lengths):
    """Both directions in one scan: the backward one reads each sentence reversed."""
    hidden = params["w_h"].shape[1]
    both = jnp.stack([x, reverse_within(x, lengths)])  # (2, B, T, in)
    projected = jnp.einsum("dbti,dig->dbtg", both, params["w_in"]) + params["b"][:, None, None, :]
    steps = jnp.moveaxis(projected, 2, 0)  # (T, 2, B, 4H)

    def step(carry, z):
        h, c = carry
        z = z + jnp.einsum("dbh,dhg->dbg", h, params["w_h"])
        i, f, g, o = jnp.split(z, 4, axis=-1)
        c = jax.nn.sigmoid(f) * c + jax.nn.sigmoid(i) * jnp.tanh(g)
        h = jax.nn.sigmoid(o) * jnp.tanh(c)
        return (h, c), h

    batch = x.shape[0]
    zeros = jnp.zeros((2, batch, hidden))
    _, hs = jax.lax.scan(step, (zeros, zeros), steps)  # (T, 2, B, H)
    hs = jnp.moveaxis(hs, 0, 2)  # (2, B, T, H)
    return jnp.concatenate([hs[0], reverse_within(hs[1], lengths)], axis=-1)


def logits_of(params, vectors, ids, matches, lengths, key, dropout, word_dropout=0.0):
    if key is not None and word_dropout > 0:
        key, k0 = jax.random.split(key)
        hidden = jax.random.bernoulli(k0, word_dropout, ids.shape[:2])[..., None]
        # Row 0 of the word slots: no vector, and one bucket of each hashed table.
        ids = ids.at[..., :3].set(jnp.where(hidden, 0, ids[..., :3]))
    x = embed(params, vectors, ids, matches)
    if key is not None:
        k1, k2 = jax.random.split(key)
        x = x * jax.random.bernoulli(k1, 1 - dropout, x.shape) / (1 - dropout)
    h = bilstm(params, x, lengths)
    if key is not None:
        h = h * jax.random.bernoulli(k2, 1 - dropout, h.shape) / (1 - dropout)
    return h @ params["w_out"] + params["b_out"]


def loss_fn(params, vectors, ids, matches, tags, lengths, key, dropout, masks=None, word_dropout=0.0):
    logits = logits_of(params, vectors, ids, matches, lengths, key, dropout, word_dropout)
    if masks is not None:
        return crf_loss(logits, tags, lengths, params["trans"], masks)
    mask = (jnp.arange(ids.shape[1])[None, :] < lengths[:, None]).astype(jnp.float32)
    losses = optax.softmax_cross_entropy_with_integer_labels(logits, tags)
    return jnp.sum(losses * mask) / jnp.sum(mask)


def batches(spans, ids, matches, tags, batch, rng, shuffle):
    """Padded batches of sentences of similar length."""
    order = np.argsort([e - s for s, e in spans], kind="stable")
    groups = [order[k:k + batch] for k in range(0, len(order), batch)]
    if shuffle:
        rng.shuffle(groups)
    for group in groups:
        longest = max(spans[g][1] - spans[g][0] for g in group)
        length = next((b for b in LENGTH_BUCKETS if b >= longest), LENGTH_BUCKETS[-1])
        n = len(group)
        size = batch if shuffle else n
        b_ids = np.zeros((size, length, ids.shape[1]), dtype=np.int32)
        b_matches = np.zeros((size, length, MATCH_BITS), dtype=np.float32)
        b_tags = np.zeros((size, length), dtype=np.int32)
        b_lengths = np.zeros((size,), dtype=np.int32)
        for row, g in enumerate(group):
            s, e = spans[g]
            e = min(e, s + length)
            b_ids[row, :e - s] = ids[s:e]
            b_matches[row, :e - s] = matches[s:e]
            b_tags[row, :e - s] = tags[s:e]
            b_lengths[row] = e - s
        yield group, b_ids, b_matches, b_tags, b_lengths


def spans_of(tags):
    """Entity spans (first, last, label) of a BILOU tag sequence, as the Rust tagger reads them."""
    out, start = [], None
    for i, t in enumerate(tags):
        if t == 0:
            start = None
            continue
        pos, label = (t - 1) % 4, (t - 1) // 4
        if pos == 3:
            out.append((i, i, label))
            start = None
        elif pos == 0:
            start = (i, label)
        elif pos == 2 and start is not None and start[1] == label:
            out.append((start[0], i, label))
            start = None
        elif pos == 1 and (start is None or start[1] != label):
            start = None
    return out


def viterbi(log_probs, allowed, start, end):
    """The best valid tags (as src/neural/viterbi.rs decodes them): `allowed` is
    the transition scores plus the masks of transition_masks, `start` and `end` its other two."""
    score = log_probs[0] + start
    back = []
    for t in range(1, len(log_probs)):
        total = score[:, None] + allowed
        back.append(np.argmax(total, axis=0))
        score = total.max(axis=0) + log_probs[t]
    tag = int(np.argmax(score + end))
    out = [tag]
    for b in reversed(back):
        tag = int(b[tag])
        out.append(tag)
    return out[::-1]


def f1(gold_spans, predicted_spans):
    gold, pred = set(gold_spans), set(predicted_spans)
    hit = len(gold & pred)
    p = hit / max(len(pred), 1)
    r = hit / max(len(gold), 1)
    return 0.0 if hit == 0 else 2 * p * r / (p + r)


def main():
    args = parse_args()
    os.makedirs(args.work, exist_ok=True)
    dims = [int(d) for d in args.dims.split(",")]
    assert len(dims) == len(TABLE_ROWS), "one width per slot"
    started = time.time()
    train_spans, train_ids, train_matches, train_tags = load_tokens(os.path.join(args.inputs, "train.tokens"))
    dev_spans, dev_ids, dev_matches, dev_tags = load_tokens(os.path.join(args.inputs, "dev.tokens"))
    if args.train_fraction < 1.0:
        keep = np.random.default_rng(args.seed).permutation(len(train_spans))
        train_spans = [train_spans[k] for k in sorted(keep[:int(len(keep) * args.train_fraction)])]
    vectors = load_vectors(args.vectors, os.path.join(args.inputs, "vocabulary.tsv"), dims[0])
    tag_count = int(max(train_tags.max(), dev_tags.max())) + 1
    tag_count = max(tag_count, 73)
    print(f"{len(train_spans)} training sentences, {len(dev_spans)} dev, "
          f"{len(vectors) - 1} vectors, {tag_count} tags; loaded in {time.time() - started:.0f} s",
          flush=True)
    vectors = jnp.asarray(vectors)

    schedule = optax.exponential_decay(args.lr, transition_steps=1000, decay_rate=0.95)
    optimiser = optax.chain(optax.clip_by_global_norm(5.0), optax.adam(schedule))
    checkpoint = os.path.join(args.work, "checkpoint.pkl")
    if os.path.exists(checkpoint):
        with open(checkpoint, "rb") as f:
            state = pickle.load(f)
        params, opt_state = state["params"], state["opt_state"]
        epoch, key, best, history = state["epoch"], state["key"], state["best"], state["history"]
        spent = state["spent"]
        print(f"resumed after epoch {epoch} (best dev token F1 {best:.4f})", flush=True)
    else:
        key = jax.random.PRNGKey(args.seed)
        key, init_key = jax.random.split(key)
        params = init_params(init_key, dims, len(vectors), args.hidden, tag_count, np.asarray(vectors))
        if args.tune_vectors:
            params["vectors"] = jnp.asarray(vectors)
        opt_state = optimiser.init(params)
        epoch, best, history, spent = 0, -1.0, [], 0.0

    masks = transition_masks(tag_count) if args.crf else None

    @jax.jit
    def train_step(params, opt_state, ids, matches, tags, lengths, key):
        loss, grads = jax.value_and_grad(loss_fn)(params, vectors, ids, matches, tags, lengths, key,
                                                  args.dropout, masks, args.word_dropout)
        updates, opt_state = optimiser.update(grads, opt_state, params)
        return optax.apply_updates(params, updates), opt_state, loss

    @jax.jit
    def predict(params, ids, matches, lengths):
        logits = logits_of(params, vectors, ids, matches, lengths, None, 0.0)
        return jax.nn.log_softmax(logits, axis=-1)

    between, start_mask, end_mask = [np.asarray(m) for m in transition_masks(tag_count)]

    rng = np.random.default_rng(args.seed + epoch)
    session_start = time.time()
    while epoch < args.epochs:
        t0 = time.time()
        losses = []
        for n, (_, ids, matches, tags, lengths) in enumerate(
                batches(train_spans, train_ids, train_matches, train_tags, args.batch, rng, True)):
            key, step_key = jax.random.split(key)
            params, opt_state, loss = train_step(params, opt_state, ids, matches, tags, lengths, step_key)
            losses.append(loss)
            if n % 200 == 0:
                print(f"  epoch {epoch + 1} batch {n}: loss {float(loss):.4f} "
                      f"({time.time() - t0:.0f} s)", flush=True)
        gold_spans, pred_spans = [], []
        for group, ids, matches, tags, lengths in batches(
                dev_spans, dev_ids, dev_matches, dev_tags, 256, rng, False):
            log_probs = np.asarray(predict(params, ids, matches, lengths))
            trans = np.asarray(params["trans"])
            for row, g in enumerate(group):
                n = lengths[row]
                gold_spans += [(g,) + s for s in spans_of(tags[row, :n])]
                pred_spans += [(g,) + s for s in spans_of(
                    viterbi(log_probs[row, :n], trans + between, start_mask, end_mask))]
        score = f1(gold_spans, pred_spans)
        epoch += 1
        took = time.time() - t0
        spent += took
        history.append({"epoch": epoch, "loss": float(np.mean(np.asarray(losses))),
                        "dev_token_f1": score, "seconds": took, "total_seconds": spent})
        print(f"epoch {epoch}: loss {history[-1]['loss']:.4f}, dev F1 (gold tokens) "
              f"{score:.4f}, {took:.0f} s", flush=True)
        if score > best:
            best = score
            np.savez(os.path.join(args.work, "best.npz"), **flatten(params),
                     vectors=np.asarray(params.get("vectors", vectors)),
                     dims=np.array(dims), epoch=np.array(epoch))
        with open(checkpoint + ".tmp", "wb") as f:
            pickle.dump({"params": params, "opt_state": opt_state, "epoch": epoch, "key": key,
                         "best": best, "history": history, "spent": spent}, f)
        os.replace(checkpoint + ".tmp", checkpoint)
        with open(os.path.join(args.work, "history.json"), "w") as f:
            json.dump(history, f, indent=1)
        if (time.time() - session_start) / 60 + took / 60 > args.max_minutes:
            print(f"stopping: another epoch would pass --max-minutes {args.max_minutes}", flush=True)
            break
    print(f"best dev token F1 {best:.4f}", flush=True)


def flatten(params):
    out = {f"table{slot}": np.asarray(t) for slot, t in enumerate(params["tables"], start=1)}
    for name in ("w_in", "w_h", "b", "w_out", "b_out", "trans"):
        out[name] = np.asarray(params[name])
    return out


if __name__ == "__main__":
    sys.exit(main())
