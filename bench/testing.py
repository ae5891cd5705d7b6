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

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.comparison import GATED, Comparison, compare
from bench.gates import GATEABLE, check_thresholds
from bench.resultsio import DEFAULT_BOOTSTRAP, DEFAULT_SEED, Gold, load_gold, results_of

PathLike = str | Path


def _gold(gold: PathLike | None, kb: PathLike | None) -> Gold | None:
    return load_gold(gold, kb) if gold is not None or kb is not None else None


def assert_no_regression(
    baseline: Any,
    candidate: Any,
    *,
    max_drop: float = 0.0,
    fields: Sequence[str] = GATED,
    gold: PathLike | None = None,
    kb: PathLike | None = None,
    bootstrap: int | None = None,
    seed: int | None = None,
) -> Comparison:
    """Fail when any of ``fields`` drops by more than ``max_drop`` (F1) from baseline to candidate.

    Returns the ``Comparison`` (deltas, paired-bootstrap p-values) when nothing regressed.
    """
    __tracebackhide__ = True
    result = compare(
        baseline, candidate, gold=_gold(gold, kb), max_drop=max_drop, fields=fields, bootstrap=bootstrap, seed=seed
    )
    if result.regressions:
        raise AssertionError("BREAKOUT regression:\n" + "\n".join(result.lines()))
    return result


def assert_scores(
    system: Any,
    *,
    gold: PathLike | None = None,
    kb: PathLike | None = None,
    bootstrap: int = DEFAULT_BOOTSTRAP,
    seed: int = DEFAULT_SEED,
    **thresholds: float,
) -> dict[str, Any]:
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
