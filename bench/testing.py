"""Pytest helpers to gate your own CI on BREAKOUT.

>>> from bench.testing import assert_no_regression, assert_scores    # doctest: +SKIP
>>> assert_no_regression("baseline-results.json", "predictions.jsonl", max_drop=0.01)  # doctest: +SKIP
>>> assert_scores("predictions.jsonl", overall=0.4, count=0.5)       # doctest: +SKIP

A system is given as a path (a results file from ``bench eval --out``, a predictions file,
or a leaderboard entry folder), a results dict, a ``bench.score.Results``, or a list of
prediction records (what an extractor's ``predict`` returns). Predictions are scored
against the built-in gold split unless ``gold``/``kb`` name other files. Failures raise
``AssertionError`` with the per-field table, so pytest shows what dropped and by how much;
results with different signatures raise ``bench.comparison.SignatureMismatch``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional, Sequence, Union

from bench.comparison import GATED, Comparison, compare
from bench.gates import GATEABLE, check_thresholds
from bench.resultsio import DEFAULT_BOOTSTRAP, DEFAULT_SEED, Gold, load_gold, results_of

PathLike = Union[str, Path]


def _gold(gold: Optional[PathLike], kb: Optional[PathLike]) -> Optional[Gold]:
    return load_gold(gold, kb) if gold is not None or kb is not None else None


def assert_no_regression(baseline: Any, candidate: Any, *, max_drop: float = 0.0, fields: Sequence[str] = GATED,
                         gold: Optional[PathLike] = None, kb: Optional[PathLike] = None,
                         bootstrap: Optional[int] = None, seed: Optional[int] = None) -> Comparison:
    """Fail when any of ``fields`` drops by more than ``max_drop`` (F1) from baseline to candidate.

    Returns the ``Comparison`` (deltas, paired-bootstrap p-values) when nothing regressed.
    """
    __tracebackhide__ = True
    result = compare(baseline, candidate, gold=_gold(gold, kb), max_drop=max_drop, fields=fields,
                     bootstrap=bootstrap, seed=seed)
    if result.regressions:
        raise AssertionError("BREAKOUT regression:\n" + "\n".join(result.lines()))
    return result


def assert_scores(system: Any, *, gold: Optional[PathLike] = None, kb: Optional[PathLike] = None,
                  bootstrap: int = DEFAULT_BOOTSTRAP, seed: int = DEFAULT_SEED, **thresholds: float) -> dict[str, Any]:
    """Fail when a score's F1 is below its threshold: ``assert_scores(p, overall=0.4, count=0.5)``.

    Span scores use ``span``/``span_partial`` (types such as ``span.PERSON`` cannot be
    keyword arguments; use ``bench eval --fail-under`` for those). Returns the scores.
    """
    __tracebackhide__ = True
    unknown = [name for name in thresholds if name not in GATEABLE]
    if unknown:
        raise ValueError(f"unknown score(s) {', '.join(unknown)}; known: {', '.join(GATEABLE)}")
    if not thresholds:
        raise ValueError("give at least one threshold, e.g. overall=0.4")
    side = results_of(system, _gold(gold, kb), bootstrap=bootstrap, seed=seed)
    failures = check_thresholds(side.scores, list(thresholds.items()))
    if failures:
        raise AssertionError(f"BREAKOUT scores below threshold ({side.label}):\n  " + "\n  ".join(failures))
    return side.scores
