"""Validate predictions against the published schema and against the gold split.

Two layers of checks, all reported as one line each (``FILE:LINE: DOC_ID: FIELD: message``):

1. **Shape** (``bench.predictions.shape``): the line against ``schema.json`` - types, keys,
   vocabularies and the size limits - by ``fastjsonschema``/``jsonschema``, not by hand.
2. **Beyond the schema** (here): ``start < end``; offsets inside the document text; a span
   object's ``text`` equal to the document text at its offsets; ``low <= high``; number
   strings that ``bench.normalize.parse_count`` accepts; no unpaired surrogates in strings;
   every document of the split exactly once and no unknown document.

Bounded cost: a file larger than ``MAX_FILE_BYTES`` (or not a regular file) is refused
before it is read; lines are streamed; at most ``MAX_PROBLEMS`` problems are kept per
file (then one line with the count of the rest) and ``MAX_PROBLEMS_PER_LINE`` per line.
Nothing is scored unless the whole file validates (``load_predictions`` raises
``ProblemsError`` otherwise).
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from bench.data.model import Document
from bench.data.problems import Problem, ProblemsError
from bench.predictions.model import (
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
from bench.predictions.shape import Path_, order_key, shape_errors, show, size_errors

MAX_FILE_BYTES = 100_000_000  # a predictions file larger than this is refused unless max_bytes is raised
MAX_PROBLEMS = 100  # problems listed per file; the rest are counted
MAX_PROBLEMS_PER_LINE = 20
_SURROGATE = re.compile("[\ud800-\udfff]")


def field_name(path: Path_) -> str:
    """``("events", 0, "actors", 1)`` -> ``events[0].actors[1]``; the empty path is ``line``."""
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out or "line"


class _Beyond:
    """The checks a schema cannot express, on one parsed line; builds the typed document.

    Tolerant of a malformed shape (the shape layer reports that): whatever is not of the
    expected type is skipped. ``text`` is the gold document text (None for an unknown id).
    """

    def __init__(self, text: str | None) -> None:
        self.text = text
        self.problems: list[tuple[Path_, str]] = []

    def fail(self, path: Path_, message: str) -> None:
        self.problems.append((path, message))

    def string(self, path: Path_, value: Any) -> str | None:
        if not isinstance(value, str):
            return None
        if _SURROGATE.search(value):
            self.fail(path, "string contains an unpaired surrogate (not valid Unicode)")
            return None
        return value

    def within(self, path: Path_, start: Any, end: Any) -> bool:
        if not (isinstance(start, (int, float)) and isinstance(end, (int, float))):
            return False
        if isinstance(start, bool) or isinstance(end, bool):
            return False
        if end <= start:
            self.fail(path, f"end {int(end)} must be after start {int(start)}")
            return False
        if self.text is not None and end > len(self.text):
            self.fail(path, f"end {int(end)} is past the end of the document text ({len(self.text)} characters)")
            return False
        return True

    def text_field(self, path: Path_, value: Any) -> str | None:
        if not isinstance(value, dict):
            return self.string(path, value)
        text = self.string((*path, "text"), value.get("text"))
        if "start" in value and "end" in value:
            start, end = value["start"], value["end"]
            if not self.within(path, start, end) or text is None:
                return None
            start, end = int(start), int(end)
            if self.text is not None and self.text[start:end] != text:
                self.fail(
                    path, f"text {show(text)} is not the document text at {start}:{end} ({show(self.text[start:end])})"
                )
                return None
        return text

    def value(self, path: Path_, value: Any) -> PredValue | None:
        if isinstance(value, bool):
            return None
        if isinstance(value, (int, float)):
            return value_from_int(int(value)) if float(value).is_integer() and value >= 0 else None
        if isinstance(value, dict) and ("low" in value or "high" in value) and "text" not in value:
            low, high = value.get("low"), value.get("high")
            bounds = [b for b in (low, high) if b is not None]
            if not all(isinstance(b, (int, float)) and not isinstance(b, bool) for b in bounds) or not bounds:
                return None
            if low is not None and high is not None and low > high:
                self.fail(path, f"low {int(low)} is above high {int(high)}")
                return None
            return value_from_range(None if low is None else int(low), None if high is None else int(high))
        text = self.text_field(path, value)
        if text is None:
            return None
        try:
            return value_from_text(text)
        except ValueError as err:
            self.fail(path, f"cannot read {show(text)} as a number: {err}")
            return None

    def items(self, obj: dict, key: str) -> list[tuple[int, Any]]:
        value = obj.get(key, [])
        return list(enumerate(value)) if isinstance(value, (list, tuple)) else []  # as fastjsonschema

    def count(self, path: Path_, obj: Any) -> PredCount | None:
        if not isinstance(obj, dict):
            return None
        value = self.value((*path, "value"), obj.get("value"))
        source = self.text_field((*path, "source"), obj.get("source"))
        category, victims = obj.get("category"), obj.get("victims")
        if value is None or not isinstance(category, str):
            return None
        return PredCount(category, victims, value, source)

    def claim(self, path: Path_, obj: Any) -> PredClaim | None:
        if not isinstance(obj, dict):
            return None
        actor = self.text_field((*path, "actor"), obj.get("actor"))
        source = self.text_field((*path, "source"), obj.get("source"))
        kind = obj.get("kind")
        return PredClaim(kind, actor, source) if isinstance(kind, str) and actor is not None else None

    def event(self, path: Path_, obj: Any) -> PredEvent | None:
        if not isinstance(obj, dict):
            return None
        actors = [self.text_field((*path, "actors", i), v) for i, v in self.items(obj, "actors")]
        places = [self.text_field((*path, "locations", i), v) for i, v in self.items(obj, "locations")]
        counts = [self.count((*path, "counts", i), v) for i, v in self.items(obj, "counts")]
        claims = [self.claim((*path, "claims", i), v) for i, v in self.items(obj, "claims")]
        kind = obj.get("type")
        return PredEvent(kind, tuple(actors), tuple(places), tuple(counts), tuple(claims))  # type: ignore[arg-type]

    def mention(self, path: Path_, obj: Any) -> PredMention | None:
        if not isinstance(obj, dict):
            return None
        start, end = obj.get("start"), obj.get("end")
        if (
            type(start) is int
            and type(end) is int
            and 0 <= start < end
            and (self.text is None or end <= len(self.text))
        ):
            return PredMention(start, end, obj.get("type"))  # type: ignore[arg-type]  # the common case, fast
        if not self.within(path, start, end):
            return None
        return PredMention(int(start), int(end), obj.get("type"))  # type: ignore[arg-type]

    def document(self, obj: Any) -> PredDocument | None:
        if not isinstance(obj, dict):
            return None
        doc_id = self.string(("doc_id",), obj.get("doc_id"))
        mentions = [self.mention(("mentions", i), m) for i, m in self.items(obj, "mentions")]
        events = [self.event(("events", i), e) for i, e in self.items(obj, "events")]
        return None if doc_id is None else PredDocument(doc_id, tuple(mentions), tuple(events))  # type: ignore[arg-type]


def check_object(
    obj: Any, text: str | None = None, *, schema_only: bool = False
) -> tuple[PredDocument | None, list[tuple[str, str]]]:
    """Check one parsed line; return the document (None if invalid) and ``(field, message)`` problems.

    ``schema_only=True`` applies only the rules of ``schema.json`` (the shape layer).
    """
    found = shape_errors(obj)
    document = None
    if not schema_only and not size_errors(obj):  # an oversized line is not walked further
        beyond = _Beyond(text)
        document = beyond.document(obj)
        shaped = {path for path, _ in found}
        found += [(path, message) for path, message in beyond.problems if path not in shaped]
        found.sort(key=lambda item: order_key(obj, item[0]))
    problems = [(field_name(path), message) for path, message in found]
    return (None if problems else document), problems


def _label(doc_id: str | None) -> str | None:
    """A doc_id as printed in a problem line: as is, unless long or unprintable."""
    if doc_id is None or (doc_id.isprintable() and len(doc_id) <= 80):
        return doc_id
    return show(doc_id, 80)


def _line_doc_id(obj: Any) -> str | None:
    value = obj.get("doc_id") if isinstance(obj, dict) else None
    return value if isinstance(value, str) and value else None


class _Log:
    """The problems of one file, at most ``limit`` of them (``full`` then stops the validation)."""

    def __init__(self, file: Path | str, limit: int) -> None:
        self.file, self.limit = file, limit
        self.kept: list[Problem] = []
        self.stopped: tuple[int, int] | None = None  # (line, lines left unread)
        self.dropped = 0

    @property
    def full(self) -> bool:
        return len(self.kept) >= self.limit

    def add(self, problem: Problem) -> None:
        if self.full:
            self.dropped += 1
        else:
            self.kept.append(problem)

    def problems(self) -> list[Problem]:
        if self.stopped is not None:
            line, left = self.stopped
            more = f"stopped at line {line} after {self.limit} problems; {left:,} more lines not checked"
        elif self.dropped:
            more = f"... and {self.dropped:,} more problems (only the first {self.limit} are listed)"
        else:
            return self.kept
        return [*self.kept, Problem(Path(self.file), None, "file", more)]


def validate_lines(
    lines: Iterable[tuple[int, Any | LineError]],
    gold: Sequence[Document],
    file: Path | str,
    *,
    max_problems: int = MAX_PROBLEMS,
) -> tuple[list[PredDocument], list[Problem]]:
    """Check parsed lines against the split; return predictions in split order and problems.

    Streams ``lines``: memory grows with the gold split, not with the file. After
    ``max_problems`` problems it stops and counts the lines left (``lines.skip_rest()`` when
    ``lines`` is a ``read_lines``): a file of millions of bad lines costs no more than its
    first ones.
    """
    texts = {doc.doc_id: doc.text for doc in gold}
    seen: dict[str, int] = {}  # gold documents only: a file of unknown ids cannot grow it
    found: dict[str, PredDocument] = {}
    log = _Log(file, max_problems)
    where = Path(file)
    iterator = iter(lines)
    for number, obj in iterator:
        if log.full:
            skip = getattr(lines, "skip_rest", None)
            left = skip() if callable(skip) else sum(1 for _ in iterator)
            log.stopped = (number, left + 1)
            break
        if isinstance(obj, LineError):
            if obj.doc_hint in texts:
                seen.setdefault(obj.doc_hint, number)
            log.add(Problem(where, _label(obj.doc_hint), "line", obj.message, line=number))
            continue
        doc_id = _line_doc_id(obj)
        label = _label(doc_id)
        line_problems: list[Problem] = []
        if doc_id is not None:
            if doc_id in seen:
                message = f"duplicate document (first on line {seen[doc_id]})"
                line_problems.append(Problem(where, label, "doc_id", message, line=number))
            elif doc_id not in texts:
                line_problems.append(
                    Problem(where, label, "doc_id", "unknown document: not in the gold split", line=number)
                )
            else:
                seen[doc_id] = number
        document, found_problems = check_object(obj, texts.get(doc_id) if doc_id else None)
        line_problems.extend(Problem(where, label, item, message, line=number) for item, message in found_problems)
        if len(line_problems) > MAX_PROBLEMS_PER_LINE:
            extra = len(line_problems) - MAX_PROBLEMS_PER_LINE
            line_problems = line_problems[:MAX_PROBLEMS_PER_LINE]
            line_problems.append(
                Problem(where, label, "line", f"... and {extra} more problems on this line", line=number)
            )
        for problem in line_problems:
            log.add(problem)
        if document is not None and not line_problems:
            found[document.doc_id] = document
    for doc in [] if log.stopped else gold:
        if doc.doc_id not in seen:
            log.add(
                Problem(
                    where, doc.doc_id, "doc_id", "missing: the gold split has this document, the predictions do not"
                )
            )
    return [found[d.doc_id] for d in gold if d.doc_id in found], log.problems()


def check_file(path: Path, max_bytes: int = MAX_FILE_BYTES) -> None:
    """Refuse, before reading it, a path that is not a regular file or is over ``max_bytes``."""
    try:
        info = os.stat(path)
    except OSError as err:
        raise ProblemsError([Problem(Path(path), None, "file", f"cannot read: {err.strerror or err}")]) from err
    if not stat.S_ISREG(info.st_mode):
        raise ProblemsError([Problem(Path(path), None, "file", "not a regular file (a device, pipe or folder)")])
    if info.st_size > max_bytes:
        message = f"file is {info.st_size:,} bytes, over the limit of {max_bytes:,} (raise it with --max-bytes)"
        raise ProblemsError([Problem(Path(path), None, "file", message)])


def load_predictions(path: Path, gold: Sequence[Document], *, max_bytes: int = MAX_FILE_BYTES) -> list[PredDocument]:
    """Read and validate a predictions file; raise ``ProblemsError`` listing the problems."""
    check_file(Path(path), max_bytes)
    try:
        documents, problems = validate_lines(read_lines(Path(path)), gold, path)
    except OSError as err:
        raise ProblemsError([Problem(Path(path), None, "file", f"cannot read: {err.strerror or err}")]) from err
    if problems:
        raise ProblemsError(problems)
    return documents


def validate_records(records: Sequence[Mapping[str, Any]], gold: Sequence[Document], source: str) -> list[PredDocument]:
    """Validate in-memory records (an extractor's output); line numbers are 1-based indices.

    Records are made plain first (``bench.predictions.coerce.to_plain``: numpy scalars,
    tuples, dataclasses, pydantic models), as at the command line's extractor boundary.
    """
    from bench.predictions.coerce import to_plain

    documents, problems = validate_lines(enumerate((to_plain(r) for r in records), 1), gold, source)
    if problems:
        raise ProblemsError(problems)
    return documents
