"""Quality gates: ``bench eval --fail-under FIELD=VALUE`` and the threshold helpers."""

from __future__ import annotations

import pytest
from helpers import run_bench
from leaderboard_helpers import write_predictions

from bench.gates import GateError, check_thresholds, dropped, parse_threshold, parse_thresholds


@pytest.fixture(scope="module")
def preds(tmp_path_factory):
    folder = tmp_path_factory.mktemp("gates")
    return {kind: write_predictions(folder, kind) for kind in ("oracle", "empty")}


def test_fail_under_exits_1_when_a_threshold_is_missed(preds):
    result = run_bench(
        "eval", "-p", preds["empty"], "--bootstrap", "0", "--fail-under", "overall=0.4", "--fail-under", "count=0.5"
    )
    assert result.returncode == 1
    assert "gate failed: overall F1 0.0000 is below the threshold 0.4000" in result.stderr
    assert "gate failed: count F1 0.0000 is below the threshold 0.5000" in result.stderr
    assert "headline" in result.stdout  # the scores are still printed


def test_fail_under_passes(preds):
    result = run_bench(
        "eval", "-p", preds["oracle"], "--bootstrap", "0", "--fail-under", "overall=0.4", "--fail-under", "count=1"
    )
    assert result.returncode == 0, result.stderr


def test_fail_under_with_json_output(preds, tmp_path):
    out = tmp_path / "r.json"
    result = run_bench(
        "eval", "-p", preds["empty"], "--json", "--out", out, "--bootstrap", "0", "--fail-under", "span=0.1"
    )
    assert result.returncode == 1 and out.exists() and result.stdout.startswith("{")


@pytest.mark.parametrize(
    "gate", ["overall", "overall=", "=0.4", "nope=0.4", "overall=x", "overall=1.5", "overall=-0.1"]
)
def test_malformed_gates_are_usage_errors(preds, gate):
    from typer.testing import CliRunner

    from bench.cli import app

    result = CliRunner().invoke(app, ["eval", "-p", str(preds["oracle"]), "--bootstrap", "0", "--fail-under", gate])
    assert result.exit_code == 2 and "--fail-under" in result.output


def test_parsing():
    assert parse_threshold(" count = 0.5") == ("count", 0.5)
    assert parse_thresholds(["overall=0.1", "overall=0.3", "span.PERSON=0.2"]) == [
        ("overall", 0.3),
        ("span.PERSON", 0.2),
    ]
    with pytest.raises(GateError, match="known"):
        parse_threshold("headline=0.4")


def test_checks():
    scores = {"overall": {"f1": 0.4}, "count": {"f1": 0.5 - 1e-12}}
    assert check_thresholds(scores, [("overall", 0.4), ("count", 0.5)]) == []  # float noise never fails
    assert check_thresholds(scores, [("span", 0.1)]) == ["span: no such score in the results"]
    assert dropped(-0.02, 0.01) and not dropped(-0.01, 0.01) and not dropped(0.5, 0.0) and dropped(-1e-6, 0.0)
