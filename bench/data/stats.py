"""Descriptive statistics of a gold split (``bench data stats``).

>>> from bench.data.model import Document, Event, Unmapped
>>> document_stats(Document(doc_id="d", text="x"))["events"]
0
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from bench.data.model import Document, Event, Unmapped

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
        **_optional_stats(events),
        **_conversion_stats(docs),
    }


def _optional_stats(events: Sequence[Event]) -> dict[str, Any]:
    """Optional gold items (MUC-4 ``?`` fills and OPTIONAL templates); zero on hand-made gold."""
    return {
        "optional": {
            "events": sum(ev.optional for ev in events),
            "actors": sum(len(ev.optional_actors) for ev in events),
            "locations": sum(len(ev.optional_locations) for ev in events),
            "counts": sum(c.optional for ev in events for c in ev.counts),
            "claims": sum(k.optional for ev in events for k in ev.claims),
        }
    }


def _conversion_stats(docs: Sequence[Document]) -> dict[str, Any]:
    """For converted corpora (MUC-4): irrelevant messages, threatened templates, and every
    key filler the converter could not locate or map, by reason (kept in another form or not)."""
    converted = [d.muc4 for d in docs if d.muc4 is not None]
    if not converted:
        return {}
    unmapped = [u for m in converted for u in m.unmapped]
    return {
        "irrelevant_documents": sum(1 for d in docs if d.muc4 is not None and not d.events and not d.muc4.threatened),
        "threatened_templates": sum(len(m.threatened) for m in converted),
        "unmapped_fillers": len(unmapped),
        "unmapped_by_reason": {
            reason: {"kept": sum(u.kept for u in found), "dropped": sum(not u.kept for u in found)}
            for reason, found in sorted(_group(unmapped).items())
        },
    }


def _group(unmapped: Sequence[Unmapped]) -> dict[str, list[Unmapped]]:
    groups: dict[str, list[Unmapped]] = {}
    for item in unmapped:
        groups.setdefault(item.reason, []).append(item)
    return groups
