"""The typed prediction model: what a validated predictions line becomes.

Plain frozen dataclasses (not pydantic): they are built only by
``bench.predictions.validate`` after every check has passed, and the scorer makes
hundreds of thousands of them. Strings are kept as written; the scorer normalises them.

>>> v = value_from_range(24, 99)
>>> (v.stated, v.low, v.high, v.modifier)
(None, 24, 99, 'vague')
>>> value_from_int(5).modifier
'exact'
"""

from __future__ import annotations

from dataclasses import dataclass

from bench.normalize.numbers import parse_count

MENTION_TYPES: tuple[str, ...] = ("PERSON", "GROUP", "LOCATION", "COUNT")


@dataclass(frozen=True)
class PredValue:
    """A predicted count value, in the same four numbers as a gold ``CountValue``.

    ``stated`` is set for an integer or a number expression with a number in it
    ("at least 25" -> 25); a range or a vague word ("hundreds") has ``stated=None`` and
    gives ``low``/``high``. ``modifier`` is what the prediction expresses: an integer is
    ``exact``; a range is ``exact`` (low == high), ``at_least`` (no high), ``at_most``
    (no low) or ``vague``; a string is whatever ``parse_count`` says. ``text`` is how the
    value was written, for error reports.
    """

    stated: int | None
    low: int | None
    high: int | None
    modifier: str
    text: str


def value_from_int(number: int) -> PredValue:
    return PredValue(stated=number, low=number, high=number, modifier="exact", text=str(number))


def value_from_range(low: int | None, high: int | None) -> PredValue:
    if low is not None and high is not None:
        modifier = "exact" if low == high else "vague"
    else:
        modifier = "at_least" if high is None else "at_most"
    text = f"{'' if low is None else low}..{'' if high is None else high}"
    return PredValue(stated=None, low=low, high=high, modifier=modifier, text=text)


def value_from_text(text: str) -> PredValue:
    """Normalise a number expression; raises ``NumberParseError`` (a ``ValueError``)."""
    parsed = parse_count(text)
    return PredValue(stated=parsed.stated, low=parsed.low, high=parsed.high, modifier=parsed.modifier, text=text)


@dataclass(frozen=True)
class PredMention:
    start: int
    end: int
    type: str


@dataclass(frozen=True)
class PredCount:
    category: str
    victims: str | None
    value: PredValue
    source: str | None

    @property
    def label(self) -> str:
        """``category`` or ``category.victims``, as for gold counts."""
        return f"{self.category}.{self.victims}" if self.victims else self.category


@dataclass(frozen=True)
class PredClaim:
    kind: str
    actor: str
    source: str | None


@dataclass(frozen=True)
class PredEvent:
    type: str
    actors: tuple[str, ...] = ()
    locations: tuple[str, ...] = ()
    counts: tuple[PredCount, ...] = ()
    claims: tuple[PredClaim, ...] = ()


@dataclass(frozen=True)
class PredDocument:
    doc_id: str
    mentions: tuple[PredMention, ...] = ()
    events: tuple[PredEvent, ...] = ()
