"""The decoding schema: the predictions format for one document, for structured-output modes.

``decoding.schema.json`` (copy: ``docs/decoding.schema.json``) is what a model is asked
to write under ``decoding=json_schema``: every key required (nullable types instead of
optional keys), ``anyOf`` only, ``additionalProperties: false`` at every level, no
``if``/``then``, no ``doc_id`` and no ``mentions``. It is looser than the validation
schema (``bench/predictions/schema.json``), never stricter: whatever a model writes is
validated against the full predictions schema afterwards (``bench.generative.parse``).
"""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path
from typing import Any

DECODING_SCHEMA_PATH: Path = Path(__file__).with_name("decoding.schema.json")


@functools.cache
def _load() -> tuple[str, str]:
    data = DECODING_SCHEMA_PATH.read_bytes()
    return data.decode("utf-8"), hashlib.sha256(data).hexdigest()


def decoding_schema() -> dict[str, Any]:
    """A fresh copy of the decoding schema (callers may change it)."""
    schema: dict[str, Any] = json.loads(_load()[0])
    return schema


def decoding_schema_sha256() -> str:
    return _load()[1]


def request_schema() -> dict[str, Any]:
    """The schema as sent to an endpoint: without the root's ``$schema``, ``$id``, ``title``
    and ``description`` (annotations some strict modes refuse)."""
    schema = decoding_schema()
    for key in ("$schema", "$id", "title", "description"):
        schema.pop(key, None)
    return schema
