"""The committed rules predictions are what the rules baseline writes now (``baselines/regenerate``)."""

from __future__ import annotations

import pytest
from helpers import run_bench

from bench import paths

COMMITTED = {"breakout/test": "rules.jsonl", "muc4/test": "rules.muc4-test.jsonl"}


@pytest.mark.parametrize("split", sorted(COMMITTED))
def test_committed_rules_predictions_are_fresh(split: str, tmp_path) -> None:
    committed = paths.ROOT / "baselines" / "predictions" / COMMITTED[split]
    out = tmp_path / "fresh.jsonl"
    result = run_bench("predict", "--extractor", "rules", "--split", split, "--out", out)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == committed.read_bytes(), f"{committed.name} is stale: run baselines/regenerate"
