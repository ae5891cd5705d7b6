"""The BREAKOUT scorer (SPEC section 3).

>>> from bench.score import evaluate                                # doctest: +SKIP
>>> results = evaluate(gold_docs, kb, predictions, bootstrap=1000, seed=0)  # doctest: +SKIP
>>> results.scores["overall"]["f1"], results.signature              # doctest: +SKIP

Modules, in the order the data flows: ``tokenize`` (tokens and IOB2 tags), ``spans``
(span layer), ``assign`` (one-to-one matching), ``fields`` (field items and their
matching), ``align`` (event alignment), ``document`` (per-document statistics), ``stats``
(sufficient statistics and score formulas), ``bootstrap``, ``paired`` (paired bootstrap test),
``signature``, ``evaluate`` (the top level), ``render`` (the human table).
"""

from bench.score.evaluate import Results, evaluate
from bench.score.signature import SCORER_VERSION

__all__ = ["SCORER_VERSION", "Results", "evaluate"]
