"""Tokenisation v1 and IOB2 tagging."""

from __future__ import annotations

from bench.score.tokenize import iob2_tags, token_range, token_spans, tokenize


def _words(text: str) -> list[str]:
    starts, ends = tokenize(text)
    return [text[s:e] for s, e in zip(starts, ends)]


def test_words_and_single_symbols() -> None:
    assert _words("Al-Qaeda's 3,000 fighters!") == ["Al", "-", "Qaeda", "'", "s", "3", ",", "000", "fighters", "!"]
    assert _words("  Hassakeh\n\tSyria ") == ["Hassakeh", "Syria"]
    assert _words("") == []
    assert _words("Zuhour’s") == ["Zuhour", "’", "s"]


def test_span_covers_every_overlapped_token() -> None:
    tokens = tokenize("Isis gunmen attacked")
    assert token_range(tokens, 0, 11) == (0, 2)
    assert token_range(tokens, 1, 3) == (0, 1)  # inside a word: the whole word
    assert token_range(tokens, 3, 6) == (0, 2)  # "s g" touches two words
    assert token_range(tokens, 4, 5) is None  # whitespace only


def test_tags_are_iob2() -> None:
    text = "Isis gunmen freed 3,000 inmates in Hassakeh."
    mentions = [(0, 11, "GROUP"), (18, 23, "COUNT"), (35, 43, "LOCATION")]
    assert iob2_tags(tokenize(text), mentions) == [
        "B-GROUP",
        "I-GROUP",
        "O",
        "B-COUNT",
        "I-COUNT",
        "I-COUNT",
        "O",
        "O",
        "B-LOCATION",
        "O",
    ]


def test_adjacent_mentions_each_start_with_b() -> None:
    text = "Baghdad Iraq"
    assert iob2_tags(tokenize(text), [(0, 7, "LOCATION"), (8, 12, "LOCATION")]) == ["B-LOCATION", "B-LOCATION"]


def test_overlapping_mentions_first_keeps_its_tokens() -> None:
    tokens = tokenize("Isis gunmen attacked")
    # sorted by (start, end, type): (0, 4) first takes "Isis"; (0, 11) keeps only "gunmen"
    assert token_spans(tokens, [(0, 11, "GROUP"), (0, 4, "PERSON")]) == [(0, 1, "PERSON"), (1, 2, "GROUP")]
    # a mention whose tokens are all taken disappears from the tags
    assert token_spans(tokens, [(0, 11, "GROUP"), (5, 8, "GROUP")]) == [(0, 2, "GROUP")]
