"""``bench submit``: validate, score and store one leaderboard entry, atomically.

An entry is the folder ``<root>/submissions/<slug>/`` holding

- ``predictions.jsonl``: the submitted file, byte for byte (what was validated and scored);
- ``metadata.json``: the validated metadata (``bench.leaderboard.metadata``);
- ``results.json``: the results at submission time (the leaderboard never trusts them:
  ``bench leaderboard build`` recomputes every score from the predictions);
- ``raw_outputs.jsonl`` (generative systems, ``--raw``): every request and completion, from
  which ``--extractor openai --option replay=...`` re-creates the predictions offline.

The folder is assembled in a staging folder outside the leaderboard and moved into place
in one step (``bench.leaderboard.fsops``): a submission killed half-way leaves the
leaderboard as it was.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.io import atomic_write_text
from bench.leaderboard.fsops import clean_stale_staging, fsync_tree, install_dir, staging_dir
from bench.leaderboard.metadata import Metadata
from bench.resultsio import DEFAULT_BOOTSTRAP, DEFAULT_SEED, Gold, dump_json, score_file

SUBMISSIONS = "submissions"
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
    """Entry folders in slug order (hidden folders are never entries)."""
    folder = submissions_dir(root)
    if not folder.is_dir():
        return []
    return sorted((p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")), key=lambda p: p.name)


def _stored_name(entry: Path) -> str | None:
    import json

    try:
        name = json.loads((entry / METADATA_FILE).read_text(encoding="utf-8")).get("name")
    except (OSError, ValueError, AttributeError):
        return None
    return name if isinstance(name, str) else None


def find_conflict(root: Path, name: str) -> tuple[Path, str] | None:
    """The entry that ``name`` would collide with: same slug, or same name up to case."""
    slug, key = slugify(name), name.casefold()
    for entry in entry_dirs(root):
        stored = _stored_name(entry)
        if entry.name == slug or (stored is not None and stored.casefold() == key):
            return entry, stored or entry.name
    return None


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


def submit(
    predictions: Path,
    meta: Metadata,
    root: Path,
    gold: Gold,
    *,
    replace: bool = False,
    bootstrap: int = DEFAULT_BOOTSTRAP,
    seed: int = DEFAULT_SEED,
    raw: Path | None = None,
) -> Submitted:
    """Validate and score ``predictions``, then store the entry ``meta.name``.

    Raises ``DuplicateEntry`` (unless ``replace``) and ``ProblemsError`` for predictions
    that do not validate; in both cases nothing is written.
    """
    assert meta.name is not None
    root = Path(root)
    clean_stale_staging(root)
    conflict = find_conflict(root, meta.name)
    if conflict and not replace:
        raise DuplicateEntry(
            f"the leaderboard already has {conflict[1]!r} ({conflict[0]}); use --replace to replace it"
        )
    target = conflict[0] if conflict else submissions_dir(root) / slugify(meta.name)
    staged = staging_dir(root)
    try:
        data = Path(predictions).read_bytes()
        (staged / PREDICTIONS_FILE).write_bytes(data)
        _pause()
        results = score_file(staged / PREDICTIONS_FILE, gold, bootstrap=bootstrap, seed=seed).to_json()
        atomic_write_text(staged / METADATA_FILE, dump_json(meta.to_json()))
        _pause()
        atomic_write_text(staged / RESULTS_FILE, dump_json(results))
        _pause()
        if raw is not None:
            (staged / RAW_FILE).write_bytes(Path(raw).read_bytes())
        fsync_tree(staged)
        again = find_conflict(root, meta.name)  # another submit may have won the race
        if again and not replace:
            raise DuplicateEntry(f"the leaderboard already has {again[1]!r} ({again[0]})")
        old = install_dir(staged, target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        return Submitted(target.name, target, results, replaced=conflict is not None)
    finally:
        if staged.exists():
            shutil.rmtree(staged, ignore_errors=True)
