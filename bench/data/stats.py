"""Descriptive statistics of a gold split (``bench data stats``).

>>> from bench.data.model import Document
>>> document_stats(Document(doc_id="d", text="x"))["events"]
0
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from bench.data.model import Document

COLUMNS = ("entities", "mentions", "events", "counts", "totals", "claims")


def document_stats(doc: Document) -> dict[str, Any]:
    return {
        "entities": len(doc.entities),
        "mentions": sum(len(e.mentions) for e in doc.entities),
        "events": len(doc.events),
        "counts": sum(len(ev.counts) for ev in doc.events),
        "totals": len(doc.totals),
        "claims": sum(len(ev.claims) for ev in doc.events),
    }


def split_stats(docs: Sequence[Document]) -> dict[str, Any]:
    """Totals, per-document figures and breakdowns by type, category, modifier and kind."""
    per_doc = {d.doc_id: document_stats(d) for d in sorted(docs, key=lambda d: d.doc_id)}
    totals = {key: sum(s[key] for s in per_doc.values()) for key in COLUMNS}
    events = [ev for d in docs for ev in d.events]
    counts = [c for d in docs for c in d.counts()]
    return {
        "documents": len(per_doc),
        **totals,
        "per_document": per_doc,
        "entity_types": dict(sorted(Counter(e.type for d in docs for e in d.entities).items())),
        "event_types": dict(sorted(Counter(ev.type for ev in events).items())),
        "count_categories": dict(sorted(Counter(c.label for c in counts).items())),
        "count_modifiers": dict(sorted(Counter(c.value.modifier for c in counts).items())),
        "counts_with_source": sum(c.source is not None for c in counts),
        "claim_kinds": dict(sorted(Counter(k.kind for ev in events for k in ev.claims).items())),
        "cross_document_events": len({ev.kb for ev in events if ev.kb}),
    }
