"""Exact item matching between one predicted and one gold event, kind by kind.

For every item kind (``bench.score.fields.ITEM_KINDS``) the predicted items of the event
are matched one-to-one with its gold items, maximising the number of matches
(``bench.score.assign.max_matching``). For each grade of the kind, the number of matched
pairs that satisfy the grade is the largest over all maximum matchings (each grade on its
own). This is the reference computation; ``bench.score.pairs`` gets the same numbers for
large documents by index lookups.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from bench.score.assign import max_matching
from bench.score.fields import ITEM_KINDS
from bench.score.items import GoldEvent, Names, PredItems


@dataclass
class PredView:
    """A predicted event's keys per kind, and per (kind, grade)."""

    keys: dict[str, list[Hashable]]
    grade_keys: dict[tuple[str, str], list[Hashable]]


@dataclass
class GoldView:
    """A gold event's items per kind: ids, and the keys each accepts (base and per grade)."""

    ids: dict[str, list[str]]
    probes: dict[str, list[frozenset[Hashable]]]
    grade_probes: dict[tuple[str, str], list[frozenset[Hashable]]]


def _kind_keys(pred: PredItems, name: str) -> tuple[list[Hashable], dict[str, list[Hashable]]]:
    cached = pred.cache.get(name)
    if cached is None:
        kind = ITEM_KINDS[name]
        cached = pred.cache[name] = (kind.pred_keys(pred), {g.name: g.pred_keys(pred) for g in kind.grades})
    return cached


def pred_view(pred: PredItems, kinds: Sequence[str]) -> PredView:
    """The event's keys (each kind computed once per event)."""
    keys, grade_keys = {}, {}
    for name in kinds:
        keys[name], grades = _kind_keys(pred, name)
        for grade, values in grades.items():
            grade_keys[(name, grade)] = values
    return PredView(keys, grade_keys)


def _kind_items(gold: GoldEvent, names: Names, name: str) -> tuple:
    key = (name, id(names))
    cached = gold.cache.get(key)
    if cached is None:
        kind = ITEM_KINDS[name]
        items = kind.gold_items(gold)
        cached = gold.cache[key] = (
            [i for i, _ in items],
            [frozenset(kind.probes(item, names)) for _, item in items],
            {g.name: [frozenset(g.probes(item, names)) for _, item in items] for g in kind.grades},
            names,  # kept alive with the cache, so that its id stays its own
        )
    return cached


def gold_view(gold: GoldEvent, names: Names, kinds: Sequence[str]) -> GoldView:
    """The event's items and probes (each kind computed once per event and names)."""
    ids, probes, grade_probes = {}, {}, {}
    for name in kinds:
        ids[name], probes[name], grades, _ = _kind_items(gold, names, name)
        for grade, values in grades.items():
            grade_probes[(name, grade)] = values
    return GoldView(ids, probes, grade_probes)


@dataclass
class PairMatch:
    """Matched ``(pred_item, gold_item)`` positions per kind, and the statistics of the pair:
    ``stats[kind]`` matches, ``stats["kind.grade"]`` matched pairs satisfying the grade."""

    pairs: dict[str, list[tuple[int, int]]]
    stats: dict[str, int]

    @property
    def total(self) -> int:
        return sum(len(p) for p in self.pairs.values())


def match_views(pred: PredView, gold: GoldView, kinds: Sequence[str]) -> PairMatch:
    """The exact matching of one event pair (see the module docstring)."""
    pairs: dict[str, list[tuple[int, int]]] = {}
    stats: dict[str, int] = {}
    for name in kinds:
        keys, probes = pred.keys[name], gold.probes[name]
        grades = ITEM_KINDS[name].grades
        if not keys or not probes:
            pairs[name] = []
            stats[name] = 0
            stats.update({f"{name}.{g.name}": 0 for g in grades})
            continue
        compatible = [[k in p for p in probes] for k in keys]
        forced = _forced(compatible)
        chosen = forced if forced is not None else max_matching(compatible)
        pairs[name], stats[name] = chosen, len(chosen)
        for grade in grades:
            gkeys, gprobes = pred.grade_keys[(name, grade.name)], gold.grade_probes[(name, grade.name)]
            if forced is not None:  # the only maximum matching
                stats[f"{name}.{grade.name}"] = sum(gkeys[a] in gprobes[b] for a, b in forced)
                continue
            bonus = [[int(c and k in p) for c, p in zip(row, gprobes)] for row, k in zip(compatible, gkeys)]
            if not any(any(row) for row in bonus):
                stats[f"{name}.{grade.name}"] = 0
                continue
            best = max_matching(compatible, bonus)
            stats[f"{name}.{grade.name}"] = sum(bonus[a][b] for a, b in best)
            if grade is grades[0]:
                pairs[name] = best  # error reports show the matching of the first grade
    return PairMatch(pairs, stats)


def _forced(compatible: list[list[bool]]) -> list[tuple[int, int]] | None:
    """The matching when no two compatible pairs share a row or a column (then it is the only
    maximum matching), else None."""
    pairs = [(a, b) for a, row in enumerate(compatible) for b, ok in enumerate(row) if ok]
    if len({a for a, _ in pairs}) == len(pairs) == len({b for _, b in pairs}):
        return pairs
    return None


def match_events(pred: PredItems, gold: GoldEvent, names: Names, kinds: Sequence[str]) -> PairMatch:
    """``match_views`` for two events."""
    return match_views(pred_view(pred, kinds), gold_view(gold, names, kinds), kinds)
