"""Sufficient statistics: per-document counts from which every score is computed.

As in sacrebleu, scoring is split in two: each document is reduced once to a row of
numbers (true positives, false positives and false negatives per field; correct and total
for accuracies), and every score - the point estimate, each bootstrap resample, each side
of a paired test - is computed from sums of rows. Resampling documents is then a weighted
sum of rows, which is why the bootstrap is cheap.

Conventions: precision is ``tp / (tp + fp)`` and 0 when nothing was predicted; recall is
``tp / (tp + fn)`` and 0 when there is nothing to find; F1 is their harmonic mean (0 when
both are 0). A score with nothing to find *and* nothing predicted (tp = fp = fn = 0) is
**undefined**:
- it is left out of every mean: the headline is the unweighted mean of the F1s of the
  split's fields that are defined (its precision and recall the means of their precisions
  and recalls), so a field a document or a resample has no items for neither inflates nor
  deflates it; the headline is undefined only when every field is;
- in per-document scores it is ``None`` (JSON null); in bootstrap resamples it is NaN and
  the resample is left out of that score's interval (otherwise a resample drawing only
  documents without gold events would give a system that predicts nothing a perfect
  score) - but not out of the headline's, which uses the fields that are defined;
- for the whole split it is reported as P = R = F1 = 1 (the table shows "-"); on a
  registered split this cannot happen for its fields, which all have gold.
An accuracy with no cases is undefined (``None`` in JSON) and likewise left out.

>>> p, r, f = prf(np.array(3.0), np.array(1.0), np.array(2.0))
>>> float(p), float(r), round(float(f), 4)
(0.75, 0.6, 0.6667)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from bench.score.fields import DEFAULT_FIELDS, FIELDS, GRADE_DIAGNOSTICS

SPAN_TYPES: tuple[str, ...] = ("PERSON", "GROUP", "LOCATION", "COUNT")
CEAF_METRICS: tuple[str, ...] = ("ceaf.actor", "ceaf.location", "ceaf")  # CEAF-REE diagnostic (bench.score.ceaf)
PRF_METRICS: tuple[str, ...] = (
    *FIELDS,
    "span",
    *(f"span.{t}" for t in SPAN_TYPES),
    "span_partial",
    *(f"span_partial.{t}" for t in SPAN_TYPES),
    *(f"collapsed.{f}" for f in FIELDS),
    "events",
    *CEAF_METRICS,
)
ACCURACY_METRICS: tuple[str, ...] = ("event_type", *GRADE_DIAGNOSTICS)
SPAN_METRICS: tuple[str, ...] = tuple(m for m in PRF_METRICS if m.startswith("span"))
PRF_KEYS: tuple[str, ...] = ("tp", "fp", "fn")
ACCURACY_KEYS: tuple[str, ...] = ("correct", "total")
COLUMNS: tuple[str, ...] = (
    *(f"{m}.{k}" for m in PRF_METRICS for k in PRF_KEYS),
    *(f"{m}.{k}" for m in ACCURACY_METRICS for k in ACCURACY_KEYS),
)
COLUMN: dict[str, int] = {name: i for i, name in enumerate(COLUMNS)}


def prf(
    tp: np.ndarray, fp: np.ndarray, fn: np.ndarray, undefined: float = 1.0
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Precision, recall and F1, elementwise, with the conventions of the module docstring.

    ``undefined`` is the value when ``tp + fp + fn == 0`` (1; the bootstrap passes NaN).
    """
    tp, fp, fn = (np.asarray(x, dtype=float) for x in (tp, fp, fn))
    with np.errstate(divide="ignore", invalid="ignore"):
        precision = np.where(tp + fp > 0, tp / (tp + fp), 0.0)
        recall = np.where(tp + fn > 0, tp / (tp + fn), 0.0)
        f1 = np.where(precision + recall > 0, 2 * precision * recall / (precision + recall), 0.0)
    empty = (tp + fp + fn) == 0
    return np.where(empty, undefined, precision), np.where(empty, undefined, recall), np.where(empty, undefined, f1)


def accuracy(correct: np.ndarray, total: np.ndarray) -> np.ndarray:
    correct, total = np.asarray(correct, dtype=float), np.asarray(total, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(total > 0, correct / total, np.nan)


def mean_defined(parts: Sequence[np.ndarray]) -> np.ndarray:
    """Elementwise mean of the non-NaN values of ``parts``; NaN where all are NaN."""
    stack = np.stack([np.asarray(p, dtype=float) for p in parts])
    defined = ~np.isnan(stack)
    count = defined.sum(axis=0)
    total = np.where(defined, stack, 0.0).sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(count > 0, total / np.maximum(count, 1), np.nan)


def scores_from_totals(
    totals: np.ndarray, undefined: float = 1.0, *, fields: Sequence[str] = DEFAULT_FIELDS
) -> dict[str, dict[str, np.ndarray]]:
    """Every score from summed statistics; ``totals`` has shape ``(..., len(COLUMNS))``.

    ``fields`` are the split's fields: the headline (``overall``, and ``collapsed.overall``)
    is the mean over those that are defined. ``undefined`` replaces undefined P/R/F1 (NaN
    keeps them undefined).
    """
    raw: dict[str, dict[str, np.ndarray]] = {}
    for metric in PRF_METRICS:
        i = COLUMN[f"{metric}.tp"]
        p, r, f = prf(totals[..., i], totals[..., i + 1], totals[..., i + 2], np.nan)
        raw[metric] = {"precision": p, "recall": r, "f1": f}
    for prefix in ("", "collapsed."):
        parts = [raw[prefix + name] for name in fields]
        raw[prefix + "overall"] = {k: mean_defined([part[k] for part in parts]) for k in ("precision", "recall", "f1")}
    out = {m: {k: np.where(np.isnan(v), undefined, v) for k, v in d.items()} for m, d in raw.items()}
    for metric in ACCURACY_METRICS:
        i = COLUMN[f"{metric}.correct"]
        out[metric] = {"accuracy": accuracy(totals[..., i], totals[..., i + 1])}
    return out


def reported_metrics(
    fields: Sequence[str] = DEFAULT_FIELDS, span: bool = True
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The PRF and accuracy metrics a split reports: its fields (and their collapsed
    variants), the span layer when annotated, events; event type and the grade
    diagnostics whose field it has."""
    prf_metrics = (
        *(f for f in FIELDS if f in fields),
        *(SPAN_METRICS if span else ()),
        *(f"collapsed.{f}" for f in FIELDS if f in fields),
        "events",
        *(CEAF_METRICS if {"actor", "location"} <= set(fields) else ()),
    )
    accuracies = ("event_type", *(d for d, (_, _, needs) in GRADE_DIAGNOSTICS.items() if needs in fields))
    return prf_metrics, accuracies


def _number(x: float) -> Any:
    return int(x) if float(x).is_integer() else float(x)


@dataclass
class StatsTable:
    """One row of ``COLUMNS`` per document: the sufficient statistics of a whole run."""

    doc_ids: tuple[str, ...]
    matrix: np.ndarray  # shape (len(doc_ids), len(COLUMNS)), float64
    fields: tuple[str, ...] = DEFAULT_FIELDS  # the split's fields: what the headline averages
    span: bool = True  # whether the split's span layer is annotated (and reported)

    def totals(self) -> np.ndarray:
        return self.matrix.sum(axis=0)

    def row(self, doc_id: str) -> dict[str, dict[str, Any]]:
        values = self.matrix[self.doc_ids.index(doc_id)]
        return _row_dict(values, *reported_metrics(self.fields, self.span))

    def to_per_document(self) -> dict[str, dict[str, dict[str, Any]]]:
        """``{doc_id: {metric: {"tp", "fp", "fn"} or {"correct", "total"}}}`` for the results JSON
        (the reported metrics only)."""
        metrics = reported_metrics(self.fields, self.span)
        return {doc_id: _row_dict(values, *metrics) for doc_id, values in zip(self.doc_ids, self.matrix)}

    @classmethod
    def from_per_document(
        cls,
        per_document: Mapping[str, Mapping[str, Mapping[str, Any]]],
        *,
        fields: Sequence[str] = DEFAULT_FIELDS,
        span: bool = True,
    ) -> StatsTable:
        """Rebuild the table from a results JSON's ``per_document`` (for ``bench compare``);
        statistics a results file does not list are 0."""
        doc_ids = tuple(sorted(per_document))
        matrix = np.zeros((len(doc_ids), len(COLUMNS)))
        for r, doc_id in enumerate(doc_ids):
            for metric, values in per_document[doc_id].items():
                for key, value in values.items():
                    column = COLUMN.get(f"{metric}.{key}")
                    if column is None:
                        raise ValueError(f"{doc_id}: unknown statistic {metric}.{key}")
                    matrix[r, column] = float(value)
        return cls(doc_ids, matrix, tuple(f for f in FIELDS if f in fields), span)

    def select(self, doc_ids: Sequence[str]) -> StatsTable:
        """The rows of ``doc_ids``, in that order (raises ``KeyError`` for an unknown id)."""
        where = {d: i for i, d in enumerate(self.doc_ids)}
        return StatsTable(tuple(doc_ids), self.matrix[[where[d] for d in doc_ids]], self.fields, self.span)


def _row_dict(
    values: np.ndarray, prf_metrics: Sequence[str] = PRF_METRICS, accuracies: Sequence[str] = ACCURACY_METRICS
) -> dict[str, dict[str, Any]]:
    row: dict[str, dict[str, Any]] = {}
    for metric in prf_metrics:
        i = COLUMN[f"{metric}.tp"]
        row[metric] = {k: _number(values[i + n]) for n, k in enumerate(PRF_KEYS)}
    for metric in accuracies:
        i = COLUMN[f"{metric}.correct"]
        row[metric] = {k: _number(values[i + n]) for n, k in enumerate(ACCURACY_KEYS)}
    return row
