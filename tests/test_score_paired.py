"""Paired bootstrap test of two systems."""

from __future__ import annotations

import numpy as np
import pytest

from bench.score.paired import paired_bootstrap
from bench.score.stats import COLUMN, COLUMNS, StatsTable


def _table(doc_ids, actor_rows) -> StatsTable:
    matrix = np.zeros((len(doc_ids), len(COLUMNS)))
    i = COLUMN["actor.tp"]
    matrix[:, i : i + 3] = actor_rows
    return StatsTable(tuple(doc_ids), matrix)


DOCS = [f"d{i}" for i in range(30)]


def test_identical_systems() -> None:
    a = _table(DOCS, [[1, 1, 1]] * 30)
    out = paired_bootstrap(a, a, resamples=200, seed=0)
    assert out["actor"]["delta"] == 0 and out["actor"]["p_value"] == 1.0
    assert out["actor"]["ci"] == [0.0, 0.0]


def test_clearly_better_system() -> None:
    a = _table(DOCS, [[0, 2, 2]] * 30)
    b = _table(DOCS, [[2, 0, 0]] * 15 + [[1, 1, 1]] * 15)
    out = paired_bootstrap(a, b, resamples=500, seed=0)
    assert out["actor"]["a"] == 0.0 and out["actor"]["b"] == pytest.approx(0.75)
    assert out["actor"]["delta"] == pytest.approx(0.75)
    assert out["actor"]["p_value"] < 0.01
    assert 0.5 < out["actor"]["ci"][0] <= out["actor"]["ci"][1] <= 1.0


def test_document_order_does_not_matter() -> None:
    a = _table(DOCS, [[i % 3, 1, 0] for i in range(30)])
    b = _table(DOCS, [[1, i % 2, 1] for i in range(30)])
    shuffled = b.select(list(reversed(DOCS)))
    assert paired_bootstrap(a, b, resamples=100, seed=1) == paired_bootstrap(a, shuffled, resamples=100, seed=1)


def test_different_documents_are_refused() -> None:
    with pytest.raises(ValueError, match="different documents"):
        paired_bootstrap(_table(["a"], [[1, 0, 0]]), _table(["b"], [[1, 0, 0]]), resamples=10, seed=0)


def test_tables_scoring_different_fields_are_refused() -> None:
    a = _table(DOCS, [[1, 1, 1]] * 30)
    b = StatsTable(a.doc_ids, a.matrix, fields=("actor",))
    with pytest.raises(ValueError, match="different fields"):
        paired_bootstrap(a, b, resamples=10)


def test_the_smallest_p_value_is_one_over_resamples_plus_one() -> None:
    from bench.score.paired import min_p_value

    a, b = _table(DOCS, [[0, 2, 2]] * 30), _table(DOCS, [[2, 0, 0]] * 30)
    assert paired_bootstrap(a, b, resamples=99, seed=0)["actor"]["p_value"] == min_p_value(99) == 0.01
