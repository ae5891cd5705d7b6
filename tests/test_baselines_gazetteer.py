"""The gazetteer matcher: its trie pattern against the plain longest-first alternation."""

from __future__ import annotations

import re

import pytest

from baselines.gazetteer_match import _aliases, _pattern, _patterns, find_names, gazetteer_spans
from bench import paths


def _alternation(aliases: list[str], flags: int) -> re.Pattern[str]:
    """The reference: every alias tried in turn, longest first."""
    bodies = sorted(
        {r"[\s-]+".join(re.escape(w) for w in re.split(r"[\s-]+", a)) for a in aliases}, key=len, reverse=True
    )
    return re.compile(r"(?<![\w-])(?:" + "|".join(bodies) + r")(?![\w-]|\.\w)", flags)


ALIASES = [
    "Shining Path",
    "Shining Path Movement",
    "al-Shabaab",
    "al Shabaab",
    "M-19",
    "ISIS",
    "ISIS-K",
    "U.S.",
    "İstanbul",
]
TEXTS = [
    "The Shining Path Movement and the Shining Path-linked cell; the Shining  Path.",
    "al-Shabaab, Al Shabaab and al--shabaab fighters; al-Shabaabs.",
    "M-19, M 19, M-191 and M-19's men; ISIS-K and ISIS K and ISIS; U.S. and U.S.A.",
    "the shining path movements of the Shining Path Movement-backed",
    "İstanbul, Istanbul and istanbul",
]


@pytest.mark.parametrize("flags", [0, re.I])
def test_trie_matches_the_alternation_on_hand_cases(flags: int) -> None:
    for text in TEXTS:
        expected = [m.span() for m in _alternation(ALIASES, flags).finditer(text)]
        assert [m.span() for m in _pattern(ALIASES, flags).finditer(text)] == expected, text


def test_longest_alias_wins_and_backs_off_to_a_shorter_one() -> None:
    pattern = _pattern(ALIASES, re.I)
    assert [m.group() for m in pattern.finditer("the Shining Path Movement")] == ["Shining Path Movement"]
    # "Movements" fails the end check, so the match backs off to the shorter alias
    assert [m.group() for m in pattern.finditer("Shining Path Movements")] == ["Shining Path"]


def test_built_in_gazetteer_matches_the_alternation_on_the_seed_articles() -> None:
    seeds = sorted(paths.SEEDS_DIR.glob("*.txt"))
    texts = [t for seed in seeds for text in [seed.read_text()] for t in (text, text.upper(), text.lower())]
    assert len(texts) == 15
    for subset, pattern in zip(_aliases(), _patterns()):
        reference = _alternation(subset, pattern.flags & re.I)
        for text in texts:
            assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in reference.finditer(text)]


def test_find_names_and_spans_on_small_cases() -> None:
    found = [(m.group(), kind) for m, kind, _ in find_names("FARC rebels and the shining path met in Peru.")]
    assert found == [("FARC", "armed"), ("Peru", "country")]  # loose names must start with a capital
    # all-capital text: the longer names match whatever their case, short ones ("Peru") do not
    assert gazetteer_spans("THE FMLN AND THE SHINING PATH IN COLOMBIA") == [
        (4, 8, True),
        (17, 29, False),
        (33, 41, False),
    ]
