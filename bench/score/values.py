"""When a predicted count value matches a gold count value (scorer 1.1).

A value matches when it says what the gold value says:

- **a number matches the same number**: a predicted value with a number in it (an
  integer, or a string such as "at least 25", whose number is 25) matches a gold value
  whose ``stated`` number is the same, unless the two are bounds that point opposite
  ways ("fewer than 100" never matches "more than 100"; ``at_least`` against
  ``at_most``). ``exact`` and ``approx`` go with any direction: the integer 100 matches
  "more than 100", "about 100" and "up to 100";
- **a range matches the same range**: a predicted value with no number (a
  ``{"low", "high"}`` range, a vague word such as "hundreds", a numeric range such as
  "25-30") matches a gold value with the same ``(low, high)``;
- nothing else matches: a predicted integer inside a vague gold range does not match it
  (500 is not "hundreds": the text gave no number), and a vague word never matches a
  gold number. The rule is symmetric, so writing what the text says is the best policy;
  always writing integers (or midpoints) loses the vague counts, always writing vague
  words loses the numbers.

The matching is also expressed as index keys, so that a document's predicted values are
found by lookup instead of by comparing every pair: ``pred_value_key(p)`` is in
``gold_value_probes(g)`` exactly when ``value_matches(p, g)``.

>>> from bench.normalize.numbers import parse_count
>>> from bench.predictions.model import value_from_int, value_from_text
>>> value_matches(value_from_int(100), parse_count("more than 100"))
True
>>> value_matches(value_from_text("fewer than 100"), parse_count("more than 100"))
False
>>> value_matches(value_from_int(500), parse_count("hundreds"))
False
"""

from __future__ import annotations

from typing import Protocol

DIRECTIONS: dict[str, str] = {"at_least": "+", "at_most": "-"}  # every other modifier: "0"
OPPOSITE = frozenset({"+", "-"})
NO_BOUND = -1  # stands for a missing bound in keys (values are never negative)

ValueKey = tuple[str, int, int | str]


class Value(Protocol):
    @property
    def stated(self) -> int | None: ...
    @property
    def low(self) -> int | None: ...
    @property
    def high(self) -> int | None: ...
    @property
    def modifier(self) -> str: ...


def direction(modifier: str) -> str:
    """``+`` for a lower bound, ``-`` for an upper bound, ``0`` otherwise."""
    return DIRECTIONS.get(modifier, "0")


def _bound(x: int | None) -> int:
    return NO_BOUND if x is None else x


def value_matches(pred: Value, gold: Value) -> bool:
    """Whether a predicted value matches a gold value (see the module docstring)."""
    if pred.stated is not None:
        if gold.stated is None or pred.stated != gold.stated:
            return False
        return {direction(pred.modifier), direction(gold.modifier)} != OPPOSITE
    if pred.low is None and pred.high is None:
        return False
    return (pred.low, pred.high) == (gold.low, gold.high)


def pred_value_key(pred: Value) -> ValueKey:
    """The index key of a predicted value: ``("n", number, direction)`` or ``("r", low, high)``."""
    if pred.stated is not None:
        return ("n", pred.stated, direction(pred.modifier))
    return ("r", _bound(pred.low), _bound(pred.high))


def gold_value_probes(gold: Value) -> tuple[ValueKey, ...]:
    """Every predicted value key that matches ``gold``."""
    out: list[ValueKey] = []
    if gold.stated is not None:
        own = direction(gold.modifier)
        out.extend(("n", gold.stated, d) for d in ("0", "+", "-") if {own, d} != OPPOSITE)
    if gold.low is not None or gold.high is not None:
        out.append(("r", _bound(gold.low), _bound(gold.high)))
    return tuple(out)
