"""extract_batch: the same as one text at a time, in order, whatever the threads."""

from __future__ import annotations

import threading

import pytest

import ner_highlight
from conftest import TEXTS

BATCH = [text for _, text in sorted(TEXTS.items())] * 3


def test_batch_equals_one_by_one():
    assert ner_highlight.extract_batch(BATCH) == [ner_highlight.extract(t) for t in BATCH]


@pytest.mark.parametrize("threads", [1, 2, 3, 8])
def test_threads_give_the_same_results(threads):
    assert ner_highlight.extract_batch(BATCH, threads=threads) == ner_highlight.extract_batch(BATCH, threads=1)


def test_options_and_models_apply_to_every_text():
    batch = ner_highlight.extract_batch(BATCH[:4], labels=["GPE"], model="conll", offsets="utf16")
    assert batch == [ner_highlight.extract(t, labels=["GPE"], model="conll", offsets="utf16") for t in BATCH[:4]]


def test_any_iterable_and_empty():
    assert ner_highlight.extract_batch(iter(BATCH[:2])) == ner_highlight.extract_batch(BATCH[:2])
    assert ner_highlight.extract_batch([]) == []


def test_bad_items_and_threads_raise():
    with pytest.raises(ner_highlight.NerError, match="a text must be a str, got int"):
        ner_highlight.extract_batch(["fine", 3])
    with pytest.raises(ner_highlight.NerError, match="not one str"):
        ner_highlight.extract_batch("Angela Merkel")
    for threads in [0, -1]:
        with pytest.raises(ner_highlight.NerError, match=f"threads must be at least 1, got {threads}"):
            ner_highlight.extract_batch(["fine"], threads=threads)


def test_more_threads_than_texts_or_cores_is_fine():
    assert ner_highlight.extract_batch(["Angela Merkel"], threads=3000) == [ner_highlight.extract("Angela Merkel")]


def test_the_gil_is_released_while_it_works():
    # Another Python thread keeps running while a long batch is under way.
    ticks = []
    done = threading.Event()

    def tick():
        while not done.is_set():
            ticks.append(1)
            done.wait(0.001)

    ticker = threading.Thread(target=tick)
    ticker.start()
    try:
        ner_highlight.extract_batch([TEXTS["article.txt"]] * 200, threads=1)
    finally:
        done.set()
        ticker.join()
    assert len(ticks) > 20
