"""One-to-one matching is optimal (checked against brute force) and tie-breaks are lexicographic."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.score import assign
from bench.score.assign import best_pairs, max_matching


def _brute_force(weights: list[list[int]]) -> int:
    rows, cols = len(weights), len(weights[0]) if weights else 0
    best = 0
    for perm in itertools.permutations(range(max(rows, cols)), rows) if rows <= cols else []:
        best = max(best, sum(max(weights[i][j], 0) for i, j in enumerate(perm) if j < cols))
    if rows > cols:
        transposed = [list(col) for col in zip(*weights)]
        return _brute_force(transposed)
    return best


@settings(max_examples=300, deadline=None)
@given(
    st.integers(1, 5).flatmap(
        lambda r: st.integers(1, 5).flatmap(
            lambda c: st.lists(st.lists(st.integers(0, 4), min_size=c, max_size=c), min_size=r, max_size=r)
        )
    )
)
def test_best_pairs_is_optimal_and_one_to_one(weights) -> None:
    pairs = best_pairs(weights)
    assert len({i for i, _ in pairs}) == len(pairs) == len({j for _, j in pairs})
    assert all(weights[i][j] > 0 for i, j in pairs)
    assert sum(weights[i][j] for i, j in pairs) == _brute_force(weights)


def test_greedy_would_be_wrong() -> None:
    # row 0 fits both columns, row 1 only column 0: greedy (0, 0) loses row 1.
    assert sorted(max_matching([[True, True], [True, False]])) == [(0, 1), (1, 0)]


def test_tiebreak_never_costs_a_match() -> None:
    compatible = [[True, True], [True, False]]
    tiebreak = [[1, 0], [0, 0]]  # (0, 0) is "nicer" but would leave row 1 unmatched
    assert sorted(max_matching(compatible, tiebreak)) == [(0, 1), (1, 0)]


def test_tiebreak_chooses_among_maximum_matchings() -> None:
    compatible = [[True, True], [True, True]]
    assert sorted(max_matching(compatible, [[0, 1], [1, 0]])) == [(0, 1), (1, 0)]
    assert sorted(max_matching(compatible, [[1, 0], [0, 1]])) == [(0, 0), (1, 1)]


def test_empty_inputs() -> None:
    assert best_pairs([]) == [] and max_matching([[False]]) == [] and best_pairs([[0, 0]]) == []


def test_the_cheaply_loaded_solver_is_scipys() -> None:
    from scipy.optimize import linear_sum_assignment

    solve = assign.solver()
    rng = np.random.default_rng(0)
    for shape in [(1, 1), (2, 3), (3, 2), (5, 5), (4, 9)]:
        for _ in range(20):
            matrix = rng.integers(0, 4, size=shape).astype(float)  # small integers: many ties
            for maximize in (True, False):
                ours, theirs = solve(matrix, maximize=maximize), linear_sum_assignment(matrix, maximize=maximize)
                assert all(np.array_equal(a, b) for a, b in zip(ours, theirs))


def test_a_matching_that_needs_the_solver_does_not_import_scipy_optimize() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from bench.score.assign import best_pairs; "
        "assert best_pairs([[3, 2], [2, 0]]) == [(0, 1), (1, 0)]; "
        "print('scipy.optimize' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"  # the cheap load, not the 0.4 s package import


def test_without_the_extension_module_the_public_import_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.machinery

    from scipy.optimize import linear_sum_assignment

    assign.solver.cache_clear()
    monkeypatch.setattr(importlib.machinery, "EXTENSION_SUFFIXES", [".no-such-suffix"])
    try:
        assert assign.solver() is linear_sum_assignment
        assert assign.best_pairs([[1, 1], [1, 0]]) == [(0, 1), (1, 0)]
    finally:
        assign.solver.cache_clear()
