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
``linear_sum_assignment`` (``bench.score.assign``); a document with more than
``GROUP_EDGES`` candidate pairs is first split into connected groups of events that share
items, each solved on its own (the same optimum, at a fraction of the cost). The weights are exact in double precision up to 2^53; for a group so large that
the full encoding would not fit (hundreds of events sharing items), the lowest levels
are dropped from the bottom until it fits, and the content order settles what they
would have.

>>> from bench.score.assign import best_pairs
>>> best_pairs([[3 * 3 + 1, 0], [2 * 3 + 0, 1 * 3 + 1]])  # weights = items * K + same type
[(0, 0), (1, 1)]
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from bench.score.assign import best_pairs
from bench.score.fields import DEFAULT_FIELDS, FIELD_SPECS, FIELDS, GRADE_DIAGNOSTICS, kinds_of
from bench.score.items import GoldEvent, Names, PredItems
from bench.score.pairs import Edges, pair_edges

EXACT_LIMIT = 2**53
SMALL_GROUP = 64  # groups with at most this many edges are weighted in Python integers (faster when tiny)
GROUP_EDGES = 256  # documents with more candidate pairs are split into connected groups first


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
    total = np.zeros(len(edges.rows), dtype=np.int32)
    for kind in FIELD_SPECS[field].kinds:
        if kind in edges.names:
            total += edges.column(kind)
    return total


def levels(edges: Edges, same_type: np.ndarray, fields: Sequence[str]) -> Iterator[np.ndarray]:
    """The criteria above, most important first, one integer per edge (computed lazily)."""
    ordered = [f for f in FIELDS if f in fields]
    yield sum((field_tp(edges, f) for f in ordered), np.zeros(len(edges.rows), dtype=np.int32))
    yield same_type
    for f in ordered[:-1]:
        yield field_tp(edges, f)
    for kind, grade, needs in GRADE_DIAGNOSTICS.values():
        name = f"{kind}.{grade}"
        if needs in fields and name in edges.names:
            yield edges.column(name)
    yield np.ones(len(edges.rows), dtype=np.int32)


def _local(ids: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """The distinct ``ids`` (sorted) and each id's position among them, without sorting."""
    present = np.zeros(size, dtype=bool)
    present[ids] = True
    return np.flatnonzero(present), (np.cumsum(present) - 1)[ids]


def _group_matrix(criteria: Iterator[np.ndarray], r_local: np.ndarray, c_local: np.ndarray, shape: tuple) -> np.ndarray:
    """The dense mixed-radix weight matrix of one group (exact float64): level by level from
    the most important, each level's radix one more than the largest sum it can reach (the
    smaller of its row maxima and its column maxima summed); a level that would take the
    weights past ``EXACT_LIMIT`` is dropped, with every level below it."""
    weight = np.zeros(shape, dtype=np.float64)
    level_matrix = np.zeros(shape, dtype=np.int32)
    span = 1
    for n, values in enumerate(criteria):
        level_matrix[r_local, c_local] = values
        bound = int(min(level_matrix.max(axis=1).sum(dtype=np.int64), level_matrix.max(axis=0).sum(dtype=np.int64)))
        if n and span * (bound + 1) > EXACT_LIMIT:
            break
        weight *= bound + 1
        weight += level_matrix
        span *= bound + 1
    return weight


def _groups(edges: Edges, n_pred: int, n_gold: int) -> tuple[int, np.ndarray]:
    """The connected group of each edge (events linked by shared items). Small documents are
    one group: splitting them changes no optimum and would cost more than it saves."""
    if len(edges.rows) <= GROUP_EDGES:
        return 1, np.zeros(len(edges.rows), dtype=np.int32)
    import scipy.sparse as sp
    from scipy.sparse.csgraph import connected_components

    graph = sp.coo_matrix(
        (np.ones(len(edges.rows), dtype=np.int8), (edges.rows, n_pred + edges.cols)), shape=(n_pred + n_gold,) * 2
    )
    n_groups, label = connected_components(graph, directed=False)
    return int(n_groups), label[edges.rows]


def _group_matrix_small(
    criteria: Iterator[np.ndarray], r_local: np.ndarray, c_local: np.ndarray, shape: tuple
) -> list[list[int]]:
    """``_group_matrix`` in Python integers, for a group of a few edges (same numbers)."""
    n_rows, n_cols = shape
    rows, cols = r_local.tolist(), c_local.tolist()
    weight = [[0] * n_cols for _ in range(n_rows)]
    span = 1
    for n, level in enumerate(criteria):
        values = level.tolist()
        row_max, col_max = [0] * n_rows, [0] * n_cols
        for r, c, v in zip(rows, cols, values):
            row_max[r] = max(row_max[r], v)
            col_max[c] = max(col_max[c], v)
        bound = min(sum(row_max), sum(col_max))
        if n and span * (bound + 1) > EXACT_LIMIT:
            break
        for r, c, v in zip(rows, cols, values):
            weight[r][c] = weight[r][c] * (bound + 1) + v
        span *= bound + 1
    return weight


def align_edges(
    preds: Sequence[PredItems], golds: Sequence[GoldEvent], edges: Edges, fields: Sequence[str]
) -> list[tuple[int, int]]:
    """The aligned pairs (positions into ``preds`` and ``golds``, in canonical order)."""
    matched = next(levels(edges, np.zeros(0, dtype=np.int32), fields))
    work = edges if matched.all() else edges.subset(np.flatnonzero(matched))  # no matched item: never aligned
    if not len(work.rows):
        return []
    if np.bincount(work.rows).max() == 1 and np.bincount(work.cols).max() == 1:
        return sorted(zip(work.rows.tolist(), work.cols.tolist()))  # no two pairs compete: align them all
    types = {t: n for n, t in enumerate(sorted({p.type for p in preds} | {g.type for g in golds}))}
    pred_types = np.array([types[p.type] for p in preds], dtype=np.int32)
    gold_types = np.array([types[g.type] for g in golds], dtype=np.int32)
    n_pred, n_gold = len(preds), len(golds)
    n_groups, group = _groups(work, n_pred, n_gold)
    if n_groups == 1 or (group == group[0]).all():
        parts = [work]
    else:
        order = np.argsort(group.astype(np.int16) if n_groups < 2**15 else group, kind="stable")
        parts = [work.subset(np.sort(mine)) for mine in np.split(order, np.flatnonzero(np.diff(group[order])) + 1)]
    out: list[tuple[int, int]] = []
    for part in parts:
        r_ids, r_local = _local(part.rows, n_pred)
        c_ids, c_local = _local(part.cols, n_gold)
        same = (pred_types[part.rows] == gold_types[part.cols]).astype(np.int32)
        build = _group_matrix_small if len(part.rows) <= SMALL_GROUP else _group_matrix
        matrix = build(levels(part, same, fields), r_local, c_local, (len(r_ids), len(c_ids)))
        out.extend((int(r_ids[a]), int(c_ids[b])) for a, b in best_pairs(matrix))
    return sorted(out)


def align_events(
    preds: Sequence[PredItems],
    golds: Sequence[GoldEvent],
    names: Names,
    fields: Sequence[str] = DEFAULT_FIELDS,
    *,
    kinds: Sequence[str] | None = None,
) -> Alignment:
    """Canonical order, per-pair statistics by index (``pair_edges``), the alignment above.

    ``kinds`` are the item kinds to match (default: those of ``fields``).
    """
    preds, golds = canonical(preds, golds)
    edges = pair_edges(preds, golds, names, kinds if kinds is not None else kinds_of(fields))
    pairs = align_edges(preds, golds, edges, fields)
    codes = edges.rows.astype(np.int64) * max(1, len(golds)) + edges.cols  # sorted: edges are in (row, col) order
    where = np.searchsorted(codes, [i * max(1, len(golds)) + j for i, j in pairs]).tolist()
    stats = {pair: dict(zip(edges.names, edges.stats[e].tolist())) for pair, e in zip(pairs, where)}
    return Alignment(preds, golds, pairs, stats)
