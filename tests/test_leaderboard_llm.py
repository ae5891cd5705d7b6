"""bench.leaderboard.llm: validity, cost and runs of a generative entry, from its raw outputs."""

from __future__ import annotations

import json
import shutil

import pytest
from drill_helpers import make_drill_board, raw_records

from bench.leaderboard.llm import generative, per_document, run_files
from bench.resultsio import load_gold


@pytest.fixture(scope="module")
def root(tmp_path_factory):
    return make_drill_board(tmp_path_factory.mktemp("llm"))


def test_not_generative_without_raw_outputs(root):
    assert generative(root / "submissions" / "careful", load_gold()) is None


def test_validity_is_recomputed_from_the_raw_outputs(root):
    gold = load_gold()
    found = generative(root / "submissions" / "chatty-llm", gold)
    assert found is not None and found.problem is None and found.validity is not None
    n = len(gold.docs)
    v = found.validity
    assert (v["documents"], v["ok"], v["parse_errors"], v["schema_errors"]) == (n, n - 1, 1, 0)
    assert per_document(v, "prompt_tokens") == 100 and per_document(v, "completion_tokens") == 10
    assert v["seconds_per_document"] == 2.0
    assert set(found.raw) == {d.doc_id for d in gold.docs}


def test_runs_and_their_range(root):
    found = generative(root / "submissions" / "chatty-llm", load_gold())
    assert found is not None and found.runs == 2
    assert 0 < found.headlines[0] < 1 and found.headlines[1] == 0.0  # run 2: every completion fails
    assert found.run_range == (0.0, found.headlines[0])


def test_given_headline_is_run_one(root):
    found = generative(root / "submissions" / "chatty-llm", load_gold(), headline=0.5)
    assert found is not None and found.headlines[0] == 0.5


def test_run_files_order_and_names(tmp_path):
    for name in ("raw_outputs.jsonl", "raw_outputs.run10.jsonl", "raw_outputs.run2.jsonl", "raw_outputs.run1.jsonl"):
        (tmp_path / name).write_text("", encoding="utf-8")
    assert [p.name for p in run_files(tmp_path)] == [
        "raw_outputs.jsonl",
        "raw_outputs.run2.jsonl",
        "raw_outputs.run10.jsonl",
    ]
    (tmp_path / "raw_outputs.jsonl").unlink()
    assert run_files(tmp_path) == []


def test_raw_outputs_of_another_text_give_a_reason(root, tmp_path):
    entry = tmp_path / "entry"
    shutil.copytree(root / "submissions" / "chatty-llm", entry)
    rows = raw_records()
    rows[0]["doc_sha256"] = "0" * 64
    (entry / "raw_outputs.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    found = generative(entry, load_gold())
    assert found is not None and found.validity is None
    assert found.problem is not None and "raw_outputs.jsonl: cannot be replayed" in found.problem
