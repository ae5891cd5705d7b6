"""Resolve mentions written as text in the annotation sources to character offsets.

A reference is one of
- ``"Isis"``: the only occurrence of the text in the document (an error if there are more);
- ``"Isis#3"``: the third occurrence (1-based);
- ``{text: "Isis", n: 3}`` or ``{text: "Isis", start: 120}``.

Occurrences are counted at word boundaries only: "IS" does not occur inside "ISIS".

>>> find_occurrences("ISIS and IS and this", "IS")
[9]
"""

from __future__ import annotations

import re
from typing import Any

from bench.data.model import Span

SpanRef = str | dict[str, Any]


class SpanRefError(ValueError):
    pass


def _boundary(text: str, index: int) -> bool:
    return index <= 0 or index >= len(text) or not (text[index - 1].isalnum() and text[index].isalnum())


def find_occurrences(text: str, needle: str) -> list[int]:
    """Start offsets of ``needle`` in ``text`` that begin and end on word boundaries."""
    if not needle:
        return []
    starts = []
    for match in re.finditer(re.escape(needle), text):
        start, end = match.start(), match.end()
        if _boundary(text, start) and _boundary(text, end):
            starts.append(start)
    return starts


def resolve_span(text: str, ref: SpanRef) -> Span:
    """Turn a source reference into a checked ``Span``."""
    if isinstance(ref, str):
        needle, n = ref, None
        head, sep, tail = ref.rpartition("#")
        if sep and tail.isdigit() and head:
            needle, n = head, int(tail)
        start = None
    elif isinstance(ref, dict) and "text" in ref and set(ref) <= {"text", "n", "start"}:
        needle, n, start = str(ref["text"]), ref.get("n"), ref.get("start")
    else:
        raise SpanRefError(f"not a span reference: {ref!r}")
    if start is not None:
        if text[start : start + len(needle)] != needle:
            raise SpanRefError(f"{needle!r} is not at offset {start}")
        return Span(start=start, end=start + len(needle), text=needle)
    found = find_occurrences(text, needle)
    if not found:
        raise SpanRefError(f"{needle!r} does not occur in the document")
    if n is None:
        if len(found) > 1:
            raise SpanRefError(f"{needle!r} occurs {len(found)} times: write {needle!r}#N (1..{len(found)})")
        n = 1
    if not 1 <= int(n) <= len(found):
        raise SpanRefError(f"{needle!r} occurs {len(found)} times, not {n}")
    begin = found[int(n) - 1]
    return Span(start=begin, end=begin + len(needle), text=needle)
