"""``bench compare``: deltas, paired-bootstrap p-values, the --max-drop gate, signature checks."""

from __future__ import annotations

import json

import pytest
from helpers import run_bench
from leaderboard_helpers import records, write_predictions

from bench.comparison import GATED, SignatureMismatch, compare
from bench.resultsio import looks_like_results


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("compare")
    out = {kind: write_predictions(folder, kind) for kind in ("oracle", "empty", "partial")}
    for kind in ("oracle", "empty"):
        result = run_bench("eval", "-p", out[kind], "--out", folder / f"{kind}.json", "--bootstrap", "200")
        assert result.returncode == 0, result.stderr
        out[f"{kind}.json"] = folder / f"{kind}.json"
    return out


def test_oracle_against_empty_exits_1(files):
    result = run_bench("compare", files["oracle"], files["empty"])
    assert result.returncode == 1, result.stderr
    for field in (f for f in GATED if f != "claim"):  # breakout/test has no claim field
        line = next(line for line in result.stdout.splitlines() if line.startswith(f"{field} "))
        assert "-1.000" in line and "REGRESSION" in line
    assert "6 field(s) regressed" in result.stdout


def test_a_system_against_itself_exits_0(files):
    for path in (files["partial"], files["oracle.json"]):
        result = run_bench("compare", path, path)
        assert result.returncode == 0, result.stderr
        assert "no regression" in result.stdout and "+0.000" in result.stdout


def test_improvement_exits_0(files):
    assert run_bench("compare", files["empty"], files["oracle"]).returncode == 0


def test_max_drop_tolerates_smaller_drops(files):
    assert run_bench("compare", files["oracle"], files["partial"], "--max-drop", "0.9").returncode == 0
    assert run_bench("compare", files["oracle"], files["partial"], "--max-drop", "0.1").returncode == 1


def test_fields_restrict_the_gate(files):
    result = run_bench("compare", files["oracle"], files["empty"], "--field", "count", "--json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert list(data["fields"]) == ["count"] and data["regressions"] == ["count"]
    assert 0 < data["fields"]["count"]["p_value"] <= 1
    assert run_bench("compare", files["oracle"], files["empty"], "--field", "nope").returncode == 2


def test_results_and_predictions_mix(files):
    # the predictions side is scored with the results side's bootstrap settings, so they compare
    result = run_bench("compare", files["oracle.json"], files["empty"])
    assert result.returncode == 1, result.stderr
    assert "boot=200:0" in result.stdout
    assert run_bench("compare", files["oracle.json"], files["oracle"]).returncode == 0


def test_different_signatures_are_refused(files, tmp_path):
    other = tmp_path / "oracle-1000.json"
    assert run_bench("eval", "-p", files["oracle"], "--out", other, "--bootstrap", "1000").returncode == 0
    result = run_bench("compare", files["oracle.json"], other)
    assert result.returncode == 3
    assert "not comparable" in result.stderr and "bootstrap resamples:seed differs: 200:0 vs 1000:0" in result.stderr
    data = json.loads(other.read_text())
    data["signature"] = data["signature"].replace(data["gold_hash"], "0" * 12)
    other.write_text(json.dumps(data))
    result = run_bench("compare", other, files["oracle"])
    assert result.returncode == 3 and "gold data (sha256) differs" in result.stderr


def test_bad_inputs_exit_3(files, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"doc_id": "nope", "events": []}\n')
    result = run_bench("compare", files["oracle"], bad)
    assert result.returncode == 3 and "unknown document" in result.stderr
    assert run_bench("compare", files["oracle"], tmp_path / "missing.jsonl").returncode == 3
    broken = tmp_path / "broken.json"
    broken.write_text("{\n")
    assert run_bench("compare", broken, files["oracle"]).returncode == 3


def test_python_api_accepts_records_and_results(files):
    result = compare(records("oracle"), json.loads(files["oracle.json"].read_text()))
    assert not result.regressions and result.signature.endswith("boot=200:0")
    with pytest.raises(SignatureMismatch):
        compare(json.loads(files["oracle.json"].read_text()), records("oracle"), bootstrap=100)


def test_results_files_are_told_from_predictions(files, tmp_path):
    assert looks_like_results(files["oracle.json"]) and not looks_like_results(files["oracle"])
    compact = tmp_path / "compact.json"
    compact.write_text(json.dumps(json.loads(files["oracle.json"].read_text())))
    assert looks_like_results(compact)


def test_the_floor_of_p_values_and_the_distinct_resamples_are_shown(files):
    """Issue 9 item 9: the smallest p-value is 1/(resamples + 1) for any consistent difference,
    and the built-in split's five documents allow only C(9, 5) = 126 distinct resamples."""
    import math

    from bench.resultsio import load_gold

    n = len(load_gold().docs)
    result = run_bench("compare", files["oracle"], files["empty"], "--json", "--bootstrap", "200")
    paired = json.loads(result.stdout)["paired_bootstrap"]
    assert paired["min_p_value"] == pytest.approx(1 / 201)
    assert paired["documents"] == n and paired["distinct_resamples"] == math.comb(2 * n - 1, n)
    text = run_bench("compare", files["oracle"], files["empty"], "--bootstrap", "200").stdout
    assert "smallest possible p-value 0.0050" in text
