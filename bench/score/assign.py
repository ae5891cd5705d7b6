"""One-to-one optimal matching, the single primitive every layer of the scorer uses.

``best_pairs(weights)`` returns the pairs ``(row, col)`` of a one-to-one assignment that
maximises the total weight (``scipy.optimize.linear_sum_assignment``), keeping only pairs
with a positive weight. Two shortcuts avoid calling scipy when the answer is forced: no
positive weight at all, or at most one positive weight in every row and column.

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

from collections.abc import Sequence

import numpy as np
from scipy.optimize import linear_sum_assignment

Matrix = Sequence[Sequence[float]] | np.ndarray


def best_pairs(weights: Matrix) -> list[tuple[int, int]]:
    """Pairs of a maximum-weight one-to-one assignment, with positive weight, row-sorted."""
    rows = len(weights)
    if rows == 0:
        return []
    positive = [[j for j, w in enumerate(row) if w > 0] for row in weights]
    if not any(positive):
        return []
    cols_used = [j for row in positive for j in row]
    if all(len(row) <= 1 for row in positive) and len(cols_used) == len(set(cols_used)):
        return [(i, row[0]) for i, row in enumerate(positive) if row]
    matrix = np.asarray(weights, dtype=float)
    row_ind, col_ind = linear_sum_assignment(matrix, maximize=True)
    return [(int(i), int(j)) for i, j in zip(row_ind, col_ind) if matrix[i, j] > 0]


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
