"""Typed character spans (the span layer) shared by both baselines.

>>> keep_flat([Mention(0, 4, "GROUP"), Mention(2, 8, "LOCATION"), Mention(9, 12, "COUNT")])
[Mention(start=0, end=4, type='GROUP'), Mention(start=9, end=12, type='COUNT')]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

SPAN_TYPES: tuple[str, ...] = ("PERSON", "GROUP", "LOCATION", "COUNT")


@dataclass(frozen=True, order=True)
class Mention:
    """A typed span ``text[start:end]``; ``type`` is one of ``SPAN_TYPES``."""

    start: int
    end: int
    type: str

    def text(self, document: str) -> str:
        return document[self.start : self.end]

    def overlaps(self, other: Mention) -> bool:
        return self.start < other.end and other.start < self.end

    def as_json(self) -> dict[str, object]:
        return {"start": self.start, "end": self.end, "type": self.type}


def keep_flat(candidates: Iterable[Mention]) -> list[Mention]:
    """Keep candidates in priority order (first wins), dropping any that overlap a kept one."""
    kept: list[Mention] = []
    for mention in candidates:
        if mention.end > mention.start and not any(mention.overlaps(k) for k in kept):
            kept.append(mention)
    return sorted(kept)


def trim(document: str, mention: Mention) -> Mention | None:
    """Strip surrounding whitespace and punctuation from a span; ``None`` if nothing is left."""
    start, end = mention.start, mention.end
    while start < end and not document[start].isalnum():
        start += 1
    while end > start and not document[end - 1].isalnum() and document[end - 1] not in ".)":
        end -= 1
    return Mention(start, end, mention.type) if end > start else None
