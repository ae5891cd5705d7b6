"""A case-insensitive path for all-capitals text (wire copy such as MUC-4).

The rule tagger finds names by their capital letters, which all-capitals text does not have.
``truecase`` rewrites such text character for character (offsets are unchanged): every word
becomes lower case except words that are no common English word (neither in the hand list of
``baselines.common_words`` nor in WordNet as ``baselines.english`` reads it; demonyms are never
common), which get an initial capital, and short words in brackets or parentheses, which stay
acronyms ("[FMLN]"). Names of
the general-knowledge gazetteer keep their capitals: every word of a longer name gets its
initial ("Shining Path"), and an acronym of three or more letters that is no English word stays
in capitals ("FMLN").

>>> truecase("GUERRILLAS ATTACKED A POST IN SANTA ANA, THE FMLN [FARABUNDO MARTI] SAID.")
'guerrillas attacked a post in Santa Ana, the FMLN [Farabundo Marti] said.'
>>> truecase("THE [FMLN] SAID")
'the [FMLN] said'
>>> truecase("THE SHINING PATH SAID")
'the Shining Path said'
>>> is_all_caps("Police said 12 inmates escaped.")
False
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from baselines.assemble import assemble
from baselines.common_words import COMMON_WORDS
from baselines.english import is_common
from baselines.gazetteer import DEMONYMS, NATIONALITIES
from baselines.gazetteer_match import gazetteer_spans
from baselines.lexicon import MONTHS, WEEKDAYS
from baselines.spans import Mention

__all__ = ["assemble_recased", "is_all_caps", "restore", "truecase"]

_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
_POSSESSIVE = re.compile(r"['’]s$")
_BRACKETED_ACRONYM = re.compile(r"(?<=[\[(])[A-Z]{2,6}(?=[\])])")
# Keys whose values are labels from the schema, not strings from the text.
_LABEL_KEYS = frozenset({"type", "category", "victims", "kind", "modifier", "status"})
_CALENDAR = frozenset(w.lower() for w in (*MONTHS, *WEEKDAYS))
_DEMONYMS = frozenset(w.lower() for w in (*DEMONYMS, *NATIONALITIES))  # capitalised in English
_CONNECTORS = frozenset({"of", "the", "and", "de", "del", "la", "al", "el"})


def is_all_caps(text: str, threshold: float = 0.9) -> bool:
    """Whether at least ``threshold`` of the cased letters of ``text`` are capitals."""
    upper, lower = sum(map(str.isupper, text)), sum(map(str.islower, text))
    return upper + lower > 0 and upper / (upper + lower) >= threshold


def _lower(text: str) -> str:
    """Lower case, character for character (a character whose lower case is longer stays)."""
    lowered = text.lower()
    if len(lowered) == len(text) and "Σ" not in text:  # str.lower's only context rule is the final sigma
        return lowered
    return "".join(low if len(low := ch.lower()) == 1 else ch for ch in text)


def truecase(text: str) -> str:
    """``text`` re-cased for the rule tagger; same length, same offsets."""
    chars = list(_lower(text))
    for match in _WORD.finditer(text):
        word = match.group().lower().rstrip("'’")
        stem = _POSSESSIVE.sub("", word)
        if (
            len(stem) > 1
            and stem not in COMMON_WORDS
            and stem not in _CALENDAR
            and (stem in _DEMONYMS or stem.removesuffix("s") in _DEMONYMS or not is_common(stem))
        ):
            chars[match.start()] = chars[match.start()].upper()
    for match in _BRACKETED_ACRONYM.finditer(text):
        chars[match.start() : match.end()] = list(match.group())
    for start, end, acronym in gazetteer_spans(text):
        for token in _WORD.finditer(text, start, end):
            if acronym:
                chars[token.start() : token.end()] = list(token.group())
            elif token.group().lower() not in _CONNECTORS or token.start() == start:
                chars[token.start()] = token.group()[0].upper()
    return "".join(chars)


def restore(value: Any, recased: str, original: str) -> Any:
    """``value`` with every string found in ``recased`` replaced by the same slice of ``original``."""
    if isinstance(value, str):
        at = recased.find(value) if value else -1
        return original[at : at + len(value)] if at >= 0 else value
    if isinstance(value, list):
        return [restore(v, recased, original) for v in value]
    if isinstance(value, dict):
        return {k: v if k in _LABEL_KEYS else restore(v, recased, original) for k, v in value.items()}
    return value


def assemble_recased(
    text: str, spans: Sequence[Mention], categorize_count: Any = None
) -> tuple[list[dict[str, Any]], list[Mention]]:
    """``baselines.assemble.assemble`` over the re-cased copy of all-capitals ``text`` (the
    assembly relies on capital letters), with the strings of the events cut from ``text`` itself."""
    if not is_all_caps(text):
        return assemble(text, spans, categorize_count)
    recased = truecase(text)
    events, used = assemble(recased, spans, categorize_count)
    return restore(events, recased, text), used
