"""Cluster typed mentions into entities (a light coreference) and give each a role kind.

Kinds: ``armed`` (armed groups and attackers), ``state`` (security forces, officials,
ministries), ``media`` (agencies, monitors), ``prisoners``, ``person``, ``country``,
``place`` (named or nominal: "the prison") and ``other``. Clustering keys: a gazetteer group, an acronym and its expansion,
a person's surname, or the text without its article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from baselines.gazetteer import DEMONYMS
from baselines.gazetteer_match import alias_key, find_names, lookup
from baselines.lexicon import ORG_HEADS, STATE_HEADS, STATE_QUALIFIERS, TITLES, UNNAMED_PERPETRATORS, VICTIM_NOUNS
from baselines.spans import Mention

_AFFILIATE = re.compile(r"\baffiliat", re.I)  # an affiliate is not its parent organisation
_ANAPHOR = re.compile(r"^(?:the|this|that)\s+(?:\w+\s+)?(?:group|organi[sz]ation|movement)$", re.I)
_ARMED_WORDS = frozenset(VICTIM_NOUNS["attackers"]) | frozenset(UNNAMED_PERPETRATORS)
_ARMED_WORDS |= {"militiamen", "jihadi", "affiliates", "operatives", "cells"}
_MEDIA_WORDS = frozenset(
    {
        "monitor",
        "observatory",
        "agency",
        "news",
        "press",
        "times",
        "newspapers",
        "correspondent",
        "media",
        "channel",
        "television",
        "radio",
        "blog",
        "reports",
    }
)
_PRISONER_WORDS = frozenset(VICTIM_NOUNS["prisoners"]) - {"men", "suspects"}
_STATE_WORDS = frozenset(w.split()[-1] for w in STATE_HEADS) | {
    h.lower()
    for h in ORG_HEADS
    if h
    in ("Ministry", "Forces", "Army", "Police", "Government", "Authority", "Command", "Guard", "Corps", "Directorate")
}
_DEMONYMS = frozenset(d.lower() for d in DEMONYMS)


@dataclass
class Entity:
    """A cluster of mentions with one referent; ``name`` is what predictions print."""

    key: str
    type: str
    kind: str
    mentions: list[Mention] = field(default_factory=list)
    name: str = ""


def _strip(text: str) -> str:
    text = re.sub(r"^(?:the|a|an|its|their|his|her)\s+", "", text.strip(), flags=re.I)
    return re.sub(r"['’]s$", "", text)


def _kind(text: str, type_: str, gaz: tuple[str, str] | None) -> str:
    if type_ == "PERSON":
        return "person"
    if type_ == "LOCATION":
        return "country" if gaz and gaz[0] == "country" else "place"
    if type_ == "COUNT":
        return "other"
    if gaz and gaz[0] == "armed":
        return "armed"
    lowered = [w.lower() for w in re.findall(r"[\w'’-]+", text)]
    head = lowered[-1] if lowered else ""
    if gaz and gaz[0] == "org":
        return "media" if any(w in _MEDIA_WORDS for w in lowered) or text.isupper() or len(lowered) <= 2 else "state"
    if head in _MEDIA_WORDS or any(w in ("observatory", "monitoring") for w in lowered):
        return "media"
    if head in _ARMED_WORDS or " ".join(lowered[-2:]) in _ARMED_WORDS:  # "gunmen", "masked men"
        state_like = any(
            w in _DEMONYMS or w in STATE_QUALIFIERS or w.endswith(("-backed", "-led", "-allied")) for w in lowered[:-1]
        )
        return "state" if head in ("fighters", "fighter") and state_like else "armed"
    if head in _PRISONER_WORDS:
        return "prisoners"
    if head in _STATE_WORDS or head.capitalize() in ORG_HEADS:
        return "state"
    return "other"


def _initials(text: str) -> str:
    words = [
        w
        for w in re.findall(r"[A-Za-z][\w'’]*", text)
        if w[0].isupper() and not w.endswith(("-led", "-backed", "-based"))
    ]
    return "".join(w[0] for w in words)


def _named(text: str) -> bool:
    return any(w[0].isupper() and w not in TITLES for w in re.findall(r"[A-Za-z][\w.'’-]*", _strip(text)))


def cluster(text: str, mentions: list[Mention]) -> dict[Mention, Entity]:
    """Map every non-COUNT mention to its entity, in document order."""
    entities: dict[str, Entity] = {}
    out: dict[Mention, Entity] = {}
    last_armed: Entity | None = None
    acronyms: dict[str, str] = {}
    for m in sorted(mentions):
        if m.type == "COUNT":
            continue
        surface = m.text(text)
        bare = _strip(surface)
        gaz = lookup(bare) or next(((kind, key) for _, kind, key in find_names(surface) if kind == "armed"), None)
        kind = _kind(bare, m.type, gaz)
        if m.type == "GROUP" and _ANAPHOR.match(surface) and last_armed is not None:
            key = last_armed.key
        elif gaz and gaz[0] == "armed" and m.type == "GROUP" and not _AFFILIATE.search(surface):
            key = f"armed:{gaz[1]}"
        elif m.type == "PERSON" and _named(surface):
            key = "person:" + alias_key(bare.split()[-1])
        elif m.type == "GROUP" and re.fullmatch(r"[A-Z]{2,6}", bare) and bare in acronyms:
            key = acronyms[bare]
        else:
            key = f"{m.type}:{alias_key(bare)}"
        if m.type == "GROUP" and _named(surface) and len(_initials(bare)) >= 2:
            acronyms.setdefault(_initials(bare), key)
            acronym = re.match(r"\s*\(([A-Z]{2,6})\)", text[m.end : m.end + 10])
            if acronym:
                acronyms[acronym.group(1)] = key
        entity = entities.setdefault(key, Entity(key, m.type, kind))
        if entity.kind == "other" and kind != "other":
            entity.kind = kind
        entity.mentions.append(m)
        out[m] = entity
        if entity.kind == "armed" and (gaz or _named(surface)):
            last_armed = entity
    for entity in entities.values():
        named = [m for m in entity.mentions if _named(m.text(text))]
        best = min(
            named or entity.mentions,
            key=lambda m: (lookup(_strip(m.text(text))) is None, len(_strip(m.text(text))) > 40, m.start),
        )
        entity.name = _strip(best.text(text)) if entity.type != "PERSON" or named else best.text(text)
    return out
