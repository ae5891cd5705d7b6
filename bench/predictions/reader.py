"""Read a predictions file line by line, defensively.

Each line becomes either a parsed JSON value or a ``LineError`` with one clear message:
- a line longer than ``MAX_LINE_BYTES`` is skipped without ever being held in memory
  (it is read and dropped in chunks);
- each line is decoded as UTF-8 on its own, so one bad byte spoils one line, not the file;
  a UTF-8 byte-order mark at the start of the file is ignored;
- ``NaN``, ``Infinity`` and ``-Infinity`` (which Python's ``json`` accepts) are rejected,
  as are objects with a repeated key and integers too long to convert;
- blank lines are skipped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MAX_LINE_BYTES = 10_000_000  # one document's predictions never need 10 MB
_CHUNK = 1 << 20
_DOC_ID = re.compile(r'"doc_id"\s*:\s*("(?:[^"\\]|\\.)*")')


@dataclass(frozen=True)
class LineError:
    """A line that could not be read as JSON; ``doc_hint`` is a doc_id found in it, if any."""

    message: str
    doc_hint: str | None = None


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed (not standard JSON)")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj: dict[str, Any] = {}
    for key, value in pairs:
        if key in obj:
            raise ValueError(f"key {key!r} appears twice in one object")
        obj[key] = value
    return obj


def parse_json(text: str) -> Any | LineError:
    """Parse one JSON text strictly; return the value or a ``LineError``."""
    try:
        return json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as err:
        return LineError(f"invalid JSON: {err.msg} (column {err.colno})", doc_hint(text))
    except RecursionError:
        return LineError("invalid JSON: nested too deeply", doc_hint(text))
    except ValueError as err:  # our hooks, or an integer with thousands of digits
        message = "an integer with thousands of digits" if "integer string" in str(err) else str(err)
        return LineError(f"invalid JSON: {message}", doc_hint(text))


def doc_hint(text: str) -> str | None:
    """The doc_id of a line that does not parse, when it can be seen in the first 64 kB."""
    match = _DOC_ID.search(text[:65536])
    if not match:
        return None
    try:
        value = json.loads(match.group(1))
    except ValueError:
        return None
    return value if isinstance(value, str) and value else None


def _drain(handle: Any) -> None:
    """Skip the rest of an over-long line."""
    while True:
        chunk = handle.readline(_CHUNK)
        if not chunk or chunk.endswith(b"\n"):
            return


class read_lines:  # used like the generator function it replaced
    """Iterate ``(line_number, value_or_LineError)`` over every non-blank line of ``path``.

    Opens the file lazily (``OSError`` on the first iteration if it cannot be opened).
    ``skip_rest()`` stops reading and counts the lines left, in bulk, without parsing them.
    """

    def __init__(self, path: Path, max_bytes: int = MAX_LINE_BYTES) -> None:
        self.path, self.max_bytes = Path(path), max_bytes
        self._handle: Any = None

    def __iter__(self) -> Iterator[tuple[int, Any | LineError]]:
        with open(self.path, "rb") as handle:
            self._handle = handle
            try:
                yield from self._lines(handle)
            finally:
                self._handle = None

    def skip_rest(self) -> int:
        """The number of lines not read yet (0 when iteration is over)."""
        handle = self._handle
        if handle is None:
            return 0
        count, last = 0, b"\n"
        while chunk := handle.read(_CHUNK):
            count += chunk.count(b"\n")
            last = chunk[-1:]
        return count + (last != b"\n")

    def _lines(self, handle: Any) -> Iterator[tuple[int, Any | LineError]]:
        max_bytes = self.max_bytes
        number = 0
        while True:
            raw = handle.readline(max_bytes + 1)
            if not raw:
                return
            number += 1
            if len(raw) > max_bytes and not raw.endswith(b"\n"):
                _drain(handle)
                hint = doc_hint(raw[:65536].decode("utf-8", errors="replace"))
                yield number, LineError(f"line is longer than {max_bytes:,} bytes; refusing to read it", hint)
                continue
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as err:
                hint = doc_hint(raw.decode("utf-8", errors="replace"))
                yield number, LineError(f"not valid UTF-8 (byte {err.start + 1} of the line)", hint)
                continue
            if not text.strip():
                continue
            yield number, parse_json(text)
