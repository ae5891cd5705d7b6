"""One-to-one optimal matching, the single primitive every layer of the scorer uses.

``best_pairs(weights)`` returns the pairs ``(row, col)`` of a one-to-one assignment that
maximises the total weight (``scipy.optimize.linear_sum_assignment``), keeping only pairs
with a positive weight. Two shortcuts avoid calling scipy when the answer is forced: no
positive weight at all, or at most one positive weight in every row and column. scipy's
solver is loaded on the first call that needs it (``solver``), not when this module is imported.

Callers encode preferences lexicographically in integer weights: to maximise first the
number of matches and then a tie-break score ``t`` (with ``0 <= t < K`` summed over any
matching), give a compatible pair the weight ``K + t``. Results do not depend on the order
of rows and columns as long as callers sort their items canonically first (they do), since
``linear_sum_assignment`` is deterministic for a given matrix.

>>> best_pairs([[1, 1], [1, 0]])
[(0, 1), (1, 0)]
>>> best_pairs([[0, 0], [0, 0]])
[]
"""

from __future__ import annotations

import functools
import importlib.machinery
import importlib.util
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import cast

import numpy as np

Matrix = Sequence[Sequence[float]] | np.ndarray


def best_pairs(weights: Matrix) -> list[tuple[int, int]]:
    """Pairs of a maximum-weight one-to-one assignment, with positive weight, row-sorted."""
    if isinstance(weights, np.ndarray):
        matrix = weights.astype(float, copy=False)
        if matrix.size == 0:
            return []
        positive = matrix > 0
        if not positive.any():
            return []
        if (positive.sum(axis=1) <= 1).all() and (positive.sum(axis=0) <= 1).all():
            row_ind, col_ind = np.nonzero(positive)
            return [(int(i), int(j)) for i, j in zip(row_ind, col_ind)]
    else:
        rows = len(weights)
        if rows == 0:
            return []
        lists = [[j for j, w in enumerate(row) if w > 0] for row in weights]
        if not any(lists):
            return []
        cols_used = [j for row in lists for j in row]
        if all(len(row) <= 1 for row in lists) and len(cols_used) == len(set(cols_used)):
            return [(i, row[0]) for i, row in enumerate(lists) if row]
        matrix = np.asarray(weights, dtype=float)
    row_ind, col_ind = _solve(matrix)
    return sorted((int(i), int(j)) for i, j in zip(row_ind, col_ind) if matrix[i, j] > 0)


def _solve(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return solver()(matrix, maximize=True)


@functools.cache
def solver() -> Callable[..., tuple[np.ndarray, np.ndarray]]:
    """scipy's ``linear_sum_assignment``, loaded cheaply.

    ``import scipy.optimize`` costs about 0.4 s (it imports every solver and rewrites their
    docstrings): a third of a cold ``bench eval``. The function itself is the extension module
    ``scipy.optimize._lsap``, which is loaded here straight from scipy's folder (the same
    compiled code, ~0.03 s). Where that module is not found or does not load, the public import
    is used: the result is the same, only slower.
    """
    try:
        import scipy

        folder = Path(scipy.__file__).parent / "optimize"
        for suffix in importlib.machinery.EXTENSION_SUFFIXES:
            path = folder / f"_lsap{suffix}"
            spec = importlib.util.spec_from_file_location("scipy.optimize._lsap", path) if path.is_file() else None
            if spec is not None and spec.loader is not None:
                module = importlib.util.module_from_spec(spec)
                spec.loader.exec_module(module)
                return cast(Callable[..., tuple[np.ndarray, np.ndarray]], module.linear_sum_assignment)
    except (ImportError, OSError, AttributeError, TypeError):
        pass
    from scipy.optimize import linear_sum_assignment

    return linear_sum_assignment


def max_matching(
    compatible: Sequence[Sequence[bool]], tiebreak: Sequence[Sequence[int]] | None = None
) -> list[tuple[int, int]]:
    """A maximum-cardinality one-to-one matching of a boolean compatibility matrix.

    With ``tiebreak`` (non-negative integers), among the maximum matchings the one with the
    largest total tie-break is chosen.
    """
    if tiebreak is None:
        return best_pairs([[1 if c else 0 for c in row] for row in compatible])
    rows = len(compatible)
    cols = len(compatible[0]) if rows else 0
    big = (max((max(r) for r in tiebreak), default=0) + 1) * (min(rows, cols) + 1)
    return best_pairs([[big + t if c else 0 for c, t in zip(crow, trow)] for crow, trow in zip(compatible, tiebreak)])
