"""MUC-4 places: the INCIDENT: LOCATION notation, and the knowledge base of places.

A location fill names places from the country down, ``:`` between levels, ``-`` between two
places the incident lay between, the place type in parentheses, ``/`` between alternative
readings (a whole path or a type) and ``?`` before an optional fill::

    EL SALVADOR: SAN MIGUEL (DEPARTMENT): SAN LUIS DE LA REINA (TOWN)
    COLOMBIA: CUCUTA (CITY) - CAMPANARIO (RURAL AREA)
    (EL SALVADOR: SAN SALVADOR (CITY)) / (EL SALVADOR: SAN SALVADOR (DEPARTMENT))

The knowledge base has one entry per country (``set-list-foreign-nation.v5``, with its
synonyms as aliases) and per place of the set list with its country
(``containing-areas-part1.v5``, and ``set-list-location.v4`` for any it lacks), named
``<country>.<name>.<type>`` in lower case (``el_salvador.san_salvador.city``). Aliases come
from ``places-synonyms.v3``. A place's parent is the containing area the answer keys give
it most often, else the one ``containing-areas-part2`` gives, else its country. Places the
keys use that no list has get an entry built from the key.

>>> [[p.name for p in seg] for seg in parse_location("COLOMBIA: CUCUTA (CITY) - CAMPANARIO (RURAL AREA)")[1][0]]
[['COLOMBIA'], ['CUCUTA', 'CAMPANARIO']]
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from bench.data.model import KBEntry

UNKNOWN_COUNTRY = "?"
# "The types CITY and TOWN were treated as synonymous" (set-list-location.v4).
_TYPE_SYNONYMS = {"CITY": ("TOWN",), "TOWN": ("CITY",)}


@dataclass(frozen=True)
class Place:
    name: str
    types: tuple[str, ...] = ()


Path_ = list[list[Place]]  # segments (country first), each one place or two joined by "-"


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_") or "x"


def _split_top(text: str, pattern: str) -> list[str]:
    """Split ``text`` at matches of ``pattern`` that lie outside parentheses."""
    parts, depth, last = [], 0, 0
    regex = re.compile(pattern)
    i = 0
    while i < len(text):
        char = text[i]
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(depth - 1, 0)
        elif depth == 0:
            match = regex.match(text, i)
            if match and match.end() > match.start():
                parts.append(text[last:i])
                last = i = match.end()
                continue
        i += 1
    parts.append(text[last:])
    return [p.strip() for p in parts if p.strip()]


def _unwrap(text: str) -> str:
    text = text.strip()
    while text.startswith("(") and text.endswith(")"):
        depth = 0
        for i, char in enumerate(text):
            depth += char == "("
            depth -= char == ")"
            if depth == 0 and i < len(text) - 1:
                return text
        text = text[1:-1].strip()
    return text


def _place(text: str) -> Place:
    match = re.match(r"^(.*?)\s*\(([^()]*)\)\s*$", text)
    if not match:
        return Place(text.strip())
    types = tuple(t.strip().rstrip("?").strip() for t in match.group(2).split("/"))
    return Place(match.group(1).strip(), tuple(t for t in types if t))


def parse_path(text: str) -> Path_:
    """One reading: segments from the country down, each a list of places."""
    return [[_place(p) for p in _split_top(seg, r"\s+-\s+")] for seg in _split_top(_unwrap(text), r":\s*")]


def parse_location(fill: str) -> tuple[bool, list[Path_]]:
    """``(optional, readings)`` of an INCIDENT: LOCATION fill."""
    text = fill.strip()
    optional = text.startswith("?")
    if optional:
        text = text[1:].strip()
    return optional, [parse_path(alt) for alt in _split_top(text, r"\s*/\s*")]


@dataclass
class _Entry:
    id: str
    name: str
    country: str | None
    aliases: set[str] = field(default_factory=set)


class PlaceKB:
    """The places knowledge base, built from the MUC-4 documentation and grown by the keys."""

    def __init__(self) -> None:
        self.entries: dict[str, _Entry] = {}
        self._by_name: dict[tuple[str, str], list[str]] = {}
        self._key_parents: dict[str, Counter[str]] = {}
        self._list_parents: dict[str, str] = {}
        self.from_keys: set[str] = set()

    # -- building from the documentation -------------------------------------------------
    def country(self, name: str) -> str:
        ident = "unknown" if name == UNKNOWN_COUNTRY else slug(name)
        if ident not in self.entries:
            self._add(ident, name, None)
        return ident

    def _add(self, ident: str, name: str, country: str | None) -> None:
        self.entries[ident] = _Entry(ident, name, country)
        self._by_name.setdefault((country or ident, name), []).append(ident)

    def place(self, country: str, name: str, kind: str | None, *, create: bool = True) -> str | None:
        """The id of a place (country id, name, type), created when ``create``."""
        ident = f"{country}.{slug(name)}.{slug(kind or 'place')}"
        if ident not in self.entries and create:
            self._add(ident, name, country)
        return ident if ident in self.entries else None

    def read_nations(self, text: str) -> None:
        section = 0
        for line in text.splitlines():
            stripped = line.strip()
            if re.match(r"^\d\.0\s", stripped):
                section = int(stripped[0])
                continue
            if not stripped or stripped.startswith(("*", "-", "File:")):
                continue
            if section == 1 and re.fullmatch(r"[A-Z][A-Z .'-]*", stripped):
                self.country(stripped)
            elif section == 2 and " = " in stripped:
                alias, name = (s.strip() for s in stripped.split(" = ", 1))
                self.entries[self.country(name)].aliases.add(alias)

    @staticmethod
    def _entry_lines(text: str) -> list[Path_]:
        paths = []
        for line in text.splitlines():
            body = re.sub(r"\s*\*[^*]*\*.*$", "", line).strip()  # drop "*source* VALIDATED ..." notes
            body = re.sub(r"(?<=\))\s+[a-z].*$", "", body)  # and "message 204", "it's not clear ..."
            if ":" not in body or body.endswith(":") or not re.match(r"^[A-Z?]", body):
                continue
            if body.startswith(("File", "V2", "V5", "old", "new")):
                continue
            paths.append(parse_path(body))
        return paths

    def read_containing(self, text: str, *, multi: bool) -> None:
        """``containing-areas-part1`` (country: place) makes entries; ``part2`` (several
        levels, unofficial and sometimes contradictory) only adds parents between entries
        that already exist."""
        for path in self._entry_lines(text):
            if not path or len(path[0]) != 1 or not re.fullmatch(r"[A-Z?][A-Z .'?-]*", path[0][0].name):
                continue
            if multi and (path[0][0].name == UNKNOWN_COUNTRY or slug(path[0][0].name) not in self.entries):
                continue
            country = self.country(path[0][0].name)
            parent = country
            for segment in path[1:]:
                kinds = [p.types[0] if p.types else None for p in segment]
                idents = [self.place(country, p.name, k, create=not multi) for p, k in zip(segment, kinds)]
                if multi:
                    for ident in idents:
                        if ident is not None and parent != country:
                            self._list_parents.setdefault(ident, parent)
                if idents[0] is None:
                    break
                parent = idents[0]

    def read_set_list(self, text: str) -> None:
        """Places of ``set-list-location`` that no containing-areas line gave a country."""
        known = {(e.name, e.id.rsplit(".", 1)[-1]) for e in self.entries.values()}
        for line in text.splitlines():
            if not re.match(r"^[A-Z0-9][^()]*\([^()]*\)\s*$", line.strip()):
                continue
            place = _place(line.strip())
            kind = place.types[0] if place.types else None
            if (place.name, slug(kind or "place")) not in known:
                self.place(self.country(UNKNOWN_COUNTRY), place.name, kind)

    def read_synonyms(self, text: str) -> None:
        for line in text.splitlines():
            match = re.match(r"^([A-Z0-9][A-Z0-9 .,'-]*?)\s+(=|->)\s+([A-Z0-9][A-Z0-9 .,'-]*?)(\s+<-NEW)?\s*$", line)
            if not match:
                continue
            left, sign, right = match.group(1).strip(), match.group(2), match.group(3).strip()
            for entry in self.entries.values():
                if entry.name == right:
                    entry.aliases.add(left)
                elif entry.name == left and sign == "=":
                    entry.aliases.add(right)

    # -- the keys -------------------------------------------------------------------------
    def resolve(self, country: str, place: Place) -> str:
        """The entry for a place of a key; an entry is made from the key if no list has it."""
        kinds: list[str | None] = [*place.types, *(s for t in place.types for s in _TYPE_SYNONYMS.get(t, ()))]
        for kind in kinds or [None]:
            ident = self.place(country, place.name, kind, create=False)
            if ident is not None:
                return ident
        same_name = self._by_name.get((country, place.name), [])
        if len(same_name) == 1 and not place.types:
            return same_name[0]
        ident = self.place(country, place.name, place.types[0] if place.types else None)
        assert ident is not None
        self.from_keys.add(ident)
        return ident

    def resolve_path(self, path: Path_, *, record: bool = False) -> list[list[str]]:
        """Entry ids of a reading, segment by segment; ``record`` counts each place's
        containing area (done once per key template, when the KB is built)."""
        if not path or not path[0]:
            return []
        country = self.country(path[0][0].name)
        resolved = [[country] + [self.country(p.name) for p in path[0][1:]]]
        parent = country
        for segment in path[1:]:
            idents = [self.resolve(country, p) for p in segment]
            for ident in idents if record else ():
                self._key_parents.setdefault(ident, Counter())[parent] += 1
            resolved.append(idents)
            parent = idents[0]
        return resolved

    # -- output -----------------------------------------------------------------------------
    def _parent(self, ident: str) -> str | None:
        entry = self.entries[ident]
        if entry.country is None:
            return None
        counts = self._key_parents.get(ident)
        if counts:
            best = min(((-n, p) for p, n in counts.items() if p != ident), default=None)
            if best is not None:
                return best[1]
        return self._list_parents.get(ident, entry.country)

    def kb_entries(self) -> list[KBEntry]:
        parents = {ident: self._parent(ident) for ident in self.entries}
        for ident in sorted(parents):  # break any cycle the keys' paths make: climb to the country instead
            seen, node = {ident}, parents[ident]
            while node is not None:
                if node in seen:
                    parents[ident] = self.entries[ident].country
                    break
                seen.add(node)
                node = parents.get(node)
        return [
            KBEntry(
                id=ident,
                type="LOCATION",
                name=entry.name,
                aliases=sorted(entry.aliases - {entry.name}),
                parent=parents[ident],
            )
            for ident, entry in sorted(self.entries.items())
        ]
