"""The doc-collapsed diagnostic: every field scored with all events of a document merged.

On the gold side each gold item counts once: an actor or location entity once however
many events it is in, a count or claim record once. On the predicted side every item is
kept, and a *fact* is an item as the scorer compares it (its key in
``bench.score.fields``): the normalised string for actors and locations, the label and
value for counts, the label, value and normalised source for attributed counts, the kind,
normalised actor and normalised source for claims. Per item kind:

- tp: the largest number of predicted items (repeats included) that can be matched
  one-to-one with gold items;
- fp: the number of distinct predicted facts minus the largest number of distinct facts
  that can be matched one-to-one with gold items;
- fn: gold items minus tp.

So a repeated fact is never a false positive again, whether it is repeated across events
or within one, and it cannot take the slot of another correct fact (scorer 1.0 could
charge a false positive that way); the gold written as predictions scores 1 even when two
entities share a name (both are matched by the repeats). One matching achieves both
maxima at once: start from a maximum matching of distinct facts and augment it with the
repeats; augmenting never unmatches a fact. Both maxima are maximum matchings (``bench.score.assign``) for a small document
and maximum flows (``scipy.sparse.csgraph``) for a large one, whose cost grows with the
number of matches.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence

import numpy as np

from bench.score.assign import max_matching
from bench.score.fields import FIELD_SPECS
from bench.score.items import GoldEvent, Names, PredItems
from bench.score.match import gold_view, pred_view

Stats = dict[str, tuple[float, ...]]
SMALL_CELLS = 4096  # predicted items (repeats included) x gold items up to which matchings are dense


def _gold_items(golds: Sequence[GoldEvent], kind: str, names: Names) -> list[frozenset[Hashable]]:
    seen: dict[str, frozenset[Hashable]] = {}
    for event in golds:
        view = gold_view(event, names, (kind,))
        for item_id, accepted in zip(view.ids[kind], view.probes[kind]):
            seen.setdefault(item_id, accepted)
    return [seen[k] for k in sorted(seen)]


def kind_stats(preds: Sequence[PredItems], golds: Sequence[GoldEvent], kind: str, names: Names) -> tuple[int, int, int]:
    """(tp, fp, fn) of one item kind with the document collapsed (see the module docstring)."""
    facts = Counter(key for p in preds for key in pred_view(p, (kind,)).keys[kind])
    gold = _gold_items(golds, kind, names)
    fact_ids = {fact: n for n, fact in enumerate(facts)}  # first-seen order: sizes do not depend on it
    rows, cols = [], []
    for g, accepted in enumerate(gold):
        for probe in accepted:
            n = fact_ids.get(probe)
            if n is not None:
                rows.append(n)
                cols.append(g)
    if not rows:
        return 0, len(facts), len(gold)
    n_facts, n_gold = len(fact_ids), len(gold)
    multiplicity = [0] * n_facts
    for fact, n in fact_ids.items():
        multiplicity[n] = facts[fact]
    if len(set(rows)) == len(rows) and len(set(cols)) == len(cols):  # no two items compete
        return len(rows), len(facts) - len(rows), n_gold - len(rows)
    if sum(multiplicity) * n_gold <= SMALL_CELLS:
        compatible = [[False] * n_gold for _ in range(n_facts)]
        for n, g in zip(rows, cols):
            compatible[n][g] = True
        distinct = len(max_matching(compatible))
        copies = [compatible[n] for n in range(n_facts) for _ in range(multiplicity[n])]
        tp = distinct if max(multiplicity) == 1 else len(max_matching(copies))
    else:
        distinct, tp = _flows(rows, cols, multiplicity, n_gold)
    return tp, len(facts) - distinct, n_gold - tp


def _flows(rows: list[int], cols: list[int], multiplicity: list[int], n_gold: int) -> tuple[int, int]:
    """(distinct matching, matching with repeats) by ``scipy.sparse.csgraph``."""
    import scipy.sparse as sp
    from scipy.sparse.csgraph import maximum_bipartite_matching, maximum_flow

    n_facts = len(multiplicity)
    edges = sp.csr_matrix((np.ones(len(rows), dtype=np.int32), (rows, cols)), shape=(n_facts, n_gold))
    distinct = int((maximum_bipartite_matching(edges, perm_type="column") >= 0).sum())
    if max(multiplicity) == 1:
        return distinct, distinct
    source, sink = n_facts + n_gold, n_facts + n_gold + 1  # source -> fact (its repeats) -> gold (1) -> sink
    src = np.concatenate([np.full(n_facts, source), np.array(rows), n_facts + np.arange(n_gold)])
    dst = np.concatenate([np.arange(n_facts), n_facts + np.array(cols), np.full(n_gold, sink)])
    cap = np.concatenate([np.array(multiplicity), np.ones(len(rows) + n_gold, dtype=np.int32)]).astype(np.int32)
    graph = sp.csr_matrix((cap, (src, dst)), shape=(sink + 1, sink + 1))
    return distinct, int(maximum_flow(graph, source, sink).flow_value)


def collapsed_stats(
    preds: Sequence[PredItems], golds: Sequence[GoldEvent], names: Names, fields: Sequence[str]
) -> Stats:
    """``collapsed.<field>``: (tp, fp, fn) summed over the field's item kinds."""
    out: Stats = {}
    for field in fields:
        parts = [kind_stats(preds, golds, kind, names) for kind in FIELD_SPECS[field].kinds]
        out[f"collapsed.{field}"] = tuple(float(sum(x)) for x in zip(*parts))
    return out
