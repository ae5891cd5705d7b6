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


GEMMA = paths.LEADERBOARD_DIR / "submissions" / "gemma-3-270m-zero-shot-llama-cpp-python"


@pytest.fixture
def llm(tmp_path) -> Path:
    """A copy of the committed generative entry, alone in a tmp ``submissions/``."""
    shutil.copytree(GEMMA, tmp_path / "submissions" / "llm")
    return tmp_path / "submissions" / "llm"


def _rewrite_raw(entry: Path, change) -> None:
    path = entry / "raw_outputs.jsonl"
    records = [json.loads(line) for line in path.read_text().splitlines()]
    for i, record in enumerate(records):
        change(i, record)
    path.write_text("".join(json.dumps(r) + "\n" for r in records))


def _edit_meta(entry: Path, **changes) -> None:
    meta = json.loads((entry / "metadata.json").read_text())
    meta.update(changes)
    (entry / "metadata.json").write_text(json.dumps({k: v for k, v in meta.items() if v is not ...}))


def test_the_generative_copy_passes(llm):
    assert check_entry(llm) == []


def test_generative_entry_without_raw_outputs_fails(llm):
    (llm / "raw_outputs.jsonl").unlink()
    assert any("must include its raw outputs" in line for line in check_entry(llm))


@pytest.mark.parametrize(
    ("drop", "said"),
    [
        (("request", "temperature"), "request.temperature"),
        (("request", "max_tokens"), "request.max_tokens"),
        (("request", "seed"), "request.seed"),
        (("settings", "decoding"), "settings.decoding"),
        (("prompt", "sha256"), "prompt.sha256"),
    ],
)
def test_raw_outputs_must_state_generation_settings(llm, drop, said):
    _rewrite_raw(llm, lambda i, r: r[drop[0]].pop(drop[1]) if i == 1 else None)
    assert any(f"does not state {said}" in line for line in check_entry(llm))


def test_a_seed_of_none_is_a_setting(llm):
    _rewrite_raw(llm, lambda i, r: r["request"].update(seed=None))
    assert check_entry(llm) == []


def test_raw_outputs_of_several_runs_fail(llm):
    _rewrite_raw(llm, lambda i, r: r["request"].update(temperature=0.7) if i == 0 else None)
    assert any("records differ in temperature" in line for line in check_entry(llm))


def test_declared_decoding_must_match_the_raw_outputs(llm):
    _edit_meta(llm, decoding="free")
    assert any("but the raw outputs were decoded 'schema-constrained'" in line for line in check_entry(llm))


def test_licence_is_required(llm):
    _edit_meta(llm, licence=...)
    assert any("licence" in line and "required" in line.lower() for line in check_entry(llm))


def test_duplicate_key_is_name_snapshot_prompt_and_decoding(llm):
    shutil.copytree(llm, llm.parent / "again")
    assert any("duplicate: again has the same name, model snapshot" in line for line in check_entry(llm))
    _rewrite_raw(llm.parent / "again", lambda i, r: r["prompt"].update(sha256="0" * 64))
    lines = check_entry(llm)
    assert any("name taken: again" in line and "another prompt hash;" in line for line in lines), lines
    assert not any("duplicate:" in line for line in lines)
