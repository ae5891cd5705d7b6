"""Validity diagnostics of a generative run: reported beside the scores, never inside them.

Per document: how its completion ended (``status``: ``ok``, ``parse_error``,
``schema_error``, ``request_error``), whether it was cut by the token limit
(``truncated``: ``finish_reason == "length"``), the actor, location, source and claim-actor
strings it gives and those that do not occur in the document (``ungrounded``: compared
after ``bench.normalize.normalize_text``, as whole words), prompt and completion tokens,
seconds, retries and whether it came from the cache. ``summarise`` pools them into the
``validity`` block of the results JSON; the scores themselves are computed from the
predictions alone (a failed document is an empty prediction there).

>>> grounded("Gweiran prison", "Isis stormed the Gweiran Prison.")
True
>>> grounded("Gweiran", "Isis stormed the Gweiran Prison in Hasakah")
True
>>> grounded("Hassakeh", "Isis stormed the Gweiran Prison in Hasakah")
False
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from bench.generative.parse import OK, PARSE_ERROR, REQUEST_ERROR, SCHEMA_ERROR
from bench.normalize.text import normalize_text


@dataclass
class DocValidity:
    doc_id: str
    status: str
    truncated: bool = False
    strings: int = 0
    ungrounded: list[str] = field(default_factory=list)
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    seconds: float | None = None
    retries: int = 0
    cached: bool = False
    problems: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out.pop("doc_id")
        return out


def grounded(string: str, document: str) -> bool:
    """True when ``string``'s normal form occurs, as whole words, in the document's."""
    needle = normalize_text(string)
    return not needle or f" {needle} " in f" {normalize_text(document)} "


def _text(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("text")
    return value if isinstance(value, str) else None


def record_strings(record: dict[str, Any]) -> list[str]:
    """Every actor, location, count source, claim actor and claim source string of a record."""
    found: list[Any] = []
    for event in record.get("events", []):
        found += event.get("actors", []) + event.get("locations", [])
        found += [c.get("source") for c in event.get("counts", [])]
        for claim in event.get("claims", []):
            found += [claim.get("actor"), claim.get("source")]
    return [s for s in map(_text, found) if s is not None]


def ungrounded_strings(record: dict[str, Any], document: str) -> tuple[int, list[str]]:
    strings = record_strings(record)
    return len(strings), [s for s in strings if not grounded(s, document)]


def _total(values: Iterable[int | None]) -> int | None:
    known = [v for v in values if v is not None]
    return sum(known) if known else None


def summarise(docs: Sequence[DocValidity], *, wall_seconds: float | None = None) -> dict[str, Any]:
    """The ``validity`` block: counts over documents, token totals, time, and per document."""
    n = len(docs)
    seconds = [d.seconds for d in docs if d.seconds is not None and not d.cached]
    prompt, completion = _total(d.prompt_tokens for d in docs), _total(d.completion_tokens for d in docs)
    generated = sum(d.completion_tokens or 0 for d in docs if not d.cached)
    busy = sum(seconds)
    return {
        "documents": n,
        "ok": sum(d.status == OK for d in docs),
        "parse_errors": sum(d.status == PARSE_ERROR for d in docs),
        "schema_errors": sum(d.status == SCHEMA_ERROR for d in docs),
        "request_errors": sum(d.status == REQUEST_ERROR for d in docs),
        "truncated": sum(d.truncated for d in docs),
        "strings": sum(d.strings for d in docs),
        "ungrounded": sum(len(d.ungrounded) for d in docs),
        "prompt_tokens": prompt,
        "completion_tokens": completion,
        "seconds_per_document": round(busy / len(seconds), 3) if seconds else None,
        "completion_tokens_per_second": round(generated / busy, 1) if busy > 0 and generated else None,
        "wall_seconds": None if wall_seconds is None else round(wall_seconds, 3),
        "cached": sum(d.cached for d in docs),
        "retries": sum(d.retries for d in docs),
        "per_document": {d.doc_id: d.to_json() for d in docs},
    }
