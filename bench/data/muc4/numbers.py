"""MUC-4 number fills as BREAKOUT count values, and the human-target type as victims.

=============  ===================================  ==========================================
key fill       meaning (template-doc-part1 7.22)    CountValue
=============  ===================================  ==========================================
``6``          six                                  exact: stated 6, low 6, high 6
``~50``        about fifty                          approx: stated 50, no bounds
``6-``         at least six                         at_least: stated 6, low 6
``-26``        up to 26                             at_most: stated 26, high 26
``6-8``        between six and eight                vague: no stated number, low 6, high 8
``PLURAL``     more than one, number unknown        vague: no stated number, low 2, no high
=============  ===================================  ==========================================

>>> muc_number("~50").modifier, muc_number("6-8").high, muc_number("PLURAL").low
('approx', 8, 2)
"""

from __future__ import annotations

import re

from bench.data.model import CountValue

SECURITY_TYPES = frozenset({"ACTIVE MILITARY", "LAW ENFORCEMENT", "SECURITY GUARD"})
CIVILIAN_TYPES = frozenset(
    {
        "CIVILIAN",
        "GOVERNMENT OFFICIAL",
        "FORMER GOVERNMENT OFFICIAL",
        "FORMER ACTIVE MILITARY",
        "DIPLOMAT",
        "POLITICAL FIGURE",
        "LEGAL OR JUDICIAL",
    }
)
EFFECT_CATEGORIES = {"DEATH": "killed", "INJURY": "wounded"}


def muc_number(fill: str) -> CountValue | None:
    """A CountValue for one alternative of a MUC-4 number fill; None when it is not one."""
    text = re.sub(r"\s+", "", fill.strip().upper())
    if text == "PLURAL":
        return CountValue(stated=None, low=2, high=None, modifier="vague")
    if match := re.fullmatch(r"~(\d+)", text):
        return CountValue(stated=int(match.group(1)), low=None, high=None, modifier="approx")
    if match := re.fullmatch(r"(\d+)-", text):
        n = int(match.group(1))
        return CountValue(stated=n, low=n, high=None, modifier="at_least")
    if match := re.fullmatch(r"-(\d+)", text):
        n = int(match.group(1))
        return CountValue(stated=n, low=None, high=n, modifier="at_most")
    if match := re.fullmatch(r"(\d+)-(\d+)", text):
        low, high = int(match.group(1)), int(match.group(2))
        if low <= high:
            return CountValue(stated=None, low=low, high=high, modifier="vague")
        return None
    if re.fullmatch(r"\d+", text):
        n = int(text)
        return CountValue(stated=n, low=n, high=n, modifier="exact")
    return None


def victims_of(types: tuple[str, ...] | list[str]) -> str:
    """``security``, ``civilians``, or ``mixed`` (both, another type, or none given)."""
    groups = set()
    for kind in types:
        if kind in SECURITY_TYPES:
            groups.add("security")
        elif kind in CIVILIAN_TYPES:
            groups.add("civilians")
        else:
            groups.add("mixed")
    return groups.pop() if len(groups) == 1 else "mixed"
