"""Table-driven tests of the v1 normalisers (annotations/GUIDELINES.md section 3).

Each row was worked out from the guidelines' table, not from running the code:
``(expression, stated, low, high, modifier)``.
"""

from __future__ import annotations

import pytest

from bench.normalize import NumberParseError, normalize_text, parse_count
from bench.normalize.numbers import VAGUE_RANGES

NUMBERS = [
    # exact: low = high = stated
    ("260", 260, 260, 260, "exact"),
    ("3,000", 3000, 3000, 3000, "exact"),
    ("3 000", 3000, 3000, 3000, "exact"),
    ("1,000,000", 1000000, 1000000, 1000000, "exact"),
    ("0", 0, 0, 0, "exact"),
    ("twelve", 12, 12, 12, "exact"),
    ("Twelve", 12, 12, 12, "exact"),
    ("thirty six", 36, 36, 36, "exact"),
    ("thirty-six", 36, 36, 36, "exact"),
    ("a dozen", 12, 12, 12, "exact"),
    ("two dozen", 24, 24, 24, "exact"),
    ("one hundred and five", 105, 105, 105, "exact"),
    ("a hundred and fifty", 150, 150, 150, "exact"),
    ("two thousand five hundred", 2500, 2500, 2500, "exact"),
    ("twenty-five thousand", 25000, 25000, 25000, "exact"),
    ("1 million", 1000000, 1000000, 1000000, "exact"),
    ("seventeen", 17, 17, 17, "exact"),
    ("five.", 5, 5, 5, "exact"),
    # approx: stated, no bounds
    ("nearly a dozen", 12, None, None, "approx"),
    ("about 1,500", 1500, None, None, "approx"),
    ("some 3,000", 3000, None, None, "approx"),
    ("around fifty", 50, None, None, "approx"),
    ("almost 300", 300, None, None, "approx"),
    ("approximately 40", 40, None, None, "approx"),
    ("roughly two dozen", 24, None, None, "approx"),
    ("close to 100", 100, None, None, "approx"),
    ("an estimated 500", 500, None, None, "approx"),
    # at_least: inclusive keeps N, strict moves to N+1
    ("at least 25", 25, 25, None, "at_least"),
    ("at least five", 5, 5, None, "at_least"),
    ("no fewer than 10", 10, 10, None, "at_least"),
    ("more than 100", 100, 101, None, "at_least"),
    ("More than 100.", 100, 101, None, "at_least"),
    ("over 30", 30, 31, None, "at_least"),
    ("more than a dozen", 12, 13, None, "at_least"),
    ("upwards of 40", 40, 41, None, "at_least"),
    ("in excess of 1,000", 1000, 1001, None, "at_least"),
    # at_most: inclusive keeps N, strict moves to N-1
    ("up to 200", 200, None, 200, "at_most"),
    ("up to a dozen", 12, None, 12, "at_most"),
    ("at most 7", 7, None, 7, "at_most"),
    ("fewer than 10", 10, None, 9, "at_most"),
    ("less than twenty", 20, None, 19, "at_most"),
    ("under 50", 50, None, 49, "at_most"),
    # vague: stated null, the fixed ranges of the guidelines
    ("hundreds", None, 200, 999, "vague"),
    ("Hundreds of", None, 200, 999, "vague"),
    ("dozens", None, 24, 99, "vague"),
    ("dozens of", None, 24, 99, "vague"),
    ("tens of", None, 20, 99, "vague"),
    ("a few", None, 2, 5, "vague"),
    ("a handful of", None, 2, 5, "vague"),
    ("several", None, 3, 9, "vague"),
    ("scores of", None, 40, 99, "vague"),
    ("several dozen", None, 36, 99, "vague"),
    ("a few hundred", None, 200, 500, "vague"),
    ("several hundred", None, 300, 999, "vague"),
    ("thousands", None, 2000, 9999, "vague"),
    ("several thousand", None, 3000, 9999, "vague"),
    ("tens of thousands", None, 20000, 99999, "vague"),
    ("some dozens", None, 24, 99, "vague"),  # the vague word wins over "some"
    # the forms of issue 8 ("Also"), gold and predictions alike (one row per form, at least)
    ("25-30", None, 25, 30, "vague"),  # a numeric range: vague, low/high from the text
    ("25\u201330", None, 25, 30, "vague"),  # en dash
    ("25 - 30", None, 25, 30, "vague"),
    ("1,000-2,000", None, 1000, 2000, "vague"),
    ("between 25 and 30", None, 25, 30, "vague"),
    ("Between twenty and thirty", None, 20, 30, "vague"),
    ("between one hundred and five and one hundred and ten", None, 105, 110, "vague"),
    ("25 to 30", None, 25, 30, "vague"),
    ("twenty to thirty", None, 20, 30, "vague"),
    ("from 25 to 30", None, 25, 30, "vague"),
    ("about 25-30", None, 25, 30, "vague"),  # an approximate range is the range
    ("some 25 to 30", None, 25, 30, "vague"),
    ("1.5 million", 1500000, 1500000, 1500000, "exact"),
    ("2.5 thousand", 2500, 2500, 2500, "exact"),
    ("about 1.5 million", 1500000, None, None, "approx"),
    ("more than 1.5 million", 1500000, 1500001, None, "at_least"),
    ("hundreds of thousands", None, 200000, 999999, "vague"),
    ("hundreds of thousands of", None, 200000, 999999, "vague"),
    ("a few", None, 2, 5, "vague"),
    ("A few", None, 2, 5, "vague"),
    ("scores of", None, 40, 99, "vague"),
    ("more than a dozen", 12, 13, None, "at_least"),
    ("More than a dozen", 12, 13, None, "at_least"),
]


@pytest.mark.parametrize(("text", "stated", "low", "high", "modifier"), NUMBERS)
def test_number_expression(text: str, stated, low, high, modifier) -> None:
    value = parse_count(text)
    assert (value.stated, value.low, value.high, value.modifier) == (stated, low, high, modifier)


def test_table_is_large_enough() -> None:
    assert len(NUMBERS) >= 40


NOT_NUMBERS = [
    "",
    "   ",
    "many",
    "some",
    "a number of",
    "multiple",
    "up to",
    "a",
    "and",
    "-5",
    "at least -5",
    "\u2212 3",  # negative numbers
    "25 30",  # two numbers without a range word
    "30-25",  # a range must go up
    "25-25",
    "between 25",
    "between 25 and",
    "more than 25-30",  # a bound on a range has no value
    "up to 25 to 30",
    "25-30-40",
    "1.5",  # a decimal only before a scale word
    "1.25 million people",
    "2.5 hundred thousand",
    "0.5",
    "one two",
    "five six",
    "thirty forty",
    "two hundred hundred",
    "thousand million",
    "1.0001 thousand",  # not a whole number
    "1e5",
    "12abc",
    "9" * 5000,
]


@pytest.mark.parametrize("text", NOT_NUMBERS)
def test_not_a_number(text: str) -> None:
    with pytest.raises(NumberParseError):
        parse_count(text)


def test_guideline_ranges_are_the_table() -> None:
    # GUIDELINES.md section 3 lists these ranges; the code must agree with the text.
    expected = {
        "a few": (2, 5),
        "several": (3, 9),
        "tens of": (20, 99),
        "dozens": (24, 99),
        "scores of": (40, 99),
        "several dozen": (36, 99),
        "hundreds": (200, 999),
        "a few hundred": (200, 500),
        "several hundred": (300, 999),
        "thousands": (2000, 9999),
        "several thousand": (3000, 9999),
        "tens of thousands": (20000, 99999),
        "hundreds of thousands": (200000, 999999),
    }
    for word, bounds in expected.items():
        assert VAGUE_RANGES[word] == bounds


TEXTS = [
    ("Islamic State", "islamic state"),
    ("the Islamic State", "islamic state"),
    ("ISIS", "isis"),
    ("Al-Qaeda", "al qaeda"),
    ("al Qa’eda", "al qaeda"),
    ("Al Qa'eda", "al qaeda"),
    ("Shi'ite militias", "shiite militias"),
    ("  Gweiran   Prison ", "gweiran prison"),
    ("ＩＳＩＳ", "isis"),  # NFKC: full-width letters
    ("U.S.-led coalition", "u s led coalition"),
    ("A lieutenant", "lieutenant"),
    ("an official", "official"),
    ("The", ""),
    ("Hassakeh!", "hassakeh"),
]


@pytest.mark.parametrize(("text", "expected"), TEXTS)
def test_normalize_text(text: str, expected: str) -> None:
    assert normalize_text(text) == expected
