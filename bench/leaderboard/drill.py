"""The drill-down of one leaderboard entry: system -> document -> field.

Per document of the split: its per-field F1 (``results["per_document"]``), the missed and
spurious items of each field (``bench eval --errors``: the same ``evaluate(errors=True)``
and the same ``bench.score.render.error_rows``), and for a generative entry (one with
``raw_outputs.jsonl``) the raw completion, how it ended (``ok``, ``parse_error``, ...), its
ungrounded strings, the prompt template (name, sha256) and the sha256 of the prompt that
was sent for this document (its messages, canonical JSON).

Everything here comes from a submission and is hostile: it is kept as plain strings and
escaped by the renderer (``render_drill``). Sizes are capped so the page stays small: at
most ``MAX_ITEMS`` items per field and kind, and the first ``MAX_COMPLETION`` characters of
a completion; what is cut is counted and said.

>>> d = doc_drill("d1", {"actor": {"missed": [{"event": "e1", "item": "'ISIS'"}], "spurious": []},
...     "events": {"aligned": [], "unaligned_gold": [], "unaligned_predicted": []}}, {"overall": 0.5})
>>> d.rows[0].field, d.rows[0].kind, d.rows[0].text
('actor', 'missed', "'ISIS'  (gold e1)")
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

MAX_ITEMS = 25  # per field and kind (missed, spurious) of one document
MAX_COMPLETION = 2000  # characters of a raw completion shown


@dataclass(frozen=True)
class ErrorRow:
    field: str  # actor, location, count, attribution, claim, span, event, event type
    kind: str  # missed, spurious, wrong
    text: str


@dataclass(frozen=True)
class Completion:
    """What a generative system answered for one document (from ``raw_outputs.jsonl``)."""

    text: str  # the first MAX_COMPLETION characters
    length: int  # the completion's full length in characters
    status: str | None  # ok, parse_error, schema_error, request_error (bench.generative.validity)
    finish_reason: str | None
    template: str | None  # prompt template name
    template_sha256: str | None
    prompt_sha256: str | None  # sha256 of the messages sent for this document
    ungrounded: tuple[str, ...] = ()
    error: str | None = None  # the request error, if the request failed

    @property
    def cut(self) -> bool:
        return self.length > len(self.text)


@dataclass
class DocDrill:
    """One document of one entry: scores, error rows (capped), and the completion if any."""

    doc_id: str
    scores: dict[str, float] = field(default_factory=dict)
    rows: list[ErrorRow] = field(default_factory=list)
    hidden: dict[tuple[str, str], int] = field(default_factory=dict)  # (field, kind) -> rows not kept
    completion: Completion | None = None

    @property
    def errors(self) -> int:
        return len(self.rows) + sum(self.hidden.values())


def prompt_sha256(messages: Any) -> str | None:
    """sha256 of the canonical JSON of a request's messages (None when there are none)."""
    if not isinstance(messages, list):
        return None
    canonical = json.dumps(messages, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def completion_of(raw: Mapping[str, Any], validity: Mapping[str, Any] | None = None) -> Completion:
    """The shown part of one raw-outputs record (``bench.generative.raw``) and its validity."""
    response, prompt, request = (_dict(raw.get(key)) for key in ("response", "prompt", "request"))
    content = _str(response.get("content")) or ""
    ungrounded = (validity or {}).get("ungrounded") or []
    return Completion(
        text=content[:MAX_COMPLETION],
        length=len(content),
        status=_str((validity or {}).get("status")),
        finish_reason=_str(response.get("finish_reason")),
        template=_str(prompt.get("name")),
        template_sha256=_str(prompt.get("sha256")),
        prompt_sha256=prompt_sha256(request.get("messages")),
        ungrounded=tuple(s for s in ungrounded if isinstance(s, str)),
        error=_str(raw.get("error")),
    )


def doc_drill(
    doc_id: str,
    found: Mapping[str, Any] | None,
    scores: Mapping[str, Any] | None,
    completion: Completion | None = None,
) -> DocDrill:
    """One document's drill-down from its errors (an entry of ``Results.errors``; None: no errors)."""
    from bench.score.render import error_rows

    drill = DocDrill(doc_id, completion=completion)
    drill.scores = {k: float(v) for k, v in (scores or {}).items() if isinstance(v, (int, float))}
    kept: dict[tuple[str, str], int] = {}
    for name, kind, text in error_rows(dict(found)) if found else []:
        key = (name, kind)
        if kept.get(key, 0) >= MAX_ITEMS:
            drill.hidden[key] = drill.hidden.get(key, 0) + 1
            continue
        kept[key] = kept.get(key, 0) + 1
        drill.rows.append(ErrorRow(name, kind, text))
    return drill


def entry_drill(
    doc_ids: Sequence[str],
    errors: Mapping[str, Any],
    per_document: Mapping[str, Any] | None,
    raw: Mapping[str, Mapping[str, Any]] | None = None,
    validity: Mapping[str, Any] | None = None,
) -> list[DocDrill]:
    """Every document of the split in ``doc_ids`` order (documents without errors too).

    ``raw``: raw-outputs records by doc_id; ``validity``: the ``validity`` block
    (``bench.generative.validity.summarise``) whose ``per_document`` gives each status."""
    per_doc_validity = (validity or {}).get("per_document") or {}
    out = []
    for doc_id in doc_ids:
        record = (raw or {}).get(doc_id)
        completion = completion_of(record, per_doc_validity.get(doc_id)) if record is not None else None
        scores = (per_document or {}).get(doc_id)
        out.append(doc_drill(doc_id, errors.get(doc_id), scores if isinstance(scores, dict) else None, completion))
    return out


def details(folder: Any, gold: Any, results: Mapping[str, Any], errors: Mapping[str, Any]) -> dict[str, Any]:
    """``Entry`` fields for one recomputed entry: ``drill`` (every document) and ``generative``
    (``bench.leaderboard.llm``: validity and runs from the raw outputs, None without them)."""
    from bench.leaderboard.llm import generative

    headline = results.get("headline")
    found = generative(folder, gold, headline=float(headline) if isinstance(headline, (int, float)) else None)
    per_document = (results.get("diagnostics") or {}).get("per_document")
    doc_ids = sorted(d.doc_id for d in gold.docs)
    raw = found.raw if found is not None else None
    validity = found.validity if found is not None else None
    return {"drill": entry_drill(doc_ids, errors, per_document, raw, validity), "generative": found}
