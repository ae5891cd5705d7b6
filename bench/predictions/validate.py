"""Validate predictions against the published schema and against the gold split.

Two layers of checks, all reported as one line each (``FILE:LINE: DOC_ID: FIELD: message``):

1. **Schema** (``bench/predictions/schema.json``, for users in other languages): the shape
   of each line. The same rules are implemented here by hand, because ``jsonschema`` costs
   about a millisecond a document and its messages are hard to read; a test keeps the two
   in agreement on every malformed example and on random JSON.
2. **Beyond the schema**: ``start < end``; offsets inside the document text; a span
   object's ``text`` equal to the document text at its offsets; ``low <= high``; number
   strings that ``bench.normalize.parse_count`` accepts; no unpaired surrogates in strings;
   every document of the split exactly once and no unknown document.

Nothing is scored unless the whole file validates (``load_predictions`` raises
``ProblemsError`` otherwise).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from bench.data.model import CATEGORIES, CLAIM_KINDS, EVENT_TYPES, VICTIM_CATEGORIES, VICTIMS, Document
from bench.data.problems import Problem, ProblemsError
from bench.predictions.model import (
    MENTION_TYPES,
    PredClaim,
    PredCount,
    PredDocument,
    PredEvent,
    PredMention,
    PredValue,
    value_from_int,
    value_from_range,
    value_from_text,
)
from bench.predictions.reader import LineError, read_lines

MAX_PROBLEMS_PER_LINE = 20
_SURROGATE = re.compile("[\ud800-\udfff]")
_KEYS = {
    "document": ("doc_id", "mentions", "events"),
    "mention": ("start", "end", "type"),
    "event": ("type", "actors", "locations", "counts", "claims"),
    "count": ("category", "victims", "value", "source"),
    "claim": ("kind", "actor", "source"),
    "span": ("text", "start", "end"),
    "range": ("low", "high"),
}
_REQUIRED = {
    "document": ("doc_id", "events"),
    "mention": ("start", "end", "type"),
    "event": ("type",),
    "count": ("category", "value"),
    "claim": ("kind", "actor"),
    "span": ("text",),
    "range": ("low", "high"),
}


def show(value: Any, limit: int = 40) -> str:
    """A short, printable rendering of a user value for an error message."""
    text = ascii(value) if isinstance(value, str) and not value.isprintable() else repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    names: dict[type, str] = {str: "string", list: "array", dict: "object"}
    return names.get(type(value), type(value).__name__)


def _integer(value: Any) -> int | None:
    """JSON Schema integers: ints and integral floats, never booleans."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


class _Walker:
    """Walks one parsed line; ``text`` is the gold document text (None: schema checks only)."""

    def __init__(self, add: Callable[[str, str], None], text: str | None, schema_only: bool) -> None:
        self.add, self.text, self.full = add, text, not schema_only
        self.failed = False

    def fail(self, item: str, message: str) -> None:
        self.failed = True
        self.add(item, message)

    def keys(self, item: str, obj: dict, kind: str) -> bool:
        ok = True
        for key in obj:
            if key not in _KEYS[kind]:
                close = difflib.get_close_matches(str(key), _KEYS[kind], n=1)
                hint = f"; did you mean {close[0]!r}?" if close else f" (allowed: {', '.join(_KEYS[kind])})"
                name = (
                    key
                    if key.isprintable() and 0 < len(key) <= 40 and key.strip() == key and ": " not in key
                    else show(key)
                )
                self.fail(f"{item}.{name}" if item else name, f"unknown key{hint}")
                ok = False
        for key in _REQUIRED[kind]:
            if key not in obj:
                self.fail(f"{item}.{key}" if item else key, "required key is missing")
                ok = False
        return ok

    def string(self, item: str, value: Any) -> str | None:
        if not isinstance(value, str):
            self.fail(item, f"expected a string, got {_kind(value)}")
            return None
        if not value:
            self.fail(item, "empty string")
            return None
        if self.full and _SURROGATE.search(value):
            self.fail(item, "string contains an unpaired surrogate (not valid Unicode)")
            return None
        return value

    def offset(self, item: str, value: Any) -> int | None:
        number = _integer(value)
        if number is None or number < 0:
            got = show(value) if number is not None else _kind(value)
            self.fail(item, f"expected a non-negative integer offset, got {got}")
            return None
        return number

    def enum(self, item: str, value: Any, allowed: Sequence[str], what: str) -> str | None:
        if isinstance(value, str) and value in allowed:
            return value
        self.fail(item, f"{show(value)} is not a known {what}; expected one of {', '.join(allowed)}")
        return None

    def within(self, item: str, start: int, end: int) -> bool:
        if not self.full:
            return True
        if end <= start:
            self.fail(item, f"end {end} must be after start {start}")
            return False
        if self.text is not None and end > len(self.text):
            self.fail(item, f"end {end} is past the end of the document text ({len(self.text)} characters)")
            return False
        return True

    def span_text(self, item: str, obj: dict) -> str | None:
        """A ``{text, start, end}`` object; returns its text."""
        if not self.keys(item, obj, "span"):
            return None
        text = self.string(f"{item}.text", obj["text"])
        if ("start" in obj) != ("end" in obj):
            self.fail(item, "give both 'start' and 'end', or neither")
            return None
        if "start" not in obj:
            return text
        start, end = self.offset(f"{item}.start", obj["start"]), self.offset(f"{item}.end", obj["end"])
        if text is None or start is None or end is None or not self.within(item, start, end):
            return None
        if self.full and self.text is not None and self.text[start:end] != text:
            self.fail(
                item, f"text {show(text)} is not the document text at {start}:{end} ({show(self.text[start:end])})"
            )
            return None
        return text

    def text_field(self, item: str, value: Any) -> str | None:
        if isinstance(value, dict):
            return self.span_text(item, value)
        if not isinstance(value, str):
            self.fail(item, f"expected a string or a {{text, start, end}} object, got {_kind(value)}")
            return None
        return self.string(item, value)

    def source(self, item: str, obj: dict) -> str | None:
        return None if obj.get("source") is None else self.text_field(item, obj["source"])

    def array(self, item: str, obj: dict, key: str) -> list:
        value = obj.get(key, [])
        if not isinstance(value, list):
            self.fail(f"{item}.{key}" if item else key, f"expected an array, got {_kind(value)}")
            return []
        return value

    def value(self, item: str, value: Any) -> PredValue | None:
        number = _integer(value)
        if number is not None:
            if number < 0:
                self.fail(item, f"a count cannot be negative ({show(value)})")
                return None
            return value_from_int(number)
        if isinstance(value, dict) and ("low" in value or "high" in value) and "text" not in value:
            return self.range(item, value)
        if isinstance(value, (str, dict)):
            text = self.text_field(item, value)
            if text is None:
                return None
            if not self.full:
                return PredValue(None, None, None, "vague", text)
            try:
                return value_from_text(text)
            except ValueError as err:
                self.fail(item, f"cannot read {show(text)} as a number: {err}")
                return None
        self.fail(
            item, f"expected a non-negative integer, a {{low, high}} range or a number expression, got {_kind(value)}"
        )
        return None

    def range(self, item: str, obj: dict) -> PredValue | None:
        if not self.keys(item, obj, "range"):
            return None
        bounds = []
        for key in ("low", "high"):
            bound = obj[key]
            number = _integer(bound)
            if bound is not None and (number is None or number < 0):
                self.fail(
                    f"{item}.{key}",
                    f"expected a non-negative integer or null, got {show(bound) if number is not None else _kind(bound)}",
                )
                return None
            bounds.append(number)
        low, high = bounds
        if low is None and high is None:
            self.fail(item, "a range needs at least one of 'low' and 'high'")
            return None
        if self.full and low is not None and high is not None and low > high:
            self.fail(item, f"low {low} is above high {high}")
            return None
        return value_from_range(low, high)

    def mention(self, item: str, obj: Any) -> PredMention | None:
        if not isinstance(obj, dict):
            self.fail(item, f"expected an object {{start, end, type}}, got {_kind(obj)}")
            return None
        if not self.keys(item, obj, "mention"):
            return None
        start, end = self.offset(f"{item}.start", obj["start"]), self.offset(f"{item}.end", obj["end"])
        kind = self.enum(f"{item}.type", obj["type"], MENTION_TYPES, "mention type")
        if start is None or end is None or kind is None or not self.within(item, start, end):
            return None
        return PredMention(start, end, kind)

    def count(self, item: str, obj: Any) -> PredCount | None:
        if not isinstance(obj, dict):
            self.fail(item, f"expected a count object, got {_kind(obj)}")
            return None
        if not self.keys(item, obj, "count"):
            return None
        category = self.enum(f"{item}.category", obj["category"], CATEGORIES, "category")
        victims = obj.get("victims")
        if category in VICTIM_CATEGORIES:
            if victims is None:
                self.fail(f"{item}.victims", f"required for {category!r}: one of {', '.join(VICTIMS)}")
            else:
                victims = self.enum(f"{item}.victims", victims, VICTIMS, "victims class")
        elif category is not None and victims is not None:
            self.fail(f"{item}.victims", f"only killed and wounded take victims, not {category!r}")
        value = self.value(f"{item}.value", obj["value"])
        source = self.source(f"{item}.source", obj)
        if category is None or value is None:
            return None
        return PredCount(category, victims, value, source)

    def claim(self, item: str, obj: Any) -> PredClaim | None:
        if not isinstance(obj, dict):
            self.fail(item, f"expected a claim object, got {_kind(obj)}")
            return None
        if not self.keys(item, obj, "claim"):
            return None
        kind = self.enum(f"{item}.kind", obj["kind"], CLAIM_KINDS, "claim kind")
        actor = self.text_field(f"{item}.actor", obj["actor"])
        source = self.source(f"{item}.source", obj)
        return None if kind is None or actor is None else PredClaim(kind, actor, source)

    def event(self, item: str, obj: Any) -> PredEvent | None:
        if not isinstance(obj, dict):
            self.fail(item, f"expected an event object, got {_kind(obj)}")
            return None
        if not self.keys(item, obj, "event"):
            return None
        kind = self.enum(f"{item}.type", obj["type"], EVENT_TYPES, "event type")
        actors = [self.text_field(f"{item}.actors[{i}]", v) for i, v in enumerate(self.array(item, obj, "actors"))]
        places = [
            self.text_field(f"{item}.locations[{i}]", v) for i, v in enumerate(self.array(item, obj, "locations"))
        ]
        counts = [self.count(f"{item}.counts[{i}]", v) for i, v in enumerate(self.array(item, obj, "counts"))]
        claims = [self.claim(f"{item}.claims[{i}]", v) for i, v in enumerate(self.array(item, obj, "claims"))]
        if kind is None:
            return None
        return PredEvent(kind, tuple(actors), tuple(places), tuple(counts), tuple(claims))  # type: ignore[arg-type]

    def document(self, obj: Any) -> PredDocument | None:
        if not isinstance(obj, dict):
            self.fail("line", f"expected a JSON object for one document, got {_kind(obj)}")
            return None
        if not self.keys("", obj, "document"):
            return None
        doc_id = self.string("doc_id", obj["doc_id"])
        mentions = [self.mention(f"mentions[{i}]", m) for i, m in enumerate(self.array("", obj, "mentions"))]
        events = [self.event(f"events[{i}]", e) for i, e in enumerate(self.array("", obj, "events"))]
        if self.failed or doc_id is None:
            return None
        return PredDocument(doc_id, tuple(mentions), tuple(events))  # type: ignore[arg-type]


def check_object(
    obj: Any, text: str | None = None, *, schema_only: bool = False
) -> tuple[PredDocument | None, list[tuple[str, str]]]:
    """Check one parsed line; return the document (None if invalid) and ``(field, message)`` problems.

    ``schema_only=True`` applies exactly the rules of ``schema.json`` (used by the tests
    that keep the schema and this code in agreement).
    """
    problems: list[tuple[str, str]] = []
    walker = _Walker(lambda item, message: problems.append((item, message)), text, schema_only)
    document = walker.document(obj)
    return (None if problems else document), problems


def _label(doc_id: str | None) -> str | None:
    """A doc_id as printed in a problem line: as is, unless long or unprintable."""
    if doc_id is None or (doc_id.isprintable() and len(doc_id) <= 80):
        return doc_id
    return show(doc_id, 80)


def _line_doc_id(obj: Any) -> str | None:
    value = obj.get("doc_id") if isinstance(obj, dict) else None
    return value if isinstance(value, str) and value else None


def validate_lines(
    lines: Iterable[tuple[int, Any | LineError]], gold: Sequence[Document], file: Path | str
) -> tuple[list[PredDocument], list[Problem]]:
    """Check parsed lines against the split; return predictions in split order and problems."""
    texts = {doc.doc_id: doc.text for doc in gold}
    seen: dict[str, int] = {}
    found: dict[str, PredDocument] = {}
    problems: list[Problem] = []
    for number, obj in lines:
        if isinstance(obj, LineError):
            if obj.doc_hint is not None:
                seen.setdefault(obj.doc_hint, number)
            problems.append(Problem(Path(file), _label(obj.doc_hint), "line", obj.message, line=number))
            continue
        doc_id = _line_doc_id(obj)
        label = _label(doc_id)
        line_problems: list[Problem] = []
        if doc_id is not None:
            if doc_id in seen:
                line_problems.append(
                    Problem(
                        Path(file), label, "doc_id", f"duplicate document (first on line {seen[doc_id]})", line=number
                    )
                )
            elif doc_id not in texts:
                line_problems.append(
                    Problem(Path(file), label, "doc_id", "unknown document: not in the gold split", line=number)
                )
            seen.setdefault(doc_id, number)
        document, found_problems = check_object(obj, texts.get(doc_id) if doc_id else None)
        line_problems.extend(Problem(Path(file), label, item, message, line=number) for item, message in found_problems)
        if len(line_problems) > MAX_PROBLEMS_PER_LINE:
            extra = len(line_problems) - MAX_PROBLEMS_PER_LINE
            line_problems = line_problems[:MAX_PROBLEMS_PER_LINE]
            line_problems.append(
                Problem(Path(file), label, "line", f"... and {extra} more problems on this line", line=number)
            )
        problems.extend(line_problems)
        if document is not None and not line_problems:
            found[document.doc_id] = document
    for doc in gold:
        if doc.doc_id not in seen:
            problems.append(
                Problem(
                    Path(file),
                    doc.doc_id,
                    "doc_id",
                    "missing: the gold split has this document, the predictions do not",
                )
            )
    return [found[d.doc_id] for d in gold if d.doc_id in found], problems


def load_predictions(path: Path, gold: Sequence[Document]) -> list[PredDocument]:
    """Read and validate a predictions file; raise ``ProblemsError`` listing every problem."""
    try:
        documents, problems = validate_lines(read_lines(Path(path)), gold, path)
    except OSError as err:
        raise ProblemsError([Problem(Path(path), None, "file", f"cannot read: {err.strerror or err}")]) from err
    if problems:
        raise ProblemsError(problems)
    return documents


def validate_records(records: Sequence[Mapping[str, Any]], gold: Sequence[Document], source: str) -> list[PredDocument]:
    """Validate in-memory records (an extractor's output); line numbers are 1-based indices."""
    documents, problems = validate_lines(enumerate(records, 1), gold, source)
    if problems:
        raise ProblemsError(problems)
    return documents
