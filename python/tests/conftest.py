"""Shared fixtures: the repository's texts, and the `ner` command to compare with."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from hypothesis import settings

# No example database in the repository: each run draws afresh (seeded per test by hypothesis).
settings.register_profile("repository", database=None)
settings.load_profile("repository")

ROOT = Path(__file__).resolve().parents[2]


def _texts():
    """The seed-like texts: the demo's sample, the benchmark article, the fuzz seeds
    that are UTF-8, and a few of our own with astral characters and odd line ends."""
    paths = [ROOT / "www" / "sample.txt", ROOT / "benches" / "fixtures" / "article.txt"]
    paths += sorted((ROOT / "fuzz" / "seeds" / "extract").iterdir())
    texts = {}
    for path in paths:
        try:
            texts[path.name] = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            continue
    texts["astral"] = "🎉 Angela Merkel met 😀 Emmanuel Macron in 𝐏aris on Tuesday; 𝄞 Barack Obama paid $4.5 billion."
    texts["crlf"] = "WASHINGTON (Reuters) -\r\nJoe Biden said on\r\nMonday that NATO would meet in Brussels.\r\n"
    texts["empty"] = ""
    return texts


TEXTS = _texts()


@pytest.fixture(scope="session")
def texts():
    return TEXTS


@pytest.fixture(scope="session")
def ner_command():
    """The `ner` command line (NER_BIN, or the one cargo built)."""
    for candidate in [os.environ.get("NER_BIN"), ROOT / "target" / "release" / "ner", ROOT / "target" / "debug" / "ner"]:
        if candidate and Path(candidate).is_file():
            return str(candidate)
    pytest.fail("the ner command is not built: run `cargo build --release` (or set NER_BIN)")


def cli_extract(command, texts, model="news", offsets="codepoint"):
    """What `ner extract --jsonl` gives for each of `texts`."""
    lines = "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(texts))
    run = subprocess.run(
        [command, "extract", "--jsonl", "--offsets", offsets, "--model", model],
        input=lines.encode("utf-8"),
        capture_output=True,
        check=True,
    )
    results = [json.loads(line) for line in run.stdout.decode("utf-8").splitlines()]
    return [{"entities": r["entities"], "groups": r["groups"]} for r in sorted(results, key=lambda r: r["id"])]
