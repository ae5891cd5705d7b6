"""Replay: predictions and validity re-created from a raw-outputs file, offline.

Every document of the split must have a line in the file, with the sha256 of the same
text (a raw file of other documents, or of a changed text, is refused: ``ProblemsError``,
one problem per document). The completions go through the same parser as a live run, so
the predictions are byte-identical to the run that wrote the file.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.data.model import Document
from bench.data.problems import Problem, ProblemsError
from bench.generative.client import Completion
from bench.generative.raw import RawError, read_raw, text_sha256


def _metadata(path: Path, first: dict[str, Any] | None) -> dict[str, Any]:
    request = (first or {}).get("request") or {}
    settings = (first or {}).get("settings") or {}
    return {
        "name": "openai",
        "replay": str(path),
        "model": request.get("model"),
        "base_url": request.get("base_url"),
        "decoding": settings.get("decoding"),
        "temperature": request.get("temperature"),
        "seed": request.get("seed"),
        "max_tokens": request.get("max_tokens"),
        "prompt": (first or {}).get("prompt"),
        "harness_version": (first or {}).get("harness_version"),
    }


def replay(path: Path, documents: Sequence[Document]) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict]:
    """``(outcomes, raw records, metadata)`` for ``documents`` from the raw file ``path``."""
    from bench.generative.extractor import outcome_of

    try:
        found = read_raw(path)
    except RawError as err:
        item = "line" if err.line is not None else "file"
        raise ProblemsError([Problem(err.file, err.doc_id, item, err.message, line=err.line)]) from err
    problems = []
    for doc in documents:
        record = found.get(doc.doc_id)
        if record is None:
            problems.append(Problem(path, doc.doc_id, "doc_id", "no raw output for this document of the split"))
        elif record["doc_sha256"] != text_sha256(doc.text):
            problems.append(
                Problem(path, doc.doc_id, "doc_sha256", "the raw output is for another text of this document")
            )
    if problems:
        raise ProblemsError(problems)
    outcomes, raw = [], []
    for doc in documents:
        record = found[doc.doc_id]
        response = record.get("response")
        if response is None:
            completion = Completion(None, None, None, None, None, int(record.get("retries") or 0), 0.0)
            completion.error = str(record.get("error") or "no response recorded")
        else:
            completion = Completion.from_json(response, retries=int(record.get("retries") or 0))
        completion.seconds = float(record.get("seconds") or 0.0)
        outcomes.append(outcome_of(doc, completion, bool(record.get("cached")), record))
        raw.append(record)
    first = found.get(documents[0].doc_id) if documents else None
    return outcomes, raw, _metadata(path, first)
