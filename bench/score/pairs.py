"""Per-pair statistics of a document's events, without comparing every pair.

``pair_edges`` returns, for every (predicted event, gold event) pair that shares at
least one matched item, the pair's statistics (``bench.score.fields.stat_names``: the
size of the maximum matching per item kind, and per grade the most matched pairs that
satisfy it). Pairs that share nothing are never listed, and cost nothing.

Small documents (``EXACT_PAIRS`` pairs or fewer) compare every pair with the exact
matcher (``bench.score.match``). Larger ones use indexes: every distinct predicted key of
a kind gets a column of a sparse presence matrix (events x keys), every gold item the
set of keys it accepts (its probes, looked up in a dict), and one sparse product gives,
for every event pair, which gold items some predicted item accepts. Where no predicted
key is accepted by two items of one gold event (the usual case), the items of the gold
event cannot compete, so the maximum matching of the pair is exactly the number of its
gold items that are accepted by some predicted item of the event, and a grade's count the
number accepted with the grade. Gold events where two items accept one key ("tangled")
are matched exactly, pair by pair, against the predicted events that touch them. The
result is the same as the exact matcher's on every pair (a test checks it); the cost
grows with the number of item matches, not with events x events.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from bench.score.fields import ITEM_KINDS, stat_names
from bench.score.items import GoldEvent, Names, PredItems
from bench.score.match import gold_view, match_views, pred_view

if TYPE_CHECKING:  # pragma: no cover
    import scipy.sparse as sp

EXACT_PAIRS = 256  # documents with at most this many event pairs are matched pair by pair
BLOCK_CELLS = 2_000_000  # predicted events per block x gold items: bounds the products' memory


@dataclass
class Edges:
    """Event pairs with at least one matched item: ``rows[e]``, ``cols[e]`` and ``stats[e]``
    (one column per name in ``names``), sorted by (row, col)."""

    rows: np.ndarray
    cols: np.ndarray
    stats: np.ndarray
    names: tuple[str, ...]

    def column(self, name: str) -> np.ndarray:
        return self.stats[:, self.names.index(name)]

    def subset(self, idx: np.ndarray) -> Edges:
        """The edges at positions ``idx`` (in that order)."""
        return Edges(self.rows[idx], self.cols[idx], self.stats[idx], self.names)


def _edges(found: dict[tuple[int, int], list[int]], names: tuple[str, ...]) -> Edges:
    keys = sorted(found)
    rows = np.array([k[0] for k in keys], dtype=np.int32)
    cols = np.array([k[1] for k in keys], dtype=np.int32)
    stats = np.array([found[k] for k in keys], dtype=np.int32).reshape(len(keys), len(names))
    return Edges(rows, cols, stats, names)


def exact_edges(preds: Sequence[PredItems], golds: Sequence[GoldEvent], names: Names, kinds: Sequence[str]) -> Edges:
    """Every pair compared with the exact matcher (pairs whose keys meet no probe skipped)."""
    columns = stat_names(kinds)
    pviews = [pred_view(p, kinds) for p in preds]
    gviews = [gold_view(g, names, kinds) for g in golds]
    pred_keys = [{(k, key) for k in kinds for key in pv.keys[k]} for pv in pviews]
    gold_probes = [{(k, probe) for k in kinds for accepted in gv.probes[k] for probe in accepted} for gv in gviews]
    found: dict[tuple[int, int], list[int]] = {}
    for i, pv in enumerate(pviews):
        for j, gv in enumerate(gviews):
            if pred_keys[i].isdisjoint(gold_probes[j]):
                continue
            match = match_views(pv, gv, kinds)
            if match.total:
                found[(i, j)] = [match.stats[c] for c in columns]
    return _edges(found, columns)


class _KeySpace:
    """Distinct predicted keys of one kind (or grade) and the events' presence matrix."""

    def __init__(self, per_event: Sequence[Sequence[Hashable]]) -> None:
        import scipy.sparse as sp

        self.ids: dict[Hashable, int] = {}
        rows, cols = [], []
        for i, keys in enumerate(per_event):
            for key in set(keys):
                rows.append(i)
                cols.append(self.ids.setdefault(key, len(self.ids)))
        self.presence = sp.csr_matrix(
            (np.ones(len(rows), dtype=bool), (rows, cols)), shape=(len(per_event), len(self.ids))
        )

    def accepts(self, probes: Sequence[frozenset[Hashable]]) -> sp.csc_matrix:
        """keys x items: item ``g`` accepts key ``k``."""
        import scipy.sparse as sp

        rows, cols = [], []
        for g, accepted in enumerate(probes):
            for probe in accepted:
                k = self.ids.get(probe)
                if k is not None:
                    rows.append(k)
                    cols.append(g)
        return sp.csc_matrix((np.ones(len(rows), dtype=bool), (rows, cols)), shape=(len(self.ids), len(probes)))


def indexed_edges(preds: Sequence[PredItems], golds: Sequence[GoldEvent], names: Names, kinds: Sequence[str]) -> Edges:
    """The same statistics as ``exact_edges``, by index lookups (see the module docstring)."""
    import scipy.sparse as sp

    columns = stat_names(kinds)
    pviews = [pred_view(p, kinds) for p in preds]
    gviews = [gold_view(g, names, kinds) for g in golds]
    n_pred, n_gold = len(preds), len(golds)
    tangled = np.zeros(n_gold, dtype=bool)
    # (kind or kind.grade) -> (presence, accepts, item -> event)
    plans: list[tuple[int, sp.csr_matrix, sp.csc_matrix, sp.csr_matrix]] = []
    for name in kinds:
        item_event = np.array([j for j, gv in enumerate(gviews) for _ in gv.ids[name]], dtype=np.int64)
        to_event = sp.csr_matrix(
            (np.ones(len(item_event), dtype=np.int64), (np.arange(len(item_event)), item_event)),
            shape=(len(item_event), n_gold),
        )
        space = _KeySpace([pv.keys[name] for pv in pviews])
        accepts = space.accepts([p for gv in gviews for p in gv.probes[name]])
        per_key_event = (accepts.astype(np.int64) @ to_event).tocsr()
        if per_key_event.nnz and per_key_event.data.max() > 1:
            tangled[np.unique(per_key_event.indices[per_key_event.data > 1])] = True
        plans.append((columns.index(name), space.presence, accepts, to_event))
        for grade in ITEM_KINDS[name].grades:
            key = (name, grade.name)
            gspace = _KeySpace([pv.grade_keys[key] for pv in pviews])
            gaccepts = gspace.accepts([p for gv in gviews for p in gv.grade_probes[key]])
            plans.append((columns.index(f"{name}.{grade.name}"), gspace.presence, gaccepts, to_event))
    n_items = max((a.shape[1] for _, _, a, _ in plans), default=1)
    block = max(1, BLOCK_CELLS // max(1, n_items))
    matrices: dict[int, sp.csr_matrix] = {}
    touched: list[np.ndarray] = []
    for column, presence, accepts, to_event in plans:
        blocks = []
        for lo in range(0, n_pred, block):
            covered = (presence[lo : lo + block] @ accepts).astype(np.int32)  # events x items: 1 = accepted
            blocks.append((covered @ to_event).astype(np.int32))
        matrix = sp.vstack(blocks, format="csr") if blocks else sp.csr_matrix((n_pred, n_gold), dtype=np.int32)
        matrix.sum_duplicates()  # canonical: sorted indices, no duplicates
        mixed = tangled[matrix.indices]
        if mixed.any():
            rows = np.repeat(np.arange(n_pred, dtype=np.int64), np.diff(matrix.indptr))
            touched.append(rows[mixed] * n_gold + matrix.indices[mixed])
            matrix.data[mixed] = 0
        matrix.eliminate_zeros()
        matrices[column] = matrix
    base = [columns.index(k) for k in kinds]
    total = sum((matrices[c] for c in base), sp.csr_matrix((n_pred, n_gold), dtype=np.int32)).tocsr()
    total.sum_duplicates()
    total.eliminate_zeros()  # every listed pair has a base match: grade probes refine base probes
    rows = np.repeat(np.arange(n_pred, dtype=np.int64), np.diff(total.indptr))
    codes = rows * n_gold + total.indices
    stats = np.zeros((len(codes), len(columns)), dtype=np.int32)
    for column, matrix in matrices.items():
        m_rows = np.repeat(np.arange(n_pred, dtype=np.int64), np.diff(matrix.indptr))
        stats[np.searchsorted(codes, m_rows * n_gold + matrix.indices), column] = matrix.data
    del matrices, total, rows
    exact: dict[int, list[int]] = {}
    for code in np.unique(np.concatenate(touched)).tolist() if touched else []:
        i, j = divmod(code, n_gold)
        match = match_views(pviews[i], gviews[j], kinds)
        if match.total:
            exact[code] = [match.stats[c] for c in columns]
    if exact:
        codes = np.concatenate([codes, np.fromiter(exact, dtype=np.int64, count=len(exact))])
        stats = np.concatenate([stats, np.array(list(exact.values()), dtype=np.int32)])
        order = np.argsort(codes, kind="stable")
        codes, stats = codes[order], stats[order]
    return Edges((codes // n_gold).astype(np.int32), (codes % n_gold).astype(np.int32), stats, columns)


def pair_edges(preds: Sequence[PredItems], golds: Sequence[GoldEvent], names: Names, kinds: Sequence[str]) -> Edges:
    """Pairs with at least one matched item and their statistics (see the module docstring)."""
    if len(preds) * len(golds) <= EXACT_PAIRS:
        return exact_edges(preds, golds, names, kinds)
    return indexed_edges(preds, golds, names, kinds)
