"""One board per split: entries store their split, each board ranks only its own entries,
a system page shows all its splits. The second split is a small synthetic ``muc4/test``
(the first documents of the converted gold, ``bench.paths`` pointed at a temporary copy)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from helpers import run_bench
from leaderboard_helpers import write_meta, write_predictions

from bench import paths
from bench.extractors.empty import EmptyExtractor
from bench.extractors.oracle import OracleExtractor
from bench.leaderboard.build import build, collect_all
from bench.leaderboard.metadata import load_metadata
from bench.leaderboard.submit import DuplicateEntry, submit
from bench.resultsio import load_gold

BOOT = 40
MUC4_DOCS = 4


@pytest.fixture
def small_muc4(tmp_path, monkeypatch) -> Path:
    """``muc4/test`` reduced to its first documents (the registry reads ``bench.paths`` on each call)."""
    folder = tmp_path / "muc4"
    folder.mkdir()
    lines = (paths.MUC4_DIR / "test.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    (folder / "test.jsonl").write_text("".join(lines[:MUC4_DOCS]), encoding="utf-8")
    shutil.copy(paths.MUC4_KB, folder / "kb.jsonl")
    monkeypatch.setattr(paths, "MUC4_DIR", folder)
    monkeypatch.setattr(paths, "MUC4_KB", folder / "kb.jsonl")
    return folder


def _write(folder: Path, name: str, records: list) -> Path:
    path = folder / f"{name}.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture
def two_splits(tmp_path, small_muc4) -> Path:
    """Oracle and Empty on breakout/test; Oracle (the same name) and Empty on the small muc4/test."""
    root, meta = tmp_path / "lb", write_meta(tmp_path)
    breakout, muc4 = load_gold(), load_gold("muc4/test")
    for kind, name in (("oracle", "Oracle"), ("empty", "Empty")):
        submit(write_predictions(tmp_path, kind), load_metadata(meta, name), root, breakout, bootstrap=BOOT)
    docs = muc4.docs
    for records, name in ((OracleExtractor().predict(docs), "Oracle"), (EmptyExtractor().predict(docs), "Empty")):
        chosen = load_metadata(meta, name).model_copy(update={"split": "muc4/test"})
        submit(_write(tmp_path, f"muc4-{name}", records), chosen, root, muc4, bootstrap=BOOT)
    return root


def test_entries_store_their_split(two_splits):
    folders = sorted(p.name for p in (two_splits / "submissions").iterdir())
    assert folders == ["empty", "empty--muc4-test", "oracle", "oracle--muc4-test"]
    stored = json.loads((two_splits / "submissions" / "oracle--muc4-test" / "metadata.json").read_text())
    results = json.loads((two_splits / "submissions" / "oracle--muc4-test" / "results.json").read_text())
    assert stored["split"] == "muc4/test" and "muc4/test@" in results["signature"]


def test_one_board_per_split_ranked_apart(two_splits):
    board = collect_all(two_splits, load_gold(), bootstrap=BOOT)
    assert [b.split for b in board.boards] == ["breakout/test", "muc4/test"]
    for one in board.boards:
        assert [e.slug.split("--")[0] for e in one.ranked] == ["oracle", "empty"]
        assert [e.rank for e in one.ranked] == [1, 2]
        assert {e.split for e in one.ranked} == {one.split}
        assert all(e.signature == one.signature for e in one.ranked)
    assert board.signature != board.others[0].signature and "muc4/test@" in board.others[0].signature


def test_same_name_is_a_duplicate_only_on_the_same_split(two_splits, tmp_path):
    meta = load_metadata(write_meta(tmp_path), "oracle").model_copy(update={"split": "muc4/test"})
    muc4 = load_gold("muc4/test")
    records = OracleExtractor().predict(muc4.docs)
    with pytest.raises(DuplicateEntry, match="muc4/test"):
        submit(_write(tmp_path, "again", records), meta, two_splits, muc4, bootstrap=BOOT)


def test_pages_show_every_board_and_a_systems_splits(two_splits):
    build(two_splits, load_gold(), bootstrap=BOOT)
    html = (two_splits / "index.html").read_text(encoding="utf-8")
    assert html.index('id="board"') < html.index('id="board-muc4-test"')
    assert 'id="ranked"' in html and 'id="ranked-muc4-test"' in html
    detail = html[html.index('id="sys-oracle"') :]
    detail = detail[: detail.index("</section>")]
    assert 'href="#sys-oracle--muc4-test"' in detail  # the system page links its other split
    readme = (two_splits / "README.md").read_text(encoding="utf-8")
    assert readme.index("## breakout/test") < readme.index("## muc4/test")


def test_metadata_split_must_be_registered(tmp_path):
    from bench.data.problems import ProblemsError

    with pytest.raises(ProblemsError, match="unknown split"):
        load_metadata(write_meta(tmp_path, split="nope/test"), "X")


def test_submit_unknown_split_is_a_usage_error(tmp_path):
    meta = write_meta(tmp_path)
    result = run_bench(
        "submit", write_predictions(tmp_path, "empty"), "--name", "X", "--meta", meta, "--split", "nope",
        "--root", tmp_path / "lb",
    )  # fmt: skip
    assert result.returncode == 2 and "unknown split" in result.stderr and "Traceback" not in result.stderr


def test_submit_split_contradicting_the_metadata_is_refused(tmp_path):
    meta = write_meta(tmp_path, split="muc4/test")
    result = run_bench(
        "submit", write_predictions(tmp_path, "empty"), "--name", "X", "--meta", meta, "--split", "breakout/test",
        "--root", tmp_path / "lb",
    )  # fmt: skip
    assert result.returncode == 3 and "differs from --split" in result.stderr


def test_flagged_entries_are_listed_apart(two_splits):
    path = two_splits / "submissions" / "oracle" / "metadata.json"
    data = json.loads(path.read_text())
    path.write_text(json.dumps({**data, "flagged": "predictions copied from the gold"}))
    board = collect_all(two_splits, load_gold(), bootstrap=BOOT)
    assert [e.slug for e in board.ranked] == ["empty"] and board.ranked[0].rank == 1
    assert [(e.slug, e.reason) for e in board.unranked] == [("oracle", "flagged: predictions copied from the gold")]


def test_each_board_shows_its_own_fields(two_splits):
    """muc4 is scored on claim instead of attribution and has no span layer: its board says so."""
    build(two_splits, load_gold(), bootstrap=BOOT)
    readme = (two_splits / "README.md").read_text(encoding="utf-8")
    breakout, muc4 = readme[: readme.index("## muc4/test")], readme[readme.index("## muc4/test") :]
    head = lambda part: next(line for line in part.splitlines() if line.startswith("| Rank |"))  # noqa: E731
    assert "| Attribution |" in head(breakout) and "| Span |" in head(breakout) and "Claim" not in head(breakout)
    assert "| Claim |" in head(muc4) and "Attribution" not in head(muc4) and "Span" not in head(muc4)
    html = (two_splits / "index.html").read_text(encoding="utf-8")
    table = html[html.index('id="ranked-muc4-test"') :]
    table = table[: table.index("</thead>")]
    assert ">Claim<" in table and ">Attribution<" not in table
    oracle = html[html.index('id="sys-oracle--muc4-test"') :]
    oracle = oracle[: oracle.index("</section>")]
    assert "<td>claim</td>" in oracle and "<td>attribution</td>" not in oracle
