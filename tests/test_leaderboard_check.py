"""``bench submit --check DIR`` on every committed entry, and on entries broken on purpose."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from helpers import run_bench
from leaderboard_helpers import make_board

from bench import paths
from bench.leaderboard.check import check_entry

COMMITTED = sorted(p for p in (paths.LEADERBOARD_DIR / "submissions").iterdir() if p.is_dir())


@pytest.mark.parametrize("entry", COMMITTED, ids=[p.name for p in COMMITTED])
def test_every_committed_entry_passes(entry):
    assert check_entry(entry) == []


def test_cli_check_passes_a_committed_entry():
    result = run_bench("submit", "--check", COMMITTED[0])
    assert result.returncode == 0 and "passes every check" in result.stdout


@pytest.fixture(scope="module")
def board(tmp_path_factory) -> Path:
    return make_board(tmp_path_factory.mktemp("check"), bootstrap=20)


def _copy(board: Path, tmp_path: Path) -> Path:
    shutil.copytree(board, tmp_path / "lb")
    return tmp_path / "lb" / "submissions"


def test_tampered_results_fail(board, tmp_path):
    entry = _copy(board, tmp_path) / "empty"
    results = json.loads((entry / "results.json").read_text())
    results["scores"]["overall"]["f1"] = 0.99
    (entry / "results.json").write_text(json.dumps(results))
    assert any("stored scores differ" in line for line in check_entry(entry))
    result = run_bench("submit", "--check", entry)
    assert result.returncode == 3 and "stored scores differ" in result.stderr and "Traceback" not in result.stderr


def test_duplicate_name_on_the_same_split_fails(board, tmp_path):
    submissions = _copy(board, tmp_path)
    shutil.copytree(submissions / "oracle", submissions / "oracle-again")
    assert any("duplicate: oracle-again" in line for line in check_entry(submissions / "oracle"))


def test_unknown_metadata_key_and_missing_predictions_fail(board, tmp_path):
    entry = _copy(board, tmp_path) / "oracle"
    meta = json.loads((entry / "metadata.json").read_text())
    (entry / "metadata.json").write_text(json.dumps({**meta, "licence_typo": "MIT"}))
    assert any("unknown key" in line for line in check_entry(entry))
    (entry / "metadata.json").write_text(json.dumps(meta))
    (entry / "predictions.jsonl").unlink()
    assert any("predictions.jsonl: missing" in line for line in check_entry(entry))


def test_bad_raw_outputs_fail(board, tmp_path):
    entry = _copy(board, tmp_path) / "oracle"
    (entry / "raw_outputs.jsonl").write_text('{"ok": 1}\nnot json\n')
    assert any("raw_outputs.jsonl:2: not JSON" in line for line in check_entry(entry))
