# Types of the compiled module (python/src/lib.rs).
from typing import Iterable, List, Mapping, Optional, Sequence

from ._types import Extraction

BUILT_IN: List[str]

class NerError(ValueError):
    """Bad options or input: the message is the core's."""

class ModelError(NerError):
    """A model file that cannot be used, or a model name that is not built in."""

class Model:
    """A model: built in (``Model.built_in("news")``) or from a model file's bytes."""

    @staticmethod
    def built_in(name: str) -> Model: ...
    @staticmethod
    def from_bytes(data: bytes) -> Model: ...
    @property
    def name(self) -> str: ...
    @property
    def labels(self) -> List[str]: ...
    def extract(
        self,
        text: str,
        labels: Optional[List[str]] = None,
        min_score: Optional[float] = None,
        offsets: str = "codepoint",
        terms: Optional[List[Mapping[str, str]]] = None,
        deny: Optional[List[str]] = None,
    ) -> Extraction: ...
    def extract_batch(
        self,
        texts: Iterable[str],
        threads: Optional[int] = None,
        labels: Optional[List[str]] = None,
        min_score: Optional[float] = None,
        offsets: str = "codepoint",
        terms: Optional[List[Mapping[str, str]]] = None,
        deny: Optional[List[str]] = None,
    ) -> List[Extraction]: ...
