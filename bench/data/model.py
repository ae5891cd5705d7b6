"""The gold data model shared by the compiler, the scorer and the baselines.

Every record is a frozen pydantic model with ``extra="forbid"``, so a gold file with an
unknown key or a wrong type fails loudly instead of being half-read.

**Extensions (MUC-4).** Converted corpora need a few fields the five seed articles do not:
``optional`` flags (an optional gold item is neither missed when absent nor spurious when
predicted: the MUC-4 keys' ``?`` fills and OPTIONAL templates; an item is optional when its
own flag is set or its event is optional), alternative count values, entity ``aliases``,
entities known only through the knowledge base, ``span_layer`` (whether a document's
mentions are a flat span annotation), and provenance records (``muc4``: where each item
comes from in the MUC-4 answer keys). Each is declared in a record's ``EXTENSIONS`` and left
out of its JSON while it holds its default, so gold written before them serialises byte
for byte as it did (and keeps its hash); ``model_dump(context={"complete": True})`` writes
every field (the converted corpora are written so, which keeps their rows uniform).

>>> Span(start=0, end=4, text="ISIS").end
4
"""

from __future__ import annotations

import functools
from typing import Any, ClassVar, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializationInfo,
    SerializerFunctionWrapHandler,
    model_serializer,
    model_validator,
)

EntityType = Literal["PERSON", "GROUP", "LOCATION"]
EventType = Literal["prison_break", "attack"]
Category = Literal["escaped", "recaptured", "at_large", "killed", "wounded", "attackers", "inmates"]
Victims = Literal["security", "attackers", "prisoners", "civilians", "mixed"]
Modifier = Literal["exact", "approx", "at_least", "at_most", "vague"]
ClaimKind = Literal["responsibility", "accusation", "denial"]

ENTITY_TYPES: tuple[str, ...] = ("PERSON", "GROUP", "LOCATION")
EVENT_TYPES: tuple[str, ...] = ("prison_break", "attack")
CATEGORIES: tuple[str, ...] = ("escaped", "recaptured", "at_large", "killed", "wounded", "attackers", "inmates")
VICTIM_CATEGORIES: tuple[str, ...] = ("killed", "wounded")
VICTIMS: tuple[str, ...] = ("security", "attackers", "prisoners", "civilians", "mixed")
MODIFIERS: tuple[str, ...] = ("exact", "approx", "at_least", "at_most", "vague")
CLAIM_KINDS: tuple[str, ...] = ("responsibility", "accusation", "denial")


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    EXTENSIONS: ClassVar[frozenset[str]] = frozenset()

    @model_serializer(mode="wrap")
    def _omit_default_extensions(self, handler: SerializerFunctionWrapHandler, info: SerializationInfo) -> Any:
        data = handler(self)
        if self.EXTENSIONS and isinstance(data, dict) and not (info.context or {}).get("complete"):
            for name in self.EXTENSIONS:
                if name in data and getattr(self, name) == _extension_default(type(self), name):
                    del data[name]
        return data


@functools.cache
def _extension_default(model: type[Record], name: str) -> Any:
    """A field's default, computed once per model class (pydantic inspects the default factory's
    signature on every ``get_default`` call, which made serialising a corpus slow). Only compared."""
    return model.model_fields[name].get_default(call_default_factory=True)


class Span(Record):
    """A character span: ``text == document.text[start:end]`` (Python str indices)."""

    start: int = Field(ge=0)
    end: int = Field(gt=0)
    text: str

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end <= self.start:
            raise ValueError(f"span end {self.end} must be after start {self.start}")
        if len(self.text) != self.end - self.start:
            raise ValueError(f"span text {self.text!r} is not {self.end - self.start} characters long")
        return self


class Entity(Record):
    """A coreference cluster: all mentions of one referent in one document.

    ``aliases`` (extension) are further strings that name the entity without occurring in
    the text as written (MUC-4 key alternatives). An entity may have no mention when it has
    a ``kb`` id or aliases: a place the MUC-4 key infers (the country) is named by the KB.
    """

    EXTENSIONS: ClassVar[frozenset[str]] = frozenset({"aliases"})

    id: str
    type: EntityType
    kb: str | None = None
    mentions: list[Span] = Field(default_factory=list)
    aliases: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _named(self) -> Entity:
        if not self.mentions and self.kb is None and not self.aliases:
            raise ValueError("an entity needs a mention, a kb id or an alias")
        return self


class CountValue(Record):
    """A normalised number: see ``bench.normalize.numbers`` for how each field is set."""

    stated: int | None = Field(default=None, ge=0)
    low: int | None = Field(default=None, ge=0)
    high: int | None = Field(default=None, ge=0)
    modifier: Modifier

    @model_validator(mode="after")
    def _consistent(self) -> CountValue:
        if self.modifier == "vague":
            if self.stated is not None or self.low is None:
                raise ValueError("a vague value has stated=null and a low bound")
        elif self.stated is None:
            raise ValueError(f"a {self.modifier} value needs an integer 'stated'")
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError(f"low {self.low} is above high {self.high}")
        return self


class KeyRef(Record):
    """Where a converted item comes from in the MUC-4 answer keys (file, line, template, slot)."""

    file: str
    line: int = Field(ge=1)
    template: int | None = None
    slot: str


class Unmapped(Record):
    """A key filler the converter could not locate in the text or map to BREAKOUT's layers.

    ``kept`` says whether the information is still in the gold in another form (an actor
    alternative kept as an alias, a place known only through the KB, a count whose mention
    is its target because the text never writes the number).
    """

    key: KeyRef
    filler: str
    reason: str
    kept: bool = False


class RoleFiller(Record):
    """One filler of a MUC-4 string slot: the key's alternative strings and where they occur.

    ``entity`` names the document entity the filler became (actors); ``mentions`` are every
    occurrence in the text of any of ``strings``.
    """

    strings: list[str] = Field(min_length=1)
    mentions: list[Span] = Field(default_factory=list)
    optional: bool = False
    entity: str | None = None
    key: KeyRef


class MucTemplate(Record):
    """The MUC-4 view of one template: its set fills and all five role fillers.

    ``perp_individuals``, ``perp_organizations``, ``targets`` (PHYS TGT: ID), ``victims``
    (HUM TGT: NAME) and ``weapons`` (INCIDENT: INSTRUMENT ID) are the five roles of the
    CEAF-REE literature; ``victim_descriptions`` (HUM TGT: DESCRIPTION) the unnamed targets.
    """

    template: int
    optional: bool = False
    incident_type: str
    stage: str
    category: str | None = None
    date: str | None = None
    location: str | None = None
    key: KeyRef
    perp_individuals: list[RoleFiller] = Field(default_factory=list)
    perp_organizations: list[RoleFiller] = Field(default_factory=list)
    targets: list[RoleFiller] = Field(default_factory=list)
    victims: list[RoleFiller] = Field(default_factory=list)
    victim_descriptions: list[RoleFiller] = Field(default_factory=list)
    weapons: list[RoleFiller] = Field(default_factory=list)


class MucDocument(Record):
    """Where a MUC-4 message comes from, its original-case text, and what did not convert.

    ``mixed_case_text`` (TST4 only) is the message in its original case, aligned character
    for character with ``Document.text`` (which is scored). ``threatened`` holds the
    templates of threatened incidents, which have no event but count in the literature's
    CEAF-REE; ``unmapped`` every filler the converter could not locate or map.
    """

    message_id: str
    text_file: str
    text_line: int = Field(ge=1)
    key_file: str
    mixed_case_text: str | None = None
    threatened: list[MucTemplate] = Field(default_factory=list)
    unmapped: list[Unmapped] = Field(default_factory=list)


class Count(Record):
    """A number about an event's people.

    Extensions: ``optional``; ``alternatives`` (further values the gold accepts, from a MUC-4
    key's ``/``-separated numbers); ``key`` (the MUC-4 HUM TGT: NUMBER line it comes from).
    """

    EXTENSIONS: ClassVar[frozenset[str]] = frozenset({"optional", "alternatives", "key"})

    id: str
    mention: Span
    category: Category
    victims: Victims | None = None
    value: CountValue
    source: str | None = None
    optional: bool = False
    alternatives: list[CountValue] = Field(default_factory=list)
    key: KeyRef | None = None

    @model_validator(mode="after")
    def _victims_only_for_casualties(self) -> Count:
        if self.category in VICTIM_CATEGORIES and self.victims is None:
            raise ValueError(f"category {self.category!r} needs 'victims'")
        if self.category not in VICTIM_CATEGORIES and self.victims is not None:
            raise ValueError(f"'victims' is only for killed and wounded, not {self.category!r}")
        return self

    @property
    def label(self) -> str:
        """``category`` or ``category.victims``: the key counts are scored under."""
        return f"{self.category}.{self.victims}" if self.victims else self.category


class Claim(Record):
    """A statement about who is behind an event. Extensions: ``optional``, ``key``."""

    EXTENSIONS: ClassVar[frozenset[str]] = frozenset({"optional", "key"})

    id: str
    kind: ClaimKind
    actor: str
    source: str | None = None
    via: Span | None = None
    cue: Span | None = None
    optional: bool = False
    key: KeyRef | None = None


class Event(Record):
    """An incident. Extensions: ``optional`` (the whole event), ``optional_actors`` and
    ``optional_locations`` (ids among ``actors``/``locations`` that are optional here), and
    ``muc4`` (the template it was converted from)."""

    EXTENSIONS: ClassVar[frozenset[str]] = frozenset({"optional", "optional_actors", "optional_locations", "muc4"})

    id: str
    type: EventType
    actors: list[str] = Field(default_factory=list)
    locations: list[str] = Field(default_factory=list)
    trigger: Span | None = None
    date: str | None = Field(default=None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    kb: str | None = None
    counts: list[Count] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    optional: bool = False
    optional_actors: list[str] = Field(default_factory=list)
    optional_locations: list[str] = Field(default_factory=list)
    muc4: MucTemplate | None = None

    def is_optional(self, item: str | Count | Claim) -> bool:
        """Whether a gold item of this event (an actor or location id, a count, a claim) is
        optional: neither missed when absent nor spurious when predicted."""
        if self.optional:
            return True
        if isinstance(item, str):
            return item in self.optional_actors or item in self.optional_locations
        return item.optional

    @model_validator(mode="after")
    def _optional_items_are_items(self) -> Event:
        for name, listed in (("actors", self.actors), ("locations", self.locations)):
            extra = set(getattr(self, f"optional_{name}")) - set(listed)
            if extra:
                raise ValueError(f"optional_{name} {sorted(extra)} are not in {name}")
        return self


class Document(Record):
    """One article: its text, entities, events, and counts that total several incidents.

    ``totals`` holds numbers summed over several incidents of the article ("two attacks
    ... killing more than a dozen"): they belong to no single event. The event-level
    fields neither miss nor reward them; the doc-collapsed diagnostic scores them.
    Extensions: ``span_layer`` (false when the mentions are not a flat, exhaustive span
    annotation: they may overlap, and no span score is computed from them) and ``muc4``
    (provenance of a converted MUC-4 message).
    """

    EXTENSIONS: ClassVar[frozenset[str]] = frozenset({"span_layer", "muc4"})

    doc_id: str
    text: str
    entities: list[Entity] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    totals: list[Count] = Field(default_factory=list)
    span_layer: bool = True
    muc4: MucDocument | None = None

    def counts(self) -> list[Count]:
        """Every count record of the document: the events' counts, then the totals."""
        return [c for ev in self.events for c in ev.counts] + list(self.totals)

    def entity(self, entity_id: str) -> Entity:
        for entity in self.entities:
            if entity.id == entity_id:
                return entity
        raise KeyError(f"{self.doc_id}: no entity {entity_id!r}")


class KBEntry(Record):
    """A knowledge-base record: a canonical id shared across documents."""

    id: str
    type: EntityType
    name: str
    aliases: list[str] = Field(default_factory=list)
    parent: str | None = None
