"""The vectorised bootstrap equals a plain loop, is seeded, and its intervals behave."""

from __future__ import annotations

import numpy as np
import pytest

import bench.score.bootstrap as bootstrap
from bench.score.bootstrap import percentile_ci, resample_totals


def _naive(matrix: np.ndarray, resamples: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return np.stack([matrix[rng.integers(0, len(matrix), size=len(matrix))].sum(axis=0) for _ in range(resamples)])


def test_equals_the_naive_loop() -> None:
    matrix = np.random.default_rng(1).integers(0, 5, size=(37, 6)).astype(float)
    assert np.allclose(resample_totals(matrix, 50, 7), _naive(matrix, 50, 7))


def test_blocks_do_not_change_the_draws(monkeypatch) -> None:
    matrix = np.random.default_rng(2).random((20, 3))
    whole = resample_totals(matrix, 30, 0)
    monkeypatch.setattr(bootstrap, "BLOCK_CELLS", 45)  # two resamples per block
    assert np.allclose(resample_totals(matrix, 30, 0), whole)


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
