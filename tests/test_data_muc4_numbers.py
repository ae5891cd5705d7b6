"""MUC-4 number fills and human-target types."""

import pytest

from bench.data.model import CountValue
from bench.data.muc4.numbers import muc_number, victims_of


@pytest.mark.parametrize(
    ("fill", "value"),
    [
        ("6", CountValue(stated=6, low=6, high=6, modifier="exact")),
        ("~50", CountValue(stated=50, low=None, high=None, modifier="approx")),
        ("6-", CountValue(stated=6, low=6, high=None, modifier="at_least")),
        ("2 -", CountValue(stated=2, low=2, high=None, modifier="at_least")),
        ("-26", CountValue(stated=26, low=None, high=26, modifier="at_most")),
        ("- 139", CountValue(stated=139, low=None, high=139, modifier="at_most")),
        ("6-8", CountValue(stated=None, low=6, high=8, modifier="vague")),
        ("PLURAL", CountValue(stated=None, low=2, high=None, modifier="vague")),
    ],
)
def test_number_fills(fill, value):
    assert muc_number(fill) == value


@pytest.mark.parametrize("fill", ["-", "MANY", "8-6", "1.5"])
def test_what_is_no_number(fill):
    assert muc_number(fill) is None


def test_victims_from_types():
    assert victims_of(["ACTIVE MILITARY"]) == victims_of(["LAW ENFORCEMENT", "SECURITY GUARD"]) == "security"
    assert victims_of(["CIVILIAN", "GOVERNMENT OFFICIAL", "DIPLOMAT"]) == "civilians"
    assert victims_of(["CIVILIAN", "LAW ENFORCEMENT"]) == "mixed"
    assert victims_of([]) == "mixed"  # the key does not say who
