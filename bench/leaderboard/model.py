"""The leaderboard's data model: one ``Entry`` per system, one ``Board`` for a whole build.

``bench.leaderboard.build`` makes a ``Board``; the renderers (``render_markdown``,
``render_html``, ``plot``) only read one. Both import this module, never each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from bench.leaderboard.metadata import Metadata
from bench.splits import DEFAULT_SPLIT

if TYPE_CHECKING:
    from bench.leaderboard.drill import DocDrill
    from bench.leaderboard.llm import Generative

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
    rank_ci: tuple[int, int] | None = None  # 95% range of the entry's bootstrap ranks
    p_value: float | None = None  # paired bootstrap against the leader (None for the leader)
    drill: list[DocDrill] | None = None  # per document: errors, scores, completion (bench.leaderboard.drill)
    generative: Generative | None = None  # replayed raw outputs: validity, cost, runs (bench.leaderboard.llm)

    @property
    def split(self) -> str:
        return self.meta.split

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
    """One split's board; the one ``build`` returns carries the other splits' in ``others``."""

    signature: str
    gold_hash: str
    harness_version: str
    bootstrap: int
    seed: int
    ranked: list[Entry]
    unranked: list[Entry]
    warnings: list[str] = field(default_factory=list)
    broken: list[tuple[str, str]] = field(default_factory=list)  # (path relative to the root, why)
    split: str = DEFAULT_SPLIT  # the registered split whose entries this board ranks
    others: list[Board] = field(default_factory=list)  # the other splits' boards (on the headline board)

    @property
    def boards(self) -> list[Board]:
        """This board, then the other splits' boards: what the pages show, in order."""
        return [self, *self.others]

    def entries(self) -> list[Entry]:
        """Every entry of every board (ranked first, then unranked, board by board)."""
        return [e for b in self.boards for e in (*b.ranked, *b.unranked)]
