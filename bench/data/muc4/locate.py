"""Find the key's strings and numbers in a message's text.

A key string is found where the text has the same words in the same order: line breaks
and runs of spaces between words are free, and the match must start and end at word
boundaries. Where the words differ only in what the scorer's normalisation removes
(punctuation, apostrophes, the articles *a*, *an*, *the*), the normalised match is taken;
a match is kept only when ``bench.normalize.normalize_text`` gives the span and the key
string the same normal form, so the scorer treats the two as one string.

Numbers: every number expression of the text (digits, "3,000", number words, "A DOZEN",
optionally after a modifier such as "ABOUT" or "AT LEAST") is read with
``bench.normalize.parse_count``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bench.data.model import CountValue, Span
from bench.normalize import normalize_text
from bench.normalize.numbers import NumberParseError, parse_count

_WORD = re.compile(r"[A-Za-z0-9]+(?:'[A-Za-z]+)?")
_ARTICLES = frozenset({"A", "AN", "THE"})
_NUMBER_WORDS = (
    "ZERO ONE TWO THREE FOUR FIVE SIX SEVEN EIGHT NINE TEN ELEVEN TWELVE THIRTEEN FOURTEEN FIFTEEN "
    "SIXTEEN SEVENTEEN EIGHTEEN NINETEEN TWENTY THIRTY FORTY FIFTY SIXTY SEVENTY EIGHTY NINETY "
    "HUNDRED THOUSAND MILLION DOZEN"
).split()
_NUM_TOKEN = r"(?:\d{1,3}(?:,\d{3})+|\d+|" + "|".join(_NUMBER_WORDS) + r")"
_NUMBER = re.compile(
    r"(?<![A-Za-z0-9,])(?:AN?\s+(?=(?:DOZEN|HUNDRED|THOUSAND)\b))?"
    + _NUM_TOKEN
    + r"(?:(?:\s+AND\s+|[\s-]+)"
    + _NUM_TOKEN
    + r")*(?![A-Za-z0-9])",
    re.IGNORECASE,
)
_MODIFIERS = (
    "AT LEAST",
    "NO FEWER THAN",
    "NO LESS THAN",
    "MORE THAN",
    "OVER",
    "AT MOST",
    "UP TO",
    "NO MORE THAN",
    "FEWER THAN",
    "LESS THAN",
    "ABOUT",
    "AROUND",
    "APPROXIMATELY",
    "ROUGHLY",
    "NEARLY",
    "ALMOST",
    "CLOSE TO",
    "AN ESTIMATED",
    "SOME",
)
_MONTHS = re.compile(
    r"\s*(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|SEPT|OCT|NOV|DEC)[A-Z]*\b|\s*(?:HOURS|GMT|HRS)\b|\s*(?:AM|PM)\b",
    re.IGNORECASE,
)


def _pattern(phrase: str) -> re.Pattern[str]:
    words = phrase.split()
    return re.compile(r"(?<![A-Za-z0-9])" + r"\s+".join(map(re.escape, words)) + r"(?![A-Za-z0-9])")


_compiled = lru_cache(maxsize=65536)(_pattern)


@dataclass(frozen=True)
class NumberMention:
    """A number expression of the text and its normalised value."""

    span: Span
    value: CountValue
    bare: Span  # the number without its modifier


class TextIndex:
    """One message's text, with its words and number expressions indexed for look-ups."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._words = [
            (m.group(0).replace("'", "").upper(), m.start(), m.end())
            for m in _WORD.finditer(text)
            if m.group(0).upper() not in _ARTICLES
        ]
        self._first: dict[str, list[int]] = {}
        for i, (word, _, _) in enumerate(self._words):
            self._first.setdefault(word, []).append(i)
        self._numbers: list[NumberMention] | None = None

    def span(self, start: int, end: int) -> Span:
        return Span(start=start, end=end, text=self.text[start:end])

    def find(self, phrase: str) -> list[Span]:
        """Every occurrence of ``phrase`` (exact words first; else the normalised words)."""
        phrase = phrase.strip()
        if not phrase:
            return []
        found = [self.span(m.start(), m.end()) for m in _compiled(phrase).finditer(self.text)]
        if found:
            return found
        return self._find_normalised(phrase)

    def _find_normalised(self, phrase: str) -> list[Span]:
        target = normalize_text(phrase)
        words = [w.replace("'", "").upper() for w in _WORD.findall(phrase) if w.upper() not in _ARTICLES]
        if not words or not target:
            return []
        found = []
        for i in self._first.get(words[0], []):
            window = self._words[i : i + len(words)]
            if [w for w, _, _ in window] == words:
                span = self.span(window[0][1], window[-1][2])
                if normalize_text(span.text) == target:
                    found.append(span)
        return found

    def find_any(self, phrases: tuple[str, ...] | list[str]) -> list[Span]:
        """Occurrences of any of ``phrases``, sorted, without duplicates."""
        spans = {(s.start, s.end): s for p in phrases for s in self.find(p)}
        return [spans[k] for k in sorted(spans)]

    @property
    def numbers(self) -> list[NumberMention]:
        """Every number expression, with its modifier when one precedes it; dates and
        clock times ("30 DEC", "0630 HOURS") are left out."""
        if self._numbers is None:
            self._numbers = []
            for match in _NUMBER.finditer(self.text):
                after = self.text[match.end() : match.end() + 12]
                before = self.text[max(0, match.start() - 12) : match.start()]
                if _MONTHS.match(after) or re.search(
                    r"(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)\s*$", before
                ):
                    continue
                bare = self.span(match.start(), match.end())
                try:
                    value = parse_count(re.sub(r"\s+", " ", bare.text))
                except NumberParseError:
                    continue
                self._numbers.append(self._with_modifier(bare, value))
        return self._numbers

    def _with_modifier(self, bare: Span, value: CountValue) -> NumberMention:
        head = self.text[max(0, bare.start - 24) : bare.start]
        for modifier in _MODIFIERS:
            match = re.search(r"(?<![A-Za-z0-9])" + r"\s+".join(modifier.split()) + r"\s+$", head, re.IGNORECASE)
            if match:
                start = bare.start - (len(head) - match.start())
                span = self.span(start, bare.end)
                try:
                    return NumberMention(span, parse_count(re.sub(r"\s+", " ", span.text)), bare)
                except NumberParseError:
                    break
        return NumberMention(bare, value, bare)
