"""Tokenisation v1 and IOB2 tagging for the span layer.

**Tokens.** A token is a maximal run of word characters (Python ``re`` ``\\w``: Unicode
letters, digits and the underscore) or a single character that is neither a word
character nor whitespace. "Al-Qaeda's 3,000" is ``Al``, ``-``, ``Qaeda``, ``'``, ``s``,
``3``, ``,``, ``000``. Offsets are Python ``str`` indices, as everywhere in BREAKOUT.

**Mentions to tokens.** A character span covers every token it overlaps by at least one
character, so a span that cuts a word takes the whole word. A span over whitespace only
covers no token.

**Tags.** Mentions are taken in order of (start, end, type); each is tagged ``B-TYPE`` on
its first covered token and ``I-TYPE`` on the rest. A token already tagged by an earlier
mention stays with it, so overlapping mentions (which gold never has) cannot produce an
invalid sequence; a mention left with no token of its own is not in the tag sequence.
Every other token is ``O``. The sequences are valid IOB2 by construction.

>>> text = "Isis gunmen freed 3,000."
>>> [text[s:e] for s, e in zip(*tokenize(text))]
['Isis', 'gunmen', 'freed', '3', ',', '000', '.']
>>> iob2_tags(tokenize(text), [(0, 11, "GROUP"), (18, 23, "COUNT")])
['B-GROUP', 'I-GROUP', 'O', 'B-COUNT', 'I-COUNT', 'I-COUNT', 'O']
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable

TOKENIZER_VERSION = "v1"
TOKEN_RE = re.compile(r"\w+|[^\w\s]")

Tokens = tuple[list[int], list[int]]  # token starts, token ends


def tokenize(text: str) -> Tokens:
    """Token start and end offsets of ``text`` (see the module docstring)."""
    starts: list[int] = []
    ends: list[int] = []
    for match in TOKEN_RE.finditer(text):
        starts.append(match.start())
        ends.append(match.end())
    return starts, ends


def token_range(tokens: Tokens, start: int, end: int) -> tuple[int, int] | None:
    """``(first, stop)`` token indices overlapped by ``[start, end)``, or None if none."""
    starts, ends = tokens
    first = bisect_right(ends, start)
    stop = bisect_left(starts, end)
    return (first, stop) if first < stop else None


def token_spans(tokens: Tokens, mentions: Iterable[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The ``(first, stop, type)`` token span each mention keeps under the tagging rule."""
    kept: list[tuple[int, int, str]] = []
    free = 0
    for start, end, kind in sorted(mentions):
        found = token_range(tokens, start, end)
        if found is None:
            continue
        first, stop = max(found[0], free), found[1]
        if first >= stop:
            continue
        kept.append((first, stop, kind))
        free = stop
    return kept


def iob2_tags(tokens: Tokens, mentions: Iterable[tuple[int, int, str]]) -> list[str]:
    """The IOB2 tag of every token, for mentions given as character ``(start, end, type)``."""
    tags = ["O"] * len(tokens[0])
    for first, stop, kind in token_spans(tokens, mentions):
        tags[first] = "B-" + kind
        for i in range(first + 1, stop):
            tags[i] = "I-" + kind
    return tags
