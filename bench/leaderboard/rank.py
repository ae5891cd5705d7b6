"""Ranking one board: competition ranks, bootstrap rank intervals, p-values against the leader.

- **Rank**: competition ranking by headline F1 ("1, 1, 3"): equal headlines share a rank.
  The *leader* badge goes to the single entry ranked first; when several share the first
  rank none is the leader (they are all marked tied), so no badge is given by the
  alphabetical order of names.
- **Rank interval**: every bootstrap resample (the same document draws for every entry,
  ``bench.score.bootstrap.bootstrap_map`` with the board's seed) ranks every entry by its
  resampled headline; the interval is the 2.5th-97.5th percentile of an entry's ranks
  (``inverted_cdf``, so both ends are ranks that occurred): "rank 1-3".
- **p-value**: the paired-bootstrap test of each entry against the leader (the first entry;
  ``bench.score.paired.paired_bootstrap`` on the headline), two-sided.
- **Tied**: an entry whose 95% interval overlaps the leader's (or that shares its rank).

>>> competition_ranks([0.9, 0.9, 0.5])
[1, 1, 3]
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from bench.leaderboard.model import Entry
from bench.score.stats import COLUMNS, StatsTable, scores_from_totals


def competition_ranks(scores: Sequence[float | None]) -> list[int]:
    """1 + the number of strictly better scores (None ranks last)."""
    values = [-np.inf if s is None else s for s in scores]
    return [1 + sum(other > value for other in values) for value in values]


def _resampled_ranks(tables: Sequence[StatsTable], resamples: int, seed: int) -> np.ndarray:
    """Shape ``(resamples, len(tables))``: each entry's competition rank in each resample."""
    from bench.score.bootstrap import bootstrap_map

    order = sorted(tables[0].doc_ids)
    k = len(COLUMNS)
    stacked = np.hstack([t.select(order).matrix for t in tables])

    def reduce(totals: np.ndarray) -> dict[str, np.ndarray]:
        heads = [
            scores_from_totals(totals[:, i * k : (i + 1) * k], np.nan, fields=t.fields)["overall"]["f1"]
            for i, t in enumerate(tables)
        ]
        matrix = np.nan_to_num(np.stack(heads, axis=1), nan=-np.inf)  # undefined ranks last
        ranks = 1 + (matrix[:, None, :] > matrix[:, :, None]).sum(axis=2)
        return {str(i): ranks[:, i].astype(float) for i in range(len(tables))}

    boot = bootstrap_map(stacked, resamples, seed, reduce)
    return np.stack([boot[str(i)] for i in range(len(tables))], axis=1)


def rank_board(entries: list[Entry], tables: Sequence[StatsTable | None], *, bootstrap: int, seed: int) -> None:
    """Set ``rank``, ``leader``, ``tied``, ``rank_ci`` and ``p_value`` on ``entries`` (sorted best first);
    ``tables[i]`` is entry i's per-document statistics (None: no intervals or p-values)."""
    from bench.score.paired import paired_bootstrap

    if not entries:
        return
    for entry, rank in zip(entries, competition_ranks([e.score() for e in entries])):
        entry.rank = rank
    first = [e for e in entries if e.rank == 1]
    leader = entries[0]
    leader.leader = len(first) == 1
    lead_ci = leader.ci()
    for entry in entries:
        entry.tied = False if entry.leader else entry.rank == 1
    for entry in entries[1:]:
        ci = entry.ci()
        if not entry.tied and lead_ci is not None and ci is not None:
            entry.tied = ci[1] >= lead_ci[0]
    complete = [t for t in tables if t is not None]
    if bootstrap <= 0 or len(complete) != len(entries) or not complete[0].doc_ids:
        return
    ranks = _resampled_ranks(complete, bootstrap, seed)
    for i, entry in enumerate(entries):
        lo, hi = np.quantile(ranks[:, i], [0.025, 0.975], method="inverted_cdf")
        entry.rank_ci = (int(lo), int(hi))
    for entry, table in zip(entries[1:], complete[1:]):
        compared = paired_bootstrap(complete[0], table, resamples=bootstrap, seed=seed, metrics=("overall",))
        entry.p_value = compared["overall"]["p_value"]
