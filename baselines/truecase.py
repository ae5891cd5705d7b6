"""A case-insensitive path for all-capitals text (wire copy such as MUC-4).

The rule tagger finds names by their capital letters, which all-capitals text does not have.
``truecase`` rewrites such text character for character (offsets are unchanged): every word
becomes lower case except words outside a list of common English words, which get an initial
capital, and short words in brackets or parentheses, which stay acronyms ("[FMLN]").

>>> truecase("GUERRILLAS ATTACKED A POST IN SANTA ANA, THE FMLN [FARABUNDO MARTI] SAID.")
'guerrillas attacked a post in Santa Ana, the Fmln [Farabundo Marti] said.'
>>> truecase("THE [FMLN] SAID")
'the [FMLN] said'
>>> is_all_caps("Police said 12 inmates escaped.")
False
"""

from __future__ import annotations

import re

from baselines.common_words import COMMON_WORDS
from baselines.lexicon import MONTHS, WEEKDAYS

__all__ = ["is_all_caps", "truecase"]

_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
_BRACKETED_ACRONYM = re.compile(r"(?<=[\[(])[A-Z]{2,6}(?=[\])])")
_CALENDAR = frozenset(w.lower() for w in (*MONTHS, *WEEKDAYS))


def is_all_caps(text: str, threshold: float = 0.9) -> bool:
    """Whether at least ``threshold`` of the cased letters of ``text`` are capitals."""
    upper = sum(1 for ch in text if ch.isupper())
    lower = sum(1 for ch in text if ch.islower())
    return upper + lower > 0 and upper / (upper + lower) >= threshold


def _lower(text: str) -> str:
    """Lower case, character for character (a character whose lower case is longer stays)."""
    return "".join(low if len(low := ch.lower()) == 1 else ch for ch in text)


def truecase(text: str) -> str:
    """``text`` re-cased for the rule tagger; same length, same offsets."""
    chars = list(_lower(text))
    for match in _WORD.finditer(text):
        word = match.group().lower().rstrip("'’")
        stem = re.sub(r"['’]s$", "", word)
        if stem not in COMMON_WORDS and stem not in _CALENDAR and len(stem) > 1:
            chars[match.start()] = chars[match.start()].upper()
    for match in _BRACKETED_ACRONYM.finditer(text):
        chars[match.start() : match.end()] = list(match.group())
    return "".join(chars)
