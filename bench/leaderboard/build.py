"""``bench leaderboard build``: recompute every entry, rank, and write the pages.

For every entry folder (``bench.leaderboard.submit``) the scores are recomputed from its
``predictions.jsonl`` against the current gold; the stored ``results.json`` is never
trusted (a stored result that disagrees with the recomputation is reported as a warning).
An entry whose predictions no longer validate against the current gold cannot be
recomputed: it is listed apart, with its stored signature, and not ranked.

Ranking: by headline F1, then by name. An entry whose 95% interval overlaps the leader's
is marked as statistically tied with it. Outputs (deterministic: same inputs, same bytes):
``README.md``, ``index.html`` and ``scores.svg`` in the output folder.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bench import __version__
from bench.data.problems import Problem, ProblemsError
from bench.io import atomic_write_text
from bench.leaderboard.fsops import publish_mode
from bench.leaderboard.metadata import Metadata, parse_metadata
from bench.leaderboard.model import Board, Entry
from bench.leaderboard.submit import METADATA_FILE, PREDICTIONS_FILE, RESULTS_FILE, entry_dirs
from bench.resultsio import DEFAULT_BOOTSTRAP, DEFAULT_SEED, Gold, read_results, score_file

OUTPUTS: tuple[str, ...] = ("README.md", "index.html", "scores.svg")


def _load_meta(entry: Path) -> Metadata:
    path = entry / METADATA_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise ProblemsError([Problem(path, None, "file", f"cannot read the metadata: {err}")]) from err
    return parse_metadata(data, str(path))


def _stored(entry: Path) -> dict[str, Any] | None:
    try:
        return read_results(entry / RESULTS_FILE)
    except ProblemsError:
        return None


def _same_scores(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return json.dumps(a.get("scores"), sort_keys=True) == json.dumps(b.get("scores"), sort_keys=True)


def collect(root: Path, gold: Gold, *, bootstrap: int = DEFAULT_BOOTSTRAP, seed: int = DEFAULT_SEED) -> Board:
    """Recompute and rank every entry under ``root`` (raises ``ProblemsError`` for a broken entry)."""
    from bench.score.signature import make_signature

    current = make_signature(gold.hash, bootstrap, seed, split=gold.split.label)
    entries: list[Entry] = []
    problems: list[Problem] = []
    warnings: list[str] = []
    for folder in entry_dirs(root):
        try:
            meta = _load_meta(folder)
        except ProblemsError as err:
            problems.extend(err.problems)
            continue
        predictions = folder / PREDICTIONS_FILE
        if not predictions.is_file():
            problems.append(Problem(predictions, None, "file", "the entry has no predictions"))
            continue
        stored = _stored(folder)
        try:
            results = score_file(predictions, gold, bootstrap=bootstrap, seed=seed).to_json()
        except ProblemsError as err:
            reason = f"predictions do not validate against the current gold ({len(err.problems)} problems; first: {err.problems[0]})"
            entries.append(Entry(folder.name, meta, stored, ranked=False, reason=reason))
            continue
        if stored is not None and stored.get("signature") == current and not _same_scores(stored, results):
            warnings.append(
                f"{folder / RESULTS_FILE}: stored scores differ from the recomputed ones; showing the recomputed scores"
            )
        ranked = results["signature"] == current
        entries.append(
            Entry(
                folder.name,
                meta,
                results,
                ranked=ranked,
                reason=None if ranked else f"signature differs from {current}",
            )
        )
    if problems:
        raise ProblemsError(problems)
    ranked = sorted((e for e in entries if e.ranked), key=lambda e: (-(e.score() or 0.0), e.name.casefold(), e.slug))
    unranked = sorted((e for e in entries if not e.ranked), key=lambda e: (e.name.casefold(), e.slug))
    _rank(ranked)
    return Board(current, gold.hash, __version__, bootstrap, seed, ranked, unranked, warnings)


def _rank(entries: list[Entry]) -> None:
    """Competition ranks (equal headlines share a rank) and ties with the leader's interval."""
    previous: float | None = None
    for position, entry in enumerate(entries, 1):
        score = entry.score()
        entry.rank = entries[position - 2].rank if position > 1 and score == previous else position
        previous = score
    if not entries:
        return
    leader = entries[0]
    leader.leader = True
    lead_ci = leader.ci()
    for entry in entries[1:]:
        ci = entry.ci()
        if lead_ci is not None and ci is not None:
            entry.tied = ci[1] >= lead_ci[0]
        else:
            entry.tied = entry.score() == leader.score()


def build(
    root: Path,
    gold: Gold,
    out: Path | None = None,
    *,
    bootstrap: int = DEFAULT_BOOTSTRAP,
    seed: int = DEFAULT_SEED,
    link_base: Path | None = None,
) -> tuple[Board, list[Path]]:
    """Recompute, rank and write ``README.md``, ``index.html`` and ``scores.svg`` to ``out``
    (links to the entries are relative to ``link_base``, default ``out``)."""
    from bench.leaderboard.plot import render_svg
    from bench.leaderboard.render_html import render_html
    from bench.leaderboard.render_markdown import render_markdown

    out = Path(out) if out is not None else Path(root)
    board = collect(root, gold, bootstrap=bootstrap, seed=seed)
    links = _entry_links(Path(root), Path(link_base) if link_base is not None else out, board)
    texts = {
        "README.md": render_markdown(board, links, plot="scores.svg"),
        "index.html": render_html(board, links),
        "scores.svg": render_svg(board),
    }
    written = []
    for name in OUTPUTS:
        atomic_write_text(out / name, texts[name])
        publish_mode(out / name)
        written.append(out / name)
    return board, written


def _entry_links(root: Path, out: Path, board: Board) -> dict[str, str]:
    """Relative links from the output folder to each entry's folder."""
    import os

    base = os.path.relpath(Path(root).resolve() / "submissions", Path(out).resolve())
    return {e.slug: Path(base, e.slug).as_posix() + "/" for e in (*board.ranked, *board.unranked)}
