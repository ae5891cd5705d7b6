"""Read MUC-4 answer-key files: templates, slots, and the fill notation of each line.

A key file is a sequence of templates, each a numbered list of the 25 slots
(``0.  MESSAGE: ID ...`` to ``24. HUM TGT: TOTAL NUMBER ...``). A slot holds one fill per
line; continuation lines (indented) are further fills of the same slot. Lines starting
with ``;`` are comments. The notation of a fill (``template-doc-part1.v7`` section 4.2):

- ``*`` inapplicable, ``-`` null (no fill);
- ``?`` before a fill: the fill is optional (null is also correct);
- ``/`` separates alternative fills (any one is correct);
- ``"..."`` a string from the text (``\\"`` escapes a quote);
- ``VALUE: "STRING"`` a set fill or number cross-referenced to a string fill of another
  slot (``DEATH: "PEASANTS"``, ``6: "JESUITS"``, ``"MAYOR": "TORRES"``).

>>> fill = parse_fill('? CLAIMED OR ADMITTED / POSSIBLE: "FMLN" / "FARABUNDO MARTI"')
>>> fill.optional, fill.values, fill.xref
(True, ('CLAIMED OR ADMITTED', 'POSSIBLE'), ('FMLN', 'FARABUNDO MARTI'))
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

SLOTS: tuple[str, ...] = (
    "MESSAGE: ID",
    "MESSAGE: TEMPLATE",
    "INCIDENT: DATE",
    "INCIDENT: LOCATION",
    "INCIDENT: TYPE",
    "INCIDENT: STAGE OF EXECUTION",
    "INCIDENT: INSTRUMENT ID",
    "INCIDENT: INSTRUMENT TYPE",
    "PERP: INCIDENT CATEGORY",
    "PERP: INDIVIDUAL ID",
    "PERP: ORGANIZATION ID",
    "PERP: ORGANIZATION CONFIDENCE",
    "PHYS TGT: ID",
    "PHYS TGT: TYPE",
    "PHYS TGT: NUMBER",
    "PHYS TGT: FOREIGN NATION",
    "PHYS TGT: EFFECT OF INCIDENT",
    "PHYS TGT: TOTAL NUMBER",
    "HUM TGT: NAME",
    "HUM TGT: DESCRIPTION",
    "HUM TGT: TYPE",
    "HUM TGT: NUMBER",
    "HUM TGT: FOREIGN NATION",
    "HUM TGT: EFFECT OF INCIDENT",
    "HUM TGT: TOTAL NUMBER",
)
_SLOT_LINE = re.compile(r"^(\d+)\.\s+(" + "|".join(re.escape(s) for s in SLOTS) + r")(?=\s|$)(.*)$")
_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')
_NULL = ("*", "-")


class KeyFormatError(ValueError):
    """A line of a key file that is neither a slot, a continuation nor a comment."""


@dataclass(frozen=True)
class KeyLine:
    """One fill line: its 1-based line number in the key file and its text (stripped)."""

    line: int
    text: str


@dataclass
class KeyTemplate:
    """One template of a key file, slot by slot."""

    file: str
    line: int
    message_id: str
    slots: dict[str, list[KeyLine]] = field(default_factory=dict)

    @property
    def number(self) -> int | None:
        """The MESSAGE: TEMPLATE number, or None for an irrelevant-message key (``*``)."""
        text = self.first("MESSAGE: TEMPLATE")
        match = re.match(r"^(\d+)", text or "")
        return int(match.group(1)) if match else None

    @property
    def optional(self) -> bool:
        """``(OPTIONAL)`` after the template number: generating the template is optional."""
        return "(OPTIONAL)" in (self.first("MESSAGE: TEMPLATE") or "")

    def first(self, slot: str) -> str | None:
        lines = self.slots.get(slot) or []
        return lines[0].text if lines else None

    def fills(self, slot: str) -> list[KeyLine]:
        """The lines of a slot that hold a fill (neither ``*`` nor ``-``)."""
        return [ln for ln in self.slots.get(slot, []) if ln.text not in _NULL]

    def joined(self, slot: str) -> str | None:
        """A single-valued slot's fill (continuation lines joined with a space), or None."""
        lines = self.fills(slot)
        return " ".join(ln.text for ln in lines) if lines else None


def read_key_file(text: str, name: str) -> list[KeyTemplate]:
    """Every template of a key file, in file order; raise ``KeyFormatError`` on a bad line."""
    templates: list[KeyTemplate] = []
    current: KeyTemplate | None = None
    slot: str | None = None
    for number, raw in enumerate(text.split("\n"), 1):
        line = raw.rstrip()
        if not line.strip() or line.lstrip().startswith(";"):
            continue
        match = _SLOT_LINE.match(line)
        if match:
            slot = match.group(2)
            value = match.group(3).strip()
            if slot == "MESSAGE: ID":
                current = KeyTemplate(name, number, value.split()[0] if value else "")
                templates.append(current)
            if current is None:
                raise KeyFormatError(f"{name}:{number}: slot {slot!r} before any MESSAGE: ID")
            current.slots.setdefault(slot, []).append(KeyLine(number, value))
        elif line[0].isspace() and current is not None and slot is not None:
            current.slots[slot].append(KeyLine(number, line.strip()))
        else:
            raise KeyFormatError(f"{name}:{number}: not a slot line: {line[:60]!r}")
    return templates


@dataclass(frozen=True)
class Fill:
    """One fill line, parsed.

    ``values``: the ``/``-separated alternatives before the cross-reference colon (set
    fills or numbers, unquoted), or of the whole line when it has no colon; ``strings``:
    the quoted alternatives before the colon (string slots); ``xref``: the quoted
    alternatives after the colon (empty for a dummy ``"-"`` reference, None when the fill
    has no cross-reference). ``repaired`` says that unbalanced quotes were fixed.
    """

    optional: bool
    values: tuple[str, ...]
    strings: tuple[str, ...]
    xref: tuple[str, ...] | None
    repaired: bool = False


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text).strip()


def _balanced(text: str) -> bool:
    return len(re.findall(r'(?<!\\)"', text)) % 2 == 0


def _repair(text: str) -> str:
    """Re-quote each ``/``-separated piece of a part whose quotes do not balance."""
    pieces = [p.strip().strip('"').strip() for p in re.split(r"\s+/\s+|\s*/\s*(?=\")|(?<=\")\s*/\s*", text)]
    return " / ".join(f'"{p}"' for p in pieces if p)


def _split_colon(text: str) -> tuple[str, str | None]:
    """Split at the first colon outside quotes."""
    inside = False
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\\" and inside:
            i += 2
            continue
        if char == '"':
            inside = not inside
        elif char == ":" and not inside:
            return text[:i].strip(), text[i + 1 :].strip()
        i += 1
    return text.strip(), None


def _strings(text: str) -> tuple[str, ...]:
    return tuple(s for s in (_unescape(m.group(1)) for m in _STRING.finditer(text)) if s)


def _values(text: str) -> tuple[str, ...]:
    text = text.strip()
    if text.startswith("(") and text.endswith(")") and text.count("(") == 1:
        text = text[1:-1]
    return tuple(v.strip() for v in re.split(r"\s*/\s*", text) if v.strip())


def parse_fill(text: str) -> Fill:
    """Parse one fill line (see the module docstring for the notation)."""
    text = text.strip()
    optional = text.startswith("?")
    if optional:
        text = text[1:].strip()
    repaired = False
    if not _balanced(text):
        head, tail = _split_colon(text) if '"' not in text.split(":", 1)[0] else (text, None)
        if tail is not None and not _balanced(tail):
            text, repaired = f"{head}: {_repair(tail)}", True
        elif not _balanced(text):
            text, repaired = _repair(text), True
    head, tail = _split_colon(text)
    strings = _strings(head)
    values = () if strings else _values(head)
    if tail is None:
        return Fill(optional, values, strings, None, repaired)
    return Fill(optional, values, strings, _strings(tail), repaired)
