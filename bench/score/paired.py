"""Paired bootstrap comparison of two systems scored on the same documents.

Both systems are resampled with the *same* document draws (the two statistics tables are
put side by side and resampled as one), so the test measures the difference between the
systems, not the variation between documents they share. For each score ``s``:

- ``a``, ``b``: the two point estimates; ``delta = b - a`` (positive: B is better);
- ``ci``: the 95% percentile interval of the resampled deltas;
- ``p_value``: two-sided, under the null hypothesis of no difference, estimated by
  re-centring the resampled deltas on zero:
  ``(1 + #{|delta_r - mean(delta)| >= |delta|}) / (resamples + 1)``, over the resamples
  where the score is defined; with none it is ``None``. Its smallest possible value is
  ``1 / (resamples + 1)`` (0.000999 for 1000 resamples): a difference that holds in every
  resample gets that p-value however large it is, and with few documents (126 distinct
  resamples for five) the test cannot say more.

The two tables must score the same fields (the split's); the headline is their mean.
Resamples are reduced block by block (``bench.score.bootstrap.bootstrap_map``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from bench.score.bootstrap import bootstrap_map, check_resamples, percentile_ci
from bench.score.stats import COLUMNS, StatsTable, scores_from_totals

COMPARED: tuple[str, ...] = ("overall", "actor", "location", "count", "attribution", "claim", "span", "span_partial")


def min_p_value(resamples: int) -> float | None:
    """The smallest p-value ``paired_bootstrap`` can give with ``resamples`` resamples."""
    return 1 / (resamples + 1) if resamples else None


def paired_bootstrap(
    stats_a: StatsTable, stats_b: StatsTable, *, resamples: int = 1000, seed: int = 0, metrics: Sequence[str] = COMPARED
) -> dict[str, dict[str, Any]]:
    """F1 differences between two systems with intervals and p-values (see module docstring).

    Raises ``ValueError`` when the two tables do not cover the same documents or fields.
    """
    check_resamples(resamples)
    if set(stats_a.doc_ids) != set(stats_b.doc_ids):
        only_a = sorted(set(stats_a.doc_ids) - set(stats_b.doc_ids))
        only_b = sorted(set(stats_b.doc_ids) - set(stats_a.doc_ids))
        raise ValueError(
            f"the two results cover different documents (only in A: {only_a[:5]}, only in B: {only_b[:5]})"
        )
    if stats_a.fields != stats_b.fields:
        raise ValueError(f"the two results score different fields ({stats_a.fields} vs {stats_b.fields})")
    fields = stats_a.fields
    order = sorted(stats_a.doc_ids)
    a, b = stats_a.select(order).matrix, stats_b.select(order).matrix
    k = len(COLUMNS)
    point_a = scores_from_totals(a.sum(axis=0), fields=fields)
    point_b = scores_from_totals(b.sum(axis=0), fields=fields)

    def reduce(totals: np.ndarray) -> dict[str, np.ndarray]:
        boot_a = scores_from_totals(totals[:, :k], np.nan, fields=fields)
        boot_b = scores_from_totals(totals[:, k:], np.nan, fields=fields)
        return {m: boot_b[m]["f1"] - boot_a[m]["f1"] for m in metrics}

    boot = bootstrap_map(np.hstack([a, b]), resamples, seed, reduce) if resamples and order else {}
    out: dict[str, dict[str, Any]] = {}
    for metric in metrics:
        fa, fb = float(point_a[metric]["f1"]), float(point_b[metric]["f1"])
        delta = fb - fa
        deltas = boot.get(metric, np.zeros(0))
        deltas = deltas[~np.isnan(deltas)]  # resamples where the score is undefined
        p_value: float | None = None
        if deltas.size:
            extreme = np.abs(deltas - deltas.mean()) >= abs(delta) - 1e-12
            p_value = float((1 + extreme.sum()) / (deltas.size + 1))
        out[metric] = {
            "a": fa,
            "b": fb,
            "delta": delta,
            "ci": percentile_ci(deltas) if deltas.size else None,
            "p_value": p_value,
        }
    return out
