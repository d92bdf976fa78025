"""Named-entity recognition for news text: people, organisations, places,
nationalities, dates, numbers and sums of money, with exact offsets.

The same Rust core as the ner-highlight npm package and the ``ner`` command,
compiled for Python: hundreds of thousands of tokens a second per core with the
default model (about 370k on news articles, measured), and ``extract_batch`` uses every
core without the GIL.

    >>> import ner_highlight
    >>> result = ner_highlight.extract("Angela Merkel visited Paris on Tuesday.")
    >>> [(e["text"], e["label"]) for e in result["entities"]]
    [('Angela Merkel', 'PERSON'), ('Paris', 'GPE'), ('Tuesday', 'DATE')]
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Iterable, List, Mapping, Optional, Sequence, Union

from ._core import BUILT_IN, ModelError, NerError
from ._core import Model as Model

if TYPE_CHECKING:
    from ._types import Extraction

__all__ = ["extract", "extract_batch", "load_model", "Model", "NerError", "ModelError", "BUILT_IN"]

#: Built-in models, parsed once and kept (the core parses each on first use).
_built_in: dict = {}

ModelLike = Union[str, Model]


def _model(model: ModelLike) -> Model:
    if isinstance(model, Model):
        return model
    if isinstance(model, str):
        found = _built_in.get(model)
        if found is None:
            found = _built_in[model] = Model.built_in(model)
        return found
    raise TypeError(f"model must be a built-in model's name or a Model, got {type(model).__name__}")


def extract(
    text: str,
    labels: Optional[Sequence[str]] = None,
    min_score: Optional[float] = None,
    model: ModelLike = "news",
    offsets: str = "codepoint",
    terms: Optional[Sequence[Mapping[str, str]]] = None,
    deny: Optional[Sequence[str]] = None,
) -> "Extraction":
    """Finds the entities in ``text``.

    Returns a dict with ``entities`` (each with ``start``, ``end``, ``label``,
    ``text``, ``score``, ``source`` and ``group``) and ``groups`` (the mentions
    of each name: ``id``, ``name``, ``label``, ``count``, ``mentions``,
    ``wikipedia``), the fields of the command line's JSON. Offsets count code
    points by default, so ``text[e["start"]:e["end"]] == e["text"]``; ``offsets``
    may also be ``"utf16"`` or ``"utf8"``.

    ``labels`` keeps only those labels, ``min_score`` (0 to 1) only entities
    scoring at least that; ``model`` is ``"news"`` (the default), ``"conll"``,
    ``"news-lg"`` or a :class:`Model`; ``terms`` (``[{"text": "Acme", "label":
    "ORG"}]``) are found as given, and ``deny`` lists texts never returned.
    Raises :class:`NerError` (a ``ValueError``) with the core's message for bad
    options, :class:`ModelError` for an unknown model name.
    """
    return _model(model).extract(text, **_options(labels, min_score, offsets, terms, deny))


def extract_batch(
    texts: Iterable[str],
    threads: Optional[int] = None,
    labels: Optional[Sequence[str]] = None,
    min_score: Optional[float] = None,
    model: ModelLike = "news",
    offsets: str = "codepoint",
    terms: Optional[Sequence[Mapping[str, str]]] = None,
    deny: Optional[Sequence[str]] = None,
) -> List["Extraction"]:
    """:func:`extract` for each of ``texts``, in their order, on ``threads``
    threads (every core by default) and without holding the GIL while it works."""
    return _model(model).extract_batch(texts, threads=threads, **_options(labels, min_score, offsets, terms, deny))


def load_model(path_or_bytes: Union[str, "os.PathLike[str]", bytes, bytearray, memoryview]) -> Model:
    """A model from a model file (``.nermodel``): its path, or its bytes.

    Raises :class:`ModelError` saying what is wrong with a file that is not a
    usable model, and ``OSError`` for a file that cannot be read."""
    if isinstance(path_or_bytes, (bytes, bytearray, memoryview)):
        data = bytes(path_or_bytes)
    else:
        with open(os.fspath(path_or_bytes), "rb") as file:
            data = file.read()
    return Model.from_bytes(data)


def _options(labels, min_score, offsets, terms, deny) -> dict:
    """The options as the compiled module takes them (lists, not any sequence)."""
    return {"labels": _list(labels), "min_score": min_score, "offsets": offsets, "terms": _list(terms), "deny": _list(deny)}


def _list(values):
    """A list from any sequence (the core takes lists), or None."""
    if values is None:
        return None
    if isinstance(values, (str, bytes)):
        raise NerError(f"invalid options: expected a list, got {type(values).__name__}")
    return list(values)
