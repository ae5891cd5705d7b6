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


# Keys whose values are labels from the schema, not strings from the text.
_LABEL_KEYS = frozenset({"type", "category", "victims", "kind", "modifier", "status"})


def _restore(value: Any, recased: str, original: str) -> Any:
    """``value`` with every string found in ``recased`` replaced by the same slice of ``original``."""
    if isinstance(value, str):
        at = recased.find(value) if value else -1
        return original[at : at + len(value)] if at >= 0 else value
    if isinstance(value, list):
        return [_restore(v, recased, original) for v in value]
    if isinstance(value, dict):
        return {k: v if k in _LABEL_KEYS else _restore(v, recased, original) for k, v in value.items()}
    return value


class RuleExtractor:
    """Deterministic, dependency-free baseline (name ``rules``); see ``baselines/README.md``."""

    name = "rules"
    needs_gold = False

    def __init__(self) -> None:
        """The rules baseline takes no options."""

    def predict_one(self, document: Document) -> dict[str, Any]:
        # All-capitals text (MUC-4 wire copy) is read re-cased (same offsets): the tagger and the
        # assembly rely on capital letters; the strings returned are the document's own.
        text = truecase(document.text) if is_all_caps(document.text) else document.text
        mentions = tag(text)
        events, used_counts = assemble(text, mentions)
        if text != document.text:
            events = _restore(events, text, document.text)
        spans = sorted([m for m in mentions if m.type != "COUNT"] + used_counts)
        return {"doc_id": document.doc_id, "mentions": [m.as_json() for m in spans], "events": events}

    def predict(self, documents: Sequence[Document]) -> list[dict[str, Any]]:
        return [self.predict_one(doc) for doc in documents]
