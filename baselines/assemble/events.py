"""Event segmentation: type each sentence by its trigger words and group sentences into events.

A sentence joins an existing event when it continues the previous eventful sentence of the
same paragraph, or when it names a place the event already has, or (with no place at all)
the most recently used event of a compatible type on the article's main timeline. An explicit date
unlike the event's ("In July 2013", "the October 2010 attack") starts a background event.
Wars, campaigns and habitual violence ("frequently", "in recent months") are no events.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from baselines.assemble.entities import Entity
from baselines.gazetteer import DEMONYMS, NATIONALITIES
from baselines.lexicon import (
    ATTACK_TRIGGERS,
    ESCAPE_WORDS,
    FACILITY_NOUNS,
    GENERIC_VIOLENCE,
    MONTH_YEAR,
    MONTHS,
    PREP_DAY_MONTH,
    PREP_MONTH,
    PREP_YEAR,
    PRISON_CATEGORIES,
    PRISON_STRONG,
    PRISONER_WORDS,
    REFERENCE_POINT,
)

_MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()
_MONTH_WORDS = frozenset(m.lower() for m in MONTHS)  # names and abbreviations
_PLACE_PREP = re.compile(
    r"\b(?:in|at|inside|into|across|throughout|from|of|near|on)\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s+(?:and|or)\s+|[A-Z][\w'’-]*,\s+)?$"
)
_FACILITY = re.compile(
    r"\b(prison|jail|barracks|base|church|mosque|market|checkpoint|headquarters|village|camp|school|hospital|palace)(?:s|es)?\b",
    re.I,
)
# A place named only by a deictic nominal says nothing of where ("the country", "this city").
_DEICTIC_PLACE = re.compile(
    r"(?:the|this|that|our|their|its)\s+(?:capital\s+)?(?:country|nation|city|capital|area|region|territory|scene|vicinity|zone)",
    re.I,
)
# An unnamed facility is a place ("a police station", "the prison"); an unnamed settlement or
# area is not ("the neighborhood", "a region": which one?).
_SETTLEMENTS = frozenset(
    {"village", "town", "city", "country", "district", "province", "region", "neighbourhood", "neighborhood"}
)
_FACILITIES = "|".join(
    re.escape(n[:-1]) + "(?:y|ies)" if n.endswith("y") else re.escape(n) + "(?:s|es)?"
    for n in FACILITY_NOUNS
    if n not in _SETTLEMENTS
)
_FACILITY_HEAD = re.compile(rf"\b(?:{_FACILITIES})$", re.I)
_DEMONYM_SET = frozenset(DEMONYMS) | frozenset(NATIONALITIES)
Date = tuple[int | None, int | None]


@dataclass
class Draft:
    """An event being assembled: its sentences' findings, merged."""

    type: str
    date: Date | None
    main: bool
    locations: list[Entity] = field(default_factory=list)
    actors: list[Entity] = field(default_factory=list)
    counts: list[dict] = field(default_factory=list)
    claims: list[dict] = field(default_factory=list)
    facilities: set[str] = field(default_factory=set)
    last_used: int = 0

    def specific(self) -> set[str]:
        return {e.key for e in self.locations if e.kind == "place"}

    def countries(self) -> set[str]:
        return {e.key for e in self.locations if e.kind == "country"}

    def add(self, items: list, new: list) -> None:
        items.extend(x for x in new if x not in items)


def sentence_type(sentence: str, categories: set[str]) -> str | None:
    """``prison_break``, ``attack`` or ``None`` from trigger words and count categories."""
    if PRISON_STRONG.search(sentence) or categories & PRISON_CATEGORIES:
        return "prison_break"
    if ESCAPE_WORDS.search(sentence) and PRISONER_WORDS.search(sentence):
        return "prison_break"
    if ATTACK_TRIGGERS.search(sentence) or categories:
        return "attack"
    return None


def is_generic(sentence: str) -> bool:
    return bool(GENERIC_VIOLENCE.search(sentence))


def sentence_date(sentence: str) -> Date | None:
    """(year, month) of an explicit date within a few words of a trigger, else ``None``."""
    triggers = [m.start() for rx in (ATTACK_TRIGGERS, ESCAPE_WORDS, PRISON_STRONG) for m in rx.finditer(sentence)]
    for pattern in (MONTH_YEAR, PREP_DAY_MONTH, PREP_MONTH, PREP_YEAR):
        for match in pattern.finditer(sentence):
            photo = re.search(r"\bfile (?:photo|image|picture)\b", sentence, re.I)
            near = photo or any(
                len(sentence[min(t, match.start()) : max(t, match.end())].split()) <= 11 for t in triggers
            )
            if not near:
                continue
            month = match.groupdict().get("month")
            year = match.groupdict().get("year")
            return (int(year) if year else None), (_MONTHS.index(month.lower()[:3]) + 1 if month else None)
    return None


# A dateline's filing date: "18 FEB 90" (wire copy; a two-digit year) or "Jan. 3, 2011" (web).
_FILED = re.compile(
    r"(?:\d{1,2}\s+(?P<month>[A-Za-z]{3,9})\.?\s+(?P<year>\d{4}|\d{2})"
    r"|(?P<month2>[A-Za-z]{3,9})\.?\s+\d{1,2}(?:,\s*(?P<year2>\d{4}))?)"
)


def story_date(filed: str | None) -> Date | None:
    """(year, month) of a dateline's filing date ("18 FEB 90", "Jan. 3, 2011"), else ``None``.

    >>> story_date("18 FEB 90"), story_date("Jan. 3, 2011"), story_date("Sept. 30"), story_date(None)
    ((1990, 2), (2011, 1), (None, 9), None)
    """
    match = _FILED.fullmatch(filed.strip()) if filed else None
    if match is None:
        return None
    word = (match.group("month") or match.group("month2")).lower()
    if word not in _MONTH_WORDS:
        return None
    digits = match.group("year") or match.group("year2")
    year = int(digits) if digits else None
    if year is not None and year < 100:
        year += 1900 if year >= 50 else 2000
    return year, _MONTHS.index(word[:3]) + 1


def _on_story_timeline(date: Date, story: Date) -> bool:
    """Whether a sentence's date falls in the month a report was filed or the month before
    ("on 16 November" in a report filed on 2 December): the story's own incident, no background."""
    year, month = date
    if month is None or story[1] is None:
        return False
    previous = (story[0] - 1 if story[0] else None, 12) if story[1] == 1 else (story[0], story[1] - 1)
    return any(month == m and (year is None or y is None or year == y) for y, m in (story, previous))


def _dates_agree(a: Date | None, b: Date | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return all(x is None or y is None or x == y for x, y in zip(a, b))


def _types_agree(sentence_type_: str | None, event: Draft, shares_specific: bool, has_places: bool) -> bool:
    if sentence_type_ is None or sentence_type_ == event.type:
        return True
    if sentence_type_ == "attack":  # a bombing during a prison assault
        return shares_specific or not has_places
    return shares_specific  # an attack event turns out to be a prison break


@dataclass
class Segmenter:
    """Assigns eventful sentences to events, in document order."""

    events: list[Draft] = field(default_factory=list)
    last_block: int | None = None
    last_event: Draft | None = None
    clock: int = 0
    story: Date | None = None  # the dateline's filing date, when there is one

    def _pick(
        self, stype: str | None, date: Date | None, places: list[Entity], block: int, facilities: set[str]
    ) -> Draft | None:
        """The rules, in order. A dated sentence joins an event whose date agrees (or a main event
        sharing a named place, which takes the date), else opens a background event. An undated
        one continues the previous eventful sentence of its paragraph; else joins the most
        recently used main event sharing a named place; else, naming places, the last event or
        a main event without named places whose countries agree; naming only countries, a main
        event sharing one; naming none, the most recently used compatible main event (one
        sharing a facility noun first). ``None``: open a new event."""
        specific = {e.key for e in places if e.kind == "place"}
        countries = {e.key for e in places if e.kind == "country"}

        def fits(event: Draft) -> bool:
            return _types_agree(stype, event, bool(specific & event.specific()), bool(places))

        def loosely(event: Draft) -> bool:  # compatible once the event gains this sentence's places
            same_country = not countries or not event.countries() or bool(countries & event.countries())
            return same_country and (stype != "prison_break" or event.type == stype or not event.specific())

        if date is not None:
            dated = [e for e in self.events if e.date is not None and _dates_agree(e.date, date) and fits(e)]
            if dated:
                return dated[-1]
            undated = [e for e in self.events if e.date is None and e.main and specific & e.specific() and fits(e)]
            if undated:
                undated[-1].date = date
                return undated[-1]
            return None
        last = self.last_event
        if (
            last is not None
            and block == self.last_block
            and fits(last)
            and (not specific or specific <= last.specific() or not last.specific())
        ):
            return last
        main = sorted((e for e in self.events if e.main), key=lambda e: e.last_used)
        for event in reversed(main):
            if specific & event.specific() and fits(event):
                return event
        if specific:
            if last is not None and last.main and loosely(last):
                return last
            open_ = [e for e in main if not e.specific() and loosely(e)]
            return open_[-1] if open_ else None
        if countries:
            same = [e for e in main if countries & e.countries() and (stype is None or stype == e.type)]
            crossed = [e for e in main if countries & e.countries() and stype == "attack"]
            open_ = [e for e in main if not e.locations and fits(e)]
            candidates = same or crossed or open_
            return candidates[-1] if candidates else None
        compatible = [e for e in main if fits(e)]
        same_facility = [e for e in compatible if facilities & e.facilities]
        candidates = same_facility or compatible
        return candidates[-1] if candidates else None

    def assign(
        self, stype: str | None, date: Date | None, places: list[Entity], block: int, facilities: set[str]
    ) -> Draft | None:
        """The event a sentence belongs to (created when needed); ``None`` drops the sentence."""
        if date is not None and self.story is not None and _on_story_timeline(date, self.story):
            date = None  # the story's own time: no background event
        event = self._pick(stype, date, places, block, facilities)
        if event is None:
            if stype is None:
                return None
            event = Draft(stype, date, main=date is None or not any(e.main for e in self.events))
            self.events.append(event)
        elif stype == "prison_break" and event.type == "attack":
            event.type = "prison_break"
        self.last_block, self.last_event = block, event
        self.clock += 1
        event.facilities |= facilities
        event.last_used = self.clock
        return event


def is_event_place(text: str, start: int, end: int, kind: str) -> bool:
    """Whether a place mention says where something happened: a name (a word with a capital,
    "al-Qaim" too) or an unnamed facility ("a police station"; "the neighborhood", "a region" on
    their own place nothing), not a reference point ("north
    of X", "near X"), and a country only after a preposition ("in Iraq", "from Syria and Iraq")
    or as a possessive ("Nigeria's Borno state"), not as an actor ("the United States said")."""
    before = text[max(0, start - 45) : start]
    name = re.sub(r"^(?:the|The)\s+", "", text[start:end])
    bare = re.sub(r"^(?:[Aa]n?|[Tt]his|[Tt]hat)\s+", "", name)
    if not any(part[:1].isupper() for part in re.split(r"[\s-]+", bare)) and not _FACILITY_HEAD.search(bare):
        return False  # a common noun with no name and no facility: "the neighborhood", "a region"
    if REFERENCE_POINT.search(before) or _DEICTIC_PLACE.fullmatch(text[start:end]) or name in _DEMONYM_SET:
        return False  # a reference point, a deictic, or an adjective ("Salvadoran") is no place
    if kind != "country":
        return True
    return bool(_PLACE_PREP.search(before) or re.match(r"['’]s\b", text[end : end + 3]))


def facility_words(sentence: str) -> set[str]:
    """Facility nouns of a sentence, singular ("prison", "barracks"): they link sentences."""
    return {m.group(1).lower() for m in _FACILITY.finditer(sentence)}
