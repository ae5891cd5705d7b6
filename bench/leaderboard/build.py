"""``bench leaderboard build``: recompute every entry, rank, and write the pages.

For every entry folder (``bench.leaderboard.submit``) the scores are recomputed from its
``predictions.jsonl`` against the current gold; the stored ``results.json`` is never
trusted (a stored result that disagrees with the recomputation is reported as a warning).
An entry whose predictions no longer validate against the current gold cannot be
recomputed: it is listed apart, with its stored signature, and not ranked. A *broken*
entry (unreadable or invalid metadata, no predictions, a symbolic link or a plain file in
``submissions/``) is listed apart too, in its own section, and never stops the build.
Paths on the pages are relative to the leaderboard root, so a build is the same from any
working directory.

The page set is written file by file (each atomically), then ``MANIFEST`` last: the
sha256 of every page. A build killed or failing half-way leaves no manifest or one that
does not match; ``pages_complete`` (used by ``--check``) trusts only a complete set.

One board per split (``breakout/test`` first, then ``muc4/test``, then any other split that
has entries), each ranking only the entries of its split, scored against that split's gold
(so under one signature). Ranking (``bench.leaderboard.rank``): by headline F1, equal
headlines sharing a rank, with bootstrap rank intervals and paired p-values against the
leader; an entry whose 95% interval overlaps the leader's is marked as tied with it. Outputs (deterministic: same inputs, same bytes):
``README.md``, ``index.html`` and ``scores.svg`` in the output folder.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from bench import __version__
from bench.data.problems import Problem, ProblemsError
from bench.io import atomic_write_bytes, atomic_write_text
from bench.leaderboard.drill import details
from bench.leaderboard.fsops import publish_mode
from bench.leaderboard.metadata import Metadata, parse_metadata
from bench.leaderboard.model import Board, Entry
from bench.leaderboard.submit import METADATA_FILE, PREDICTIONS_FILE, RESULTS_FILE, entry_dirs, stray_paths
from bench.resultsio import DEFAULT_BOOTSTRAP, DEFAULT_SEED, Gold, load_gold, read_json, score_file
from bench.score.stats import StatsTable
from bench.splits import DEFAULT_SPLIT, registry

OUTPUTS: tuple[str, ...] = ("README.md", "index.html", "scores.svg")
MANIFEST = "MANIFEST.sha256"
SPLIT_ORDER: tuple[str, ...] = ("breakout/test", "muc4/test")  # boards in this order, then by name


def _load_meta(entry: Path) -> Metadata:
    path = entry / METADATA_FILE
    if path.is_symlink():
        raise ProblemsError([Problem(path, None, "file", "is a symbolic link; entries hold real files")])
    return parse_metadata(read_json(path, max_bytes=1_000_000), str(path))


def _stored(entry: Path) -> dict[str, Any] | None:
    """The stored results, shown only for entries that cannot be recomputed (guarded read)."""
    if (entry / RESULTS_FILE).is_symlink():
        return None
    try:
        data = read_json(entry / RESULTS_FILE)
    except ProblemsError:
        return None
    return data if isinstance(data, dict) else None


def _relative(problem: Problem, root: Path) -> str:
    """A problem line with its path relative to the leaderboard root (pages never show absolute paths)."""
    try:
        file = Path(problem.file).relative_to(root)
    except ValueError:
        file = Path(problem.file)
    return str(Problem(file.as_posix(), problem.doc_id, problem.item, problem.message, problem.line))


def _same_scores(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return json.dumps(a.get("scores"), sort_keys=True) == json.dumps(b.get("scores"), sort_keys=True)


def _scan(root: Path) -> tuple[list[tuple[Path, Metadata]], list[tuple[str, str]]]:
    """Every entry folder with its metadata, and the broken ones (path relative to the root, why)."""
    broken: list[tuple[str, str]] = []
    found: list[tuple[Path, Metadata]] = []
    for stray in stray_paths(root):
        what = "a symbolic link" if stray.is_symlink() else "not a folder"
        broken.append((stray.relative_to(root).as_posix(), f"{what}: entries are real folders inside the root"))
    for folder in entry_dirs(root):
        label = folder.relative_to(root).as_posix()
        try:
            meta = _load_meta(folder)
        except ProblemsError as err:
            broken.append((label, "; ".join(_relative(p, root) for p in err.problems[:3])))
            continue
        predictions = folder / PREDICTIONS_FILE
        if predictions.is_symlink() or not predictions.is_file():
            broken.append((label, f"{PREDICTIONS_FILE} is missing or not a real file"))
            continue
        found.append((folder, meta))
    return found, broken


Scanned = tuple[list[tuple[Path, Metadata]], list[tuple[str, str]]]


def collect(
    root: Path,
    gold: Gold,
    *,
    bootstrap: int = DEFAULT_BOOTSTRAP,
    seed: int = DEFAULT_SEED,
    split: str | None = None,
    scanned: Scanned | None = None,
) -> Board:
    """Recompute and rank the entries of one split (default: ``gold``'s split, or
    ``breakout/test`` for gold files of no registered split) against ``gold``; broken
    entries are listed in ``Board.broken``."""
    from bench.leaderboard.rank import rank_board
    from bench.score.signature import make_signature

    current = make_signature(gold.hash, bootstrap, seed, split=gold.split.label)
    name = split or (gold.split.name if gold.split.name in registry() else DEFAULT_SPLIT)
    root = Path(root)
    found, broken = scanned if scanned is not None else _scan(root)
    entries: list[Entry] = []
    tables: dict[str, StatsTable] = {}
    warnings: list[str] = []
    for folder, meta in found:
        if meta.split != name:
            continue
        label = folder.relative_to(root).as_posix()
        stored = _stored(folder)
        try:
            scored = score_file(folder / PREDICTIONS_FILE, gold, bootstrap=bootstrap, seed=seed, errors=True)
        except ProblemsError as err:
            first = _relative(err.problems[0], root)
            reason = (
                f"predictions do not validate against the current gold ({len(err.problems)} problems; first: {first})"
            )
            entries.append(Entry(folder.name, meta, stored, ranked=False, reason=reason))
            continue
        results = scored.to_json()
        mistakes = results.pop("errors", None) or {}
        tables[folder.name] = scored.stats
        if stored is not None and stored.get("signature") == current and not _same_scores(stored, results):
            warnings.append(
                f"{label}/{RESULTS_FILE}: stored scores differ from the recomputed ones; showing the recomputed scores"
            )
        ranked = results["signature"] == current and meta.flagged is None
        why = None if ranked else f"flagged: {meta.flagged}" if meta.flagged else f"signature differs from {current}"
        entries.append(
            Entry(folder.name, meta, results, ranked=ranked, reason=why, **details(folder, gold, results, mistakes))
        )
    ranked = sorted((e for e in entries if e.ranked), key=lambda e: (-(e.score() or 0.0), e.name.casefold(), e.slug))
    unranked = sorted((e for e in entries if not e.ranked), key=lambda e: (e.name.casefold(), e.slug))
    rank_board(ranked, [tables.get(e.slug) for e in ranked], bootstrap=bootstrap, seed=seed)
    return Board(current, gold.hash, __version__, bootstrap, seed, ranked, unranked, warnings, broken, split=name)


def collect_all(root: Path, gold: Gold, *, bootstrap: int = DEFAULT_BOOTSTRAP, seed: int = DEFAULT_SEED) -> Board:
    """The headline board (``gold``: the ``breakout/test`` entries unless ``gold`` is another
    registered split's) with, in ``others``, one board per other split that has entries,
    each scored against that split's registered gold, in ``SPLIT_ORDER`` then name order."""
    root = Path(root)
    scanned = _scan(root)
    board = collect(root, gold, bootstrap=bootstrap, seed=seed, scanned=scanned)
    present = {meta.split for _, meta in scanned[0]} - {board.split}
    for name in sorted(present, key=lambda n: (SPLIT_ORDER.index(n) if n in SPLIT_ORDER else len(SPLIT_ORDER), n)):
        try:
            other = load_gold(name)
        except ProblemsError as err:
            board.warnings.append(f"split {name}: gold cannot be loaded ({err.problems[0]}); its entries are not shown")
            continue
        extra = collect(root, other, bootstrap=bootstrap, seed=seed, split=name, scanned=(scanned[0], []))
        board.warnings.extend(extra.warnings)
        board.others.append(extra)
    return board


def build(
    root: Path,
    gold: Gold,
    out: Path | None = None,
    *,
    bootstrap: int = DEFAULT_BOOTSTRAP,
    seed: int = DEFAULT_SEED,
    link_base: Path | None = None,
) -> tuple[Board, list[Path]]:
    """Recompute, rank and write ``README.md``, ``index.html`` and ``scores.svg`` to ``out``,
    and the Every Eval Ever records to ``out/every_eval_ever/`` (``bench.leaderboard.export``;
    links to the entries are relative to ``link_base``, default ``out``)."""
    from bench.leaderboard.export import EXPORT_DIR, write_exports
    from bench.leaderboard.plot import render_svg
    from bench.leaderboard.render_html import render_html
    from bench.leaderboard.render_markdown import render_markdown

    out = Path(out) if out is not None else Path(root)
    board = collect_all(root, gold, bootstrap=bootstrap, seed=seed)
    links = _entry_links(Path(root), Path(link_base) if link_base is not None else out, board)
    texts = {
        "README.md": render_markdown(board, links, plot="scores.svg"),
        "index.html": render_html(board, links),
        "scores.svg": render_svg(board),
    }
    written = write_pages(out, texts)
    write_exports(out / EXPORT_DIR, board)  # Every Eval Ever records next to the pages
    return board, written


def _manifest(texts: dict[str, bytes]) -> str:
    return "".join(f"{hashlib.sha256(texts[name]).hexdigest()}  {name}\n" for name in OUTPUTS)


def write_pages(out: Path, texts: dict[str, str]) -> list[Path]:
    """Write the page set: the old manifest removed first, each page atomically, the manifest last."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / MANIFEST).unlink(missing_ok=True)
    data = {name: texts[name].encode("utf-8") for name in OUTPUTS}
    for name in OUTPUTS:
        atomic_write_bytes(out / name, data[name])
        publish_mode(out / name)
    atomic_write_text(out / MANIFEST, _manifest(data))
    publish_mode(out / MANIFEST)
    return [out / name for name in OUTPUTS]


def pages_complete(out: Path) -> bool:
    """True when ``out`` holds a complete page set: a manifest matching every page."""
    try:
        pages = {name: (Path(out) / name).read_bytes() for name in OUTPUTS}
        manifest = (Path(out) / MANIFEST).read_text(encoding="utf-8")
    except OSError:
        return False
    return manifest == _manifest(pages)


def _entry_links(root: Path, out: Path, board: Board) -> dict[str, str]:
    """Relative links from the output folder to each entry's folder."""
    import os

    base = os.path.relpath(Path(root).resolve() / "submissions", Path(out).resolve())
    return {e.slug: Path(base, e.slug).as_posix() + "/" for e in board.entries()}
