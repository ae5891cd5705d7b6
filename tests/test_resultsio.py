"""``bench.resultsio``: gold loading, results files, telling results from predictions."""

from __future__ import annotations

import json

import pytest
from leaderboard_helpers import records

from bench.data.problems import ProblemsError
from bench.resultsio import dump_json, load_gold, looks_like_results, read_results, results_of


def test_load_gold_checks_like_eval(tmp_path):
    gold = load_gold()
    assert gold.docs and gold.kb and len(gold.hash) == 12
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    with pytest.raises(ProblemsError, match="no documents"):
        load_gold(empty)


def test_read_results_requires_its_keys(tmp_path):
    path = tmp_path / "r.json"
    path.write_text(json.dumps({"signature": "x"}))
    with pytest.raises(ProblemsError) as info:
        read_results(path)
    assert {p.item for p in info.value.problems} == {"gold_hash", "harness_version", "scores", "per_document"}
    path.write_text("[1]")
    with pytest.raises(ProblemsError, match="not a results object"):
        read_results(path)


def test_sides_from_records_and_dicts():
    side = results_of(records("oracle"), bootstrap=0)
    again = results_of(side.results)
    assert again.signature == side.signature and again.stats.doc_ids == tuple(sorted(side.stats.doc_ids))


def test_looks_like_results(tmp_path):
    predictions = tmp_path / "p.jsonl"
    predictions.write_text(json.dumps(records("empty")[0]) + "\n")
    assert not looks_like_results(predictions) and not looks_like_results(tmp_path / "missing")
    results = tmp_path / "r.json"
    results.write_text(dump_json({"signature": "s"}))
    assert looks_like_results(results)


def test_dump_json_is_canonical():
    assert dump_json({"b": 1, "a": [1.5]}) == '{\n  "a": [\n    1.5\n  ],\n  "b": 1\n}\n'
    with pytest.raises(ValueError):
        dump_json({"x": float("nan")})
