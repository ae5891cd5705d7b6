"""When a predicted count value matches a gold value (bench.score.values, scorer 1.1).

Each row is worked out from the rule in the module docstring: a number matches the same
number unless the bounds point opposite ways; a range matches the same range; nothing else.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bench.data.model import CountValue
from bench.normalize.numbers import parse_count
from bench.predictions.model import PredValue, value_from_int, value_from_range, value_from_text
from bench.score.values import gold_value_probes, pred_value_key, value_matches


def _pred(value) -> PredValue:
    if isinstance(value, int):
        return value_from_int(value)
    if isinstance(value, dict):
        return value_from_range(value["low"], value["high"])
    return value_from_text(value)


@pytest.mark.parametrize(
    ("pred", "gold", "matches"),
    [
        # issue 9 item 4: a bound pointing the other way is a mismatch (scorer 1.0 matched them)
        ("fewer than 100", "more than 100", False),
        ("up to 100", "at least 100", False),
        ("more than 100", "fewer than 100", False),
        ("at least 100", "at most 100", False),
        # bounds the same way, or a number with no direction, match the same stated number
        ("over 100", "more than 100", True),
        ("at least 100", "more than 100", True),
        (100, "more than 100", True),
        (100, "fewer than 100", True),
        ("about 100", "up to 100", True),
        ("fewer than 100", "100", True),
        ("more than 100", "about 100", True),
        (101, "more than 100", False),
        ({"low": 101, "high": None}, "more than 100", True),  # the same range
        ({"low": 100, "high": None}, "more than 100", False),
        # issue 9 item 5: numbers and ranges never match each other, in either direction
        (500, "hundreds", False),
        (200, "hundreds", False),
        ("about 500", "hundreds", False),
        ("hundreds", "260", False),
        ({"low": 200, "high": 999}, "260", False),
        ("hundreds", "hundreds of", True),
        ({"low": 200, "high": 999}, "hundreds", True),
        ({"low": 260, "high": 260}, "260", True),
        ("25-30", "between 25 and 30", True),
        ("25 to 30", "25-30", True),
        (27, "25-30", False),
        ("several hundred", "hundreds", False),
    ],
)
def test_value_rule(pred, gold, matches: bool) -> None:
    assert value_matches(_pred(pred), parse_count(gold)) is matches


def test_rule_is_symmetric_between_numbers_and_ranges() -> None:
    """Issue 9 item 5: the integer-in-range case and its mirror give the same answer."""
    hundreds, n260 = parse_count("hundreds"), parse_count("260")
    assert value_matches(_pred(260), hundreds) == value_matches(_pred("hundreds"), n260) is False


MODIFIERS = ("exact", "approx", "at_least", "at_most", "vague")
numbers = st.integers(min_value=0, max_value=30)


@st.composite
def gold_values(draw) -> CountValue:
    modifier = draw(st.sampled_from(MODIFIERS))
    if modifier == "vague":
        low = draw(numbers)
        return CountValue(stated=None, low=low, high=draw(st.none() | st.integers(low, 40)), modifier="vague")
    n = draw(numbers)
    low, high = {"exact": (n, n), "approx": (None, None), "at_least": (n, None), "at_most": (None, n)}[modifier]
    return CountValue(stated=n, low=low, high=high, modifier=modifier)


@st.composite
def pred_values(draw) -> PredValue:
    kind = draw(st.sampled_from(("int", "range", "text")))
    if kind == "int":
        return value_from_int(draw(numbers))
    if kind == "range":
        low = draw(st.none() | numbers)
        high = draw(st.none() | st.integers(low or 0, 40)) if low is not None else draw(numbers)
        return value_from_range(low, high)
    g = draw(gold_values())
    return PredValue(g.stated, g.low, g.high, g.modifier, "x")


@given(pred_values(), gold_values())
def test_index_keys_agree_with_the_rule(pred: PredValue, gold: CountValue) -> None:
    assert (pred_value_key(pred) in gold_value_probes(gold)) is value_matches(pred, gold)
