"""Bootstrap over documents: resampled totals, in blocks, and percentile confidence intervals.

A resample draws ``n`` documents with replacement from the ``n`` documents of the split.
Resample ``r`` uses the ``r``-th call ``rng.integers(0, n, size=n)`` of
``numpy.random.default_rng(seed)`` (drawn a block at a time, which gives the same numbers),
so results depend only on (documents, resamples, seed). Each resample becomes a vector of
document multiplicities, and a block of resamples times the statistics matrix gives their
totals in one product. Blocks hold at most ``BLOCK_CELLS`` multiplicities (and
``BLOCK_RESAMPLES`` resamples), and each block
is reduced to the scores that are reported before the next is drawn
(``bootstrap_map``), so memory does not grow with the number of resamples beyond the
scores kept for the percentiles (8 bytes per reported score and resample).

Intervals are bit-identical whatever the block size: every statistic is an integer or a
multiple of 2^-20 (the span layer's partial weights are rounded so), and the sums stay far
below 2^33, so every sum is exact in double precision, in any order.

At most ``MAX_RESAMPLES`` resamples are allowed (``bench eval --bootstrap``; more is a
usage error). With few documents the number of *distinct* resamples is small:
``distinct_resamples(n)`` = C(2n - 1, n), 126 for five documents, so intervals on five
documents are coarse however many resamples are drawn.

Intervals are percentile intervals: the 2.5th and 97.5th percentiles (numpy's default
linear interpolation) of the resampled scores, ignoring undefined values.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator

import numpy as np

BLOCK_CELLS = 1_000_000  # multiplicities held at once: resamples per block x documents
BLOCK_RESAMPLES = 2048  # and at most this many resamples per block (their scores are computed at once)
MAX_RESAMPLES = 100_000
DISTINCT_LIMIT = 10**15  # above this, ``distinct_resamples`` says None (effectively unlimited)


def check_resamples(resamples: int) -> None:
    """Raise ``ValueError`` unless ``0 <= resamples <= MAX_RESAMPLES``."""
    if resamples < 0 or resamples > MAX_RESAMPLES:
        raise ValueError(f"bootstrap resamples must be between 0 and {MAX_RESAMPLES}, got {resamples}")


def distinct_resamples(n: int) -> int | None:
    """How many different multisets of ``n`` documents a resample can be; None when huge."""
    if n <= 0:
        return 0
    count = math.comb(2 * n - 1, n)
    return count if count <= DISTINCT_LIMIT else None


def resample_blocks(matrix: np.ndarray, resamples: int, seed: int) -> Iterator[np.ndarray]:
    """``(block, columns)`` totals of consecutive resamples, ``BLOCK_CELLS`` at a time."""
    check_resamples(resamples)
    n, k = matrix.shape
    if resamples == 0:
        return
    if n == 0:
        yield np.zeros((resamples, k))
        return
    rng = np.random.default_rng(seed)
    block = max(1, min(resamples, BLOCK_RESAMPLES, BLOCK_CELLS // n))
    for lo in range(0, resamples, block):
        size = min(block, resamples - lo)
        draws = rng.integers(0, n, size=(size, n))
        offsets = (draws + n * np.arange(size)[:, None]).ravel()
        weights = np.bincount(offsets, minlength=size * n).reshape(size, n).astype(float)
        yield weights @ matrix


def resample_totals(matrix: np.ndarray, resamples: int, seed: int) -> np.ndarray:
    """``(resamples, columns)`` totals of ``resamples`` bootstrap resamples of the rows."""
    blocks = list(resample_blocks(matrix, resamples, seed))
    return np.concatenate(blocks) if blocks else np.zeros((0, matrix.shape[1]))


def bootstrap_map(
    matrix: np.ndarray, resamples: int, seed: int, reduce: Callable[[np.ndarray], dict[str, np.ndarray]]
) -> dict[str, np.ndarray]:
    """``reduce`` applied to each block of resampled totals, its arrays written into one
    preallocated ``(resamples,)`` array per key."""
    out: dict[str, np.ndarray] = {}
    done = 0
    for totals in resample_blocks(matrix, resamples, seed):
        for key, values in reduce(totals).items():
            if key not in out:
                out[key] = np.empty(resamples, dtype=float)
            out[key][done : done + len(totals)] = values
        done += len(totals)
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
