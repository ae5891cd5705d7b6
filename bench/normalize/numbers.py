"""Number normalisation v1: a surface expression to ``{stated, low, high, modifier}``.

The same function normalises gold count mentions and the raw strings a system submits.

==========  =========================================  ===========================
modifier    cue words                                  low / high
==========  =========================================  ===========================
exact       (none)                                     low = high = stated
approx      about, around, some, nearly, almost, ...   no bounds (null, null)
at_least    at least, more than, over, ...             "at least N": N; "more/over N": N+1
at_most     up to, at most, fewer/less than, ...       "up to N": high N; "fewer than N": N-1
vague       hundreds, dozens, tens of, several, ...    stated null; range from VAGUE_RANGES
==========  =========================================  ===========================

Digits may carry thousands separators ("3,000", "3 000"); number words follow the grammar
of written English ("thirty six", "two hundred and five", "two dozen" = 24, "a dozen" = 12);
a decimal is allowed just before a scale word when the result is a whole number
("1.5 million" = 1500000, "2.5 thousand" = 2500).

Numeric ranges - "25-30" (digits either side of a hyphen or dash), "25 to 30",
"between 25 and 30", "from 25 to 30" - are ``vague`` with ``low`` and ``high`` from the
text and ``stated`` null: of the five modifiers, ``vague`` is the one whose value is a
range rather than one number, and taking a midpoint would write a number the text never
gives. "about 25-30" is the range too (the range wins, as in "some dozens"); a bound on a
range ("more than 25-30") has no value. Quantity words with no number take the fixed
ranges of ``VAGUE_RANGES`` (annotations/GUIDELINES.md section 3), with or without a
trailing "of" ("hundreds of thousands" = 200000..999999, "a few" = 2..5, "scores of" =
40..99); "more than a dozen" is ``at_least`` 12 (low 13).

Anything else raises ``NumberParseError``: negative numbers ("-5"), decimals without a
scale ("1.5"), ranges that do not go up ("30-25"), word salad ("one two", "25 30").
These forms were all errors before they were added, so no string that parsed before
changes its value (norm stays v1).

>>> parse_count("at least 25")
CountValue(stated=25, low=25, high=None, modifier='at_least')
>>> parse_count("nearly a dozen").stated
12
>>> parse_count("hundreds").low, parse_count("hundreds").high
(200, 999)
"""

from __future__ import annotations

import re
from fractions import Fraction

from bench.data.model import CountValue

# Ranges fixed by the annotation guidelines for quantity words with no number.
VAGUE_RANGES: dict[str, tuple[int, int]] = {
    "a few": (2, 5),
    "few": (2, 5),
    "a handful of": (2, 5),
    "a handful": (2, 5),
    "several": (3, 9),
    "dozens": (24, 99),
    "dozens of": (24, 99),
    "scores of": (40, 99),
    "tens of": (20, 99),
    "tens": (20, 99),
    "several dozen": (36, 99),
    "hundreds": (200, 999),
    "hundreds of": (200, 999),
    "several hundred": (300, 999),
    "a few hundred": (200, 500),
    "thousands": (2000, 9999),
    "thousands of": (2000, 9999),
    "several thousand": (3000, 9999),
    "tens of thousands": (20000, 99999),
    "hundreds of thousands": (200000, 999999),
}
VAGUE_RANGES.update({f"{word} of": bounds for word, bounds in list(VAGUE_RANGES.items()) if not word.endswith(" of")})

# (prefix, modifier, inclusive): inclusive bounds keep N, strict ones move it by one.
_PREFIXES: tuple[tuple[str, str, bool], ...] = (
    ("at least", "at_least", True),
    ("no fewer than", "at_least", True),
    ("no less than", "at_least", True),
    ("a minimum of", "at_least", True),
    ("more than", "at_least", False),
    ("over", "at_least", False),
    ("upwards of", "at_least", False),
    ("in excess of", "at_least", False),
    ("at most", "at_most", True),
    ("up to", "at_most", True),
    ("no more than", "at_most", True),
    ("a maximum of", "at_most", True),
    ("fewer than", "at_most", False),
    ("less than", "at_most", False),
    ("under", "at_most", False),
    ("about", "approx", True),
    ("around", "approx", True),
    ("approximately", "approx", True),
    ("roughly", "approx", True),
    ("nearly", "approx", True),
    ("almost", "approx", True),
    ("close to", "approx", True),
    ("an estimated", "approx", True),
    ("estimated", "approx", True),
    ("some", "approx", True),
)

_PREFIXES_LONGEST_FIRST = sorted(_PREFIXES, key=lambda p: -len(p[0]))

_UNITS: dict[str, int] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "dozen": 12,
    "a dozen": 12,
    "a hundred": 100,
    "a thousand": 1000,
    "a score": 20,
}
_SCALES: dict[str, int] = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_MAX_DIGITS = 15  # no count of people needs more; also keeps int() far from Python's digit limit

# Word classes for the small grammar of written numbers, and which class may follow which.
# "twenty one" and "two hundred five" parse; "one two", "thirty forty" and "25 30" do not.
_AFTER: dict[str, frozenset[str]] = {
    "unit": frozenset({"start", "tens", "hundred", "scale"}),  # one .. nine, zero
    "teen": frozenset({"start", "hundred", "scale"}),  # ten .. nineteen
    "tens": frozenset({"start", "hundred", "scale"}),  # twenty .. ninety
    "digits": frozenset({"start", "scale"}),  # 25
    "hundred": frozenset({"start", "unit", "teen", "tens", "digits"}),
    "dozen": frozenset({"start", "unit", "teen", "tens", "digits"}),  # "two dozen" = 24
    "scale": frozenset({"unit", "teen", "tens", "digits", "hundred"}),  # thousand, million
}


class NumberParseError(ValueError):
    """The expression is not a number expression the v1 normaliser knows."""


def _prepare(text: str) -> str:
    """Case-fold, dashes to "-", refuse negative numbers, drop thousands separators, collapse
    spaces; hyphens are kept (a hyphen between two numbers is a range)."""
    text = text.casefold().replace("\u2013", "-").replace("\u2014", "-")
    if re.search(r"(^|\(|(?<![\d\s])\s)[-\u2212]\s*\d", text):
        raise NumberParseError(f"negative number: {text!r}")
    text = re.sub(r"(?<=\d)[,\u00a0 ](?=\d{3}\b)", "", text)  # 3,000 -> 3000
    return re.sub(r"\s+", " ", text).strip(" .,;:")


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", _prepare(text).replace("-", " ")).strip()


def _side(text: str) -> int:
    return _words_to_int(re.sub(r"\s+", " ", text.replace("-", " ")).strip())


def _range(text: str) -> tuple[int, int] | None:
    """``(low, high)`` of a numeric range ("25-30", "25 to 30", "between 25 and 30",
    "from 25 to 30"), None if ``text`` is not one; raises for a range that is malformed."""
    sides: tuple[int, int] | None = None
    explicit = re.fullmatch(r"(between|from) (.+)", text)
    if explicit:
        joiner = " and " if explicit.group(1) == "between" else " to "
        body = explicit.group(2)
        found = []
        for at in [m.start() for m in re.finditer(re.escape(joiner), body)]:
            try:
                found.append((_side(body[:at]), _side(body[at + len(joiner) :])))
            except NumberParseError:
                continue
        if len(found) != 1:
            raise NumberParseError(f"not a range: {text!r}")
        sides = found[0]
    elif " to " in text:
        left, _, right = text.partition(" to ")
        try:
            sides = (_side(left), _side(right))
        except NumberParseError:
            return None
    else:
        digits = re.fullmatch(r"(\d+) ?- ?(\d+)", text)
        if digits:
            sides = (_side(digits.group(1)), _side(digits.group(2)))
    if sides is None:
        return None
    if sides[0] >= sides[1]:
        raise NumberParseError(f"a range needs low < high: {text!r}")
    return sides


def _word_class(token: str) -> tuple[str, int]:
    if re.fullmatch(r"[0-9]+", token):
        if len(token) > _MAX_DIGITS:
            raise NumberParseError(f"number too large: {token[:20]}...")
        return "digits", int(token)
    if token == "dozen":
        return "dozen", 12
    if token in _SCALES:
        return ("hundred" if token == "hundred" else "scale"), _SCALES[token]
    value = _UNITS.get(token)
    if value is None or " " in token:
        raise NumberParseError(f"not a number word: {token!r}")
    return ("unit" if value < 10 else "teen" if value < 20 else "tens"), value


def _words_to_int(text: str) -> int:
    """'thirty six' -> 36, 'one hundred and five' -> 105, '3000' -> 3000, 'two dozen' -> 24.

    Words must follow the grammar of written numbers (see ``_AFTER``): "one two" or
    "25 30" (what "25-30" becomes) is not a number.
    """
    if text in _UNITS:
        return _UNITS[text]
    decimal = re.fullmatch(r"(\d{1,6})\.(\d{1,6}) (hundred|thousand|million)", text)
    if decimal:  # "1.5 million": a decimal only before a scale word, giving a whole number
        whole = Fraction(f"{decimal.group(1)}.{decimal.group(2)}") * _SCALES[decimal.group(3)]
        if whole.denominator != 1:
            raise NumberParseError(f"not a whole number: {text!r}")
        return int(whole)
    tokens = text.replace(" and ", " ").split(" ")
    if len(tokens) > 1 and tokens[0] == "a" and tokens[1] in (*_SCALES, "dozen"):
        tokens[0] = "one"
    total, group, last, last_scale = 0, 0, "start", None
    for token in tokens:
        kind, value = _word_class(token)
        if last not in _AFTER[kind]:
            raise NumberParseError(f"not a number: {text!r}")
        if kind in ("unit", "teen", "tens", "digits"):
            group += value
        elif kind in ("hundred", "dozen"):
            if group >= 100 and kind == "hundred":
                raise NumberParseError(f"not a number: {text!r}")
            group = max(group, 1) * value
        else:  # thousand, million: close the group; scales must decrease
            if last_scale is not None and value >= last_scale:
                raise NumberParseError(f"not a number: {text!r}")
            total, group, last_scale = total + group * value, 0, value
        last = kind
    if last == "start":
        raise NumberParseError(f"not a number: {text!r}")
    return total + group


def _vague(low: int, high: int) -> CountValue:
    return CountValue(stated=None, low=low, high=high, modifier="vague")


def parse_count(text: str) -> CountValue:
    """Normalise a surface number expression; raise ``NumberParseError`` if it is not one."""
    prepared = _prepare(text)
    cleaned = _clean(text)
    if not cleaned:
        raise NumberParseError("empty number expression")
    if cleaned in VAGUE_RANGES:
        return _vague(*VAGUE_RANGES[cleaned])
    bounds = _range(prepared)
    if bounds is not None:
        return _vague(*bounds)
    for prefix, modifier, inclusive in _PREFIXES_LONGEST_FIRST:
        if cleaned.startswith(prefix + " "):
            rest = cleaned[len(prefix) + 1 :]
            if rest in VAGUE_RANGES:  # "some dozens": the vague word wins
                return parse_count(rest)
            bounds = _range(prepared[len(prefix) + 1 :])
            if bounds is not None:
                if modifier != "approx":  # "more than 25-30" has no value in the guidelines
                    raise NumberParseError(f"a bound on a range: {text!r}")
                return _vague(*bounds)  # "about 25-30": the range wins, like "some dozens"
            number = _words_to_int(rest)
            if modifier == "approx":
                return CountValue(stated=number, low=None, high=None, modifier="approx")
            if modifier == "at_least":
                return CountValue(
                    stated=number, low=number if inclusive else number + 1, high=None, modifier="at_least"
                )
            return CountValue(
                stated=number, low=None, high=number if inclusive else max(number - 1, 0), modifier="at_most"
            )
    number = _words_to_int(cleaned)
    return CountValue(stated=number, low=number, high=number, modifier="exact")
