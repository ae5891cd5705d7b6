"""Rule-based span tagger: COUNT, GROUP, PERSON and LOCATION mentions.

Sources of candidates, in priority order (earlier wins an overlap):
1. number expressions (``baselines.numbers``);
2. group phrases with a possessive ("Nigeria's security forces": one mention, per the guidelines);
3. gazetteer names, extended over a member noun ("Islamic State fighters", "other al-Qaeda members");
4. the longest of: capitalised runs typed by their head, title, apposition or preposition
   ("the Interior Ministry", "Mr Smith", "in Springfield") and nominal phrases headed by a
   group, person or facility noun ("local officials", "the mayor", "an army barracks");
5. names already typed elsewhere in the document, and person surnames on their own.

With a ``proposer`` (``ner=spacy``: ``baselines.spacy_ner``), its PERSON/GROUP/LOCATION spans
take the place of the capitalised runs of 4 (GROUP and LOCATION spans take a preceding "the",
as runs do); counts stay the number finder's (a proposer's COUNT spans are ignored).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from baselines.gazetteer import DEMONYMS
from baselines.gazetteer_match import find_names, lookup
from baselines.lexicon import (
    ATTACKER_HEADS,
    FACILITY_NOUNS,
    GROUP_NOUNS,
    LOCATION_PREPS,
    MONTHS,
    ORG_HEADS,
    PERSON_NOUNS,
    PLACE_HEADS,
    REPORTING_VERBS,
    TITLES,
    WEEKDAYS,
)
from baselines.numbers import find_numbers
from baselines.spans import Mention, keep_flat
from baselines.text import Sentence, sentences, words

_ARTICLE = re.compile(r"(?:\b[Tt]he\s+)$")
_MEMBER_TAIL = re.compile(
    r"(?:['’]s)?(?:\s+\w+)?\s+(?:"
    + "|".join(
        sorted(
            ATTACKER_HEADS + ("commanders", "leaders", "group", "prisoners", "affiliate", "affiliated groups?"),
            key=len,
            reverse=True,
        )
    )
    + r")\b"
)
_MEMBER_LEAD = re.compile(r"(?<![\w-])(?:[Oo]ther|[Ss]enior|[Hh]igh[- ]ranking|[Tt]op|[Ss]uspected|[Ff]oreign)\s+$")
_MODIFIER = (
    r"(?:(?:"
    + "|".join(re.escape(d) for d in DEMONYMS)
    + r")|[A-Z][\w.]*-(?:led|backed|based|allied|linked)|[A-Z][a-z]+['’]s|"
    r"(?i:security|local|senior|government|state|opposition|war|prison|armed|foreign|jihadist|Islamist|"
    r"Sunni|Shiite|Shia|Shi'ite|militant|rebel|special|intelligence|provincial|federal|"
    r"military|monitoring|masked|unidentified|unknown|suspected|top|regional|human rights|terrorist|"
    r"extremist|jihadi|insurgent|Islamic|pro-government))"
)
_NOMINAL_GROUP = re.compile(
    r"(?<![\w-])(?:(?:[Tt]he|[Tt]heir|[Ii]ts|[Aa]n?|[Oo]ther)\s+)?(?:"
    + _MODIFIER
    + r"\s+){0,3}(?i:"
    + "|".join(sorted(GROUP_NOUNS, key=len, reverse=True))
    + r")(?![\w-])(?!\s+(?:barracks|base|headquarters|checkpoints?|convoys?|posts?|vehicles?|officers?|official|camp|bases|spokes\w+|commander|chief)\b)",
)
_NOMINAL_PLACE = re.compile(
    r"(?<![\w-])(?:[Tt]he|[Aa]n?|[Tt]his|[Tt]hat)\s+(?:(?!of\b|and\b)[\w'’-]+\s+){0,2}?(?:"
    + "|".join(sorted(FACILITY_NOUNS, key=len, reverse=True))
    + r")(?![\w-])",
)
_NOMINAL_PERSON = re.compile(
    r"(?<![\w-])(?:[Tt]he|[Aa]n?)\s+(?:"
    + _MODIFIER
    + r"\s+){0,2}(?:"
    + "|".join(sorted(PERSON_NOUNS, key=len, reverse=True))
    + r")(?![\w-])",
)
_CONNECTORS = frozenset({"of", "for", "the", "al", "el", "bin", "ibn", "abu", "de", "du", "la", "and"})
_STOP_CAPS = frozenset(
    """the a an in on at but and or meanwhile since just after before when while this that these
    those it he she they we i our his her their its there some many most also according if as both
    other another across during earlier later then originally eventually whatever one two all any
    each few however although though because so yet still even only not no yes today yesterday
    tomorrow footage photo by for from to with without into over under about around
    thank please join share comments published read leave more what where why how who whom which
    local security police officials authorities prisoners inmates gunmen militants soldiers
    civilians forces army government islamists insurgents fighters here such those being""".split()
) | {m.lower() for m in (*MONTHS, *WEEKDAYS)}
_REPORTING = re.compile(r"^\s*(?:,\s*)?(?:\w+\s+)?(?:" + "|".join(re.escape(v) for v in REPORTING_VERBS) + r")\b")
_APPOSITION = re.compile(
    r"^\s*,\s*(?:a|an|the|who|its|his|her)\b\s*(?:[\w-]+\s+){0,3}?(?:" + "|".join(PERSON_NOUNS) + r"|who)\b", re.I
)
_FACILITY_TAIL = re.compile(
    r"\s+(?:prison|jail|barracks|camp|base|detention cent(?:re|er)|penitentiary|palace|district|province|neighbou?rhood)\b"
)
_NAME_PREFIX = re.compile(r"(?:al|el|ad|as|an|ash|at|bin|ibn|abu|abd)-[A-Z]")
_NOT_ACRONYMS = frozenset({"GMT", "AM", "PM", "TV", "COVID", "US", "UK", "UN", "EU", "USA", "OK"})
_PERSON_BEFORE = re.compile(r"\b(?:" + "|".join(PERSON_NOUNS) + r"|secretary)\s+$", re.I)


def _runs(text: str, sentence: Sentence) -> list[tuple[int, int, list[str]]]:
    """Maximal runs of capitalised tokens (with inner connectors) as (start, end, tokens)."""
    runs: list[tuple[int, int, list[str]]] = []
    current: list[tuple[int, int, str]] = []

    def close() -> None:
        while current and current[-1][2].lower() in _CONNECTORS:
            current.pop()
        while current and current[0][2].lower() in _STOP_CAPS:
            current.pop(0)
        if current:
            runs.append((current[0][0], current[-1][1], [t for _, _, t in current]))
        current.clear()

    for s, e, tok in words(text, sentence.start, sentence.end):
        is_cap = (tok[0].isupper() or bool(_NAME_PREFIX.match(tok))) and tok not in MONTHS and tok not in WEEKDAYS
        if is_cap or (current and tok.lower() in _CONNECTORS) or (current and tok == "." and current[-1][2] in TITLES):
            current.append((s, e, tok))
            if tok.endswith(("’s", "'s")):
                close()
        else:
            close()
    close()
    return runs


def _classify(text: str, start: int, end: int, tokens: list[str], sent: Sentence, possessive: bool) -> str | None:
    before, after = text[max(sent.start, start - 60) : start], text[end : min(sent.end, end + 80)]
    name = text[start:end]
    if any(t in ORG_HEADS for t in tokens) or re.match(r"^\s*\([A-Z]{2,6}\)", after):
        return "GROUP"
    if (tokens[-1] in PLACE_HEADS and len(tokens) > 1) or _FACILITY_TAIL.match(after):
        return "LOCATION"
    if tokens[0] in TITLES or " ".join(tokens[:2]) in TITLES or _PERSON_BEFORE.search(before):
        return "PERSON" if len(tokens) > 1 or tokens[0] not in TITLES else None
    if _APPOSITION.match(after):
        return "PERSON"
    if LOCATION_PREPS.search(before) and not possessive:
        return "LOCATION"
    if re.fullmatch(r"[A-Z]{2,6}", name) and name not in _NOT_ACRONYMS:
        return "GROUP"
    if _REPORTING.match(after) and len(tokens) >= 2:
        return "PERSON"
    return None


# A name run followed by a lower-case organisation head ("the Zarate Wilka group"; re-cased wire
# copy: "the Cinchonero popular liberation movement"): the run and the head are one GROUP name.
_ORG_TAIL = re.compile(
    r"(?:\s+[a-z][a-z-]+){0,3}?\s+(?:group|movement|front|army|party|command|commandos?|brigades?|"
    r"organi[sz]ation|alliance|cartel)\b"
)


def _org_tail(text: str, end: int, sent: Sentence) -> int | None:
    """End of a lower-case organisation head right after a name run, or ``None``."""
    match = _ORG_TAIL.match(text, end, sent.end)
    if match is None or any(w in _STOP_CAPS or w in _CONNECTORS for w in match.group().split()[:-1]):
        return None
    return match.end()


def _with_article(text: str, start: int) -> int:
    match = _ARTICLE.search(text[max(0, start - 4) : start])
    return start - len(match.group()) if match else start


def _sentence_candidates(
    text: str, sent: Sentence, with_runs: bool = True
) -> tuple[list[Mention], list[Mention], list[Mention]]:
    names, nominals, runs = [], [], []
    for match, kind, _ in find_names(text, sent.start, sent.end):
        if (
            re.search(r"\(\s*$", text[max(0, match.start() - 2) : match.start()])
            and "Photo" in text[match.end() : match.end() + 8]
        ):
            continue  # a photo credit "(AP Photo/...)"
        start, end = match.span()
        kind_type = "LOCATION" if kind == "country" else "GROUP"
        tail = _MEMBER_TAIL.match(text, end) if kind == "armed" else None
        if tail and tail.end() <= sent.end:
            end = tail.end()
            lead = _MEMBER_LEAD.search(text[max(sent.start, start - 20) : start])
            start -= len(lead.group()) if lead else 0
        names.append(Mention(_with_article(text, start) if kind_type == "GROUP" else start, end, kind_type))
    for pattern, kind in ((_NOMINAL_GROUP, "GROUP"), (_NOMINAL_PERSON, "PERSON"), (_NOMINAL_PLACE, "LOCATION")):
        for match in pattern.finditer(text, sent.start, sent.end):
            nominals.append(Mention(match.start(), match.end(), kind))
    if with_runs and not sent.title:
        for start, end, tokens in _runs(text, sent):
            possessive = text[start:end].endswith(("’s", "'s"))
            name_end = end - 2 if possessive else end
            run_type = _classify(text, start, name_end, tokens, sent, possessive)
            if run_type in (None, "GROUP") and not possessive and (org_end := _org_tail(text, end, sent)):
                run_type, name_end = "GROUP", org_end
            if run_type and lookup(text[start:name_end]) is None:
                first = start if run_type == "PERSON" else _with_article(text, start)
                runs.append(Mention(first, name_end, run_type))
    return names, nominals, runs


def _propagate(text: str, sents: list[Sentence], typed: list[Mention]) -> list[Mention]:
    """Other occurrences of names typed somewhere, and person surnames on their own."""
    known: dict[str, str] = {}
    for m in typed:
        name = re.sub(r"^(?:[Tt]he)\s+", "", m.text(text))
        if m.type in ("PERSON", "LOCATION", "GROUP") and name[:1].isupper():
            known.setdefault(name, m.type)
            if m.type == "PERSON":
                last = name.split()[-1]
                if len(last) > 3 and last[0].isupper() and last not in TITLES:
                    known.setdefault(last, "PERSON")
    out = []
    for name, kind in sorted(known.items(), key=lambda kv: -len(kv[0])):
        for sent in sents:
            out += [Mention(start, start + len(name), kind) for start in _occurrences(text, name, sent)]
    return out


def _occurrences(text: str, name: str, sent: Sentence) -> Iterator[int]:
    r"""Starts of ``name`` in ``sent`` with no word character or hyphen either side, left to right,
    non-overlapping: ``(?<![\w-])name(?![\w-])`` within the sentence, without compiling a pattern
    per name (``\w`` is ``str.isalnum`` or the underscore)."""

    def joins(char: str) -> bool:
        return char.isalnum() or char in "_-"

    at = text.find(name, sent.start, sent.end) if name else -1
    while at >= 0:
        end = at + len(name)
        if (at == sent.start or not joins(text[at - 1])) and (end == sent.end or not joins(text[end])):
            yield at
            at = text.find(name, end, sent.end)
        else:
            at = text.find(name, at + 1, sent.end)


def _proposed(text: str, proposed: list[Mention]) -> list[Mention]:
    """A proposer's names, in the place of capitalised runs (GROUP and LOCATION with their "the")."""
    return [
        m if m.type == "PERSON" else Mention(_with_article(text, m.start), m.end, m.type)
        for m in proposed
        if m.type != "COUNT"
    ]


def tag(text: str, proposer: Callable[[str], list[Mention]] | None = None) -> list[Mention]:
    """All rule-based mentions of ``text``: flat, non-overlapping, in document order.

    ``proposer`` (optional): a function ``text -> mentions`` whose names replace the capitalised runs.
    """
    sents = sentences(text)
    counts = [Mention(s, e, "COUNT") for sent in sents for s, e in find_numbers(text, sent.start, sent.end)]
    names, nominals, runs = [], [], []
    for sent in sents:
        n, o, r = _sentence_candidates(text, sent, with_runs=proposer is None)
        names += n
        nominals += o
        runs += r
    if proposer is not None:
        runs = _proposed(text, proposer(text))
    phrases = sorted([*runs, *nominals], key=lambda m: (m.start - m.end, m.start))
    possessive = [m for m in nominals if m.type == "GROUP" and re.search(r"\w['’]s\s", m.text(text))]
    first = keep_flat([*counts, *possessive, *names, *phrases])
    extra = _propagate(text, sents, first)
    return keep_flat([*first, *extra])
