"""The committed generative leaderboard entry: its raw outputs replay to its predictions, byte for byte."""

from __future__ import annotations

import json

import pytest
from helpers import run_bench

from bench import paths
from bench.leaderboard.submit import PREDICTIONS_FILE, RAW_FILE, entry_dirs


def _generative_entries():
    return [entry for entry in entry_dirs(paths.LEADERBOARD_DIR) if (entry / RAW_FILE).is_file()]


def test_there_is_a_generative_entry_with_raw_outputs() -> None:
    assert _generative_entries(), "the leaderboard has no entry with raw outputs"


@pytest.mark.parametrize("entry", _generative_entries(), ids=lambda p: p.name)
def test_committed_raw_outputs_recreate_the_predictions(entry, tmp_path) -> None:
    out = tmp_path / "replayed.jsonl"
    result = run_bench("predict", "--extractor", "openai", "--option", f"replay={entry / RAW_FILE}", "--out", out)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == (entry / PREDICTIONS_FILE).read_bytes()
    first = json.loads((entry / RAW_FILE).read_text(encoding="utf-8").splitlines()[0])
    assert first["prompt"]["sha256"] and first["request"]["model"]
