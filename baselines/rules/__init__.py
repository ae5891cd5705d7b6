"""The rule-based baseline: lexicon and pattern span tagging, then the shared event assembly.

>>> from bench.data.model import Document
>>> doc = Document(doc_id="d1", text="Police said 12 inmates escaped from the jail on Monday.")
>>> [e["counts"] for e in RuleExtractor().predict([doc])[0]["events"]]
[[{'category': 'escaped', 'value': '12', 'source': 'Police'}]]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from baselines.assemble import assemble
from baselines.rules.tagger import tag
from baselines.truecase import is_all_caps, truecase
from bench.data.model import Document

__all__ = ["RuleExtractor"]


class RuleExtractor:
    """Deterministic, dependency-free baseline (name ``rules``); see ``baselines/README.md``."""

    name = "rules"
    needs_gold = False

    def __init__(self) -> None:
        """The rules baseline takes no options."""

    def predict_one(self, document: Document) -> dict[str, Any]:
        text = truecase(document.text) if is_all_caps(document.text) else document.text
        mentions = tag(text)
        events, used_counts = assemble(text, mentions)
        spans = sorted([m for m in mentions if m.type != "COUNT"] + used_counts)
        return {"doc_id": document.doc_id, "mentions": [m.as_json() for m in spans], "events": events}

    def predict(self, documents: Sequence[Document]) -> list[dict[str, Any]]:
        return [self.predict_one(doc) for doc in documents]
