"""The shape layer: the fast compiled check (fastjsonschema) and the full one (jsonschema) agree on
every malformed example and on random JSON, and random JSON never crashes the validator."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_predictions_validate import CASES

from bench.predictions import SCHEMA_PATH
from bench.predictions.reader import parse_json
from bench.predictions.validate import check_object, validate_lines

SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
ROOT = Path(__file__).resolve().parents[1]


def _agree(obj) -> None:
    _, problems = check_object(obj, schema_only=True)
    assert VALIDATOR.is_valid(obj) == (problems == []), (obj, problems, [e.message for e in VALIDATOR.iter_errors(obj)])


def test_schema_is_valid_draft_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_docs_copy_is_identical() -> None:
    assert (ROOT / "docs" / "predictions.schema.json").read_text(encoding="utf-8") == SCHEMA_PATH.read_text(
        encoding="utf-8"
    )


def test_vocabularies_match_the_gold_model() -> None:
    from bench.data.model import CATEGORIES, CLAIM_KINDS, EVENT_TYPES, VICTIMS

    defs = SCHEMA["$defs"]
    assert tuple(defs["event"]["properties"]["type"]["enum"]) == EVENT_TYPES
    assert tuple(defs["count"]["properties"]["category"]["enum"]) == CATEGORIES
    assert tuple(defs["count"]["then"]["properties"]["victims"]["enum"]) == VICTIMS
    assert tuple(defs["claim"]["properties"]["kind"]["enum"]) == CLAIM_KINDS


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_agreement_on_malformed_examples(case) -> None:
    for line in case[1]:
        if len(line) < 1_000_000:
            obj = parse_json(line)
            if not hasattr(obj, "message"):
                _agree(obj)


VALID = {
    "doc_id": "d1",
    "mentions": [{"start": 0, "end": 4, "type": "GROUP"}],
    "events": [
        {
            "type": "attack",
            "actors": ["ISIS", {"text": "Isis", "start": 0, "end": 4}],
            "locations": [{"text": "x"}],
            "counts": [
                {"category": "killed", "victims": "mixed", "value": {"low": 3, "high": None}, "source": None},
                {"category": "escaped", "value": "hundreds", "source": "officials"},
            ],
            "claims": [{"kind": "denial", "actor": "ISIS", "source": {"text": "ISIS"}}],
        }
    ],
}


def test_agreement_on_a_full_valid_document() -> None:
    _agree(VALID)
    assert VALIDATOR.is_valid(VALID)


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-5, 10**6)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)
offsets = st.one_of(st.integers(-2, 50), st.floats(-1, 50), json_values)
texts = st.one_of(
    st.text(max_size=6),
    st.fixed_dictionaries({"text": st.text(max_size=6)}, optional={"start": offsets, "end": offsets}),
    json_values,
)
values = st.one_of(
    st.integers(-3, 300),
    st.sampled_from(["hundreds", "at least 25", "many", "-4", ""]),
    st.fixed_dictionaries({}, optional={"low": st.none() | offsets, "high": st.none() | offsets}),
    texts,
    json_values,
)
counts = st.fixed_dictionaries(
    {},
    optional={
        "category": st.sampled_from(["killed", "escaped", "wounded", "inmates", "bogus"]) | json_values,
        "victims": st.sampled_from(["security", "mixed", "bogus"]) | st.none() | json_values,
        "value": values,
        "source": st.none() | texts,
        "extra": json_values,
    },
)
claims = st.fixed_dictionaries(
    {},
    optional={
        "kind": st.sampled_from(["responsibility", "accusation", "denial", "bogus"]) | json_values,
        "actor": texts,
        "source": st.none() | texts,
    },
)
events = st.fixed_dictionaries(
    {},
    optional={
        "type": st.sampled_from(["prison_break", "attack", "riot"]) | json_values,
        "actors": st.lists(texts, max_size=3) | json_values,
        "locations": st.lists(texts, max_size=3),
        "counts": st.lists(counts, max_size=3) | json_values,
        "claims": st.lists(claims, max_size=2),
        "actor": json_values,
    },
)
mentions = st.fixed_dictionaries(
    {},
    optional={
        "start": offsets,
        "end": offsets,
        "type": st.sampled_from(["PERSON", "GROUP", "LOCATION", "COUNT", "ORG"]),
    },
)
documents = st.fixed_dictionaries(
    {},
    optional={
        "doc_id": st.sampled_from(["d1", "d2", "d3", "dx", ""]) | json_values,
        "events": st.lists(events, max_size=3) | json_values,
        "mentions": st.lists(mentions, max_size=3) | json_values,
        "other": json_values,
    },
)


ints = st.integers(0, 60)
valid_texts = st.one_of(
    st.text(min_size=1, max_size=6),
    st.builds(lambda t: {"text": t}, st.text(min_size=1, max_size=6)),
    st.builds(lambda t, a, b: {"text": t, "start": a, "end": b}, st.text(min_size=1, max_size=6), ints, ints),
)
valid_values = st.one_of(
    ints,
    st.sampled_from(["hundreds", "at least 25", "many", "-4", "twelve"]),
    valid_texts,
    st.builds(lambda lo, hi: {"low": lo, "high": hi}, st.none() | ints, ints),
    st.builds(lambda lo: {"low": lo, "high": None}, ints),
)
valid_counts = st.sampled_from(["killed", "wounded", "escaped", "inmates"]).flatmap(
    lambda category: st.fixed_dictionaries(
        {"category": st.just(category), "value": valid_values},
        optional={
            "source": st.none() | valid_texts,
            "victims": st.sampled_from(["security", "mixed"]) if category in ("killed", "wounded") else st.none(),
        },
    ).filter(lambda c: c["category"] not in ("killed", "wounded") or "victims" in c)
)
valid_claims = st.fixed_dictionaries(
    {"kind": st.sampled_from(["responsibility", "accusation", "denial"]), "actor": valid_texts},
    optional={"source": st.none() | valid_texts},
)
valid_events = st.fixed_dictionaries(
    {"type": st.sampled_from(["prison_break", "attack"])},
    optional={
        "actors": st.lists(valid_texts, max_size=2),
        "locations": st.lists(valid_texts, max_size=2),
        "counts": st.lists(valid_counts, max_size=2),
        "claims": st.lists(valid_claims, max_size=2),
    },
)
valid_mentions = st.fixed_dictionaries(
    {"start": ints, "end": ints, "type": st.sampled_from(["PERSON", "GROUP", "LOCATION", "COUNT"])}
)
valid_documents = st.fixed_dictionaries(
    {"doc_id": st.sampled_from(["d1", "d2", "d3"]), "events": st.lists(valid_events, max_size=2)},
    optional={"mentions": st.lists(valid_mentions, max_size=2)},
)
near_misses = st.sampled_from(
    [-1, 1.5, 2.0, "", None, True, "bogus", [], {}, {"text": ""}, {"low": None, "high": None}]
)


def _paths(obj, path=()):
    yield path
    if isinstance(obj, dict):
        for key, value in obj.items():
            yield from _paths(value, path + (key,))
    elif isinstance(obj, list):
        for i, value in enumerate(obj):
            yield from _paths(value, path + (i,))


@st.composite
def mutated_documents(draw):
    """A valid document with 0 to 2 mutations: a value replaced, a key removed or one added."""
    obj = draw(valid_documents)
    for _ in range(draw(st.integers(0, 2))):
        paths = [p for p in _paths(obj) if p]
        if not paths:
            break
        *parent_path, last = draw(st.sampled_from(paths))
        parent = obj
        for step in parent_path:
            parent = parent[step]
        action = draw(st.sampled_from(["replace", "replace", "delete", "add"]))
        if action == "replace":
            parent[last] = copy.deepcopy(draw(near_misses | json_values))
        elif action == "delete" and isinstance(parent, dict):
            del parent[last]
        elif isinstance(parent, dict):
            parent[draw(st.sampled_from(["extra", "actor", "text", "low", "start", "victims"]))] = copy.deepcopy(
                draw(near_misses | json_values)
            )
    return obj


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_documents())
def test_schema_and_validator_agree_on_mutated_documents(obj) -> None:
    _agree(obj)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_schema_and_validator_agree_on_random_documents(obj) -> None:
    _agree(obj)


@settings(max_examples=300, deadline=None)
@given(json_values)
def test_random_json_never_crashes(obj) -> None:
    _agree(obj)
    check_object(obj, "some document text")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(documents | json_values | st.binary(max_size=40), max_size=5))
def test_random_lines_never_crash_the_file_validator(tiny_split, lines) -> None:
    docs, _ = tiny_split
    parsed = []
    for number, line in enumerate(lines, 1):
        if isinstance(line, bytes):
            try:
                parsed.append((number, parse_json(line.decode("utf-8"))))
            except UnicodeDecodeError:
                continue
        else:
            parsed.append((number, line))
    predictions, problems = validate_lines(parsed, docs, "random.jsonl")
    for problem in problems:
        text = str(problem)
        assert "\n" not in text and text.startswith("random.jsonl")
    if not problems:
        assert [p.doc_id for p in predictions] == ["d1", "d2", "d3"]
