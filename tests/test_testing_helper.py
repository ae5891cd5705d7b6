"""``bench.testing``: the pytest helpers, and the README's CI example run as a user would."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import run_bench
from leaderboard_helpers import records, write_predictions

from bench import paths
from bench.comparison import SignatureMismatch
from bench.testing import assert_no_regression, assert_scores


def test_no_regression_passes_and_returns_the_comparison(tmp_path):
    oracle = write_predictions(tmp_path, "oracle")
    result = assert_no_regression(oracle, records("oracle"), bootstrap=100)
    assert [row.field for row in result.rows] == ["overall", "actor", "location", "count", "attribution", "span"]
    assert all(row.delta == 0 for row in result.rows)


def test_regression_fails_with_the_table(tmp_path):
    with pytest.raises(AssertionError, match=r"(?s)BREAKOUT regression.*count .*REGRESSION"):
        assert_no_regression(records("oracle"), records("partial"), bootstrap=100, fields=("count",))
    assert_no_regression(records("oracle"), records("partial"), bootstrap=100, max_drop=1.0)


def test_signatures_must_match(tmp_path):
    out = tmp_path / "r.json"
    assert (
        run_bench("eval", "-p", write_predictions(tmp_path, "oracle"), "--out", out, "--bootstrap", "100").returncode
        == 0
    )
    with pytest.raises(SignatureMismatch):
        assert_no_regression(out, records("oracle"), bootstrap=200)


def test_assert_scores():
    scores = assert_scores(records("oracle"), overall=0.9, count=1.0, bootstrap=0)
    assert scores["overall"]["f1"] == 1.0
    with pytest.raises(AssertionError, match=r"overall F1 0\.0000 is below the threshold 0\.4000"):
        assert_scores(records("empty"), overall=0.4, bootstrap=0)
    with pytest.raises(ValueError, match="unknown score"):
        assert_scores(records("oracle"), headline=0.4)
    with pytest.raises(ValueError, match="at least one"):
        assert_scores(records("oracle"))


def _readme_block(language: str, after: str) -> str:
    readme = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split(after, 1)[1].split("\n## ", 1)[0]
    return re.findall(rf"```{language}\n(.*?)```", section, re.S)[0]


@pytest.fixture
def user_project(tmp_path) -> Path:
    """A user's checkout: their predictions (oracle), their main branch's (partial)."""
    shutil.copy(write_predictions(tmp_path, "oracle"), tmp_path / "preds.jsonl")
    shutil.copy(write_predictions(tmp_path, "partial"), tmp_path / "main.jsonl")
    return tmp_path


def _bash(script: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    return subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=cwd, capture_output=True, text=True, env=env)


def test_readme_shell_example(user_project):
    script = _readme_block("bash", "## Gate your CI on BREAKOUT")
    run = _bash(script, user_project)
    assert run.returncode == 0, run.stdout + run.stderr
    shutil.copy(write_predictions(user_project, "empty"), user_project / "preds.jsonl")  # a change that breaks things
    for line in script.splitlines()[1:]:
        run = _bash(line, user_project)
        assert run.returncode == 1, line
    assert "REGRESSION" in run.stdout


def test_readme_pytest_example(user_project):
    assert run_bench("eval", "--predictions", "main.jsonl", "--out", "baseline.json", cwd=user_project).returncode == 0
    code = _readme_block("python", "## Gate your CI on BREAKOUT")
    (user_project / "test_breakout.py").write_text(code, encoding="utf-8")
    args = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_breakout.py"]
    passed = subprocess.run(args, cwd=user_project, capture_output=True, text=True)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "2 passed" in passed.stdout
    shutil.copy(write_predictions(user_project, "empty"), user_project / "preds.jsonl")
    failed = subprocess.run(args, cwd=user_project, capture_output=True, text=True)
    assert failed.returncode == 1 and "2 failed" in failed.stdout
    assert "BREAKOUT regression" in failed.stdout and "below the threshold" in failed.stdout
