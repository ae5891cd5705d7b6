"""Gold integrity checks the scorer relies on."""

from __future__ import annotations

from bench.data.model import Span
from bench.score.goldcheck import gold_problems


def test_clean_split_has_no_problems(tiny_split) -> None:
    docs, kb = tiny_split
    assert gold_problems(docs, kb, "gold.jsonl") == []


def test_dangling_references_unknown_kb_ids_and_shifted_spans(tiny_split) -> None:
    docs, kb = tiny_split
    d1 = docs[0]
    event = d1.events[0]
    bad_count = event.counts[0].model_copy(update={"source": "nobody", "mention": Span(start=0, end=4, text="Kurd")})
    bad_claim = event.claims[0].model_copy(update={"actor": "ghost"})
    entities = [d1.entities[0].model_copy(update={"kb": "unknown_kb"}), *d1.entities[1:]]
    broken = d1.model_copy(
        update={
            "entities": entities,
            "events": [
                event.model_copy(
                    update={
                        "locations": ["gweiran", "atlantis"],
                        "counts": [bad_count, *event.counts[1:]],
                        "claims": [bad_claim],
                    }
                )
            ],
        }
    )
    found = sorted(str(p) for p in gold_problems([broken], kb, "gold.jsonl"))
    assert found == sorted(
        [
            "gold.jsonl: d1: entities[isis].kb: unknown kb id 'unknown_kb'",
            "gold.jsonl: d1: events[e1].locations[1]: unknown entity 'atlantis'",
            "gold.jsonl: d1: events[e1].counts[e1.c1].mention: offsets 0-4 point at 'Isis', not 'Kurd'",
            "gold.jsonl: d1: events[e1].counts[e1.c1].source: unknown entity 'nobody'",
            "gold.jsonl: d1: events[e1].claims[e1.k1].actor: unknown entity 'ghost'",
            "gold.jsonl: d1: entities[isis]: mention 'Isis gunmen' (0-11) overlaps events[e1].counts[e1.c1] 'Kurd' (0-4)",
        ]
    )
