"""Event alignment: which predicted event is scored against which gold event.

Within a document, predicted events are aligned one-to-one with gold events so as to
maximise the number of matched field items (the sum over actor, location, count and
attribution of the one-to-one item matches of ``bench.score.fields``). The event type
does not block alignment; among alignments with the most matched items, the one with the
most equal event types wins. A pair with no matched item is not aligned. Events left
unaligned contribute all their items as false positives (predicted) or false negatives
(gold). Events are sorted canonically first (gold by id, predicted by content), so the
order in which a system lists its events never changes a score.

>>> from bench.score.assign import best_pairs
>>> best_pairs([[3 * 3 + 1, 0], [2 * 3 + 0, 1 * 3 + 1]])  # weights = items * K + same type
[(0, 0), (1, 1)]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bench.score.assign import best_pairs
from bench.score.fields import FieldMatch, GoldEvent, PredItems, match_fields


@dataclass
class Alignment:
    """Aligned ``(pred, gold)`` positions into the canonical lists, with their item matches."""

    preds: list[PredItems]
    golds: list[GoldEvent]
    pairs: list[tuple[int, int]]
    matches: dict[tuple[int, int], FieldMatch]


def canonical(preds: Sequence[PredItems], golds: Sequence[GoldEvent]) -> tuple[list[PredItems], list[GoldEvent]]:
    return sorted(preds, key=lambda p: p.key()), sorted(golds, key=lambda g: g.id)


def align_events(
    preds: Sequence[PredItems], golds: Sequence[GoldEvent], names: Mapping[str, frozenset[str]]
) -> Alignment:
    """Align predicted with gold events (see the module docstring)."""
    preds, golds = canonical(preds, golds)
    if not preds or not golds:
        return Alignment(preds, golds, [], {})
    big = min(len(preds), len(golds)) + 1
    matches: dict[tuple[int, int], FieldMatch] = {}
    weights = []
    for i, pred in enumerate(preds):
        row = []
        for j, gold in enumerate(golds):
            match = match_fields(pred, gold, names)
            total = match.total
            if total:
                matches[(i, j)] = match
                row.append(total * big + (pred.type == gold.type))
            else:
                row.append(0)
        weights.append(row)
    pairs = best_pairs(weights)
    return Alignment(preds, golds, pairs, {pair: matches[pair] for pair in pairs})
