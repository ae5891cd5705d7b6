"""``bench leaderboard build``: recomputed scores, ranks, ties, entries apart, determinism."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from helpers import run_bench
from leaderboard_helpers import HOSTILE, META, snapshot, write_meta, write_predictions

from bench import paths
from bench.leaderboard.build import build, collect
from bench.leaderboard.metadata import Metadata, load_metadata
from bench.leaderboard.model import Entry
from bench.leaderboard.rank import rank_board
from bench.leaderboard.submit import submit
from bench.resultsio import load_gold

BOOT = 50  # few resamples: these tests are about the plumbing, not the intervals


@pytest.fixture(scope="module")
def board_root(tmp_path_factory) -> Path:
    """A leaderboard with three entries: oracle, a hostile-named partial system, empty."""
    folder = tmp_path_factory.mktemp("board")
    gold, meta = load_gold(), write_meta(folder)
    for kind, name in (("oracle", "Oracle"), ("partial", HOSTILE), ("empty", "Empty")):
        submit(write_predictions(folder, kind), load_metadata(meta, name), folder / "lb", gold, bootstrap=BOOT)
    return folder / "lb"


def _copy(board_root: Path, tmp_path: Path) -> Path:
    root = tmp_path / "lb"
    shutil.copytree(board_root, root)
    return root


def test_ranks_by_headline(board_root):
    board = collect(board_root, load_gold(), bootstrap=BOOT)
    assert [e.name for e in board.ranked] == ["Oracle", HOSTILE, "Empty"]
    assert [e.rank for e in board.ranked] == [1, 2, 3]
    assert board.ranked[0].leader and not board.unranked
    assert all(e.signature == board.signature for e in board.ranked)


def test_build_is_deterministic(board_root, tmp_path):
    root = _copy(board_root, tmp_path)
    first = run_bench("leaderboard", "build", "--root", root)
    assert first.returncode == 0, first.stderr
    once = snapshot(root)
    assert run_bench("leaderboard", "build", "--root", root).returncode == 0
    assert snapshot(root) == once
    assert {"README.md", "index.html", "scores.svg"} <= set(once)
    assert run_bench("leaderboard", "build", "--root", root, "--check").returncode == 0
    (root / "index.html").write_text("edited", encoding="utf-8")
    check = run_bench("leaderboard", "build", "--root", root, "--check")
    assert check.returncode == 1 and "index.html" in check.stderr and "stale" in check.stderr


def test_out_folder(board_root, tmp_path):
    root = _copy(board_root, tmp_path)
    result = run_bench("leaderboard", "build", "--root", root, "--out", tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "site").iterdir()) == [
        "MANIFEST.sha256",
        "README.md",
        "every_eval_ever",  # the Every Eval Ever records (bench.leaderboard.export)
        "index.html",
        "scores.svg",
    ]
    assert "../lb/submissions/oracle/" in (tmp_path / "site" / "README.md").read_text()


def test_stored_scores_are_never_trusted(board_root, tmp_path):
    root = _copy(board_root, tmp_path)
    stored = root / "submissions" / "empty" / "results.json"
    results = json.loads(stored.read_text())
    results["scores"]["overall"]["f1"] = 0.99
    stored.write_text(json.dumps(results))
    board, _ = build(root, load_gold(), bootstrap=BOOT)
    empty = next(e for e in board.ranked if e.slug == "empty")
    assert empty.score() == 0.0 and empty.rank == 3
    assert any("stored scores differ" in w for w in board.warnings)


def test_entries_scored_on_other_gold_are_listed_apart(board_root, tmp_path):
    root = _copy(board_root, tmp_path)
    lines = paths.GOLD_SPLIT.read_text(encoding="utf-8").splitlines(keepends=True)
    split = tmp_path / "split.jsonl"
    split.write_text("".join(lines[:-1]), encoding="utf-8")  # one document fewer: a new gold
    result = run_bench("leaderboard", "build", "--root", root, "--gold", split, "--kb", paths.GOLD_KB)
    assert result.returncode == 0, result.stderr
    assert "0 ranked entries, 3 listed apart" in result.stdout
    readme = (root / "README.md").read_text()
    assert (
        "### Listed apart on breakout/test: not ranked (different signature, or flagged)" in readme
        and "_No ranked entries yet._" in readme
    )
    assert readme.count("unknown document") == 3
    html = (root / "index.html").read_text()
    assert 'id="unranked"' in html and html.count("<tr data-slug=") == 3


def test_a_broken_entry_is_listed_apart_and_the_build_goes_on(board_root, tmp_path):
    """Issue 10, item 16: one bad entry used to stop the whole build (exit 3 or 4)."""
    root = _copy(board_root, tmp_path)
    (root / "submissions" / "oracle" / "metadata.json").write_text("[" * 100_000, encoding="utf-8")
    (root / "submissions" / "empty" / "predictions.jsonl").unlink()
    result = run_bench("leaderboard", "build", "--root", root)
    assert result.returncode == 0, result.stderr
    assert "1 ranked entries, 2 broken" in result.stdout
    assert (
        f"{root}/submissions/oracle: -: entry: broken, listed apart: submissions/oracle/metadata.json" in result.stderr
    )
    readme = (root / "README.md").read_text()
    assert "## Broken entries" in readme and "`submissions/empty`" in readme and "nested too deeply" in readme
    assert 'id="broken"' in (root / "index.html").read_text()


def test_hidden_folders_and_empty_leaderboards(tmp_path):
    (tmp_path / "lb" / "submissions" / ".not-an-entry").mkdir(parents=True)
    board, written = build(tmp_path / "lb", load_gold(), bootstrap=BOOT)
    assert board.ranked == [] and len(written) == 3
    assert "No ranked entries yet" in (tmp_path / "lb" / "index.html").read_text()


def _entry(name: str, f1: float, ci: tuple[float, float] | None) -> Entry:
    meta = Metadata.model_validate({**META, "name": name, "date": dt.date(2024, 1, 1)})
    return Entry(name.lower(), meta, {"scores": {"overall": {"f1": f1, "ci": list(ci) if ci else None}}}, ranked=True)


def test_ties_with_the_leader_are_interval_overlaps():
    entries = [
        _entry("A", 0.6, (0.5, 0.7)),
        _entry("B", 0.55, (0.5, 0.6)),
        _entry("C", 0.5, (0.3, 0.499)),
        _entry("D", 0.5, (0.2, 0.5)),
    ]
    rank_board(entries, [None] * len(entries), bootstrap=0, seed=0)
    assert [e.rank for e in entries] == [1, 2, 3, 3]  # equal headlines share a rank
    assert [e.leader for e in entries] == [True, False, False, False]
    assert [e.tied for e in entries] == [False, True, False, True]  # D's upper end touches A's lower end


def test_ties_without_intervals_are_equal_scores():
    entries = [_entry("A", 0.6, None), _entry("B", 0.6, None), _entry("C", 0.5, None)]
    rank_board(entries, [None] * len(entries), bootstrap=0, seed=0)
    assert [e.rank for e in entries] == [1, 1, 3]
    assert [e.tied for e in entries] == [True, True, False]  # tied for first: both marked tied
    assert not any(e.leader for e in entries)  # no leader badge by the alphabetical order of names


def test_malformed_stored_results_of_unrankable_entries_still_render(board_root, tmp_path):
    root = _copy(board_root, tmp_path)
    (root / "submissions" / "oracle" / "results.json").write_text(
        json.dumps(
            {
                "signature": "<b>x</b>",
                "gold_hash": 1,
                "harness_version": [],
                "scores": [],
                "per_document": "?",
                "diagnostics": {"per_document": {"<d>": {"actor": "x"}}},
            }
        )
    )
    split = tmp_path / "split.jsonl"
    split.write_text(
        "".join(paths.GOLD_SPLIT.read_text(encoding="utf-8").splitlines(keepends=True)[:-1]), encoding="utf-8"
    )
    board, _ = build(root, load_gold(split, paths.GOLD_KB), bootstrap=BOOT)
    oracle = next(e for e in board.unranked if e.slug == "oracle")
    assert oracle.score() is None and oracle.signature == "<b>x</b>"
    html = (root / "index.html").read_text()
    assert "&lt;b&gt;x&lt;/b&gt;" in html and "<b>x</b>" not in html and "&lt;d&gt;" in html
