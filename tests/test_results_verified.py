"""Every consumer of a results file recomputes its scores from ``per_document`` (issue 10, item 10).

Before: ``assert_scores`` trusted the stored ``scores`` while ``compare`` recomputed them, so a
hand-edited results file passed a gate that its statistics fail.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import run_bench

from bench.data.problems import ProblemsError
from bench.testing import assert_no_regression, assert_scores


@pytest.fixture
def results(tmp_path: Path, tiny_files) -> tuple[Path, dict]:
    split, kb = tiny_files
    out = tmp_path / "results.json"
    done = run_bench("eval", "-e", "empty", "--gold", split, "--kb", kb, "--bootstrap", "20", "--out", out)
    assert done.returncode == 0, done.stderr
    return out, json.loads(out.read_text())


def _write(path: Path, data: dict) -> Path:
    path.write_text(json.dumps(data))
    return path


def test_edited_scores_are_refused_by_assert_scores(results, tmp_path):
    path, data = results
    assert_scores(str(path), overall=0.0)  # the real file passes a trivial gate
    data["scores"]["overall"]["f1"] = 0.99
    with pytest.raises(ProblemsError, match=r"scores\.overall\.f1: stored 0\.99 differs from 0\.0"):
        assert_scores(str(_write(tmp_path / "edited.json", data)), overall=0.9)


@pytest.mark.parametrize(
    ("metric", "key", "value", "fragment"),
    [
        ("actor", "tp", -1, "impossible count -1"),
        ("actor", "fp", 1.5, "a count is a whole number"),
        ("count", "fn", "3", "impossible count '3'"),
        ("event_type", "correct", 5, "correct 5 is above total 0"),
    ],
)
def test_impossible_statistics_are_refused(results, tmp_path, metric, key, value, fragment):
    path, data = results
    data["per_document"]["d1"][metric][key] = value
    edited = _write(tmp_path / "bad.json", data)
    with pytest.raises(ProblemsError, match=fragment):
        assert_no_regression(str(path), str(edited))
    result = run_bench("compare", path, edited)
    assert result.returncode == 3 and fragment in result.stderr


def test_nan_in_a_results_file_is_refused(results, tmp_path):
    path, data = results
    text = json.dumps(data).replace('"tp": 0', '"tp": NaN', 1)
    edited = tmp_path / "nan.json"
    edited.write_text(text)
    result = run_bench("compare", path, edited)
    assert result.returncode == 3 and "NaN is not allowed" in result.stderr
