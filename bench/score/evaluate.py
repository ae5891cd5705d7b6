"""``evaluate``: gold + knowledge base + predictions -> ``Results`` (scores, intervals, signature).

Steps: validate the predictions (dicts are checked like a file; typed predictions must
cover the split exactly); reduce every document to a row of sufficient statistics
(``bench.score.document`` for the event layers, ``bench.score.spans`` for the span layer);
compute every score from the column totals (``bench.score.stats``); bootstrap documents
for 95% intervals (``bench.score.bootstrap``); sign the result (``bench.score.signature``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from bench import __version__
from bench.data.model import Document, KBEntry
from bench.data.problems import Problem, ProblemsError
from bench.predictions.model import PredDocument
from bench.predictions.validate import validate_records
from bench.score.bootstrap import bootstrap_map, check_resamples, distinct_resamples, percentile_ci
from bench.score.ceaf import document_stats as ceaf_document_stats
from bench.score.document import score_events
from bench.score.fields import DEFAULT_FIELDS, FIELD_SPECS, FIELDS
from bench.score.items import entity_names
from bench.score.signature import content_hash, make_signature
from bench.score.spans import gold_mentions, pred_mentions, span_errors, span_stats
from bench.score.stats import (
    ACCURACY_METRICS,
    CEAF_METRICS,
    COLUMN,
    COLUMNS,
    PRF_METRICS,
    SPAN_TYPES,
    StatsTable,
    reported_metrics,
    scores_from_totals,
)
from bench.splits import CUSTOM, Split

HEADLINE = "overall"
SPAN_KEYS: tuple[str, ...] = (
    "span",
    *(f"span.{t}" for t in SPAN_TYPES),
    "span_partial",
    *(f"span_partial.{t}" for t in SPAN_TYPES),
)
SCORE_KEYS: tuple[str, ...] = (*DEFAULT_FIELDS, HEADLINE, *SPAN_KEYS)
Predictions = Sequence[PredDocument] | Sequence[Mapping[str, Any]]


def score_keys(fields: Sequence[str] = DEFAULT_FIELDS, span: bool = True) -> tuple[str, ...]:
    """The ``scores`` a split reports: its fields, the headline, the span layer if annotated."""
    return (*(f for f in FIELDS if f in fields), HEADLINE, *(SPAN_KEYS if span else ()))


def _clean(x: Any) -> float | None:
    value = float(x)
    return None if math.isnan(value) else value


@dataclass
class Results:
    """Everything one evaluation produces; ``to_json`` is the results file."""

    signature: str
    gold_hash: str
    split: str
    scores: dict[str, dict[str, Any]]
    diagnostics: dict[str, Any]
    stats: StatsTable
    resamples: int
    seed: int
    errors: dict[str, Any] | None = None
    harness_version: str = __version__

    @property
    def headline(self) -> float:
        return float(self.scores[HEADLINE]["f1"])

    def to_json(self) -> dict[str, Any]:
        n = len(self.stats.doc_ids)
        out: dict[str, Any] = {
            "signature": self.signature,
            "harness_version": self.harness_version,
            "gold_hash": self.gold_hash,
            "split": self.split,
            "scored": {"fields": list(self.stats.fields), "span": self.stats.span},
            "headline": self.headline,
            "scores": self.scores,
            "diagnostics": self.diagnostics,
            "per_document": self.stats.to_per_document(),
            "bootstrap": {
                "resamples": self.resamples,
                "seed": self.seed,
                "confidence": 0.95,
                "method": "percentile",
                "documents": n,
                "distinct_resamples": distinct_resamples(n),
            },
        }
        if self.errors is not None:
            out["errors"] = self.errors
        return out


def _coerce(gold: Sequence[Document], predictions: Predictions) -> list[PredDocument]:
    items = list(predictions)
    if any(not isinstance(p, PredDocument) for p in items):
        return validate_records(items, gold, "<predictions>")  # type: ignore[arg-type]
    typed = [p for p in items if isinstance(p, PredDocument)]
    by_id: dict[str, PredDocument] = {}
    problems = []
    for n, pred in enumerate(typed, 1):
        if pred.doc_id in by_id:
            problems.append(Problem("<predictions>", pred.doc_id, "doc_id", "duplicate document", line=n))
        by_id[pred.doc_id] = pred
    known = {d.doc_id for d in gold}
    problems += [
        Problem("<predictions>", d, "doc_id", "unknown document: not in the gold split")
        for d in by_id
        if d not in known
    ]
    problems += [
        Problem(
            "<predictions>", d.doc_id, "doc_id", "missing: the gold split has this document, the predictions do not"
        )
        for d in gold
        if d.doc_id not in by_id
    ]
    if problems:
        raise ProblemsError(problems)
    return [by_id[d.doc_id] for d in gold]


def statistics(
    gold: Sequence[Document],
    kb: Mapping[str, KBEntry],
    preds: Sequence[PredDocument],
    *,
    detail: bool = False,
    fields: Sequence[str] = DEFAULT_FIELDS,
    span: bool = True,
) -> tuple[StatsTable, dict[str, Any] | None]:
    """The statistics table and, if asked, the per-document errors.

    Rows are in doc_id order, whatever the order of ``gold``: the bootstrap draws rows by
    position, so this keeps intervals independent of the order of the split file.
    ``fields`` and ``span`` are what the split has gold for; other statistics stay 0.
    """
    fields = tuple(f for f in FIELDS if f in fields)
    order = sorted(range(len(gold)), key=lambda i: gold[i].doc_id)
    gold, preds = [gold[i] for i in order], [preds[i] for i in order]
    matrix = np.zeros((len(gold), len(COLUMNS)))
    errors: dict[str, Any] = {}
    for row, (doc, pred) in enumerate(zip(gold, preds)):
        names = entity_names(doc, kb)
        stats, found = score_events(doc, pred, names, fields=fields, detail=detail)
        if {"actor", "location"} <= set(fields):
            stats.update(ceaf_document_stats(doc, pred, kb))
        for metric, values in stats.items():
            start = COLUMN[f"{metric}.tp"] if metric in PRF_METRICS else COLUMN[f"{metric}.correct"]
            matrix[row, start : start + len(values)] = values
        if found is not None:
            if span:
                found["span"] = span_errors(doc.text, gold_mentions(doc), pred_mentions(pred))
            events = found["events"]
            if (
                any(found[k]["missed"] or found[k]["spurious"] for k in (*fields, *(("span",) if span else ())))
                or events["unaligned_gold"]
                or events["unaligned_predicted"]
                or any(p["type"] != p["gold_type"] for p in events["aligned"])
            ):
                errors[doc.doc_id] = found
    if span:
        strict, partial = span_stats(gold, preds)
        for layer, layer_stats in (("span", strict), ("span_partial", partial)):
            for k, kind in enumerate(SPAN_TYPES):
                start = COLUMN[f"{layer}.{kind}.tp"]
                matrix[:, start : start + 3] = layer_stats[:, k, :]
            start = COLUMN[f"{layer}.tp"]
            matrix[:, start : start + 3] = layer_stats.sum(axis=1)
    table = StatsTable(tuple(d.doc_id for d in gold), matrix, fields, span)
    return table, (errors if detail else None)


def _summarise(point: dict, boot: dict | None, metric: str, table: StatsTable) -> dict[str, Any]:
    totals = table.totals()

    def ci(key: str) -> list[float] | None:
        return percentile_ci(boot[f"{metric}/{key}"]) if boot else None

    if metric in ACCURACY_METRICS:
        i = COLUMN[f"{metric}.correct"]
        return {
            "accuracy": _clean(point[metric]["accuracy"]),
            "ci": ci("accuracy"),
            "correct": int(totals[i]),
            "total": int(totals[i + 1]),
        }
    out: dict[str, Any] = {key: float(point[metric][key]) for key in ("precision", "recall", "f1")}
    out["ci"], out["precision_ci"], out["recall_ci"] = ci("f1"), ci("precision"), ci("recall")
    if metric in PRF_METRICS:
        i = COLUMN[f"{metric}.tp"]
        out.update(
            {
                k: float(totals[i + n]) if metric.startswith("span_partial") else int(totals[i + n])
                for n, k in enumerate(("tp", "fp", "fn"))
            }
        )
    return out


def _per_document(table: StatsTable) -> dict[str, dict[str, float | None]]:
    scores = scores_from_totals(table.matrix, np.nan, fields=table.fields)
    keys = (*table.fields, HEADLINE, *(("span", "span_partial") if table.span else ()))
    return {doc_id: {k: _clean(scores[k]["f1"][r]) for k in keys} for r, doc_id in enumerate(table.doc_ids)}


def summarise(table: StatsTable, *, bootstrap: int, seed: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """``(scores, diagnostics)`` of a statistics table, with bootstrap intervals.

    Resamples are reduced block by block to the reported scores (``bootstrap_map``).
    """
    check_resamples(bootstrap)
    fields = table.fields
    point = scores_from_totals(table.totals(), fields=fields)
    prf_metrics, accuracies = reported_metrics(fields, table.span)
    wanted = [(m, k) for m in (*prf_metrics, HEADLINE, "collapsed.overall") for k in ("precision", "recall", "f1")]
    wanted += [(m, "accuracy") for m in accuracies]

    def reduce(totals: np.ndarray) -> dict[str, np.ndarray]:
        scores = scores_from_totals(totals, np.nan, fields=fields)
        return {f"{m}/{k}": scores[m][k] for m, k in wanted}

    boot = bootstrap_map(table.matrix, bootstrap, seed, reduce) if bootstrap and len(table.doc_ids) else None
    scores = {metric: _summarise(point, boot, metric, table) for metric in score_keys(fields, table.span)}
    diagnostics: dict[str, Any] = {
        "collapsed": {name: _summarise(point, boot, f"collapsed.{name}", table) for name in (*fields, HEADLINE)},
        "events": _summarise(point, boot, "events", table),
        **(
            {"ceaf_ree": {m.partition(".")[2] or "micro": _summarise(point, boot, m, table) for m in CEAF_METRICS}}
            if CEAF_METRICS[0] in prf_metrics
            else {}
        ),
        **{name: _summarise(point, boot, name, table) for name in accuracies},
        "documents": len(table.doc_ids),
        "per_document": _per_document(table),
    }
    return scores, diagnostics


def evaluate(
    gold_docs: Sequence[Document],
    kb: Mapping[str, KBEntry],
    predictions: Predictions,
    *,
    bootstrap: int = 1000,
    seed: int = 0,
    gold_hash: str | None = None,
    errors: bool = False,
    split: Split | None = None,
) -> Results:
    """Score ``predictions`` against ``gold_docs``.

    ``predictions`` are ``PredDocument`` objects or JSON-like dicts (validated here; raises
    ``ProblemsError`` if invalid). ``gold_hash`` is the hash of the gold files when known
    (``bench.data.load.gold_hash``); otherwise it is computed from the objects. With
    ``errors=True`` the results carry, per document, the missed and spurious items.
    ``split`` (``bench.splits``) names the split in the signature and says what is scored:
    only its fields (the headline is their mean) and the span layer only when annotated;
    without it the gold is the split ``custom@-``, scored on every field and the span
    layer. ``bootstrap`` is at most ``bench.score.bootstrap.MAX_RESAMPLES`` (else
    ``ValueError``).
    """
    check_resamples(bootstrap)
    preds = _coerce(gold_docs, predictions)
    fields = split.fields if split is not None else DEFAULT_FIELDS
    unknown = [f for f in fields if f not in FIELD_SPECS]
    if unknown:
        raise ValueError(f"split {split.label if split else '-'} lists fields the scorer does not define: {unknown}")
    span = split.span if split is not None else True
    table, found = statistics(gold_docs, kb, preds, detail=errors, fields=fields, span=span)
    scores, diagnostics = summarise(table, bootstrap=bootstrap, seed=seed)
    digest = gold_hash or content_hash(gold_docs, kb)
    label = split.label if split is not None else f"{CUSTOM}@-"
    return Results(
        signature=make_signature(digest, bootstrap, seed, split=label),
        gold_hash=digest,
        split=label,
        scores=scores,
        diagnostics=diagnostics,
        stats=table,
        resamples=bootstrap,
        seed=seed,
        errors=found,
    )
