"""Turn a model's completion into one predictions record. Never raises; repairs nothing.

Steps: strip a Markdown code fence if the completion is wrapped in one; take the first
JSON object in what is left (``json.JSONDecoder.raw_decode`` from the first ``{``; text
after it is ignored, text before it is allowed); add the ``doc_id``; validate the record
against the full predictions schema and the document (``bench.predictions``). Nothing is
repaired: no quotes added, no trailing commas dropped, no truncated JSON closed, no
field renamed. A completion that fails is the empty prediction for its document (all of
its gold items missed) and its ``status`` says why.

>>> parse_completion('```json\\n{"events": []}\\n```', "d1", "text").status
'ok'
>>> parse_completion('{"events": [', "d1", "text").status
'parse_error'
>>> parse_completion('{"events": [{"type": "riot"}]}', "d1", "text").status
'schema_error'
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

OK = "ok"
PARSE_ERROR = "parse_error"
SCHEMA_ERROR = "schema_error"
REQUEST_ERROR = "request_error"
STATUSES: tuple[str, ...] = (OK, PARSE_ERROR, SCHEMA_ERROR, REQUEST_ERROR)

_FENCE = re.compile(r"^\s*```[A-Za-z0-9_-]*[ \t]*\n(.*?)\n?```\s*$", re.DOTALL)
MAX_PROBLEMS = 5


@dataclass
class Parsed:
    """The record to score (always valid: the empty prediction when anything failed)."""

    record: dict[str, Any]
    status: str
    problems: list[str] = field(default_factory=list)


def empty_record(doc_id: str) -> dict[str, Any]:
    return {"doc_id": doc_id, "events": []}


def strip_fence(text: str) -> str:
    """The inside of a completion wrapped in one Markdown code fence, else the text itself."""
    match = _FENCE.match(text)
    return match.group(1) if match else text


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def first_object(text: str) -> tuple[Any, str | None]:
    """``(object, None)`` for the first JSON object in ``text``, else ``(None, reason)``."""
    start = text.find("{")
    if start < 0:
        return None, "no JSON object in the completion"
    try:
        obj, _ = json.JSONDecoder(parse_constant=_no_constant).raw_decode(text, start)
    except json.JSONDecodeError as err:
        return None, f"invalid JSON: {err.msg} at character {err.pos}"
    except ValueError as err:
        return None, f"invalid JSON: {err}"
    except RecursionError:
        return None, "invalid JSON: nested too deeply"
    return obj, None


def parse_completion(content: str | None, doc_id: str, text: str) -> Parsed:
    """The predictions record for one document from a completion (see the module docstring)."""
    from bench.data.model import Document
    from bench.data.problems import ProblemsError
    from bench.predictions.validate import validate_records

    if not content:
        return Parsed(empty_record(doc_id), PARSE_ERROR, ["empty completion"])
    obj, reason = first_object(strip_fence(content))
    if reason is not None:
        return Parsed(empty_record(doc_id), PARSE_ERROR, [reason])
    if not isinstance(obj, dict):  # pragma: no cover - first_object starts at "{"
        return Parsed(empty_record(doc_id), PARSE_ERROR, ["the JSON is not an object"])
    if "doc_id" in obj:
        return Parsed(empty_record(doc_id), SCHEMA_ERROR, ["doc_id: the model must not write doc_id"])
    record = {"doc_id": doc_id, **obj}
    try:
        validate_records([record], [Document(doc_id=doc_id, text=text)], "<completion>")
    except ProblemsError as err:
        found = [f"{p.item}: {p.message}" for p in err.problems]
        extra = [f"... and {len(found) - MAX_PROBLEMS} more"] if len(found) > MAX_PROBLEMS else []
        return Parsed(empty_record(doc_id), SCHEMA_ERROR, found[:MAX_PROBLEMS] + extra)
    except Exception as err:  # the validator must never take the run down with it
        return Parsed(empty_record(doc_id), SCHEMA_ERROR, [f"validator error: {type(err).__name__}: {err}"])
    return Parsed(record, OK)
