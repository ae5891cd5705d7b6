"""The scored fields, as data: which items each field has and when two items match.

A **field** (``FieldSpec``) is scored by micro precision, recall and F1 over its items; its
items come from one or more **item kinds** (``ItemKind``). An item kind says, for one
event, what its predicted items are (as index keys: the normalised form that is
compared), what its gold items are, and which predicted keys each gold item accepts
(``probes``). Matching within a kind is one-to-one and optimal, so a field's true
positives are the sum over its kinds of the sizes of maximum matchings.

The fields of scorer 1.1 (SPEC 3.3):

- ``actor``: each predicted actor string is an item, each gold actor entity is an item. A
  string matches an entity when its normal form (``normalize_text``, norm v1) equals that
  of one of the entity's mentions in the document, or of its KB name or one of its KB
  aliases. A string equal to names of two gold entities can match either; the assignment
  picks the best overall (never greedy). Every listed string counts, so naming one actor
  twice is one true positive and one false positive. A string whose normal form is empty
  ("the") matches nothing.
- ``location``: the same over location entities.
- ``count``: items ``(label, value)``, label ``category`` or ``category.victims``; labels
  must be equal and values match by ``bench.score.values`` (a number the same number,
  bounds not pointing opposite ways; a range the same range).
- ``attribution``: count items ``(label, value, source)`` and claim items
  ``(kind, actor, source)``. Label and value as for ``count``; kind must be equal; actor
  and source strings resolve like actor strings; a null source matches only a null source.
  A count therefore weighs in two fields, ``count`` (the number) and ``attribution`` (the
  number and who reported it): attribution is scored on every gold count, not only on the
  counts a system found, so that every system is scored on the same gold items.
- ``claim``: claim items ``(kind, actor)``, for splits whose gold names no sources (MUC-4:
  a group that claimed the attack, or one the authorities accused). A split has either
  ``attribution`` or ``claim``, never both.

A gold count with ``alternatives`` accepts each of their values too.

**Grades** are tie-breaks inside a kind that feed diagnostics: among the maximum count
matchings of an event pair, the one with the most equal modifiers gives the modifier
accuracy, and (separately) the one with the most correct sources gives the source
accuracy on matched counts.

Adding a field is a new ``ItemKind`` (or a reuse of one) and a ``FieldSpec`` in
``FIELD_SPECS``; a split lists the fields it has gold for (``bench.splits``). The
``claim`` field was added that way: one ``ItemKind`` (``claim_actor``) and one ``FieldSpec``.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from bench.score.items import GoldEvent, Names, PredItems, gold_sources
from bench.score.values import gold_value_probes, pred_value_key

PredKeys = Callable[[PredItems], list[Hashable]]
GoldItems = Callable[[GoldEvent], list[tuple[str, Any]]]
Probes = Callable[[Any, Names], Iterable[Hashable]]


@dataclass(frozen=True)
class Grade:
    """A tie-break inside an item kind: a matched pair also satisfies it when the predicted
    item's grade key is among the gold item's grade probes."""

    name: str
    pred_keys: PredKeys
    probes: Probes


@dataclass(frozen=True)
class ItemKind:
    """One kind of item: predicted keys, gold items and when a gold item accepts a key.

    ``pred_keys`` lists one key per predicted item in the event's canonical item order;
    the key is also the item's *fact* (what "the same fact" means in the doc-collapsed
    diagnostic). ``gold_items`` lists ``(id, item)``; the id identifies a gold item across
    events (an entity id, a record id). A gold item accepts exactly the keys in
    ``probes(item, names)``.
    """

    name: str
    pred_keys: PredKeys
    gold_items: GoldItems
    probes: Probes
    grades: tuple[Grade, ...] = ()


@dataclass(frozen=True)
class FieldSpec:
    """A scored field: micro P/R/F1 over the items of its kinds."""

    name: str
    kinds: tuple[str, ...]


def _names_of(entity: str, names: Names) -> Iterable[str]:
    return names.get(entity, ())


def _values(count: Any) -> list[Hashable]:
    """The value keys a gold count accepts: its value's and those of its ``alternatives``
    (further values the gold accepts, from a converted corpus's key: MUC-4 "6-8 / 7")."""
    keys: dict[Hashable, None] = {}
    for value in (count.value, *getattr(count, "alternatives", ())):
        keys.update(dict.fromkeys(gold_value_probes(value)))
    return list(keys)


def _count_probes(count: Any, names: Names) -> list[Hashable]:
    return [(count.label, v) for v in _values(count)]


def _count_source_probes(count: Any, names: Names) -> list[Hashable]:
    return [(count.label, v, s) for v in _values(count) for s in gold_sources(count.source, names)]


def _claim_actor_probes(claim: Any, names: Names) -> list[Hashable]:
    return [(claim.kind, a) for a in _names_of(claim.actor, names)]


def _claim_probes(claim: Any, names: Names) -> list[Hashable]:
    return [(claim.kind, a, s) for a in _names_of(claim.actor, names) for s in gold_sources(claim.source, names)]


def _count_keys(p: PredItems) -> list[Hashable]:
    return [(c.label, pred_value_key(c.value)) for c in p.counts]


def _count_source_keys(p: PredItems) -> list[Hashable]:
    return [(c.label, pred_value_key(c.value), s) for c, s in zip(p.counts, p.count_src_n)]


ITEM_KINDS: dict[str, ItemKind] = {
    kind.name: kind
    for kind in (
        ItemKind(
            "actor",
            pred_keys=lambda p: list(p.actors_n),
            gold_items=lambda g: [(a, a) for a in g.actors],
            probes=_names_of,
        ),
        ItemKind(
            "location",
            pred_keys=lambda p: list(p.locations_n),
            gold_items=lambda g: [(loc, loc) for loc in g.locations],
            probes=_names_of,
        ),
        ItemKind(
            "count",
            pred_keys=_count_keys,
            gold_items=lambda g: [(c.id, c) for c in g.counts],
            probes=_count_probes,
            grades=(
                Grade(
                    "modifier",
                    pred_keys=lambda p: [(c.label, pred_value_key(c.value), c.value.modifier) for c in p.counts],
                    probes=lambda c, names: [(c.label, v, c.value.modifier) for v in _values(c)],
                ),
                Grade("source", pred_keys=_count_source_keys, probes=_count_source_probes),
            ),
        ),
        ItemKind(
            "count_source",
            pred_keys=_count_source_keys,
            gold_items=lambda g: [(c.id, c) for c in g.counts],
            probes=_count_source_probes,
        ),
        ItemKind(
            "claim_source",
            pred_keys=lambda p: [(c.kind, a, s) for c, (a, s) in zip(p.claims, p.claim_n)],
            gold_items=lambda g: [(c.id, c) for c in g.claims],
            probes=_claim_probes,
        ),
        ItemKind(
            "claim_actor",
            pred_keys=lambda p: [(c.kind, a) for c, (a, _) in zip(p.claims, p.claim_n)],
            gold_items=lambda g: [(c.id, c) for c in g.claims],
            probes=_claim_actor_probes,
        ),
    )
}

FIELD_SPECS: dict[str, FieldSpec] = {
    spec.name: spec
    for spec in (
        FieldSpec("actor", ("actor",)),
        FieldSpec("location", ("location",)),
        FieldSpec("count", ("count",)),
        FieldSpec("attribution", ("count_source", "claim_source")),
        FieldSpec("claim", ("claim_actor",)),
    )
}
FIELDS: tuple[str, ...] = tuple(FIELD_SPECS)  # every field the scorer defines (statistics columns)
DEFAULT_FIELDS: tuple[str, ...] = ("actor", "location", "count", "attribution")  # gold with no registered split
# Accuracy diagnostics from grades: name -> (kind, grade, the field whose gold it needs).
GRADE_DIAGNOSTICS: dict[str, tuple[str, str, str]] = {
    "modifier": ("count", "modifier", "count"),
    "source": ("count", "source", "attribution"),
}


def kinds_of(fields: Sequence[str]) -> tuple[str, ...]:
    """The item kinds the given fields need, in registry order."""
    wanted = {k for f in fields for k in FIELD_SPECS[f].kinds}
    return tuple(k for k in ITEM_KINDS if k in wanted)


def stat_names(kinds: Sequence[str]) -> tuple[str, ...]:
    """Per-pair statistics of the kinds: ``kind`` (matches) and ``kind.grade``."""
    return tuple(s for k in kinds for s in (k, *(f"{k}.{g.name}" for g in ITEM_KINDS[k].grades)))


def field_sizes(event: PredItems | GoldEvent, fields: Sequence[str] = FIELDS) -> dict[str, int]:
    """Number of items per field in one event."""
    out = {}
    for name in fields:
        total = 0
        for kind in FIELD_SPECS[name].kinds:
            spec = ITEM_KINDS[kind]
            total += len(spec.pred_keys(event) if isinstance(event, PredItems) else spec.gold_items(event))
        out[name] = total
    return out
