"""Event alignment: which predicted event is scored against which gold event.

Within a document, predicted and gold events are aligned one-to-one. Among all one-to-one
alignments the scorer takes the lexicographically best by these sums over aligned pairs,
in this order:

1. matched field items, summed over the split's fields (SPEC 3.2);
2. pairs with the same event type (the type never blocks alignment);
3. the true positives of each field in turn, in the fixed field order (actor, location,
   count, attribution; the last field is implied by 1 and the others);
4. matched counts with equal modifiers, then matched counts with the right source (the
   diagnostics' grades, when their fields are scored);
5. aligned pairs.

A pair with no matched item is never aligned. Two alignments equal on all of these give
every score and diagnostic the same value, so no score depends on event ids, entity ids
or the order of anything; what is left (which of two interchangeable events is named in
an error report) is decided by the content order of the events (``content_key``). Events
left unaligned contribute all their items as false positives (predicted) or false
negatives (gold).

The criteria are encoded as one integer weight per pair, in mixed radix (each level's
radix exceeds the largest sum that level can reach), and solved by
``linear_sum_assignment`` separately for each connected group of events that share
items. The weights are exact in double precision up to 2^53; for a group so large that
the full encoding would not fit (hundreds of events sharing items), the lowest levels
are dropped from the bottom until it fits, and the content order settles what they
would have.

>>> from bench.score.assign import best_pairs
>>> best_pairs([[3 * 3 + 1, 0], [2 * 3 + 0, 1 * 3 + 1]])  # weights = items * K + same type
[(0, 0), (1, 1)]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components

from bench.score.assign import best_pairs
from bench.score.fields import FIELD_SPECS, FIELDS, GRADE_DIAGNOSTICS, kinds_of
from bench.score.items import GoldEvent, Names, PredItems
from bench.score.pairs import Edges, pair_edges

EXACT_LIMIT = 2**53


@dataclass
class Alignment:
    """Aligned ``(pred, gold)`` positions into the canonical lists, with each pair's statistics."""

    preds: list[PredItems]
    golds: list[GoldEvent]
    pairs: list[tuple[int, int]]
    stats: dict[tuple[int, int], dict[str, int]]


def canonical(preds: Sequence[PredItems], golds: Sequence[GoldEvent]) -> tuple[list[PredItems], list[GoldEvent]]:
    """Both sides sorted by content (ties: position, then id; tied events are interchangeable)."""
    pred_order = sorted(range(len(preds)), key=lambda i: preds[i].content_key())
    return [preds[i] for i in pred_order], sorted(golds, key=lambda g: (g.content_key(), g.id))


def field_tp(edges: Edges, field: str) -> np.ndarray:
    """Per edge, the true positives of ``field`` (summed over its item kinds)."""
    total = np.zeros(len(edges.rows), dtype=np.int64)
    for kind in FIELD_SPECS[field].kinds:
        if kind in edges.names:
            total += edges.column(kind)
    return total


def levels(preds: Sequence[PredItems], golds: Sequence[GoldEvent], edges: Edges, fields: Sequence[str]) -> np.ndarray:
    """``(criteria, edges)`` integer matrix of the criteria above, most important first."""
    ordered = [f for f in FIELDS if f in fields]
    per_field = [field_tp(edges, f) for f in ordered]
    pred_types = np.array([p.type for p in preds], dtype=object)
    gold_types = np.array([g.type for g in golds], dtype=object)
    same_type = (
        (pred_types[edges.rows] == gold_types[edges.cols]).astype(np.int64)
        if len(edges.rows)
        else np.zeros(0, dtype=np.int64)
    )
    rows = [sum(per_field, np.zeros(len(edges.rows), dtype=np.int64)), same_type, *per_field[:-1]]
    for kind, grade, needs in GRADE_DIAGNOSTICS.values():
        name = f"{kind}.{grade}"
        if needs in fields and name in edges.names:
            rows.append(edges.column(name))
    rows.append(np.ones(len(edges.rows), dtype=np.int64))
    return np.vstack(rows) if rows else np.zeros((0, 0), dtype=np.int64)


def _weights(crit: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """Mixed-radix weights of one group's edges (float64, exact), lowest levels dropped if needed."""
    bounds = []
    for level in crit:
        row_max = np.zeros(rows.max() + 1, dtype=np.int64)
        col_max = np.zeros(cols.max() + 1, dtype=np.int64)
        np.maximum.at(row_max, rows, level)
        np.maximum.at(col_max, cols, level)
        bounds.append(int(min(row_max.sum(), col_max.sum())))
    used = len(bounds)
    while used > 1:
        span = 1
        for b in bounds[:used]:
            span *= b + 1
        if span <= EXACT_LIMIT:
            break
        used -= 1
    weight = np.zeros(crit.shape[1], dtype=np.float64)
    for level, bound in zip(crit[:used], bounds[:used]):
        weight = weight * (bound + 1) + level
    return weight


def align_edges(
    preds: Sequence[PredItems], golds: Sequence[GoldEvent], edges: Edges, fields: Sequence[str]
) -> list[tuple[int, int]]:
    """The aligned pairs (positions into ``preds`` and ``golds``, in canonical order)."""
    crit = levels(preds, golds, edges, fields)
    keep = crit[0] > 0 if crit.size else np.zeros(0, dtype=bool)
    rows, cols, crit = edges.rows[keep], edges.cols[keep], crit[:, keep]
    if not len(rows):
        return []
    n_pred, n_gold = len(preds), len(golds)
    graph = sp.coo_matrix((np.ones(len(rows)), (rows, n_pred + cols)), shape=(n_pred + n_gold,) * 2)
    _, label = connected_components(graph, directed=False)
    group = label[rows]
    out: list[tuple[int, int]] = []
    for g in np.unique(group):
        mine = np.flatnonzero(group == g)
        r_ids, r_local = np.unique(rows[mine], return_inverse=True)
        c_ids, c_local = np.unique(cols[mine], return_inverse=True)
        weight = _weights(crit[:, mine], r_local, c_local)
        matrix = np.zeros((len(r_ids), len(c_ids)))
        matrix[r_local, c_local] = weight
        out.extend((int(r_ids[a]), int(c_ids[b])) for a, b in best_pairs(matrix))
    return sorted(out)


def align_events(
    preds: Sequence[PredItems],
    golds: Sequence[GoldEvent],
    names: Names,
    fields: Sequence[str] = FIELDS,
    *,
    kinds: Sequence[str] | None = None,
) -> Alignment:
    """Canonical order, per-pair statistics by index (``pair_edges``), the alignment above.

    ``kinds`` are the item kinds to match (default: those of ``fields``).
    """
    preds, golds = canonical(preds, golds)
    edges = pair_edges(preds, golds, names, kinds if kinds is not None else kinds_of(fields))
    pairs = align_edges(preds, golds, edges, fields)
    where = {pair: e for e, pair in enumerate(zip(edges.rows.tolist(), edges.cols.tolist()))}
    stats = {pair: dict(zip(edges.names, edges.stats[where[pair]].tolist())) for pair in pairs}
    return Alignment(preds, golds, pairs, stats)
