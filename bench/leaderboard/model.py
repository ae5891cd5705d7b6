"""The leaderboard's data model: one ``Entry`` per system, one ``Board`` for a whole build.

``bench.leaderboard.build`` makes a ``Board``; the renderers (``render_markdown``,
``render_html``, ``plot``) only read one. Both import this module, never each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bench.leaderboard.metadata import Metadata

FIELDS: tuple[str, ...] = ("actor", "location", "count", "attribution")
HEADLINE = "overall"


@dataclass
class Entry:
    """One leaderboard row: metadata, results (recomputed, or stored if unrankable)."""

    slug: str
    meta: Metadata
    results: dict[str, Any] | None
    ranked: bool
    reason: str | None = None
    rank: int | None = None
    tied: bool = False
    leader: bool = False

    @property
    def name(self) -> str:
        return self.meta.name or self.slug

    @property
    def signature(self) -> str:
        return str(self.results.get("signature", "unknown")) if self.results else "unknown"

    def _value(self, key: str, part: str) -> Any:
        """``results["scores"][key][part]``, or None wherever stored results are malformed."""
        scores = self.results.get("scores") if isinstance(self.results, dict) else None
        row = scores.get(key) if isinstance(scores, dict) else None
        return row.get(part) if isinstance(row, dict) else None

    def score(self, key: str = HEADLINE) -> float | None:
        value = self._value(key, "f1")
        return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None

    def ci(self, key: str = HEADLINE) -> tuple[float, float] | None:
        value = self._value(key, "ci")
        if isinstance(value, list) and len(value) == 2 and all(isinstance(v, (int, float)) for v in value):
            return float(value[0]), float(value[1])
        return None


@dataclass
class Board:
    """Everything the renderers need."""

    signature: str
    gold_hash: str
    harness_version: str
    bootstrap: int
    seed: int
    ranked: list[Entry]
    unranked: list[Entry]
    warnings: list[str] = field(default_factory=list)
    broken: list[tuple[str, str]] = field(default_factory=list)  # (path relative to the root, why)
