"""The decoding schema: strict-mode shape, agreement with the validation schema, the docs copy."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest
from conftest import build_tiny_split
from hypothesis import given, settings
from hypothesis import strategies as st

from bench import paths
from bench.generative.schema import DECODING_SCHEMA_PATH, decoding_schema, request_schema
from bench.generative.shots import answer_of
from bench.predictions import SCHEMA_PATH
from bench.resultsio import load_gold

FORBIDDEN = {"oneOf", "allOf", "not", "if", "then", "else", "dependentRequired", "patternProperties"}


def _nodes(node: Any):
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _nodes(value)
    elif isinstance(node, list):
        for value in node:
            yield from _nodes(value)


def test_strict_structured_output_rules() -> None:
    schema = decoding_schema()
    assert schema["type"] == "object"
    objects = [n for n in _nodes(schema) if n.get("type") == "object"]
    assert len(objects) == 5  # document, event, count, range, claim
    for node in objects:
        assert node["additionalProperties"] is False
        assert sorted(node["required"]) == sorted(node["properties"])  # every key required
    for node in _nodes(schema):
        assert not FORBIDDEN & set(node), f"keyword not allowed in strict mode: {FORBIDDEN & set(node)}"
    assert "doc_id" not in schema["properties"] and "mentions" not in schema["properties"]
    assert not {"$schema", "$id", "title", "description"} & set(request_schema())


def test_docs_copy_is_identical() -> None:
    assert (paths.ROOT / "docs" / "decoding.schema.json").read_bytes() == DECODING_SCHEMA_PATH.read_bytes()


def test_gold_answers_satisfy_both_schemas() -> None:
    """What a perfect model writes (the gold, as shots render it) is accepted by the decoding
    schema and, with its doc_id, by the full predictions schema: the decoding schema never
    forbids a right answer."""
    decoding = jsonschema.Draft202012Validator(decoding_schema())
    full = jsonschema.Draft202012Validator(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))
    docs = build_tiny_split()[0] + load_gold().docs
    for doc in docs:
        answer = answer_of(doc)
        assert not list(decoding.iter_errors(answer)), doc.doc_id
        assert not list(full.iter_errors({"doc_id": doc.doc_id, **answer})), doc.doc_id


_text = st.text(min_size=1, max_size=8)
_count = st.fixed_dictionaries(
    {
        "category": st.sampled_from(["escaped", "recaptured", "at_large", "inmates", "attackers"]),
        "victims": st.none(),
        "value": st.one_of(st.integers(0, 10**6), st.sampled_from(["hundreds", "at least 25", "a dozen"])),
        "source": st.one_of(st.none(), _text),
    }
)
_event = st.fixed_dictionaries(
    {
        "type": st.sampled_from(["prison_break", "attack"]),
        "actors": st.lists(_text, max_size=3),
        "locations": st.lists(_text, max_size=3),
        "counts": st.lists(_count, max_size=3),
        "claims": st.lists(
            st.fixed_dictionaries(
                {
                    "kind": st.sampled_from(["responsibility", "accusation", "denial"]),
                    "actor": _text,
                    "source": st.one_of(st.none(), _text),
                }
            ),
            max_size=2,
        ),
    }
)


@settings(max_examples=150, deadline=None)
@given(st.fixed_dictionaries({"events": st.lists(_event, max_size=3)}))
def test_valid_predictions_are_valid_decoding_output(answer: dict[str, Any]) -> None:
    full = jsonschema.Draft202012Validator(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))
    assert not list(full.iter_errors({"doc_id": "d", **answer}))
    assert not list(jsonschema.Draft202012Validator(decoding_schema()).iter_errors(answer))


@pytest.mark.parametrize(
    "answer",
    [
        {"events": [{"type": "riot", "actors": [], "locations": [], "counts": [], "claims": []}]},
        {"events": [{"type": "attack", "actors": []}]},
        {"events": [], "doc_id": "d1"},
        {"events": [], "mentions": []},
    ],
)
def test_decoding_schema_refuses(answer: dict[str, Any]) -> None:
    assert list(jsonschema.Draft202012Validator(decoding_schema()).iter_errors(answer))
