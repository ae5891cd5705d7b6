"""Bootstrap over documents: resampled totals and percentile confidence intervals.

A resample draws ``n`` documents with replacement from the ``n`` documents of the split.
Resample ``r`` uses the ``r``-th call ``rng.integers(0, n, size=n)`` of
``numpy.random.default_rng(seed)``, so results depend only on (documents, resamples, seed)
and not on memory or chunking. Each resample becomes a vector of document multiplicities,
and a block of resamples times the statistics matrix gives all their totals in one matrix
product; scores are then computed for all resamples at once (``scores_from_totals``).

Intervals are percentile intervals: the 2.5th and 97.5th percentiles (numpy's default
linear interpolation) of the resampled scores, ignoring undefined values.
"""

from __future__ import annotations

import numpy as np

BLOCK_CELLS = 4_000_000  # multiplicities held at once: resamples per block x documents


def resample_totals(matrix: np.ndarray, resamples: int, seed: int) -> np.ndarray:
    """``(resamples, columns)`` totals of ``resamples`` bootstrap resamples of the rows."""
    n, k = matrix.shape
    out = np.zeros((resamples, k))
    if n == 0 or resamples == 0:
        return out
    rng = np.random.default_rng(seed)
    block = max(1, min(resamples, BLOCK_CELLS // n))
    weights = np.empty((block, n))
    for lo in range(0, resamples, block):
        hi = min(resamples, lo + block)
        for r in range(hi - lo):
            weights[r] = np.bincount(rng.integers(0, n, size=n), minlength=n)
        out[lo:hi] = weights[: hi - lo] @ matrix
    return out


def percentile_ci(samples: np.ndarray, level: float = 0.95) -> list[float] | None:
    """``[lo, hi]`` over the first axis; None when no resample gives a defined value."""
    values = np.asarray(samples, dtype=float)
    values = values[~np.isnan(values)]
    if values.size == 0:
        return None
    tail = (1 - level) / 2 * 100
    lo, hi = np.percentile(values, [tail, 100 - tail])
    return [float(lo), float(hi)]
