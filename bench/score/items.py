"""Events as the scorer sees them: items with normalised strings, in a canonical order by content.

``GoldEvent`` and ``PredItems`` hold one event's actors, locations, counts and claims.
Both sort their items, and both have a ``content_key()`` by which the events of a
document are sorted before alignment. The keys are built from what is scored, never from
ids or positions: a gold entity is represented by the normalised names that match it
(``entity_names``), a source by ``()`` when it is null and ``(name, ...)`` otherwise, a
missing bound by -1. So renaming gold events or entities, or listing anything in another
order, changes no key and therefore no score; and every key compares with every other
(no ``None`` against ``str``: scorer 1.0 crashed on two events that differed only by a
null and a string source).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from bench.data.model import Claim, Count, Document, Event, KBEntry
from bench.normalize.text import normalize_text
from bench.predictions.model import PredClaim, PredCount, PredEvent
from bench.score.values import pred_value_key

norm = lru_cache(maxsize=1 << 16)(normalize_text)
Names = Mapping[str, frozenset[str]]
SourceKey = tuple[str, ...]  # () for a null source, (normal form,) for a predicted string


def entity_names(doc: Document, kb: Mapping[str, KBEntry]) -> dict[str, frozenset[str]]:
    """Every entity id of ``doc`` -> the normalised strings that name it: its mentions, its
    own ``aliases`` (a converted corpus's alternative strings, when the model has them), its
    KB name and KB aliases.

    A string whose normal form is empty ("the") names nothing, so it matches nothing.
    """
    names: dict[str, frozenset[str]] = {}
    for entity in doc.entities:
        found = {norm(m.text) for m in entity.mentions}
        found.update(norm(a) for a in getattr(entity, "aliases", ()))  # gold v2: strings naming it off the text
        entry = kb.get(entity.kb) if entity.kb else None
        if entry is not None:
            found.add(norm(entry.name))
            found.update(norm(alias) for alias in entry.aliases)
        found.discard("")
        names[entity.id] = frozenset(found)
    return names


def pred_source(text: str | None) -> SourceKey:
    """The key of a predicted source: ``()`` for null, else its normal form in a 1-tuple."""
    return () if text is None else (norm(text),)


def gold_sources(entity: str | None, names: Names) -> tuple[SourceKey, ...]:
    """The predicted source keys that match a gold source (null matches only null)."""
    return ((),) if entity is None else tuple((n,) for n in sorted(names.get(entity, ())))


def _name_key(entity: str | None, names: Names) -> tuple:
    return (0,) if entity is None else (1, *sorted(names.get(entity, ())))


@dataclass
class GoldEvent:
    """A gold event's items, sorted by content (ties by id, which then cannot matter)."""

    id: str
    type: str
    actors: list[str]
    locations: list[str]
    counts: list[Count]
    claims: list[Claim]
    names: Names = field(default_factory=dict, repr=False)
    cache: dict = field(default_factory=dict, repr=False, compare=False)  # views by kinds (bench.score.match)
    optional: frozenset[str] = field(default_factory=frozenset)  # ids of optional items (entities, records)
    optional_event: bool = False  # the whole event is optional (a converted corpus's OPTIONAL template)

    def __post_init__(self) -> None:
        self.actors = sorted(self.actors, key=lambda e: (_name_key(e, self.names), e))
        self.locations = sorted(self.locations, key=lambda e: (_name_key(e, self.names), e))
        self.counts = sorted(self.counts, key=lambda c: (self._count_key(c), c.id))
        self.claims = sorted(self.claims, key=lambda c: (self._claim_key(c), c.id))

    @classmethod
    def of(cls, event: Event, names: Names) -> GoldEvent:
        items: list[str | Count | Claim] = [*event.actors, *event.locations, *event.counts, *event.claims]
        optional = frozenset(item if isinstance(item, str) else item.id for item in items if event.is_optional(item))
        return cls(
            event.id,
            event.type,
            list(event.actors),
            list(event.locations),
            list(event.counts),
            list(event.claims),
            names,
            optional=optional,
            optional_event=event.optional,
        )

    def required(self) -> GoldEvent:
        """The event without its optional items (what a system is required to find)."""
        keep = self.optional.__contains__
        return GoldEvent(
            self.id,
            self.type,
            [a for a in self.actors if not keep(a)],
            [p for p in self.locations if not keep(p)],
            [c for c in self.counts if not keep(c.id)],
            [c for c in self.claims if not keep(c.id)],
            self.names,
        )

    def _count_key(self, c: Count) -> tuple:
        return (c.label, pred_value_key(c.value), c.value.modifier, _name_key(c.source, self.names))

    def _claim_key(self, c: Claim) -> tuple:
        return (c.kind, _name_key(c.actor, self.names), _name_key(c.source, self.names))

    def content_key(self) -> tuple:
        """What the event says, without ids: the order of gold events before alignment."""
        return (
            self.type,
            tuple(_name_key(a, self.names) for a in self.actors),
            tuple(_name_key(p, self.names) for p in self.locations),
            tuple(self._count_key(c) for c in self.counts),
            tuple(self._claim_key(c) for c in self.claims),
        )


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
    count_src_n: list[SourceKey] = field(init=False)
    claim_n: list[tuple[str, SourceKey]] = field(init=False)
    cache: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.actors = sorted(self.actors, key=lambda a: (norm(a), a))
        self.locations = sorted(self.locations, key=lambda p: (norm(p), p))
        self.counts = sorted(self.counts, key=lambda c: (_count_key(c), c.value.text, c.source or ""))
        self.claims = sorted(
            self.claims,
            key=lambda c: (c.kind, norm(c.actor), pred_source(c.source), c.actor, c.source or ""),
        )
        self.actors_n = [norm(a) for a in self.actors]
        self.locations_n = [norm(p) for p in self.locations]
        self.count_src_n = [pred_source(c.source) for c in self.counts]
        self.claim_n = [(norm(c.actor), pred_source(c.source)) for c in self.claims]
        self.cache = {}

    @classmethod
    def of(cls, event: PredEvent, index: int | str) -> PredItems:
        return cls(index, event.type, list(event.actors), list(event.locations), list(event.counts), list(event.claims))

    def content_key(self) -> tuple:
        """Content key: two events with the same key are interchangeable for scoring."""
        return (
            self.type,
            tuple(self.actors_n),
            tuple(self.locations_n),
            tuple(_count_key(c) for c in self.counts),
            tuple(self.count_src_n),
            tuple(self.claim_n),
            tuple(c.kind for c in self.claims),
        )

    key = content_key  # scorer 1.0 name


def _count_key(count: PredCount) -> tuple:
    return (count.label, pred_value_key(count.value), count.value.modifier, pred_source(count.source))


def collapse_gold(events: list[GoldEvent], doc_id: str, names: Names) -> GoldEvent:
    """All gold events of a document as one: actors and locations as sets of entities."""
    return GoldEvent(
        f"{doc_id}:all",
        "-",
        sorted({a for e in events for a in e.actors}),
        sorted({p for e in events for p in e.locations}),
        [c for e in events for c in e.counts],
        [c for e in events for c in e.claims],
        names,
    )


def collapse_pred(events: list[PredItems]) -> PredItems:
    """All predicted events as one, every item kept."""
    return PredItems(
        "all",
        "-",
        [a for e in events for a in e.actors],
        [p for e in events for p in e.locations],
        [c for e in events for c in e.counts],
        [c for e in events for c in e.claims],
    )
