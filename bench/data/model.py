"""The gold data model shared by the compiler, the scorer and the baselines.

Every record is a frozen pydantic model with ``extra="forbid"``, so a gold file with an
unknown key or a wrong type fails loudly instead of being half-read.

>>> Span(start=0, end=4, text="ISIS").end
4
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

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
    """A coreference cluster: all mentions of one referent in one document."""

    id: str
    type: EntityType
    kb: str | None = None
    mentions: list[Span] = Field(min_length=1)


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


class Count(Record):
    id: str
    mention: Span
    category: Category
    victims: Victims | None = None
    value: CountValue
    source: str | None = None

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
    id: str
    kind: ClaimKind
    actor: str
    source: str | None = None
    via: Span | None = None
    cue: Span | None = None


class Event(Record):
    id: str
    type: EventType
    actors: list[str] = Field(default_factory=list)
    locations: list[str] = Field(default_factory=list)
    trigger: Span | None = None
    date: str | None = Field(default=None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    kb: str | None = None
    counts: list[Count] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)


class Document(Record):
    """One article: its text, entities, events, and counts that total several incidents.

    ``totals`` holds numbers summed over several incidents of the article ("two attacks
    ... killing more than a dozen"): they belong to no single event. The event-level
    fields neither miss nor reward them; the doc-collapsed diagnostic scores them.
    """

    doc_id: str
    text: str
    entities: list[Entity] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    totals: list[Count] = Field(default_factory=list)

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
