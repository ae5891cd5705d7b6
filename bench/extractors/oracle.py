"""The oracle: writes the gold annotations themselves in the predictions format.

It must score exactly 1.0 on every field and on the span layer; it is the harness's own
end-to-end check. Strings are each entity's first mention in the text (an entity with no
mention: its first alias; one with neither - a place only the knowledge base names, which
converted gold marks optional - is left out). A count value is
the count's own mention text when the number normaliser turns it into the gold value
(so modifiers survive), otherwise the gold number (``stated``) or the gold ``{low, high}``
range.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bench.data.model import Count, Document
from bench.normalize.numbers import parse_count


def _value(count: Count) -> Any:
    """The count's value as a prediction that says exactly the same: its mention when that
    normalises to the value, else a canonical expression of it ("more than 60", "about 5"),
    else an integer or a range."""
    v = count.value
    candidates: list[str] = [count.mention.text]
    if v.stated is not None:
        candidates += {
            "approx": [f"about {v.stated}"],
            "at_least": [f"at least {v.stated}", f"more than {v.stated}"],
            "at_most": [f"up to {v.stated}", f"fewer than {v.stated}"],
        }.get(v.modifier, [])
    for text in candidates:
        try:
            if parse_count(text) == v:
                return text
        except ValueError:
            pass
    if v.stated is not None:
        return v.stated
    return {"low": v.low, "high": v.high}


def oracle_record(doc: Document) -> dict[str, Any]:
    """The predictions line that reproduces ``doc``'s gold annotation."""
    names = {
        e.id: min(e.mentions, key=lambda m: m.start).text if e.mentions else e.aliases[0]
        for e in doc.entities
        if e.mentions or e.aliases
    }

    def name(entity: str | None) -> str | None:
        return None if entity is None else names[entity]

    mentions: list[dict[str, Any]] = [
        {"start": m.start, "end": m.end, "type": e.type} for e in doc.entities for m in e.mentions
    ]
    mentions += [{"start": c.mention.start, "end": c.mention.end, "type": "COUNT"} for c in doc.counts()]

    def count(c: Count) -> dict[str, Any]:
        return {"category": c.category, "victims": c.victims, "value": _value(c), "source": name(c.source)}

    events: list[dict[str, Any]] = [
        {
            "type": ev.type,
            "actors": [names[a] for a in ev.actors if a in names],
            "locations": [names[p] for p in ev.locations if p in names],
            "counts": [count(c) for c in ev.counts],
            "claims": [{"kind": k.kind, "actor": names[k.actor], "source": name(k.source)} for k in ev.claims],
        }
        for ev in doc.events
    ]
    if doc.totals and events:
        # A total belongs to no event: written on the first, where it is neither missed nor spurious.
        events[0]["counts"] += [count(c) for c in doc.totals]
    return {
        "doc_id": doc.doc_id,
        "mentions": sorted(mentions, key=lambda m: (m["start"], m["end"], m["type"])),
        "events": events,
    }


class OracleExtractor:
    """Gold in, gold out (``needs_gold = True``: it receives the annotated documents)."""

    name = "oracle"
    needs_gold = True

    def predict(self, documents: Sequence[Document]) -> list[dict[str, Any]]:
        return [oracle_record(doc) for doc in documents]
