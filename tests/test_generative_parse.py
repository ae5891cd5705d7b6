"""The completion parser: never raises, repairs nothing, always returns a valid record."""

from __future__ import annotations

import json

import pytest
from conftest import D1, build_tiny_split
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.generative.parse import OK, PARSE_ERROR, SCHEMA_ERROR, parse_completion, strip_fence
from bench.generative.shots import answer_of
from bench.predictions.validate import validate_records

DOC = build_tiny_split()[0][0]
GOOD = json.dumps(answer_of(DOC))


@pytest.mark.parametrize(
    "content",
    [
        GOOD,
        f"```json\n{GOOD}\n```",
        f"```\n{GOOD}```",
        f"Here is the JSON:\n{GOOD}\nHope this helps.",
        f"{GOOD}\n{GOOD}",  # the first object is taken
        f"  \n{GOOD}  ",
    ],
)
def test_good_answers_parse(content: str) -> None:
    parsed = parse_completion(content, "d1", D1)
    assert parsed.status == OK and parsed.problems == []
    assert parsed.record == {"doc_id": "d1", **answer_of(DOC)}


@pytest.mark.parametrize(
    "content",
    [
        None,
        "",
        "I cannot find any events.",
        GOOD[: len(GOOD) // 2],  # truncated: not closed for it
        '{"events": [],}',  # trailing comma: not repaired
        "{'events': []}",  # single quotes: not repaired
        '{"events": [NaN]}',
    ],
)
def test_unparseable_answers_are_empty_predictions(content: str | None) -> None:
    parsed = parse_completion(content, "d1", D1)
    assert parsed.status == PARSE_ERROR and parsed.problems
    assert parsed.record == {"doc_id": "d1", "events": []}


@pytest.mark.parametrize(
    "answer, field",
    [
        ({"events": [{"type": "riot"}]}, "type"),
        ({"events": [{"type": "attack", "counts": [{"category": "killed", "value": 3}]}]}, "victims"),
        ({"events": [{"type": "attack", "perpetrators": ["x"]}]}, "perpetrators"),  # not renamed to actors
        ({"events": [{"type": "attack", "counts": [{"category": "escaped", "value": "many"}]}]}, "value"),
        ({"doc_id": "other", "events": []}, "doc_id"),
        ({"events": [{"type": "attack", "actors": [{"text": "Isis", "start": 0, "end": 9}]}]}, "actors"),
        ({"result": []}, "events"),
    ],
)
def test_invalid_answers_are_counted_schema_errors(answer: dict, field: str) -> None:
    parsed = parse_completion(json.dumps(answer), "d1", D1)
    assert parsed.status == SCHEMA_ERROR
    assert any(field in p for p in parsed.problems), parsed.problems
    assert parsed.record == {"doc_id": "d1", "events": []}


def test_fence_stripping_needs_a_whole_fence() -> None:
    assert strip_fence("```json\n{}\n```") == "{}"
    assert strip_fence("text ```json\n{}\n```") == "text ```json\n{}\n```"


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=200), st.from_regex(r"\s*(```\w*\n)?\{.{0,80}", fullmatch=True)))
def test_never_raises_and_always_valid(content: str) -> None:
    parsed = parse_completion(content, "d1", D1)
    assert parsed.status in (OK, PARSE_ERROR, SCHEMA_ERROR)
    validate_records([parsed.record], [DOC], "<test>")  # raises if invalid
