"""Document totals: counts over several incidents, which belong to no event (guidelines 3.2).

A gold total ("two attacks ... killing more than a dozen") is not an item of any event, so
the event-level fields neither miss it nor punish a system that writes it on one of its
events: after event alignment, the predicted count items left unmatched are matched
one-to-one (optimally, as everywhere) against the document's totals, kind by kind - for
``count`` by label and value, for ``attribution`` by label, value and source
(``bench.score.fields``) - and those that match are *excused*: they are neither true nor
false positives. A total that no prediction matches is not a false negative. The
doc-collapsed diagnostic instead scores totals like any count (``as_gold_event``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from bench.data.model import Count
from bench.score.align import Alignment
from bench.score.assign import max_matching
from bench.score.fields import ITEM_KINDS
from bench.score.items import GoldEvent, Names
from bench.score.match import PairMatch, pred_view

TOTAL_KINDS: tuple[str, ...] = ("count", "count_source")  # the item kinds a total is an item of


def as_gold_event(totals: Sequence[Count], doc_id: str, names: Names) -> GoldEvent:
    """The totals as a gold event with counts only, for the doc-collapsed diagnostic."""
    return GoldEvent(f"{doc_id}:totals", "-", [], [], list(totals), [], names)


def excused(
    alignment: Alignment,
    matches: Mapping[tuple[int, int], PairMatch],
    totals: Sequence[Count],
    names: Names,
    kinds: Sequence[str],
) -> dict[str, set[tuple[int, int]]]:
    """Per item kind, the unmatched predicted count items that match a total, as
    ``(event, item)`` positions into ``alignment.preds``; ``matches`` are the exact item
    matchings of the aligned pairs."""
    out: dict[str, set[tuple[int, int]]] = {}
    for kind in (k for k in TOTAL_KINDS if k in kinds):
        if not totals:
            out[kind] = set()
            continue
        spec = ITEM_KINDS[kind]
        taken = {(i, a) for (i, _), match in matches.items() for a, _ in match.pairs[kind]}
        left = [
            (i, a, key)
            for i, event in enumerate(alignment.preds)
            for a, key in enumerate(pred_view(event, (kind,)).keys[kind])
            if (i, a) not in taken
        ]
        probes = [frozenset(spec.probes(total, names)) for total in totals]
        compatible = [[key in accepted for accepted in probes] for _, _, key in left]
        out[kind] = {left[k][:2] for k, _ in max_matching(compatible)} if left else set()
    return out
