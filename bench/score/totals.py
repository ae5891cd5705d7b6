"""Document totals: counts over several incidents, which belong to no event (guidelines 3.2).

A gold total ("two attacks ... killing more than a dozen") is not an item of any event, so
the event-level fields neither miss it nor punish a system that writes it on one of its
events: after event alignment, the predicted counts left unmatched are matched one-to-one
(optimally, as everywhere) against the document's totals - same label, value as for
``count`` and, for ``attribution``, the same source - and those that match are *excused*:
they are neither true nor false positives. A total that no prediction matches is not a
false negative. The doc-collapsed diagnostic instead scores totals like any count
(``as_gold_event``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from bench.data.model import Count
from bench.score.align import Alignment
from bench.score.assign import max_matching
from bench.score.fields import GoldEvent, source_ok, value_matches


def as_gold_event(totals: Sequence[Count], doc_id: str) -> GoldEvent:
    """The totals as a gold event with counts only, for the doc-collapsed diagnostic."""
    return GoldEvent(f"{doc_id}:totals", "-", [], [], sorted(totals, key=lambda c: c.id), [])


def excused(
    alignment: Alignment, totals: Sequence[Count], names: Mapping[str, frozenset[str]]
) -> dict[str, set[tuple[int, int]]]:
    """The unmatched predicted count items that match a total: ``(event, count)`` positions
    into ``alignment.preds``, for ``count`` and for ``attribution``."""
    if not totals:
        return {"count": set(), "attribution": set()}
    matched: dict[str, set[tuple[int, int]]] = {"count": set(), "attribution": set()}
    for (i, _), match in alignment.matches.items():
        for name in matched:
            matched[name].update((i, a) for a, _ in match.pairs[name])
    out: dict[str, set[tuple[int, int]]] = {}
    for name in ("count", "attribution"):
        left = [
            (i, a)
            for i, event in enumerate(alignment.preds)
            for a in range(len(event.counts))
            if (i, a) not in matched[name]
        ]
        compatible = []
        for i, a in left:
            pred = alignment.preds[i].counts[a]
            source = alignment.preds[i].count_src_n[a]
            compatible.append(
                [
                    pred.label == total.label
                    and value_matches(pred.value, total.value)
                    and (name == "count" or source_ok(source, total.source, names))
                    for total in totals
                ]
            )
        out[name] = {left[k] for k, _ in max_matching(compatible)} if left else set()
    return out
