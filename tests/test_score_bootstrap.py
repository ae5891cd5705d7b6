"""The vectorised bootstrap equals a plain loop, is seeded, and its intervals behave."""

from __future__ import annotations

import numpy as np
import pytest

import bench.score.bootstrap as bootstrap
from bench.score.bootstrap import (
    MAX_RESAMPLES,
    bootstrap_map,
    check_resamples,
    distinct_resamples,
    percentile_ci,
    resample_totals,
)


def _naive(matrix: np.ndarray, resamples: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return np.stack([matrix[rng.integers(0, len(matrix), size=len(matrix))].sum(axis=0) for _ in range(resamples)])


def test_equals_the_naive_loop() -> None:
    matrix = np.random.default_rng(1).integers(0, 5, size=(37, 6)).astype(float)
    assert np.allclose(resample_totals(matrix, 50, 7), _naive(matrix, 50, 7))


def test_blocks_do_not_change_the_draws(monkeypatch) -> None:
    # the scorer's statistics: integers and multiples of 2^-20, whose sums are exact in any order
    matrix = np.random.default_rng(2).integers(0, 5 * 2**20, size=(20, 3)) / 2**20
    whole = resample_totals(matrix, 30, 0)
    for cells in (20, 45, 199, 10**7):  # 1, 2, 9 resamples per block, all at once
        monkeypatch.setattr(bootstrap, "BLOCK_CELLS", cells)
        assert np.array_equal(resample_totals(matrix, 30, 0), whole)


def test_seeded() -> None:
    matrix = np.arange(40.0).reshape(20, 2)
    assert np.array_equal(resample_totals(matrix, 10, 3), resample_totals(matrix, 10, 3))
    assert not np.array_equal(resample_totals(matrix, 10, 3), resample_totals(matrix, 10, 4))


def test_each_resample_draws_n_documents() -> None:
    matrix = np.ones((13, 1))
    assert resample_totals(matrix, 25, 0)[:, 0].tolist() == [13.0] * 25


def test_percentile_interval() -> None:
    samples = np.arange(1001.0)
    assert percentile_ci(samples) == pytest.approx([25.0, 975.0])
    assert percentile_ci(np.array([np.nan, 2.0, np.nan])) == [2.0, 2.0]
    assert percentile_ci(np.array([np.nan])) is None


def test_no_documents_or_no_resamples() -> None:
    assert resample_totals(np.zeros((0, 3)), 5, 0).shape == (5, 3)
    assert resample_totals(np.ones((4, 3)), 0, 0).shape == (0, 3)


def test_the_number_of_resamples_is_bounded() -> None:
    check_resamples(0)
    check_resamples(MAX_RESAMPLES)
    for bad in (-1, MAX_RESAMPLES + 1):
        with pytest.raises(ValueError, match=str(MAX_RESAMPLES)):
            check_resamples(bad)
    with pytest.raises(ValueError):
        resample_totals(np.ones((3, 1)), MAX_RESAMPLES + 1, 0)


def test_distinct_resamples() -> None:
    # multisets of n documents out of n: C(2n - 1, n); checked by enumeration for small n
    import itertools

    for n in range(1, 6):
        assert distinct_resamples(n) == len(list(itertools.combinations_with_replacement(range(n), n)))
    assert distinct_resamples(5) == 126 and distinct_resamples(0) == 0 and distinct_resamples(100) is None


def test_map_reduces_block_by_block(monkeypatch) -> None:
    matrix = np.random.default_rng(3).integers(0, 4, size=(11, 2)).astype(float)
    monkeypatch.setattr(bootstrap, "BLOCK_CELLS", 11 * 3)  # three resamples per block
    seen = []

    def reduce(totals):
        seen.append(len(totals))
        return {"first": totals[:, 0]}

    out = bootstrap_map(matrix, 10, 1, reduce)
    assert seen == [3, 3, 3, 1]
    assert np.array_equal(out["first"], resample_totals(matrix, 10, 1)[:, 0])
