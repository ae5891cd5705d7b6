"""Convert one MUC-4 message and its key templates into a BREAKOUT ``Document``.

The mapping (each rule is a row of the table in the dataset card, annotations/README.md):

- one event per template whose stage of execution is ACCOMPLISHED or ATTEMPTED (alone or
  among alternatives); templates of threatened incidents go to ``muc4.threatened``;
  irrelevant messages (``*`` keys) have no events. Every event has type ``attack``; the
  MUC-4 incident type, stage, category, date and location fill are kept in ``Event.muc4``;
  an OPTIONAL template makes an optional event.
- actors: every PERP: INDIVIDUAL ID and PERP: ORGANIZATION ID filler, its ``/``-separated
  alternatives the mentions of one entity (every occurrence in the text). Fillers of the
  message's events that share a string are one entity. ``?`` makes the actor optional in
  that event. Organisations are GROUPs; individuals are GROUPs when plural or collective
  ("TERRORISTS", "ARMED MEN"), else PERSONs.
- locations: each place of INCIDENT: LOCATION (``bench.data.muc4.places``) a LOCATION
  entity with its KB id and every occurrence of its KB name or aliases as mentions. A
  place in every reading of the fill is required, a place in only some readings optional;
  so is every place of a ``?`` fill and every place the text does not name.
- counts and claims: ``bench.data.muc4.counts``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bench.data.model import (
    Claim,
    Count,
    Document,
    Entity,
    Event,
    KeyRef,
    MucDocument,
    MucTemplate,
    RoleFiller,
    Span,
    Unmapped,
)
from bench.data.muc4.counts import CountMapper
from bench.data.muc4.keys import Fill, KeyLine, KeyTemplate, parse_fill
from bench.data.muc4.locate import TextIndex
from bench.data.muc4.places import PlaceKB, parse_location, slug
from bench.data.muc4.reasons import kept
from bench.data.muc4.texts import Message
from bench.normalize import normalize_text

EVENT_STAGES = frozenset({"ACCOMPLISHED", "ATTEMPTED"})
ROLE_SLOTS = {
    "perp_individuals": "PERP: INDIVIDUAL ID",
    "perp_organizations": "PERP: ORGANIZATION ID",
    "targets": "PHYS TGT: ID",
    "victims": "HUM TGT: NAME",
    "victim_descriptions": "HUM TGT: DESCRIPTION",
    "weapons": "INCIDENT: INSTRUMENT ID",
}
ACTOR_ROLES = ("perp_individuals", "perp_organizations")
_COLLECTIVE = frozenset(
    "MEN PEOPLE POLICE MILITARY ARMY PERSONNEL GROUP COMMANDO COMMAND UNIT COLUMN BAND SQUAD PATROL GANG "
    "CELL FRONT BRIGADE BATTALION FORCE GUARD YOUTH CREW MOB STAFF".split()
)
_MONTHS = dict(zip("JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split(), range(1, 13)))


@dataclass
class _RoleFill:
    role: str
    template: KeyTemplate
    line: KeyLine
    fill: Fill
    strings: tuple[str, ...]
    mentions: list[Span]
    entity: str | None = None


@dataclass
class _Template:
    key: KeyTemplate
    number: int
    is_event: bool
    roles: dict[str, list[_RoleFill]] = field(default_factory=dict)


def key_ref(template: KeyTemplate, slot: str, line: int) -> KeyRef:
    return KeyRef(file=template.file, line=line, template=template.number, slot=slot)


def iso_date(fill: str | None) -> str | None:
    """``30 DEC 89`` -> ``1989-12-30``; ranges and open dates (``- 08 JAN 90``) -> None."""
    match = re.fullmatch(r"(\d{1,2}) ([A-Z]{3}) (\d{2})", (fill or "").strip())
    if not match or match.group(2) not in _MONTHS:
        return None
    return f"19{match.group(3)}-{_MONTHS[match.group(2)]:02d}-{int(match.group(1)):02d}"


def _is_group(strings: tuple[str, ...]) -> bool:
    for text in strings:
        words = re.findall(r"[A-Z0-9']+", text.upper())
        head = words[-1] if words else ""
        if head.endswith("S") or head in _COLLECTIVE or any(w in ("OF", "MEMBERS") for w in words):
            return True
    return False


class MessageConverter:
    """Builds one ``Document`` from a message, its key templates and the places KB."""

    def __init__(self, message: Message, templates: list[KeyTemplate], kb: PlaceKB) -> None:
        self.message = message
        self.templates = templates
        self.kb = kb
        self.index = TextIndex(message.text)
        self.unmapped: list[Unmapped] = []
        self.entities: dict[str, Entity] = {}
        self._place_entity: dict[str, str] = {}

    def report(self, ref: KeyRef, filler: str, reason: str) -> None:
        self.unmapped.append(Unmapped(key=ref, filler=filler, reason=reason, kept=kept(reason)))

    # -- role fillers ---------------------------------------------------------------------
    def _role_fills(self, template: KeyTemplate, role: str) -> list[_RoleFill]:
        slot = ROLE_SLOTS[role]
        found = []
        for line in template.fills(slot):
            fill = parse_fill(line.text)
            strings = fill.strings or tuple(v.strip('"') for v in fill.values)
            if fill.repaired:
                self.report(key_ref(template, slot, line.line), line.text, "key_malformed")
            if not strings:
                continue
            found.append(_RoleFill(role, template, line, fill, strings, self.index.find_any(strings)))
        return found

    def _templates(self) -> list[_Template]:
        converted = []
        for key in self.templates:
            if key.number is None:
                continue
            stages = {s.strip() for s in (key.joined("INCIDENT: STAGE OF EXECUTION") or "").split("/")}
            item = _Template(key, key.number, bool(stages & EVENT_STAGES))
            for role in ROLE_SLOTS:
                item.roles[role] = self._role_fills(key, role)
            converted.append(item)
        return converted

    # -- actors -----------------------------------------------------------------------------
    def _new_id(self, base: str) -> str:
        ident, n = base, 1
        while ident in self.entities:
            n += 1
            ident = f"{base}-{n}"
        return ident

    def _actor_entities(self, templates: list[_Template]) -> None:
        fills = [f for t in templates if t.is_event for role in ACTOR_ROLES for f in t.roles[role]]
        parent = list(range(len(fills)))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        owner: dict[str, int] = {}
        for i, fill in enumerate(fills):
            for text in fill.strings:
                norm = normalize_text(text)
                if norm in owner:
                    parent[find(i)] = find(owner[norm])
                else:
                    owner[norm] = i
        groups: dict[int, list[_RoleFill]] = {}
        for i, fill in enumerate(fills):
            groups.setdefault(find(i), []).append(fill)
        for members in groups.values():
            mentions = {(s.start, s.end): s for f in members for s in f.mentions}
            if not mentions:
                for f in members:
                    self.report(key_ref(f.template, ROLE_SLOTS[f.role], f.line.line), f.line.text, "actor_not_in_text")
                continue
            named = {normalize_text(s.text) for s in mentions.values()}
            aliases: list[str] = []
            for f in members:
                for text in f.strings:
                    if normalize_text(text) not in named and text not in aliases:
                        aliases.append(text)
                        ref = key_ref(f.template, ROLE_SLOTS[f.role], f.line.line)
                        self.report(ref, text, "actor_alternative_not_in_text")
            is_group = any(f.role == "perp_organizations" or _is_group(f.strings) for f in members)
            ident = self._new_id(slug(members[0].strings[0]))
            self.entities[ident] = Entity(
                id=ident,
                type="GROUP" if is_group else "PERSON",
                mentions=[mentions[k] for k in sorted(mentions)],
                aliases=aliases,
            )
            for f in members:
                f.entity = ident

    # -- locations --------------------------------------------------------------------------
    def _place(self, kb_id: str) -> tuple[str, bool]:
        """The entity of a KB place in this document, and whether the text names it."""
        if kb_id not in self._place_entity:
            entry = self.kb.entries[kb_id]
            mentions = self.index.find_any([entry.name, *sorted(entry.aliases)]) if entry.name != "?" else []
            ident = kb_id if kb_id not in self.entities else self._new_id(kb_id)
            self.entities[ident] = Entity(id=ident, type="LOCATION", kb=kb_id, mentions=mentions)
            self._place_entity[kb_id] = ident
        ident = self._place_entity[kb_id]
        return ident, bool(self.entities[ident].mentions)

    def _locations(self, template: KeyTemplate) -> tuple[list[str], list[str]]:
        lines = template.fills("INCIDENT: LOCATION")
        if not lines:
            return [], []
        fill = " ".join(line.text for line in lines)
        ref = key_ref(template, "INCIDENT: LOCATION", lines[0].line)
        optional, readings = parse_location(fill)
        resolved = [[i for seg in self.kb.resolve_path(r) for i in seg] for r in readings]
        resolved = [r for r in resolved if r]
        if not resolved:
            self.report(ref, fill, "location_unparsed")
            return [], []
        everywhere = set.intersection(*(set(r) for r in resolved))
        places: list[str] = []
        optional_places: list[str] = []
        for kb_id in dict.fromkeys(i for r in resolved for i in r):
            ident, named = self._place(kb_id)
            if not named:
                self.report(ref, self.kb.entries[kb_id].name, "place_not_in_text")
            if ident not in places:
                places.append(ident)
            if optional or not named or kb_id not in everywhere:
                optional_places.append(ident)
        return places, optional_places

    # -- the document -----------------------------------------------------------------------
    def _muc_template(self, item: _Template) -> MucTemplate:
        key = item.key
        roles = {
            role: [
                RoleFiller(
                    strings=list(f.strings),
                    mentions=f.mentions,
                    optional=f.fill.optional,
                    entity=f.entity,
                    key=key_ref(key, ROLE_SLOTS[role], f.line.line),
                )
                for f in fills
            ]
            for role, fills in item.roles.items()
        }
        for role, fills in item.roles.items():
            if role in ACTOR_ROLES and item.is_event:
                continue  # reported as actors
            for f in fills:
                if not f.mentions:
                    self.report(key_ref(key, ROLE_SLOTS[role], f.line.line), f.line.text, "role_filler_not_in_text")
        template_line = key.slots["MESSAGE: TEMPLATE"][0].line
        return MucTemplate(
            template=item.number,
            optional=key.optional,
            incident_type=key.joined("INCIDENT: TYPE") or "-",
            stage=key.joined("INCIDENT: STAGE OF EXECUTION") or "-",
            category=key.joined("PERP: INCIDENT CATEGORY"),
            date=key.joined("INCIDENT: DATE"),
            location=key.joined("INCIDENT: LOCATION"),
            key=key_ref(key, "MESSAGE: TEMPLATE", template_line),
            **roles,
        )

    def _event(self, item: _Template) -> Event:
        key = item.key
        muc = self._muc_template(item)
        actors: list[str] = []
        required: set[str] = set()
        for role in ACTOR_ROLES:
            for f in item.roles[role]:
                if f.entity is None:
                    continue
                if f.entity not in actors:
                    actors.append(f.entity)
                if not f.fill.optional:
                    required.add(f.entity)
        locations, optional_locations = self._locations(key)
        orgs = [(f.strings, f.entity) for f in item.roles["perp_organizations"]]
        mapper = CountMapper(key, self.index, orgs, self.report)
        counts: list[Count] = mapper.counts(f"t{item.number}")
        claims: list[Claim] = mapper.claims(f"t{item.number}")
        return Event(
            id=f"t{item.number}",
            type="attack",
            actors=actors,
            locations=locations,
            date=iso_date(key.joined("INCIDENT: DATE")),
            counts=counts,
            claims=claims,
            optional=key.optional,
            optional_actors=[a for a in actors if a not in required],
            optional_locations=optional_locations,
            muc4=muc,
        )

    def convert(self, mixed_case_text: str | None = None) -> Document:
        templates = self._templates()
        self._actor_entities(templates)
        events = [self._event(t) for t in templates if t.is_event]
        threatened = [self._muc_template(t) for t in templates if not t.is_event]
        key_file = self.templates[0].file if self.templates else ""
        return Document(
            doc_id=self.message.doc_id,
            text=self.message.text,
            entities=list(self.entities.values()),
            events=events,
            span_layer=False,
            muc4=MucDocument(
                message_id=self.message.doc_id,
                text_file=self.message.file,
                text_line=self.message.line,
                key_file=key_file,
                mixed_case_text=mixed_case_text,
                threatened=threatened,
                unmapped=self.unmapped,
            ),
        )
