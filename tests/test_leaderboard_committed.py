"""The committed leaderboard (``leaderboard/``): its pages are what a build writes, the
baselines are on it, and the baselines' metadata files validate.

Until the first entries are submitted (``leaderboard/submit-baselines``) the first two
tests are skipped.
"""

from __future__ import annotations

import json

import pytest
from helpers import run_bench

from bench import paths
from bench.leaderboard.metadata import load_metadata

ROOT = paths.LEADERBOARD_DIR
BASELINES = {"rules": "Baseline: rules", "transformer": "Baseline: transformer (MiniLM-L6, LODO)"}


def _entries() -> dict[str, str]:
    folder = ROOT / "submissions"
    if not folder.is_dir() or not any(folder.iterdir()):
        pytest.skip("the leaderboard has no entries yet: run leaderboard/submit-baselines")
    return {
        json.loads((p / "metadata.json").read_text(encoding="utf-8"))["name"]: p.name
        for p in sorted(folder.iterdir())
        if p.is_dir() and not p.name.startswith(".")
    }


def test_committed_pages_are_current():
    _entries()
    result = run_bench("leaderboard", "build", "--check")
    assert result.returncode == 0, result.stderr + "\n(run 'bench leaderboard build' and commit the pages)"


def test_both_baselines_are_on_the_leaderboard():
    entries = _entries()
    assert set(BASELINES.values()) <= set(entries)


@pytest.mark.parametrize("baseline", sorted(BASELINES))
def test_baseline_metadata_validates(baseline):
    meta = load_metadata(ROOT / "meta" / f"{baseline}.yaml", BASELINES[baseline])
    assert meta.training_data.saw_test_articles in ("no", "yes", "unknown")
