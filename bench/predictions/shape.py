"""The shape layer of predictions validation: the published JSON Schema, applied by a library.

``schema.json`` (Draft 2020-12) is the one statement of a line's shape, size limits
included. Each line is checked by a compiled ``fastjsonschema`` validator (built once,
reused for every line: about as fast as hand-written checks); a line it rejects is
checked again by ``jsonschema.Draft202012Validator``, which lists *every* error with its
path, and each error becomes one ``(field, message)`` pair: the field path as in
``events[0].counts[1].value``, the message in plain words ("expected an array, got
string", "'ORG' is not a known mention type; expected one of ...").

>>> shape_errors({"doc_id": "d1", "events": [{"type": "riot"}]})
[(('events', 0, 'type'), "'riot' is not a known event type; expected one of prison_break, attack")]
>>> shape_errors({"doc_id": "d1", "events": []})
[]
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

SCHEMA_PATH: Path = Path(__file__).with_name("schema.json")
SCHEMA: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
_DEFS = SCHEMA["$defs"]

# the documented limits (README "Limits"), read from the schema so there is one source
MAX_DOC_ID = SCHEMA["properties"]["doc_id"]["maxLength"]
MAX_MENTIONS = SCHEMA["properties"]["mentions"]["maxItems"]
MAX_EVENTS = SCHEMA["properties"]["events"]["maxItems"]
MAX_ITEMS = _DEFS["event"]["properties"]["actors"]["maxItems"]
MAX_STRING = _DEFS["string"]["maxLength"]

Path_ = tuple[str | int, ...]
_WHAT = {"category": "category", "victims": "victims class", "kind": "claim kind"}
_OBJECT_OF = {
    "events": "an event object",
    "counts": "a count object",
    "claims": "a claim object",
    "mentions": "an object {start, end, type}",
}
_TEXT_MESSAGE = "expected a string or a {text, start, end} object"
_VALUE_MESSAGE = "expected a non-negative integer, a {low, high} range or a number expression"


@lru_cache(maxsize=1)
def fast_validator() -> Any:
    """The compiled ``fastjsonschema`` check (raises on the first error)."""
    import fastjsonschema

    # no formats in the schema; no detailed exceptions: a failing line is re-checked by jsonschema
    return fastjsonschema.compile(SCHEMA, use_formats=False, detailed_exceptions=False)


@lru_cache(maxsize=1)
def full_validator() -> Any:
    """The ``jsonschema`` validator that lists every error (used only for lines that fail)."""
    import jsonschema

    return jsonschema.Draft202012Validator(SCHEMA)


def kind(value: Any) -> str:
    """The JSON type of a parsed value, in words."""
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


def show(value: Any, limit: int = 40) -> str:
    """A short, printable rendering of a user value for an error message."""
    text = ascii(value) if isinstance(value, str) and not value.isprintable() else repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def size_errors(obj: Any) -> list[tuple[Path_, str]]:
    """The arrays over their limit, found without walking their items: a line with 100,000
    events is refused in microseconds, before any per-item check."""
    found: list[tuple[Path_, str]] = []
    if not isinstance(obj, dict):
        return found

    def check(path: Path_, value: Any, limit: int) -> bool:
        if isinstance(value, list) and len(value) > limit:
            found.append((path, f"{len(value):,} items are too many (at most {limit:,})"))
            return False
        return isinstance(value, list)

    check(("mentions",), obj.get("mentions"), MAX_MENTIONS)
    events = obj.get("events")
    if check(("events",), events, MAX_EVENTS) and isinstance(events, list):
        for i, event in enumerate(events):
            if isinstance(event, dict):
                for key in ("actors", "locations", "counts", "claims"):
                    check(("events", i, key), event.get(key), MAX_ITEMS)
    return found


def shape_errors(obj: Any) -> list[tuple[Path_, str]]:
    """Every shape error of one parsed line as ``(path, message)``, in document order
    (only the size errors when an array is over its limit)."""
    import fastjsonschema

    oversized = size_errors(obj)
    if oversized:
        return oversized

    try:
        fast_validator()(obj)
        return []
    except fastjsonschema.JsonSchemaValueException as fast:
        found = _dedupe(e for error in full_validator().iter_errors(obj) for e in _translate(error, obj))
        if not found:  # the two libraries disagree: never let the line through
            found = [((), f"does not match the schema: {fast.message}")]
    except (TypeError, ValueError, RecursionError) as err:  # a value JSON cannot hold
        found = [((), f"not a JSON document: {type(err).__name__}")]
    return sorted(found, key=lambda item: order_key(obj, item[0]))


def _dedupe(items: Iterator[tuple[Path_, str]]) -> list[tuple[Path_, str]]:
    """The first message for each path."""
    seen: dict[Path_, str] = {}
    for path, message in items:
        seen.setdefault(path, message)
    return list(seen.items())


def order_key(obj: Any, path: Path_) -> tuple[int, ...]:
    """Where ``path`` is in ``obj``: list indices, and key positions in the parsed object."""
    key: list[int] = []
    node = obj
    for step in path:
        if isinstance(node, dict):
            keys = list(node)
            key.append(keys.index(step) if step in node else len(keys))
            node = node.get(step) if isinstance(step, str) else None
        elif isinstance(node, list) and isinstance(step, int):
            key.append(step)
            node = node[step] if 0 <= step < len(node) else None
        else:
            key.append(0)
            node = None
    return tuple(key)


def _last_key(path: Path_) -> str | None:
    return next((step for step in reversed(path) if isinstance(step, str)), None)


def _at(root: Any, path: Path_) -> Any:
    node = root
    for step in path:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def _translate(error: Any, root: Any) -> Iterator[tuple[Path_, str]]:
    """One jsonschema error as ``(path, message)`` pairs, in the harness's words."""
    path: Path_ = tuple(error.absolute_path)
    validator, value, instance = error.validator, error.validator_value, error.instance
    last = _last_key(path)
    if validator in ("anyOf", "oneOf"):
        yield from _alternatives(error, path, last, root)
    elif validator == "type" and last == "victims" and path[-1] == last and "else" in error.schema_path:
        parent = _at(root, path[:-1])
        category = parent.get("category") if isinstance(parent, dict) else None
        yield path, f"only killed and wounded take victims, not {category!r}"
    elif validator == "type":
        yield path, _type_message(path, last, instance)
    elif validator == "required":
        yield from _required(error, path, value, instance)
    elif validator == "additionalProperties":
        allowed = tuple(error.schema.get("properties", {}))
        for key in instance:
            if key not in allowed:
                yield (*path, _key_name(key)), _unknown_key(str(key), allowed)
    elif validator == "enum":
        options = ", ".join(str(v) for v in value if v is not None)
        what = ("mention type" if "mentions" in path else "event type") if last == "type" else _WHAT.get(last or "")
        yield path, f"{show(instance)} is not a known {what or 'value'}; expected one of {options}"
    elif validator == "minimum":
        if last in ("start", "end"):
            yield path, f"expected a non-negative integer offset, got {show(instance)}"
        elif last in ("low", "high"):
            yield path, f"expected a non-negative integer or null, got {show(instance)}"
        else:
            yield path, f"a count cannot be negative ({show(instance)})"
    elif validator == "minLength":
        yield path, "empty string"
    elif validator == "maxLength":
        yield path, f"string of {len(instance):,} characters is too long (at most {value:,})"
    elif validator == "maxItems":
        yield path, f"{len(instance):,} items are too many (at most {value:,})"
    else:
        yield path, error.message


def _type_message(path: Path_, last: str | None, instance: Any) -> str:
    got = kind(instance)
    if not path:
        return f"expected a JSON object for one document, got {got}"
    if isinstance(path[-1], int) and len(path) >= 2 and path[-2] in _OBJECT_OF:
        return f"expected {_OBJECT_OF[str(path[-2])]}, got {got}"
    if last in ("start", "end") and path[-1] == last:
        return f"expected a non-negative integer offset, got {got}"
    if last in ("low", "high") and path[-1] == last:
        return f"expected a non-negative integer or null, got {got}"
    expected = "an array" if last in ("events", "mentions", "actors", "locations", "counts", "claims") else "a string"
    return f"expected {expected}, got {got}"


def _required(error: Any, path: Path_, value: list[str], instance: dict) -> Iterator[tuple[Path_, str]]:
    schema_path = list(error.schema_path)
    for key in value:
        if key in instance:
            continue
        if key == "victims" and "then" in schema_path:
            category = instance.get("category")
            options = ", ".join(_DEFS["count"]["then"]["properties"]["victims"]["enum"])
            yield (*path, key), f"required for {category!r}: one of {options}"
        elif key in ("start", "end") and "then" in schema_path:
            yield path, "give both 'start' and 'end', or neither"
        else:
            yield (*path, key), "required key is missing"


def _alternatives(error: Any, path: Path_, last: str | None, root: Any) -> Iterator[tuple[Path_, str]]:
    """An anyOf: report the errors of the branch meant for this kind of value."""
    instance = error.instance
    if error.validator_value == _DEFS["range"]["anyOf"]:
        yield path, "a range needs at least one of 'low' and 'high'"
        return
    branch = _branch(error.validator_value, instance)
    if branch is None:
        message = _VALUE_MESSAGE if last == "value" and path[-1] == "value" else _TEXT_MESSAGE
        yield path, f"{message}, got {kind(instance)}"
        return
    for sub in error.context or ():
        if sub.relative_schema_path and sub.relative_schema_path[0] == branch:
            yield from _translate(sub, root)


def _branch(options: list[dict[str, Any]], instance: Any) -> int | None:
    """The index of the branch written for ``instance``'s JSON type (objects: range or span)."""
    wanted = kind(instance)
    for index, option in enumerate(options):
        target = _target(option)
        types = target.get("type")
        if target is _DEFS["text"]:
            types = ["string", "object"]
        if wanted in (types if isinstance(types, list) else [types]):
            if target is _DEFS["range"] and ("text" in instance or not ("low" in instance or "high" in instance)):
                continue  # an object without low/high, or with text, is meant as a span
            return index
    return None


def _target(option: dict[str, Any]) -> dict[str, Any]:
    ref = option.get("$ref")
    return _DEFS[ref.rsplit("/", 1)[-1]] if isinstance(ref, str) else option


def _key_name(key: Any) -> str:
    text = str(key)
    return (
        text if text.isprintable() and 0 < len(text) <= 40 and text.strip() == text and ": " not in text else show(key)
    )


def _unknown_key(key: str, allowed: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(key, allowed, n=1)
    return "unknown key" + (f"; did you mean {close[0]!r}?" if close else f" (allowed: {', '.join(allowed)})")
