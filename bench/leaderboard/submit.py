"""``bench submit``: validate, score and store one leaderboard entry, atomically.

An entry is the folder ``<root>/submissions/<slug>/`` holding

- ``predictions.jsonl``: the submitted file, byte for byte (what was validated and scored);
- ``metadata.json``: the validated metadata (``bench.leaderboard.metadata``);
- ``results.json``: the results at submission time (the leaderboard never trusts them:
  ``bench leaderboard build`` recomputes every score from the predictions);
- ``raw_outputs.jsonl`` (generative systems, ``--raw``): every request and completion, from
  which ``--extractor openai --option replay=...`` re-creates the predictions offline.

Order of work, so that nothing a user file can do costs more than validating it: the
predictions must be a regular file under the size limit; they are validated (streaming)
before anything is written; then, holding the leaderboard's exclusive lock for the whole
check-and-install, the name is checked for duplicates (``metadata.name_key``: case,
compatibility forms and confusable letters folded), the file is copied into a hidden
staging folder inside ``submissions/``, the copy is scored, and the folder is moved into
place in one step (``bench.leaderboard.fsops``): a submission killed half-way leaves every
entry as it was.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import time
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.io import atomic_write_text
from bench.leaderboard.fsops import SUBMISSIONS, clean_stale_staging, exclusive, fsync_tree, install_dir, staging_dir
from bench.leaderboard.metadata import Metadata, name_key
from bench.resultsio import DEFAULT_BOOTSTRAP, DEFAULT_SEED, Gold, dump_json, score_file
from bench.splits import DEFAULT_SPLIT

PREDICTIONS_FILE = "predictions.jsonl"
METADATA_FILE = "metadata.json"
RESULTS_FILE = "results.json"
RAW_FILE = "raw_outputs.jsonl"
PAUSE_ENV = "BREAKOUT_TEST_SUBMIT_PAUSE"  # tests only: seconds to sleep after each staged file
_MAX_SLUG = 60


class DuplicateEntry(Exception):
    """The leaderboard already has an entry with this name (or this slug)."""


def slugify(name: str) -> str:
    """The folder name of a system: ASCII letters and digits joined by ``-``.

    >>> slugify("Rules v1.2 (regex + gazetteer)")
    'rules-v1-2-regex-gazetteer'
    >>> slugify("<img src=x onerror=alert(1)>")
    'img-src-x-onerror-alert-1'
    >>> slugify("日本語")[:7]
    'system-'
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:_MAX_SLUG].strip("-")
    return slug or "system-" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:10]


def submissions_dir(root: Path) -> Path:
    return Path(root) / SUBMISSIONS


def entry_dirs(root: Path) -> list[Path]:
    """Entry folders in slug order: real folders only (hidden ones and symbolic links are never entries)."""
    folder = submissions_dir(root)
    if not folder.is_dir():
        return []
    return sorted(
        (p for p in folder.iterdir() if not p.name.startswith(".") and p.is_dir() and not p.is_symlink()),
        key=lambda p: p.name,
    )


def stray_paths(root: Path) -> list[Path]:
    """What lies in ``submissions/`` that is not an entry: symbolic links and plain files."""
    folder = submissions_dir(root)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if not p.name.startswith(".") and (p.is_symlink() or not p.is_dir()))


def entry_slug(name: str, split: str = DEFAULT_SPLIT) -> str:
    """The folder of a system's entry on a split: its slug, with ``--<split>`` after it
    for any split but the headline one (so the existing entries keep their folders).

    >>> entry_slug("Baseline: rules", "muc4/test")
    'baseline-rules--muc4-test'
    """
    slug = slugify(name)
    return slug if split == DEFAULT_SPLIT else f"{slug}--{slugify(split)}"


def _stored(entry: Path) -> tuple[str | None, str]:
    """The stored name and split of an entry (None and the default when unreadable)."""
    from bench.resultsio import read_json

    try:
        data = read_json(entry / METADATA_FILE, max_bytes=1_000_000)
    except Exception:
        return None, DEFAULT_SPLIT
    name = data.get("name") if isinstance(data, dict) else None
    split = data.get("split", DEFAULT_SPLIT) if isinstance(data, dict) else DEFAULT_SPLIT
    return (name if isinstance(name, str) else None), str(split)


def find_conflict(root: Path, name: str, split: str = DEFAULT_SPLIT) -> tuple[Path, str] | None:
    """The entry that ``name`` on ``split`` would collide with: same folder, or the same split
    and the same name up to case, Unicode compatibility forms and confusable letters
    (``metadata.name_key``). One system has one entry per split."""
    slug, key = entry_slug(name, split), name_key(name)
    for entry in entry_dirs(root):
        stored, stored_split = _stored(entry)
        if entry.name == slug or (stored is not None and stored_split == split and name_key(stored) == key):
            return entry, stored or entry.name
    return None


def copy_bounded(source: Path, target: Path, max_bytes: int) -> None:
    """Copy a regular file in chunks, refusing (``ValueError``) to write more than ``max_bytes``."""
    written = 0
    with open(source, "rb") as reader, open(target, "wb") as writer:
        while chunk := reader.read(1 << 20):
            written += len(chunk)
            if written > max_bytes:
                raise ValueError(f"{source} grew past {max_bytes:,} bytes while it was copied")
            writer.write(chunk)


@dataclass
class Submitted:
    """What ``submit`` stored."""

    slug: str
    path: Path
    results: dict[str, Any]
    replaced: bool


def _pause() -> None:
    seconds = os.environ.get(PAUSE_ENV)
    if seconds:
        time.sleep(float(seconds))


def _check_generation(meta: Metadata, raws: Sequence[Path]) -> None:
    """A generative entry needs raw outputs that state each run's settings in the declared decoding,
    one file per declared run (the checks of ``bench submit --check``, made before anything is written)."""
    from bench.data.problems import Problem, ProblemsError
    from bench.leaderboard.generation import check_runs

    if not meta.generative:
        return
    if not raws:
        message = f"system_type {meta.system_type} is generative: give its raw outputs (--raw, from --raw-out)"
        raise ProblemsError([Problem(Path("--raw"), None, "raw", message)])
    _, problems = check_runs(raws, meta)
    if problems:
        raise ProblemsError([Problem(Path(raws[0]), None, "raw", line) for line in problems])


def submit(
    predictions: Path,
    meta: Metadata,
    root: Path,
    gold: Gold,
    *,
    replace: bool = False,
    bootstrap: int = DEFAULT_BOOTSTRAP,
    seed: int = DEFAULT_SEED,
    max_bytes: int | None = None,
    raw: Path | Sequence[Path] | None = None,
) -> Submitted:
    """Validate and score ``predictions``, then store the entry ``meta.name``.

    ``gold`` is the gold of ``meta.split`` (the caller loads it). Raises ``ProblemsError`` for predictions that do not validate (or are not a regular
    file under ``max_bytes``), for a generative entry without raw outputs stating its generation
    settings, and ``DuplicateEntry`` (unless ``replace``); in both cases
    nothing is written. ``OSError`` is an environment problem (disk full, read-only).
    """
    from bench.leaderboard.generation import run_file_name
    from bench.predictions.validate import MAX_FILE_BYTES, load_predictions

    assert meta.name is not None
    limit = max_bytes or MAX_FILE_BYTES
    load_predictions(Path(predictions), gold.docs, max_bytes=limit)  # streaming; raises before any write
    raws = [] if raw is None else [Path(raw)] if isinstance(raw, (str, Path)) else [Path(r) for r in raw]
    _check_generation(meta, raws)
    root = Path(root)
    with exclusive(root):
        clean_stale_staging(root)
        conflict = find_conflict(root, meta.name, meta.split)
        if conflict and not replace:
            raise DuplicateEntry(
                f"the leaderboard already has {conflict[1]!r} on {meta.split} ({conflict[0]}); "
                "use --replace to replace it"
            )
        target = conflict[0] if conflict else submissions_dir(root) / entry_slug(meta.name, meta.split)
        staged = staging_dir(root)
        old: Path | None = None
        try:
            copy_bounded(Path(predictions), staged / PREDICTIONS_FILE, limit)
            _pause()
            scored = score_file(staged / PREDICTIONS_FILE, gold, bootstrap=bootstrap, seed=seed, max_bytes=limit)
            results = scored.to_json()
            atomic_write_text(staged / METADATA_FILE, dump_json(meta.to_json()))
            _pause()
            atomic_write_text(staged / RESULTS_FILE, dump_json(results))
            _pause()
            for k, path in enumerate(raws, 1):  # run 1 in raw_outputs.jsonl, run k in raw_outputs.run<k>.jsonl
                copy_bounded(path, staged / run_file_name(k), limit)
            fsync_tree(staged)
            old = install_dir(staged, target)
            return Submitted(target.name, target, results, replaced=conflict is not None)
        finally:
            for leftover in (old, staged):
                if leftover is not None and leftover.exists():
                    shutil.rmtree(leftover, ignore_errors=True)
