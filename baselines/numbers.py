"""Find number expressions ("at least 25", "some 3,000", "thirty six", "hundreds", "tens of").

Every span returned here is accepted by ``bench.normalize.parse_count`` (the published
normaliser), so a baseline can emit the raw surface text as a count value. Dates, times,
years, distances and other unit-bearing numbers are left out.

>>> text = "At least 25 died; 260 escaped at 10 pm on May 8, 2011, 12 miles away."
>>> [text[s:e] for s, e in find_numbers(text)]
['At least 25', '260']
"""

from __future__ import annotations

import re

from baselines.lexicon import MONTHS, NON_PERSON_NOUNS, UNIT_AFTER, VICTIM_NOUNS
from bench.normalize import NumberParseError, parse_count

_UNIT_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy "
    "eighty ninety"
).split()
_NUMBER_WORD = r"(?:" + "|".join(sorted(_UNIT_WORDS, key=len, reverse=True)) + r")"
_SCALE = r"(?:hundred|thousand|million)"
_WORDS = rf"(?:{_NUMBER_WORD}(?:[- ](?:and )?(?:{_NUMBER_WORD}|{_SCALE}))*|a (?:dozen|hundred|thousand|score)|dozen)"
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?: (?:hundred|thousand|million))?"
_VAGUE = (
    r"(?:tens of thousands|several hundred|a few hundred|several thousand|several dozen|"
    r"hundreds|thousands|dozens|scores of|tens of|a handful|several|a few)"
)
_PREFIX = (
    r"(?:at least|no fewer than|no less than|a minimum of|more than|over|upwards of|in excess of|"
    r"at most|up to|no more than|a maximum of|fewer than|less than|under|about|around|"
    r"approximately|roughly|nearly|almost|close to|an estimated|estimated|some)"
)
NUMBER = re.compile(
    rf"(?<![\w$£€/:.,-])(?:{_PREFIX}\s+)?(?:{_VAGUE}|{_DIGITS}|{_WORDS})(?![\w/:-]|[.,]\d)",
    re.I,
)
# Month names in any case ("4 feb 90" in re-cased wire copy), except "may" (the verb).
_MONTH_NAMES = "(?:May|(?i:" + "|".join(m for m in MONTHS if m != "May") + "))"
_MONTH = re.compile(r"\b" + _MONTH_NAMES + r"\.?\s*$")
_MONTH_AFTER = re.compile(r"^\s*" + _MONTH_NAMES + r"\b")
_NEXT_WORDS = re.compile(r"[A-Za-z%.']+")
_PERSON_AFTER = re.compile(
    r"\s+(?:\w+\s+)?(?:"
    + "|".join(sorted({n for nouns in VICTIM_NOUNS.values() for n in nouns}, key=len, reverse=True))
    + r")\b",
    re.I,
)


def _is_unit_bearing(text: str, start: int, end: int) -> bool:
    after = text[end : end + 40]
    if UNIT_AFTER.match(after) or _MONTH_AFTER.match(after) or _MONTH.search(text[max(0, start - 12) : start]):
        return True
    following = [w.lower().rstrip(".") for w in _NEXT_WORDS.findall(after)[:4]]
    content = [w for w in following if w not in ("of", "the", "other", "more", "suspected", "armed", "alleged")]
    return any(word in NON_PERSON_NOUNS for word in content[:2])


# "Salvador Bonilla, 38, and ...": a bare number between commas after a name is an age.
_AGE_BEFORE = re.compile(r"\b[A-Z][\w'’-]*,\s*$")
_AGE_AFTER = re.compile(r"^\s*(?:[,.;)]|and\b)")
# "2. The following ..." at the start of a line: an item label, not a number of people.
_LABEL_BEFORE = re.compile(r"(?:^|\n)[ \t]*$")
_LABEL_AFTER = re.compile(r"^[.)]\s")


# "Decree 207", "Article 2", "No. 6", "Zone 18", "Flight 141", "km 11": a number that names a
# thing rather than counting people ("Detachment No 6" without the dot too; "under the law 18
# guards ..." still counts the guards).
_NUMBER_SIGN = re.compile(
    r"\b(?:no\.|nos\.|(?:detachment|battalion|brigade|regiment|court|case|zone|room|route|channel)\s+no)\s*$", re.I
)
_IDENTIFIER_BEFORE = re.compile(
    r"\b(?:number|article|decree|law|clause|paragraph|point|chapter|page|section|item|zone|route|highway|km|"
    r"kilomet(?:er|re)|channel|flight|calle|carrera|case|detachment|battalion|brigade|regiment|division)\s*$",
    re.I,
)


def _is_identifier(text: str, before: str, end: int) -> bool:
    if _NUMBER_SIGN.search(before):
        return True
    return bool(_IDENTIFIER_BEFORE.search(before)) and not _PERSON_AFTER.match(text, end)


# A 24-hour clock time: zero-led anywhere ("0230"); "shortly after 2100 local time", "at 1400
# GMT"; after "at", "until", "since", "before" or "after" and before punctuation, "on" or a
# day word ("at 1615, the ...", "until 2200 on Wednesday"); one end of a range whose other end
# is one ("from 2100 to 0500"). "Rose to 1200.", "a toll of 1500," and "between 1000 and 1500
# prisoners" stay counts.
_CLOCK = re.compile(r"(?:[01]\d|2[0-3])[0-5]\d")
_CLOCK_MARK = re.compile(r"\s*(?:hours?|hrs?|gmt|local time)\b|\s*\(\s*\d{4}\s*gmt\b", re.I)
_CLOCK_BEFORE = re.compile(r"\b(?:at|until|till|since|before|after|prior to)\s+$", re.I)
_CLOCK_AFTER = re.compile(r"\s*(?:[,.;]|on\b|today\b|tonight\b|yesterday\b|this (?:morning|afternoon|evening)\b)", re.I)
_RANGE_OPEN = re.compile(r"\b(?:from|between)\s+$", re.I)
_RANGE_AFTER = re.compile(r"\s+(?:to|and)\s+(?P<other>\d{4})\b", re.I)
_RANGE_FIRST = re.compile(r"\b(?:from|between)\s+(?P<first>\d{4})\s+(?:to|and)\s+$", re.I)


def _clock_shaped(text: str, start: int, end: int) -> bool:
    """A four-digit number with a clock's own mark: zero-led, or followed by hours/GMT."""
    surface = text[start:end]
    return bool(_CLOCK.fullmatch(surface)) and (surface[0] == "0" or bool(_CLOCK_MARK.match(text, end)))


def _is_clock_time(text: str, start: int, end: int, surface: str) -> bool:
    """Whether a bare four-digit number is a time of day (see ``_CLOCK`` above)."""
    if not _CLOCK.fullmatch(surface) or _PERSON_AFTER.match(text, end):
        return False
    if _clock_shaped(text, start, end):
        return True
    offset = max(0, start - 20)
    before = text[offset:start]
    if _CLOCK_BEFORE.search(before) and _CLOCK_AFTER.match(text, end):
        return True
    if _RANGE_OPEN.search(before) and (other := _RANGE_AFTER.match(text, end)):  # opens "from 2100 to 0500"
        return _clock_shaped(text, other.start("other"), other.end("other"))
    first = _RANGE_FIRST.search(before)  # ... or closes it
    return first is not None and _clock_shaped(text, offset + first.start("first"), offset + first.end("first"))


def _is_bare_non_count(text: str, start: int, end: int, surface: str) -> bool:
    """Whether a bare number is a person's age ("Bonilla, 38,"), a list label ("2. The ..."), an
    identifier ("Decree 207", "No. 6") or a clock time ("at 0215 today")."""
    if not surface.isdigit():
        return False
    before, after = text[max(0, start - 40) : start], text[end : end + 10]
    if int(surface) <= 120 and _AGE_BEFORE.search(before) and _AGE_AFTER.match(after):
        return True
    if _LABEL_BEFORE.search(before) and _LABEL_AFTER.match(after):
        return True
    return _is_identifier(text, before, end) or _is_clock_time(text, start, end, surface)


def _is_year(surface: str) -> bool:
    return bool(re.fullmatch(r"(?:1[89]|20)\d\d", surface))


def find_numbers(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans of number expressions in ``text[start:end]`` that ``parse_count`` accepts."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    for match in NUMBER.finditer(text, start, end):
        s, e = match.span()
        surface = match.group()
        if _is_year(surface) or _is_unit_bearing(text, s, e) or _is_bare_non_count(text, s, e, surface):
            continue
        if surface.lower() == "one" and not _PERSON_AFTER.match(text[e : e + 40]):
            continue
        if surface.lower() in ("a few", "several") and not re.match(
            r"\s+(?:more|other|\w+(?:s|men)\b)", text[e : e + 30]
        ):
            continue
        try:
            parse_count(surface)
        except NumberParseError:
            continue
        spans.append((s, e))
    return spans


def count_text(text: str, start: int, end: int) -> str | None:
    """The parseable number expression inside ``text[start:end]`` (for model-predicted spans)."""
    surface = text[start:end]
    try:
        parse_count(surface)
        return surface
    except NumberParseError:
        inner = find_numbers(text, start, end)
        return text[inner[0][0] : inner[0][1]] if len(inner) == 1 else None
