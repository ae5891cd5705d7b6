"""``bench submit``: validated, scored, stored atomically; duplicates refused; kills leave no trace."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import run_bench
from leaderboard_helpers import HOSTILE, snapshot, write_meta, write_predictions

from bench.leaderboard.build import build
from bench.leaderboard.metadata import load_metadata
from bench.leaderboard.submit import PAUSE_ENV, slugify
from bench.leaderboard.submit import submit as store
from bench.resultsio import load_gold


@pytest.fixture
def work(tmp_path):
    root = tmp_path / "lb"
    return root, write_predictions(tmp_path, "oracle"), write_predictions(tmp_path, "empty"), write_meta(tmp_path)


def submit(root: Path, predictions: Path, name: str, meta: Path, *extra: str):
    return run_bench("submit", predictions, "--name", name, "--meta", meta, "--root", root, *extra)


def test_submit_writes_the_three_files(work):
    root, oracle, _, meta = work
    result = submit(root, oracle, "Oracle system", meta)
    assert result.returncode == 0, result.stderr
    entry = root / "submissions" / "oracle-system"
    assert sorted(p.name for p in entry.iterdir()) == ["metadata.json", "predictions.jsonl", "results.json"]
    assert (entry / "predictions.jsonl").read_bytes() == oracle.read_bytes()
    stored = json.loads((entry / "metadata.json").read_text())
    assert stored["name"] == "Oracle system" and stored["training_data"]["saw_test_articles"] == "no"
    results = json.loads((entry / "results.json").read_text())
    assert results["scores"]["overall"]["f1"] == 1.0
    assert results["gold_hash"] in results["signature"] and results["harness_version"]
    assert not [p for p in root.parent.iterdir() if "staging" in p.name]


def test_duplicate_names_are_refused_unless_replace(work):
    root, oracle, empty, meta = work
    assert submit(root, oracle, "System", meta).returncode == 0
    before = snapshot(root)
    for name in ("System", "system", "SYSTEM"):
        result = submit(root, empty, name, meta)
        assert result.returncode == 3
        assert "already has 'System'" in result.stderr and "--replace" in result.stderr
    assert snapshot(root) == before
    result = submit(root, empty, "System", meta, "--replace")
    assert result.returncode == 0, result.stderr
    assert "replaced" in result.stdout
    results = json.loads((root / "submissions" / "system" / "results.json").read_text())
    assert results["scores"]["overall"]["f1"] == 0.0


def test_invalid_predictions_exit_3_and_write_nothing(work, tmp_path):
    root, oracle, _, meta = work
    assert submit(root, oracle, "Good", meta).returncode == 0
    before = snapshot(root)
    lines = oracle.read_text().splitlines()
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join(lines[1:] + ['{"doc_id": "nope", "events": []}']) + "\n")
    result = submit(root, bad, "Bad", meta)
    assert result.returncode == 3
    assert (
        "unknown document" in result.stderr and "missing" in result.stderr and "nothing was submitted" in result.stderr
    )
    assert snapshot(root) == before
    assert not [p for p in tmp_path.iterdir() if "staging" in p.name]


def test_invalid_metadata_and_missing_file_exit_3(work, tmp_path):
    root, oracle, _, _ = work
    meta = write_meta(tmp_path, "bad", colour="blue")
    result = submit(root, oracle, "X", meta)
    assert result.returncode == 3 and "colour: unknown key" in result.stderr
    result = submit(root, tmp_path / "missing.jsonl", "X", write_meta(tmp_path))
    assert result.returncode == 3 and "cannot read" in result.stderr
    assert not root.exists() or snapshot(root / "submissions") == {}


def test_missing_options_are_usage_errors(work):
    root, oracle, _, _ = work
    assert run_bench("submit", oracle, "--name", "X", "--root", root).returncode == 2


def test_slugs():
    assert slugify(HOSTILE) == "img-src-x-onerror-alert-1"
    assert slugify("Ünïcode  System!") == "unicode-system"
    assert slugify("!!!").startswith("system-") and slugify("!!!") != slugify("???")
    assert len(slugify("x" * 200)) <= 60


def _start(root: Path, predictions: Path, meta: Path, name: str, *extra: str) -> subprocess.Popen:
    env = {**os.environ, PAUSE_ENV: "1.5"}  # sleep after each staged file: time to kill it there
    args = [
        sys.executable,
        "-m",
        "bench",
        "submit",
        str(predictions),
        "--name",
        name,
        "--meta",
        str(meta),
        "--root",
        str(root),
        *extra,
    ]
    return subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _wait_for_staged(root: Path, files: int, process: subprocess.Popen) -> Path:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        for path in root.parent.iterdir():
            if (
                path.name.startswith(f".{root.name}-staging-")
                and len([p for p in path.iterdir() if not p.name.startswith(".")]) >= files
            ):
                return path
        time.sleep(0.02)
    raise AssertionError("the submission never reached the expected point")


@pytest.mark.parametrize("files", [1, 3])  # staged: the predictions only; every file
@pytest.mark.parametrize("replace", [False, True])
def test_submit_killed_half_way_leaves_the_leaderboard_as_it_was(work, files, replace):
    root, oracle, empty, meta = work
    gold = load_gold()
    store(oracle, load_metadata(meta, "Existing"), root, gold, bootstrap=10)  # in-process: faster set-up
    build(root, gold, bootstrap=10)
    before = snapshot(root)
    process = _start(root, empty, meta, "Existing" if replace else "Newcomer", *(["--replace"] if replace else []))
    staged = _wait_for_staged(root, files, process)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    assert snapshot(root) == before
    assert staged.exists()  # the debris lies outside the leaderboard folder ...
    assert submit(root, oracle, "Later", meta).returncode == 0
    assert not staged.exists()  # ... and the next submit clears it
