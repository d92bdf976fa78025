"""The shapes of what ``extract`` returns, for type checkers (TypedDicts)."""

from __future__ import annotations

from typing import List, TypedDict


class Entity(TypedDict):
    """A labelled span of the text."""

    start: int
    end: int
    label: str
    text: str
    score: float
    source: str
    group: int


class Group(TypedDict):
    """The mentions of one name ("Benjamin Netanyahu", "Netanyahu")."""

    id: int
    name: str
    label: str
    count: int
    mentions: List[int]
    wikipedia: str


class Extraction(TypedDict):
    """What ``extract`` returns."""

    entities: List[Entity]
    groups: List[Group]
