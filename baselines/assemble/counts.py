"""Decide what a number counts: its category (killed, escaped, ...) and, for casualties, whose.

The category comes from the nearest cue verb or noun, tried in this order:
1. a transitive cue right before the number ("killing 11", "recaptured 104", "home to 3,000");
2. a cue governing the number as subject ("260 prisoners escaped", "23 were killed");
3. a transitive cue a few words before ("killed dozens, including at least 25");
4. any cue later in the sentence, then any cue earlier in it.
Victims come from the head nouns after the number ("members of the security forces").

>>> text = "Gunmen stormed the jail, killing 11 guards, and 40 inmates escaped."
>>> [categorize(text, 0, len(text), text.index(n), text.index(n) + 2) for n in ("11", "40")]
[('killed', 'security'), ('escaped', 'prisoners')]
"""

from __future__ import annotations

import re
from functools import lru_cache

from baselines.gazetteer import DEMONYMS
from baselines.gazetteer_match import find_names
from baselines.lexicon import (
    ATTACKER_VERBS,
    CATEGORY_CUES,
    INTENT_CUE,
    PRISON_CATEGORIES,
    PRISONER_WORDS,
    REPORTING_VERBS,
    STATE_QUALIFIERS,
    VICTIM_NOUNS,
)

_TRANSITIVE = re.compile(
    r"\b(?:kill(?:ed|ing|s)?|wound(?:ed|ing)|injur(?:ed|ing)|free(?:d|ing)?|releas(?:e|ed|ing)(?: of)?|"
    r"recaptur\w*|re-?arrest\w*|arrest(?:ed|ing)|captur(?:ed|ing)|deaths?(?: of)?|death toll|toll(?: of)?|"
    r"home to|hous(?:ing|es|ed)|holds|holding|escape of|manhunt (?:is )?(?:still )?(?:under ?way )?for|"
    r"hunt(?:ing)? for|search(?:ing)? for|massacred|executed|slew|left|leaves|leaving|"
    r"murder(?:ed|ing)?(?: of)?|assassinat(?:ed|ing|ion)(?: of)?|killings? of|massacre of)"
    r"(?:\s+(?:the|all|all the|another|a further|an additional|its|their))?\W*$",
    re.I,
)
_CASUALTY_ADJECTIVE = re.compile(r"\s+(?:dead|wounded|injured)\b", re.I)
_DONE_BY = re.compile(
    r"\b(?:attack(?:s|ed)?|raid(?:s|ed)?|assault(?:s|ed)?|ambush(?:es|ed)?|stormed|carried out|perpetrated)\s+by\s+$",
    re.I,
)
_RELATIVE = re.compile(r"\b(?:who|that|which)\s+(?:\w+\s+){0,2}$", re.I)
_WORD = re.compile(r"[\w'’-]+")
_TOKEN = re.compile(r"[\w'’-]+|[^\w\s]")  # a word or one punctuation mark
_WORD_START = re.compile(r"[\w'’-]")
_BARE_NUMBER = re.compile(r"\d[\d,]*")
_STOP_NP = re.compile(
    r"^(?:who|that|which|were|was|are|is|had|have|has|been|be|will|would|managed|remain\w*|while|when|after|before|during|in|on|at|from|to|by|with)$"
)
_DEMONYMS = frozenset(d.lower() for d in DEMONYMS)
_NP_PARTICIPLES = frozenset(
    {
        "suspected",
        "armed",
        "alleged",
        "high-ranking",
        "ranking",
        "wanted",
        "detained",
        "convicted",
        "escaped",
        "unarmed",
        "hardened",
    }
)
_PEOPLE_WORDS = frozenset(
    {
        "them",
        "others",
        "more",
        "members",
        "persons",
        "individuals",
        "those",
        "whom",
        "comrades",
        "followers",
        "recruits",
        "commanders",
        "leaders",
        "operatives",
    }
)
_COORDINATED_NUMBER = re.compile(
    r"\s*(?:\d|at least|more than|about|some|nearly|[a-z]+ty\b|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a dozen|dozens|hundreds)",
    re.I,
)
_REPORTING = re.compile(r"(?:" + "|".join(re.escape(v) for v in REPORTING_VERBS) + r")\b", re.I)


@lru_cache(maxsize=1)
def _cue_pattern() -> re.Pattern[str]:
    return re.compile("|".join(f"(?P<{cat}>\\b(?:{rx})\\b)" for cat, rx in CATEGORY_CUES), re.I)


def _cues(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.lastgroup or "") for m in _cue_pattern().finditer(text, start, end)]


def _nwords(fragment: str) -> int:
    return len(_WORD.findall(fragment))


def victims_of(phrase: str) -> str | None:
    """Victim class of the noun phrase after a number, ``mixed`` when it names several."""
    classes: list[str] = []
    lowered = phrase.lower()
    if any(kind == "armed" for _, kind, _ in find_names(phrase)):
        classes.append("attackers")
    tokens = _WORD.findall(lowered)
    for i, token in enumerate(tokens):
        pair = " ".join(tokens[i : i + 2])
        for victim, nouns in VICTIM_NOUNS.items():
            if token in nouns or pair in nouns:
                if (
                    victim == "attackers"
                    and token.startswith("fighter")
                    and i
                    and (tokens[i - 1] in _DEMONYMS or tokens[i - 1] in STATE_QUALIFIERS)
                ):
                    victim = "security"
                if token == "security" and pair != "security forces":
                    continue
                classes.append(victim)
    if "prisoners" in classes and "attackers" in classes:
        classes.remove("prisoners")
    unique = sorted(set(classes))
    return None if not unique else unique[0] if len(unique) == 1 else "mixed"


def _modifies_victim(text: str, end: int, stop: int) -> bool:
    """Whether the one or two words after ``end`` name people ("unidentified subversives")."""
    words: list[str] = []
    for match in _TOKEN.finditer(text, end, stop):
        token = match.group()
        if not _WORD_START.match(token) or _STOP_NP.match(token) or len(words) == 2:
            break
        words.append(token)
    return bool(words) and victims_of(" ".join(words)) is not None


def noun_phrase(text: str, end: int, stop: int) -> tuple[str, int]:
    """The words after a number up to a verb, clause break or another number: (phrase, end)."""
    last = end
    for match in _TOKEN.finditer(text, end, stop):
        token, here = match.group(), match.start()
        lowered = token.lower()
        if not _WORD_START.match(token) or _STOP_NP.match(token) or _BARE_NUMBER.fullmatch(token):
            break
        if (
            lowered.endswith(("ed", "ing"))
            and lowered not in _NP_PARTICIPLES
            and not _modifies_victim(text, here + len(token), stop)
        ):
            break
        if lowered == "and" and _COORDINATED_NUMBER.match(text, here + 3, stop):
            break
        if _cue_pattern().match(text, here) or ATTACKER_VERBS.match(text, here) or _REPORTING.match(text, here):
            break
        last = match.end()
        if _nwords(text[end:last]) >= 8:
            break
    return text[end:last], last


def _is_people(phrase: str) -> bool:
    """Whether the words after a number can be people (empty, a victim noun, "of them", ...)."""
    words = _WORD.findall(phrase.lower())
    return not words or victims_of(phrase) is not None or any(w in _PEOPLE_WORDS for w in words)


def categorize(text: str, sent_start: int, sent_end: int, start: int, end: int) -> tuple[str, str | None] | None:
    """(category, class of the people counted) of the number at ``text[start:end]``, or ``None``.

    The class (``victims_of`` the words after the number) may be ``None``; callers decide
    what a casualty count without one is.
    """
    phrase, np_end = noun_phrase(text, end, sent_end)
    if not _is_people(phrase):
        return None
    victims = victims_of(phrase)
    if not phrase.strip() and (adjective := _CASUALTY_ADJECTIVE.match(text, end, sent_end)):
        victims = victims_of(noun_phrase(text, adjective.end(), sent_end)[0])  # "30 dead civilians"
    after = text[np_end : min(sent_end, np_end + 40)]
    if victims == "attackers" and re.match(r"\s*(?:\w+\s+)?(?:" + ATTACKER_VERBS.pattern + ")", after, re.I):
        return "attackers", victims
    if _DONE_BY.search(text[max(sent_start, start - 40) : start]):
        return "attackers", victims  # "attacks by about 150 guerrillas"
    before_all = [c for c in _cues(text, sent_start, start)]
    after_all = [c for c in _cues(text, np_end, sent_end)]
    direct = [c for c in after_all if not _RELATIVE.search(text[np_end : c[0]])]
    choice: tuple[int, int, str] | None = None
    near_before = [c for c in before_all if _TRANSITIVE.search(text[c[0] : start]) and _nwords(text[c[1] : start]) <= 1]
    if near_before:
        choice = near_before[-1]
    elif direct and _nwords(text[np_end : direct[0][0]]) <= 5:
        choice = direct[0]
    elif cands := [
        c for c in before_all if _TRANSITIVE.search(text[c[0] : start]) and _nwords(text[c[1] : start]) <= 4
    ]:
        choice = cands[-1]
    elif direct and _nwords(text[np_end : direct[0][0]]) <= 25:
        choice = direct[0]
    elif after_all and _nwords(text[np_end : after_all[0][0]]) <= 25:
        choice = after_all[0]
    elif before_all and _nwords(text[before_all[-1][1] : start]) <= 12:
        choice = before_all[-1]
    if choice is None:
        return None
    if INTENT_CUE.search(text[max(sent_start, choice[0] - 40) : choice[0]]):
        return None
    if choice[2] in PRISON_CATEGORIES and victims != "prisoners" and not PRISONER_WORDS.search(text):
        return None  # "two guerrillas fled", "police arrested three": no prison in the story
    return choice[2], victims
