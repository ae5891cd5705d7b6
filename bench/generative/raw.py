"""The raw-outputs sidecar: one JSON line per document with the request and the completion.

Each line holds the ``doc_id`` and the sha256 of the document's text, the prompt template
(name and sha256), the shots' doc_ids, the full request (endpoint, model, messages,
decoding settings; never the API key), the response (completion text, ``finish_reason``,
token usage, the model the server reports) or the error, the retries, the seconds and
whether it came from the cache. Lines are in the order of the split and keys are sorted.

``--option replay=RAW.jsonl`` re-creates the predictions from such a file without any
endpoint: the same parser runs on the same completions, so the predictions are
byte-identical. ``read_raw`` checks that every line is a raw-output record and that the
file has each document at most once.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.io import atomic_write_text

RAW_FORMAT = "breakout-raw-v1"


class RawError(ValueError):
    """A raw-outputs file that cannot be replayed: ``file``, ``line``, ``doc_id`` and what is wrong."""

    def __init__(self, file: Path, message: str, line: int | None = None, doc_id: str | None = None) -> None:
        self.file, self.message, self.line, self.doc_id = file, message, line, doc_id
        where = f"{file}:{line}" if line is not None else str(file)
        super().__init__(f"{where}: {doc_id + ': ' if doc_id else ''}{message}")


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def default_raw_path(predictions_or_results: Path) -> Path:
    """``preds.jsonl`` -> ``preds.raw.jsonl``; ``results.json`` -> ``results.raw.jsonl``."""
    path = Path(predictions_or_results)
    return path.with_name(f"{path.stem}.raw.jsonl")


def write_raw(path: Path, records: Sequence[dict[str, Any]]) -> None:
    text = "".join(json.dumps({"format": RAW_FORMAT, **r}, ensure_ascii=False, sort_keys=True) + "\n" for r in records)
    atomic_write_text(Path(path), text)


def read_raw(path: Path | str) -> dict[str, dict[str, Any]]:
    """Raw records by doc_id; raises ``RawError`` for anything that is not a raw-outputs file."""
    file = Path(path)
    try:
        lines = file.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise RawError(file, f"cannot read: {getattr(err, 'strerror', None) or err}") from err
    found: dict[str, dict[str, Any]] = {}
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            raise RawError(file, f"invalid JSON: {err.msg}", number) from err
        if not isinstance(record, dict) or record.get("format") != RAW_FORMAT:
            raise RawError(file, f"not a raw-outputs record (format {RAW_FORMAT!r})", number)
        doc_id = record.get("doc_id")
        if not isinstance(doc_id, str) or not isinstance(record.get("doc_sha256"), str):
            raise RawError(file, "doc_id and doc_sha256 are required", number)
        if doc_id in found:
            raise RawError(file, "the document appears twice", number, doc_id)
        if not isinstance(record.get("response"), (dict, type(None))):
            raise RawError(file, "response must be an object or null", number, doc_id)
        found[doc_id] = record
    return found
