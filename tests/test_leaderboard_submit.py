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
    assert not [p for p in (root / "submissions").iterdir() if p.name.startswith(".staging")]


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
        for path in (root / "submissions").iterdir() if (root / "submissions").is_dir() else []:
            if (
                path.name.startswith(".staging-")
                and len([p for p in path.iterdir() if not p.name.startswith(".")]) >= files
            ):
                return path
        time.sleep(0.02)
    raise AssertionError("the submission never reached the expected point")


def _visible(root: Path) -> dict:
    """The leaderboard as readers see it: without hidden staging folders and the lock file."""
    return {k: v for k, v in snapshot(root).items() if ".staging-" not in k and k != ".lock"}


@pytest.mark.parametrize("files", [1, 3])  # staged: the predictions only; every file
@pytest.mark.parametrize("replace", [False, True])
def test_submit_killed_half_way_leaves_the_leaderboard_as_it_was(work, files, replace):
    root, oracle, empty, meta = work
    gold = load_gold()
    store(oracle, load_metadata(meta, "Existing"), root, gold, bootstrap=10)  # in-process: faster set-up
    build(root, gold, bootstrap=10)
    before = _visible(root)
    outside = sorted(p.name for p in root.parent.iterdir())
    process = _start(root, empty, meta, "Existing" if replace else "Newcomer", *(["--replace"] if replace else []))
    staged = _wait_for_staged(root, files, process)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    assert _visible(root) == before
    assert sorted(p.name for p in root.parent.iterdir()) == outside  # nothing staged outside the root
    assert staged.exists() and staged.parent == root / "submissions"  # hidden debris, no reader takes it for an entry
    assert submit(root, oracle, "Later", meta).returncode == 0
    assert not staged.exists()  # ... and the next submit clears it


def test_two_submits_of_one_name_at_once_add_it_once(work):
    """Issue 10, item 4: without the lock both printed "added" and the first entry was lost."""
    root, oracle, empty, meta = work
    first = _start(root, oracle, meta, "Same")  # pauses after each staged file, holding the lock
    _wait_for_staged(root, 1, first)
    second = _start(root, empty, meta, "Same")  # checks for duplicates while the first is half-way
    outputs = [p.communicate(timeout=120) for p in (first, second)]
    codes = [first.returncode, second.returncode]
    assert codes == [0, 3], outputs
    assert b"already has 'Same'" in outputs[1][1]
    entry = root / "submissions" / "same"
    assert (entry / "predictions.jsonl").read_bytes() == oracle.read_bytes()
    assert json.loads((entry / "results.json").read_text())["scores"]["overall"]["f1"] == 1.0


def test_replace_leaves_no_staging_debris(work):
    root, oracle, empty, meta = work
    assert submit(root, oracle, "System", meta).returncode == 0
    outside = sorted(p.name for p in root.parent.iterdir())
    assert submit(root, empty, "System", meta, "--replace").returncode == 0
    assert sorted(p.name for p in (root / "submissions").iterdir()) == ["system"]
    assert sorted(p.name for p in root.parent.iterdir()) == outside


def test_non_regular_predictions_are_refused_before_anything_is_read(work, tmp_path):
    """Issue 10, item 13: /dev/zero was read into memory before validation."""
    root, _, _, meta = work
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for path in (Path("/dev/zero"), fifo, tmp_path):
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "bench",
                "submit",
                str(path),
                "--name",
                "Z",
                "--meta",
                str(meta),
                "--root",
                str(root),
            ],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 3, result.stderr
        assert f"{path}: -: file: not a regular file" in result.stderr
    assert not (root / "submissions").exists() or not list((root / "submissions").iterdir())


def test_invalid_predictions_are_refused_before_the_leaderboard_is_touched(work, tmp_path):
    root, _, _, meta = work
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"doc_id": "x", "events": []}\n')
    assert submit(root, bad, "Bad", meta).returncode == 3
    assert not root.exists()  # not even the root or its lock file was created


def test_submit_checks_and_installs_under_the_leaderboard_lock(work):
    """Forced interleaving: while another writer holds the lock, a submit neither checks nor installs."""
    from bench.leaderboard.fsops import exclusive

    root, oracle, _, meta = work
    root.mkdir()
    with exclusive(root):
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "bench",
                "submit",
                str(oracle),
                "--name",
                "Waiting",
                "--meta",
                str(meta),
                "--root",
                str(root),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        time.sleep(3)  # long enough to validate and score five documents
        assert process.poll() is None  # blocked on the lock ...
        assert not (root / "submissions" / "waiting").exists()  # ... before installing anything
    _out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert (root / "submissions" / "waiting" / "results.json").is_file()


def test_generative_entries_need_raw_outputs_with_their_settings(work, tmp_path):
    from leaderboard_helpers import write_raw

    from bench.leaderboard.check import check_entry

    root, oracle, _, _ = work
    meta = write_meta(
        tmp_path, "llm", system_type="llm-zero-shot", decoding="json-mode", prompt_tuned_on_test=False, runs=1
    )
    assert submit(root, oracle, "Good", write_meta(tmp_path)).returncode == 0
    before = snapshot(root)
    result = submit(root, oracle, "LLM", meta)
    assert (
        result.returncode == 3 and "give its raw outputs (--raw" in result.stderr and "Traceback" not in result.stderr
    )
    result = submit(root, oracle, "LLM", meta, "--raw", write_raw(tmp_path, "free"))
    assert result.returncode == 3 and "'json-mode' declared, but the raw outputs were decoded 'free'" in result.stderr
    assert snapshot(root) == before  # nothing written
    result = submit(root, oracle, "LLM", meta, "--raw", write_raw(tmp_path, "json_object"))
    assert result.returncode == 0, result.stderr
    assert check_entry(root / "submissions" / "llm") == []


def test_one_raw_file_per_declared_run(work, tmp_path):
    from leaderboard_helpers import write_raw

    from bench.leaderboard.check import check_entry

    root, oracle, _, _ = work
    meta = write_meta(
        tmp_path, "llm2", system_type="llm-zero-shot", decoding="json-mode", prompt_tuned_on_test=False, runs=2
    )
    one, two = write_raw(tmp_path, "json_object", "run1"), write_raw(tmp_path, "json_object", "run2")
    before = snapshot(root)
    result = submit(root, oracle, "LLM", meta, "--raw", one)
    assert result.returncode == 3 and "runs: 2 declared, but 1 raw-output file(s) given" in result.stderr
    assert snapshot(root) == before  # nothing written
    result = submit(root, oracle, "LLM", meta, "--raw", one, "--raw", two)
    assert result.returncode == 0, result.stderr
    entry = root / "submissions" / "llm"
    assert (entry / "raw_outputs.jsonl").read_bytes() == one.read_bytes()
    assert (entry / "raw_outputs.run2.jsonl").read_bytes() == two.read_bytes()
    assert check_entry(entry) == []
    (entry / "raw_outputs.run2.jsonl").unlink()
    assert any("runs: 2 declared, but 1 raw-output file(s)" in line for line in check_entry(entry))
