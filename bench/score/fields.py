"""The four field scores of one predicted event against one gold event.

Items per field (SPEC 3.3); all matching within a field is one-to-one and optimal:

- ``actor``: each predicted actor string is an item, each gold actor entity is an item. A
  string matches an entity when its normalised form (``normalize_text``, norm v1) equals
  the normalised text of one of the entity's mentions in the document, or its knowledge
  base name or one of its KB aliases. A string equal to mentions of two gold entities can
  match either; the assignment picks the best overall (never greedy). Every listed string
  counts, so naming one actor twice is one true positive and one false positive.
- ``location``: the same over location entities.
- ``count``: items ``(label, value)`` with label ``category`` or ``category.victims``.
  Labels must be equal. A predicted value with a number in it (an integer, or a string
  such as "at least 25", whose number is 25) matches when the number equals the gold
  ``stated`` number, or when the gold value is ``vague`` and the number lies in
  ``[low, high]``. A predicted value with no number (a ``{low, high}`` range, or a vague
  word such as "hundreds") matches when its ``(low, high)`` equals the gold ``(low, high)``.
  Among maximum matchings, the one with the most equal modifiers is chosen.
- ``attribution``: count items ``(label, value, source)`` and claim items
  ``(kind, actor, source)``. Label and value as for ``count``; kind must be equal; actor
  and source strings resolve like actor strings; a null source matches only a null source.

A string whose normal form is empty (say "the") matches nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from bench.data.model import Claim, Count, CountValue, Document, Event, KBEntry
from bench.normalize.text import normalize_text
from bench.predictions.model import PredClaim, PredCount, PredEvent, PredValue
from bench.score.assign import max_matching

FIELDS: tuple[str, ...] = ("actor", "location", "count", "attribution")

norm = lru_cache(maxsize=1 << 16)(normalize_text)


def entity_names(doc: Document, kb: Mapping[str, KBEntry]) -> dict[str, frozenset[str]]:
    """Every entity id of ``doc`` -> the normalised strings that name it (mentions + KB)."""
    names: dict[str, frozenset[str]] = {}
    for entity in doc.entities:
        found = {norm(m.text) for m in entity.mentions}
        entry = kb.get(entity.kb) if entity.kb else None
        if entry is not None:
            found.add(norm(entry.name))
            found.update(norm(alias) for alias in entry.aliases)
        found.discard("")
        names[entity.id] = frozenset(found)
    return names


def value_matches(pred: PredValue, gold: CountValue) -> bool:
    """Whether a predicted value matches a gold value (see the module docstring)."""
    if pred.stated is not None:
        if gold.stated is not None and pred.stated == gold.stated:
            return True
        if gold.modifier == "vague" and gold.low is not None:
            return gold.low <= pred.stated and (gold.high is None or pred.stated <= gold.high)
        return False
    return pred.low == gold.low and pred.high == gold.high


@dataclass
class GoldEvent:
    """A gold event's items, in a canonical order (entity ids and record ids sorted)."""

    id: str
    type: str
    actors: list[str]
    locations: list[str]
    counts: list[Count]
    claims: list[Claim]

    @classmethod
    def of(cls, event: Event) -> GoldEvent:
        return cls(
            event.id,
            event.type,
            sorted(event.actors),
            sorted(event.locations),
            sorted(event.counts, key=lambda c: c.id),
            sorted(event.claims, key=lambda c: c.id),
        )


def _null(text: str | None) -> str | None:
    return None if text is None else norm(text)


@dataclass
class PredItems:
    """A predicted event's items with normalised strings, in a canonical order.

    ``index`` is the event's position in the submitted line, for error reports.
    """

    index: int | str
    type: str
    actors: list[str]
    locations: list[str]
    counts: list[PredCount]
    claims: list[PredClaim]
    actors_n: list[str] = field(init=False)
    locations_n: list[str] = field(init=False)
    count_src_n: list[str | None] = field(init=False)
    claim_n: list[tuple[str | None, str | None]] = field(init=False)

    def __post_init__(self) -> None:
        self.actors = sorted(self.actors, key=lambda a: (norm(a), a))
        self.locations = sorted(self.locations, key=lambda p: (norm(p), p))
        self.counts = sorted(self.counts, key=lambda c: (_count_key(c), c.value.text, c.source or ""))
        self.claims = sorted(
            self.claims, key=lambda c: (c.kind, norm(c.actor), _null(c.source) or "", c.actor, c.source or "")
        )
        self.actors_n = [norm(a) for a in self.actors]
        self.locations_n = [norm(p) for p in self.locations]
        self.count_src_n = [_null(c.source) for c in self.counts]
        self.claim_n = [(norm(c.actor), _null(c.source)) for c in self.claims]

    @classmethod
    def of(cls, event: PredEvent, index: int | str) -> PredItems:
        return cls(index, event.type, list(event.actors), list(event.locations), list(event.counts), list(event.claims))

    def key(self) -> tuple:
        """Content key: two events with the same key are interchangeable for scoring."""
        return (
            self.type,
            self.actors_n,
            self.locations_n,
            [_count_key(c) for c in self.counts],
            self.count_src_n,
            self.claim_n,
            [c.kind for c in self.claims],
        )


def _count_key(count: PredCount) -> tuple:
    v = count.value
    return (
        count.label,
        -1 if v.stated is None else v.stated,
        -1 if v.low is None else v.low,
        -1 if v.high is None else v.high,
        v.modifier,
        _null(count.source) or "",
    )


@dataclass
class FieldMatch:
    """Matched ``(pred_index, gold_index)`` pairs per field, into the canonical item lists.

    For ``attribution`` the item lists are counts followed by claims.
    """

    pairs: dict[str, list[tuple[int, int]]]

    @property
    def total(self) -> int:
        return sum(len(p) for p in self.pairs.values())


def source_ok(pred: str | None, gold: str | None, names: Mapping[str, frozenset[str]]) -> bool:
    if pred is None or gold is None:
        return pred is None and gold is None
    return pred in names.get(gold, ())


def _strings(pred: Sequence[str], gold: Sequence[str], names: Mapping[str, frozenset[str]]) -> list[tuple[int, int]]:
    if not pred or not gold:
        return []
    sets = [names.get(g, frozenset()) for g in gold]
    return max_matching([[p in s for s in sets] for p in pred])


def match_fields(pred: PredItems, gold: GoldEvent, names: Mapping[str, frozenset[str]]) -> FieldMatch:
    """Optimal one-to-one item matches, field by field."""
    pairs: dict[str, list[tuple[int, int]]] = {
        "actor": _strings(pred.actors_n, gold.actors, names),
        "location": _strings(pred.locations_n, gold.locations, names),
    }
    if pred.counts and gold.counts:
        same = [[p.label == g.label and value_matches(p.value, g.value) for g in gold.counts] for p in pred.counts]
        tie = [[int(p.value.modifier == g.value.modifier) for g in gold.counts] for p in pred.counts]
        pairs["count"] = max_matching(same, tie)
        attributed = [
            [same[i][j] and source_ok(pred.count_src_n[i], g.source, names) for j, g in enumerate(gold.counts)]
            for i in range(len(pred.counts))
        ]
        count_pairs = max_matching(attributed)
    else:
        pairs["count"], count_pairs = [], []
    claim_pairs: list[tuple[int, int]] = []
    if pred.claims and gold.claims:
        ok = [
            [p.kind == g.kind and a in names.get(g.actor, ()) and source_ok(s, g.source, names) for g in gold.claims]
            for p, (a, s) in zip(pred.claims, pred.claim_n)
        ]
        claim_pairs = max_matching(ok)
    offset_p, offset_g = len(pred.counts), len(gold.counts)
    pairs["attribution"] = count_pairs + [(i + offset_p, j + offset_g) for i, j in claim_pairs]
    return FieldMatch(pairs)


def field_sizes(event: PredItems | GoldEvent) -> dict[str, int]:
    """Number of items per field in one event."""
    return {
        "actor": len(event.actors),
        "location": len(event.locations),
        "count": len(event.counts),
        "attribution": len(event.counts) + len(event.claims),
    }


def collapse_gold(events: Sequence[GoldEvent], doc_id: str) -> GoldEvent:
    """All gold events of a document as one: actors and locations as sets of entities."""
    return GoldEvent(
        f"{doc_id}:all",
        "-",
        sorted({a for e in events for a in e.actors}),
        sorted({p for e in events for p in e.locations}),
        sorted((c for e in events for c in e.counts), key=lambda c: c.id),
        sorted((c for e in events for c in e.claims), key=lambda c: c.id),
    )


def collapse_pred(events: Sequence[PredItems]) -> PredItems:
    """All predicted events as one, every item kept (see ``collapsed_stats`` for repeats)."""
    return PredItems(
        "all",
        "-",
        [a for e in events for a in e.actors],
        [p for e in events for p in e.locations],
        [c for e in events for c in e.counts],
        [c for e in events for c in e.claims],
    )


def item_keys(pred: PredItems) -> dict[str, list[tuple]]:
    """What makes two predicted items the same fact, per field, in canonical item order."""
    counts = [_count_key(c)[:5] for c in pred.counts]
    return {
        "actor": [(a,) for a in pred.actors_n],
        "location": [(p,) for p in pred.locations_n],
        "count": counts,
        "attribution": [(*k, s) for k, s in zip(counts, pred.count_src_n)]
        + [(c.kind, a, s) for c, (a, s) in zip(pred.claims, pred.claim_n)],
    }
