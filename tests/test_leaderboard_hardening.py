"""Leaderboard hardening (issue 10, items 6-9, 11, 16, 17): each test reproduces one attack.

``board`` is a leaderboard of two entries (oracle, empty) on the built-in gold.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import shutil
from pathlib import Path

import pytest
from helpers import run_bench
from leaderboard_helpers import snapshot, write_meta, write_predictions
from typer.testing import CliRunner

from bench.cli import app
from bench.data.problems import ProblemsError
from bench.leaderboard import build as build_module
from bench.leaderboard.build import MANIFEST, build, pages_complete
from bench.leaderboard.metadata import load_metadata, name_key, parse_metadata
from bench.leaderboard.submit import submit
from bench.resultsio import load_gold

BOOT = 20
META = {
    "authors": ["A"],
    "description": "d",
    "model_size": "0",
    "system_type": "rules",
    "decoding": "n/a",
    "open_weights": True,
    "licence": "MIT",
    "training_data": {"saw_test_articles": "no"},
    "date": "2024-05-01",
}


@pytest.fixture(scope="module")
def board_template(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hard")
    gold, meta = load_gold(), write_meta(folder)
    for kind, name in (("oracle", "Oracle"), ("empty", "Empty")):
        submit(write_predictions(folder, kind), load_metadata(meta, name), folder / "lb", gold, bootstrap=BOOT)
    return folder / "lb"


@pytest.fixture
def board(board_template, tmp_path) -> Path:
    root = tmp_path / "lb"
    shutil.copytree(board_template, root)
    return root


def _cli(*args: str):
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


# item 6: a build that fails half-way leaves no trusted page set
def test_a_build_failing_half_way_is_never_a_complete_page_set(board, monkeypatch):
    gold = load_gold()
    build(board, gold, bootstrap=BOOT)
    assert pages_complete(board)
    (board / "submissions" / "empty" / "predictions.jsonl").write_text("")  # the next build's pages differ
    real = build_module.atomic_write_bytes
    calls = []

    def fail_second(path, data):
        calls.append(path)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        real(path, data)

    monkeypatch.setattr(build_module, "atomic_write_bytes", fail_second)
    with pytest.raises(OSError):
        build(board, gold, bootstrap=BOOT)
    assert not (board / MANIFEST).exists() and not pages_complete(board)  # README.md new, index.html old
    assert calls[0] == board / "README.md"  # the failure came after a new README.md was in place


def test_check_refuses_pages_without_their_manifest(board):
    assert run_bench("leaderboard", "build", "--root", board).returncode == 0
    assert run_bench("leaderboard", "build", "--root", board, "--check").returncode == 0
    (board / MANIFEST).unlink()
    result = run_bench("leaderboard", "build", "--root", board, "--check")
    assert result.returncode == 1 and "stale or incomplete" in result.stderr


# item 7: a mistyped --root is an error, not a new empty leaderboard
def test_root_without_submissions_is_an_error_unless_init(tmp_path):
    typo = tmp_path / "leaderbaord"
    result = run_bench("leaderboard", "build", "--root", typo)
    assert result.returncode == 3
    assert (
        result.stderr.strip()
        == f"{typo}: -: file: not a leaderboard (no submissions/ folder); give --init to create one"
    )
    assert not typo.exists()
    result = run_bench("leaderboard", "build", "--root", typo, "--init")
    assert result.returncode == 0, result.stderr
    assert (typo / "submissions").is_dir() and (typo / "README.md").is_file()


# item 8: symbolic links are never entries; --out never inside submissions/
def test_symlinked_entries_are_not_followed(board, tmp_path):
    outside = tmp_path / "elsewhere"
    shutil.copytree(board / "submissions" / "oracle", outside)
    (board / "submissions" / "linked").symlink_to(outside, target_is_directory=True)
    (board / "submissions" / "empty" / "predictions.jsonl").unlink()
    (board / "submissions" / "empty" / "predictions.jsonl").symlink_to(outside / "predictions.jsonl")
    result = run_bench("leaderboard", "build", "--root", board)
    assert result.returncode == 0, result.stderr
    readme = (board / "README.md").read_text()
    assert "| `submissions/linked` | a symbolic link: entries are real folders inside the root |" in readme
    assert "| `submissions/empty` | predictions.jsonl is missing or not a real file |" in readme
    assert "1 ranked entries, 2 broken" in result.stdout


def test_out_inside_submissions_is_refused(board):
    for out in (board / "submissions", board / "submissions" / "oracle"):
        before = snapshot(board)
        result = run_bench("leaderboard", "build", "--root", board, "--out", out)
        assert result.returncode == 2 and "inside" in result.stderr
        assert snapshot(board) == before


# item 9: pages do not depend on the working directory
def test_pages_are_byte_identical_from_any_working_directory(board, tmp_path):
    (board / "submissions" / "oracle" / "predictions.jsonl").write_text('{"doc_id": "x", "events": []}\n')
    pages = []
    for cwd, root in ((board.parent, "lb"), (tmp_path.parent, board), (board / "submissions", "..")):
        result = run_bench("leaderboard", "build", "--root", root, cwd=cwd)
        assert result.returncode == 0, result.stderr
        pages.append({name: (board / name).read_bytes() for name in ("README.md", "index.html", "scores.svg")})
    assert pages[0] == pages[1] == pages[2]
    assert str(tmp_path) not in pages[0]["README.md"].decode()  # unranked reason: a path relative to the root


# item 11: environment errors are exit 2 with the path, not exit 4
@pytest.mark.parametrize(
    ("code", "words"),
    [
        (errno.ENOSPC, "No space left on device"),
        (errno.EROFS, "Read-only file system"),
        (errno.EXDEV, "Invalid cross-device link"),
    ],
)
def test_environment_errors_are_exit_2(board, tmp_path, monkeypatch, code, words):
    from bench.leaderboard import submit as submit_module

    def refuse(*args, **kwargs):
        raise OSError(code, os.strerror(code), str(board / "submissions" / "x"))

    monkeypatch.setattr(submit_module, "fsync_tree", refuse)
    predictions, meta = write_predictions(tmp_path, "oracle"), write_meta(tmp_path)
    result = _cli("submit", predictions, "--name", "New", "--meta", meta, "--root", board)
    assert result.exit_code == 2, result.output
    assert result.stderr.strip() == f"bench submit: cannot write {board / 'submissions' / 'x'}: {words}"
    monkeypatch.setattr(build_module, "atomic_write_bytes", refuse)
    result = _cli("leaderboard", "build", "--root", board)
    assert result.exit_code == 2 and result.stderr.startswith("bench leaderboard build: cannot write ")


# item 16: deep nesting in every reader is a clean exit 3
def test_deeply_nested_results_and_metadata_are_invalid_input(board, tmp_path):
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 200_000 + "]" * 200_000)
    result = run_bench("compare", deep, deep)
    assert result.returncode == 3 and "Traceback" not in result.stderr
    assert (
        result.stderr.strip().splitlines()[0] == f"{deep}:1: -: line: invalid JSON: nested too deeply"
    )  # as predictions
    deep.write_text("{\n" + '"x": ' + "[" * 200_000 + "]" * 200_000 + "}")  # a results file: first line "{"
    result = run_bench("compare", deep, deep)
    assert result.returncode == 3
    assert result.stderr.strip() == f"{deep}: -: file: invalid JSON: nested too deeply"
    yaml_file = tmp_path / "deep.yaml"
    yaml_file.write_text("[" * 100_000 + "]" * 100_000)
    result = run_bench(
        "submit", write_predictions(tmp_path, "oracle"), "--name", "D", "--meta", yaml_file, "--root", board
    )
    assert result.returncode == 3 and "nested too deeply" in result.stderr and "Traceback" not in result.stderr
    shallow = tmp_path / "shallow-but-deep.json"
    shallow.write_text(
        json.dumps(
            {
                "signature": "s",
                "scores": {},
                "per_document": {},
                "x": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]],
            }
        )
    )
    result = run_bench("compare", shallow, shallow)
    assert result.returncode == 3 and "nested more than 32 levels" in result.stderr


# item 17: metadata hygiene
def test_confusable_names_are_one_entry(board, tmp_path):
    predictions, meta = write_predictions(tmp_path, "empty"), write_meta(tmp_path)
    for name in ("\u041eracle", "ORACLE", "Ｏｒａｃｌｅ", "Orac\u200ble"):  # Cyrillic О, case, fullwidth, zero-width
        result = run_bench("submit", predictions, "--name", name, "--meta", meta, "--root", board)
        assert result.returncode == 3, name
    assert name_key("\u041cy System") == name_key("My System") == name_key("my  system")
    assert name_key("My System") != name_key("My Systems")


@pytest.mark.parametrize(
    ("change", "field", "fragment"),
    [
        ({"description": "ok\x00"}, "description", "a NUL character"),
        ({"authors": ["Eve\u202eevil"]}, "authors[0]", "a bidirectional control character (U+202E)"),
        (
            {"training_data": {"saw_test_articles": "yes", "how": "x\x1b[31m"}},
            "training_data.how",
            "a control character (U+001B)",
        ),
        ({"model_size": "7B\u2066"}, "model_size", "a bidirectional control character (U+2066)"),
        ({"authors": ["A"] * 21}, "authors", "at most 20"),
        (
            {"training_data": {"saw_test_articles": "no", "datasets": ["x" * 201]}},
            "training_data.datasets",
            "1-200 characters",
        ),
        ({"date": (dt.date.today() + dt.timedelta(days=3)).isoformat()}, "date", "is in the future"),
    ],
)
def test_metadata_hygiene(change, field, fragment):
    with pytest.raises(ProblemsError) as err:
        parse_metadata({**META, **change}, "META.yaml", "System")
    problem = err.value.problems[0]
    assert problem.item == field and fragment in problem.message, str(problem)


def test_newlines_stay_allowed_in_descriptions():
    assert parse_metadata({**META, "description": "line one\nline two"}, "META.yaml", "S").description.count("\n") == 1
