"""Quality gates: ``bench eval --fail-under FIELD=VALUE`` and ``bench compare --max-drop``.

A gate names a score of the results file (``overall`` is the headline) and compares its
F1 with a threshold; a missed gate makes the command exit 1 (``exitcodes.GATE_FAILED``).

>>> parse_threshold("overall=0.4")
('overall', 0.4)
>>> check_thresholds({"overall": {"f1": 0.35}, "count": {"f1": 0.6}}, [("overall", 0.4), ("count", 0.5)])
['overall F1 0.3500 is below the threshold 0.4000']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

# scores that can be gated: the headline, the fields (a split reports its own), the span layers and their types
GATEABLE: tuple[str, ...] = (
    "overall",
    "actor",
    "location",
    "count",
    "attribution",
    "claim",
    "span",
    "span.PERSON",
    "span.GROUP",
    "span.LOCATION",
    "span.COUNT",
    "span_partial",
    "span_partial.PERSON",
    "span_partial.GROUP",
    "span_partial.LOCATION",
    "span_partial.COUNT",
)
EPSILON = 1e-9  # float noise never fails a gate


class GateError(ValueError):
    """A malformed gate on the command line (a usage error: exit 2)."""


def parse_threshold(text: str) -> tuple[str, float]:
    """``FIELD=VALUE`` with a known field and a value in [0, 1]."""
    name, sep, value = text.partition("=")
    name = name.strip()
    if not sep or not name or not value.strip():
        raise GateError(f"{text!r}: expected FIELD=VALUE, e.g. overall=0.4")
    if name not in GATEABLE:
        raise GateError(f"{text!r}: unknown field {name!r}; known: {', '.join(GATEABLE)}")
    try:
        number = float(value)
    except ValueError as err:
        raise GateError(f"{text!r}: {value.strip()!r} is not a number") from err
    if not 0.0 <= number <= 1.0:
        raise GateError(f"{text!r}: the threshold must be between 0 and 1")
    return name, number


def parse_thresholds(texts: Iterable[str]) -> list[tuple[str, float]]:
    """Every ``FIELD=VALUE``; a field given twice keeps its last value."""
    found: dict[str, float] = {}
    for text in texts:
        name, value = parse_threshold(text)
        found[name] = value
    return list(found.items())


def score_of(scores: Mapping[str, Any], name: str) -> float:
    """The F1 of score ``name`` in a results ``scores`` mapping (``KeyError`` if absent)."""
    value = scores[name]["f1"]
    if not isinstance(value, (int, float)):
        raise KeyError(name)
    return float(value)


def check_thresholds(scores: Mapping[str, Any], thresholds: Sequence[tuple[str, float]]) -> list[str]:
    """One message per missed threshold (empty: every gate passed)."""
    failures = []
    for name, threshold in thresholds:
        try:
            value = score_of(scores, name)
        except (KeyError, TypeError):
            failures.append(f"{name}: no such score in the results")
            continue
        if value < threshold - EPSILON:
            failures.append(f"{name} F1 {value:.4f} is below the threshold {threshold:.4f}")
    return failures


def dropped(delta: float, max_drop: float) -> bool:
    """True when a change ``delta`` (candidate - baseline) is a drop larger than ``max_drop``."""
    return delta < -max_drop - EPSILON
