#!/usr/bin/env python3
"""Writes a trained `news-lg` (best.npz from scripts/neural/train.py) as a
neural model file in the layout src/neural/format.rs reads and documents:
embedding tables and weight matrices as 8-bit values with a scale per row,
biases and transition scores as 32-bit floats, a checksum at the end.

    python scripts/neural/export.py --inputs target/neural --weights target/neural/run/best.npz \
        --description-file models/news-lg.description.txt --out models/news-lg.nermodel
"""

import argparse
import struct

import numpy as np

MAGIC = b"NERHLNNM"
FORMAT_VERSION = 1
INPUT_VERSION = 1  # src/neural/inputs.rs
MASK = (1 << 64) - 1


def checksum(data: bytes) -> int:
    """src/model/format.rs `checksum`: four lanes of 64-bit words, then the rest."""
    k = 0x9E3779B97F4A7C15

    def step(lane, word):
        x = ((lane ^ word) * k) & MASK
        return ((x << 29) | (x >> 35)) & MASK

    lanes = [0xCBF29CE484222325, 0x84222325CBF29CE4, 0x0100000001B34F3D, 0x27D4EB2F165667C5]
    full = len(data) // 32 * 32
    words = np.frombuffer(data[:full], dtype="<u8").reshape(-1, 4) if full else np.zeros((0, 4), "<u8")
    for row in words.tolist():
        lanes = [step(lane, w) for lane, w in zip(lanes, row)]
    total = 0
    for lane in lanes:
        total = step(total, lane)
    for byte in data[full:]:
        total = step(total, byte)
    return step(total, len(data))


def put_u32(out, n):
    out += struct.pack("<I", n)


def put_str(out, s):
    b = s.encode("utf-8")
    put_u32(out, len(b))
    out += b


def quantise(table):
    """8-bit values and a scale per row (0 for a row of zeros)."""
    peak = np.abs(table).max(axis=1)
    scales = (peak / 127.0).astype(np.float32)
    safe = np.where(scales > 0, scales, 1.0)
    values = np.clip(np.rint(table / safe[:, None]), -127, 127).astype(np.int8)
    return values, scales


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--inputs", required=True, help="folder written by `ner neural-inputs`")
    p.add_argument("--weights", required=True, help="best.npz written by train.py")
    p.add_argument("--name", default="news-lg")
    p.add_argument("--description-file", help="text stored in the model (data, terms, scores)")
    p.add_argument("--vocabulary-words", type=int,
                   help="keep the vectors of only this many most frequent words (a smaller file)")
    p.add_argument("--out", required=True)
    args = p.parse_args()

    base_name, base_checksum, labels = open(f"{args.inputs}/base.txt").read().split("\n")[:3]
    labels = labels.split(",")
    rows = [line.split("\t") for line in open(f"{args.inputs}/vocabulary.tsv")]
    keys = [int(key) for _, key in rows]
    w = np.load(args.weights)
    dims = [int(d) for d in w["dims"]]
    tables = [w["vectors"]] + [w[f"table{slot}"] for slot in range(1, len(dims))]
    if args.vocabulary_words is not None:
        # Rows are in key order; a row's line in the vectors file is its frequency rank.
        keep = [r for r, (line, _) in enumerate(rows) if int(line) < args.vocabulary_words]
        keys = [keys[r] for r in keep]
        tables[0] = tables[0][[0] + [r + 1 for r in keep]]
    hidden = w["w_h"].shape[1]
    tags = w["w_out"].shape[1]
    assert tags == 1 + 4 * len(labels), (tags, labels)
    assert len(keys) + 1 == len(tables[0])

    body = bytearray()
    put_str(body, args.name)
    put_str(body, open(args.description_file).read() if args.description_file else "")
    put_u32(body, len(labels))
    for label in labels:
        put_str(body, label)
    put_str(body, base_name)
    body += struct.pack("<Q", int(base_checksum))
    put_u32(body, hidden)
    put_u32(body, tags)
    put_u32(body, len(tables))
    for t in tables:
        put_u32(body, t.shape[0])
        put_u32(body, t.shape[1])
    put_u32(body, len(keys))
    body += np.array(keys, dtype="<u8").tobytes()
    for t in tables:
        values, scales = quantise(np.asarray(t, dtype=np.float32))
        body += values.tobytes()
        body += scales.astype("<f4").tobytes()
    # The matrices as 8-bit rows (src/neural/format.rs `quantise_rows`).
    for name, width in (("w_in", 4 * hidden), ("w_h", 4 * hidden), ("w_out", tags)):
        values, scales = quantise(np.asarray(w[name], dtype=np.float32).reshape(-1, width))
        body += values.tobytes()
        body += scales.astype("<f4").tobytes()
    for name in ("b", "b_out", "trans"):
        # A model trained without transitions (no --crf) has none: zeros.
        array = w[name] if name in w else np.zeros((tags, tags), dtype=np.float32)
        body += np.ascontiguousarray(array, dtype="<f4").tobytes()

    out = bytearray(MAGIC)
    put_u32(out, FORMAT_VERSION)
    put_u32(out, INPUT_VERSION)
    out += struct.pack("<Q", len(body))
    out += body
    out += struct.pack("<Q", checksum(bytes(out)))
    with open(args.out, "wb") as f:
        f.write(out)
    print(f"{args.out}: {len(out)} bytes, epoch {int(w['epoch'])}")


if __name__ == "__main__":
    main()
