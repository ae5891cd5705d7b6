"""The BREAKOUT scorer (SPEC section 3).

>>> from bench.score import evaluate                                # doctest: +SKIP
>>> results = evaluate(gold_docs, kb, predictions, bootstrap=1000, seed=0)  # doctest: +SKIP
>>> results.scores["overall"]["f1"], results.signature              # doctest: +SKIP

Modules, in the order the data flows: ``tokenize`` (tokens and IOB2 tags), ``spans``
(span layer), ``assign`` (one-to-one matching), ``values`` (when two count values match),
``items`` (events as canonical items), ``fields`` (the scored fields, as data), ``match``
(exact item matching of one event pair), ``pairs`` (per-pair statistics of a document by
index lookups), ``align`` (event alignment), ``collapsed`` (the doc-collapsed diagnostic),
``document`` (per-document statistics), ``stats`` (sufficient statistics and score
formulas), ``bootstrap``, ``paired`` (paired bootstrap test), ``signature``, ``evaluate``
(the top level), ``render`` (the human table). The README's scoring section restates
every rule.
"""

from bench.score.evaluate import Results, evaluate
from bench.score.signature import SCORER_VERSION

__all__ = ["SCORER_VERSION", "Results", "evaluate"]
