"""Segmentation: lines into blocks, blocks into sentences, boilerplate flagged, words with offsets.

All offsets are Python ``str`` indices into the original document text.

>>> text = "Mr. Smith said 5 died. Police fled.\\n\\nShare this article"
>>> [text[s.start:s.end] for s in sentences(text)]
['Mr. Smith said 5 died.', 'Police fled.']
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

from baselines.lexicon import BOILERPLATE, BOILERPLATE_ANYWHERE

WORD = re.compile(r"[A-Za-z0-9\u00C0-\u024F]+(?:[-'’.,][A-Za-z0-9\u00C0-\u024F]+)*|[^\sA-Za-z0-9]")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr gen lt col maj capt sgt brig st jr sr no vs etc jan feb mar apr jun jul aug sep sept oct nov dec u.s u.n a.m p.m inc corp co gov rep sen".split()
)
# Once one of these appears, the rest of the page is comments or page chrome.
_TERMINAL = re.compile(
    r"^\s*(?:no comments|leave a (?:reply|comment)|share this article|join (?:our|the) (?:comment\w*|conversation)|related (?:articles|stories|posts)|more from)",
    re.I,
)
# A wire dateline opening the story: "SAN SALVADOR, 18 FEB 90 (DPA) -- [TEXT]", "MANAGUA
# (NICARAGUA), 11 DEC 89 (RADIO SANDINO) --", "BAGHDAD (Reuters) -", "Baghdad, Jan. 3 (AFP) -".
_DATELINE = re.compile(
    r"^[ \t]*(?P<place>[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,3})"
    r"(?:[ \t]*\([A-Z][^()\n]{0,30}\))?"  # the country: MANAGUA (NICARAGUA)
    r"(?:,[ \t]*[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,2}(?=[ \t]*[,(]))?"  # KABUL, Afghanistan
    r"(?:,[ \t]*(?P<date>\d{1,2}[ \t]+[A-Za-z]{3,9}\.?[ \t]+\d{2,4}|[A-Za-z]{3,9}\.?[ \t]+\d{1,2}(?:,[ \t]*\d{4})?))?"
    r"[ \t]*\([A-Z][^()\n]{0,40}\)[ \t]*(?:--|[-—–])[ \t]*(?:\[TEXT\][ \t]*)?",
    re.M,
)


def _dateline(text: str) -> re.Match[str] | None:
    """A wire dateline within the story's first lines; its filing place must be in capitals or
    followed by a date, so a headline with a parenthesis is no dateline."""
    match = _DATELINE.search(text, 0, 400)
    return match if match and (match.group("place").isupper() or match.group("date")) else None


def dateline_end(text: str) -> int:
    """End offset of a wire dateline within the story's first lines (0 when there is none):
    it says where the report was filed, not where anything happened. The filing place must be
    in capitals or followed by a date, so a headline with a parenthesis is no dateline.

    >>> text = "SAN SALVADOR, 18 FEB 90 (DPA) -- [TEXT] GUERRILLAS ATTACKED"
    >>> text[dateline_end(text):]
    'GUERRILLAS ATTACKED'
    >>> dateline_end("Iraq Prison Break (Video) - 500 Escape")
    0
    """
    match = _dateline(text)
    return match.end() if match else 0


def dateline_date(text: str) -> str | None:
    """The filing date of a wire dateline ("18 FEB 90", "Jan. 3, 2011"), else ``None``.

    >>> dateline_date("SAN SALVADOR, 18 FEB 90 (DPA) -- [TEXT] GUERRILLAS ATTACKED")
    '18 FEB 90'
    """
    match = _dateline(text)
    return match.group("date") if match else None


@dataclass(frozen=True)
class Sentence:
    """A sentence span; ``title`` marks headline-style lines (title case, no full stop)."""

    start: int
    end: int
    block: int
    title: bool


@dataclass(frozen=True)
class Block:
    start: int
    end: int
    boilerplate: bool


def is_hard_wrapped(text: str) -> bool:
    """Whether ``text`` is wire copy wrapped at a fixed width, paragraphs set apart by blank
    lines: most lines followed by another line of the same paragraph stop mid-sentence."""
    lines = text.split("\n")
    inner = [a for a, b in itertools.pairwise(lines) if a.strip() and b.strip()]
    filled = [line for line in lines if line.strip()]
    if len(inner) < 3 or len(inner) < 0.5 * len(filled) or "\n\n" not in text:
        return False
    open_ended = sum(not re.search(r"[.!?:\"”’)]\s*$", line) for line in inner)
    return open_ended >= 0.6 * len(inner)


def blocks(text: str) -> list[Block]:
    """Non-empty lines with a boilerplate flag (a terminal marker flags everything after it).

    In hard-wrapped text (``is_hard_wrapped``) a block is a paragraph: its lines run together.
    """
    out: list[Block] = []
    terminal = False
    unit = r"[^\n]+(?:\n[ \t]*[^\s][^\n]*)*" if is_hard_wrapped(text) else r"[^\n]+"
    for match in re.finditer(unit, text):
        line = match.group()
        if not line.strip():
            continue
        if _TERMINAL.match(line):
            terminal = True
        boiler = terminal or bool(BOILERPLATE.match(line) or BOILERPLATE_ANYWHERE.search(line))
        lead = len(line) - len(line.lstrip())
        out.append(Block(match.start() + lead, match.start() + len(line.rstrip()), boiler))
    return out


def _is_title(line: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z'’-]+", line) if len(w) > 3]
    if len(words) < 3 or line.rstrip().endswith((".", "!", "?", ":")):
        return False
    return sum(w[0].isupper() for w in words) / len(words) >= 0.7


def _splits(line: str) -> list[int]:
    """Relative offsets where a new sentence starts inside ``line``."""
    cuts = []
    for match in re.finditer(r"[.!?][\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])", line):
        before = re.search(r"([A-Za-z.]+)\.$", line[: match.start() + 1])
        if line[match.start()] == "." and before:
            token = before.group(1).lower().rstrip(".")
            if token in _ABBREVIATIONS or len(token) == 1:
                continue
        cuts.append(match.end())
    return cuts


def _headline_splits(line: str) -> list[int]:
    """Clause starts in a headline without a full stop: "X escapes, attack in Y leaves 39 dead"."""
    if "“" in line or '"' in line:  # a quoted title keeps its commas (cited headlines)
        return []
    cuts = []
    for match in re.finditer(r",\s+", line):
        left, right = line[: match.start()].split(",")[-1], line[match.end() :].split(",")[0]
        if len(left.split()) >= 3 and len(right.split()) >= 3:
            cuts.append(match.end())
    return cuts


@lru_cache(maxsize=64)
def _sentences(text: str) -> tuple[Sentence, ...]:
    out: list[Sentence] = []
    for index, block in enumerate(blocks(text)):
        if block.boilerplate:
            continue
        line = text[block.start : block.end]
        title = _is_title(line)
        starts = [0, *_splits(line)]
        if not re.search(r"[.!?:\"”’)]\s*$", line):
            starts = sorted({*starts, *_headline_splits(line)})
        for begin, stop in zip(starts, [*starts[1:], len(line)]):
            chunk = line[begin:stop]
            stripped = chunk.rstrip()
            if stripped:
                out.append(Sentence(block.start + begin, block.start + begin + len(stripped), index, title))
    return tuple(out)


def sentences(text: str) -> list[Sentence]:
    """Sentences of the non-boilerplate blocks of ``text``, in order."""
    return list(_sentences(text))


def words(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """Word and punctuation tokens of ``text[start:end]`` as ``(start, end, token)``."""
    end = len(text) if end is None else end
    return [(m.start() + start, m.end() + start, m.group()) for m in WORD.finditer(text[start:end])]
