"""Where the built-in data lives.

The harness ships inside its repository checkout (``pip install -e .``): the seeds, the
gold split and the knowledge base sit next to the ``bench`` package. ``BREAKOUT_HOME``
points the harness at another checkout.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT: Path = Path(os.environ.get("BREAKOUT_HOME", Path(__file__).resolve().parents[1]))
SEEDS_DIR: Path = ROOT / "seeds"
SEEDS_MANIFEST: Path = SEEDS_DIR / "SHA256SUMS"
ANNOTATIONS_DIR: Path = ROOT / "annotations"
SOURCES_DIR: Path = ANNOTATIONS_DIR / "src"
KB_SOURCE: Path = SOURCES_DIR / "kb.yaml"
DATA_DIR: Path = ANNOTATIONS_DIR / "data"
GOLD_SPLIT: Path = DATA_DIR / "test.jsonl"
GOLD_KB: Path = DATA_DIR / "kb.jsonl"
LEADERBOARD_DIR: Path = ROOT / "leaderboard"
MUC4_DIR: Path = ANNOTATIONS_DIR / "muc4"
MUC4_ARCHIVE: Path = MUC4_DIR / "raw" / "muc34-corpora.tar.gz"
MUC4_KB: Path = MUC4_DIR / "kb.jsonl"


def cache_root() -> Path:
    """The folder for caches (completions, trained models): ``$BREAKOUT_CACHE``, else
    ``$XDG_CACHE_HOME/breakout``, else ``~/.cache/breakout``. Never committed, always safe to delete."""
    base = os.environ.get("BREAKOUT_CACHE")
    if base:
        return Path(base)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "breakout"
