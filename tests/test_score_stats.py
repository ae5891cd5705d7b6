"""Score formulas from sufficient statistics, and the per-document table."""

from __future__ import annotations

import numpy as np
import pytest

from bench.score.fields import DEFAULT_FIELDS
from bench.score.stats import COLUMN, COLUMNS, StatsTable, accuracy, mean_defined, prf, scores_from_totals


def test_prf_by_hand() -> None:
    p, r, f = prf(np.array([3.0, 0, 0, 0, 2]), np.array([1.0, 0, 4, 0, 0]), np.array([2.0, 0, 0, 5, 0]))
    assert p.tolist() == pytest.approx([0.75, 1.0, 0.0, 0.0, 1.0])
    assert r.tolist() == pytest.approx([0.6, 1.0, 0.0, 0.0, 1.0])
    assert f.tolist() == pytest.approx([2 * 0.75 * 0.6 / 1.35, 1.0, 0.0, 0.0, 1.0])


def test_undefined_value_for_the_bootstrap() -> None:
    p, r, f = prf(np.array([0.0]), np.array([0.0]), np.array([0.0]), undefined=np.nan)
    assert np.isnan(p[0]) and np.isnan(r[0]) and np.isnan(f[0])


def test_accuracy_without_cases_is_undefined() -> None:
    assert np.isnan(accuracy(np.array(0.0), np.array(0.0))) and accuracy(np.array(1.0), np.array(4.0)) == 0.25


def _row(**stats: tuple) -> np.ndarray:
    row = np.zeros(len(COLUMNS))
    for metric, values in stats.items():
        metric = metric.replace("__", ".")
        first = COLUMN.get(f"{metric}.tp", COLUMN.get(f"{metric}.correct"))
        row[first : first + len(values)] = values
    return row


def test_headline_is_the_mean_of_the_four_field_f1s() -> None:
    # actor F1 1, location F1 0, count P 1/2 R 1 -> 2/3, attribution P = R = 1/2 -> 1/2
    totals = _row(actor=(2, 0, 0), location=(0, 1, 1), count=(1, 1, 0), attribution=(1, 1, 1))
    scores = scores_from_totals(totals)
    assert float(scores["overall"]["f1"]) == pytest.approx((1 + 0 + 2 / 3 + 1 / 2) / 4)
    assert float(scores["overall"]["precision"]) == pytest.approx((1 + 0 + 0.5 + 0.5) / 4)


def test_scores_vectorise_over_resamples() -> None:
    totals = np.stack([_row(actor=(1, 1, 0)), _row(actor=(2, 0, 2))])
    assert scores_from_totals(totals)["actor"]["f1"].tolist() == pytest.approx([2 / 3, 2 / 3])


def test_table_round_trips_through_json() -> None:
    matrix = np.stack([_row(actor=(1, 2, 3), span_partial=(0.25, 0.75, 1.75), modifier=(1, 2)), _row(count=(4, 0, 0))])
    table = StatsTable(("b", "a"), matrix)
    per_document = table.to_per_document()
    assert per_document["b"]["actor"] == {"tp": 1, "fp": 2, "fn": 3}
    assert per_document["b"]["span_partial"] == {"tp": 0.25, "fp": 0.75, "fn": 1.75}
    assert per_document["b"]["modifier"] == {"correct": 1, "total": 2}
    back = StatsTable.from_per_document(per_document)
    assert back.doc_ids == ("a", "b")
    assert np.array_equal(back.matrix, table.select(["a", "b"]).matrix)
    assert set(DEFAULT_FIELDS) <= set(per_document["a"])


def test_unknown_statistic_is_refused() -> None:
    with pytest.raises(ValueError):
        StatsTable.from_per_document({"a": {"actor": {"tq": 1}}})


def test_the_headline_averages_the_split_fields_that_are_defined() -> None:
    """Issue 9 item 7: an undefined field (nothing to find, nothing predicted) is left out."""
    totals = _row(actor=(2, 0, 0), count=(0, 1, 1))  # location and attribution undefined
    assert float(scores_from_totals(totals)["overall"]["f1"]) == pytest.approx(0.5)
    assert float(scores_from_totals(totals, fields=("actor",))["overall"]["f1"]) == 1.0
    nan = scores_from_totals(np.stack([totals, _row()]), np.nan)["overall"]["f1"]
    assert nan[0] == pytest.approx(0.5) and np.isnan(nan[1])


def test_mean_of_defined_values() -> None:
    out = mean_defined([np.array([1.0, np.nan, np.nan]), np.array([0.0, 0.5, np.nan])])
    assert out[0] == 0.5 and out[1] == 0.5 and np.isnan(out[2])


def test_table_keeps_its_fields_through_json() -> None:
    matrix = np.stack([_row(actor=(1, 0, 0), attribution=(3, 0, 0))])
    table = StatsTable(("a",), matrix, ("actor", "count"), span=False)
    per_document = table.to_per_document()
    assert "attribution" not in per_document["a"] and "span" not in per_document["a"]
    back = StatsTable.from_per_document(per_document, fields=("count", "actor"), span=False)
    assert back.fields == ("actor", "count") and back.matrix[0, COLUMN["actor.tp"]] == 1
