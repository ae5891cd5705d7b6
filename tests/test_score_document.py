"""Per-document statistics: collapsed variant, event counts and the error detail."""

from __future__ import annotations

from bench.predictions.validate import check_object
from bench.score.document import score_events
from bench.score.items import entity_names


def _score(doc, kb, events, detail=False):
    pred, problems = check_object({"doc_id": doc.doc_id, "events": events}, doc.text)
    assert pred is not None, problems
    return score_events(doc, pred, entity_names(doc, kb), detail=detail)


def test_collapsed_merges_events_and_deduplicates_strings(tiny_split) -> None:
    docs, kb = tiny_split
    d2 = docs[1]  # gold: break (militants; Abu Ghraib, Baghdad; 260 escaped) and bomb (Taji; 12 killed.civilians)
    # one predicted event with everything, and "Baghdad" twice under two spellings that normalise alike
    stats, _ = _score(
        d2,
        kb,
        [
            {
                "type": "prison_break",
                "actors": ["militants"],
                "locations": ["Abu Ghraib", "Baghdad", "baghdad", "Taji"],
                "counts": [
                    {"category": "escaped", "value": 260, "source": "The ministry"},
                    {"category": "killed", "victims": "civilians", "value": "twelve"},
                ],
            }
        ],
    )
    # aligned with "break" only: locations 2 of its 2 + "baghdad" (fp) + Taji (fp, belongs to bomb)
    assert stats["location"] == (2, 2, 1)
    assert stats["count"] == (1, 1, 1)
    # collapsed: locations {abu_ghraib, baghdad, taji} vs strings {abu ghraib, baghdad, taji}: 3/0/0
    assert stats["collapsed.location"] == (3, 0, 0)
    assert stats["collapsed.count"] == (2, 0, 0) and stats["collapsed.attribution"] == (2, 0, 0)
    assert stats["events"] == (1, 0, 1)


def test_detail_names_missed_and_spurious_items(tiny_split) -> None:
    docs, kb = tiny_split
    _, detail = _score(
        docs[0],
        kb,
        [
            {
                "type": "attack",
                "actors": ["ISIS", "SDF"],
                "counts": [{"category": "killed", "victims": "security", "value": 5, "source": "ISIS"}],
            }
        ],
        detail=True,
    )
    assert detail["actor"]["spurious"] == [{"event": "events[0]", "item": "'SDF'"}]
    assert detail["actor"]["missed"] == []
    assert {m["item"] for m in detail["location"]["missed"]} == {"Gweiran Prison", "Hassakeh"}
    assert detail["count"]["missed"] == [{"event": "e1", "item": "escaped = 'hundreds' (200..999)"}]
    assert detail["attribution"]["spurious"] == [{"event": "events[0]", "item": "killed.security = 5, source: 'ISIS'"}]
    assert detail["events"]["aligned"] == [
        {"predicted": "events[0]", "gold": "e1", "type": "attack", "gold_type": "prison_break"}
    ]


def test_collapsed_counts_each_fact_once() -> None:
    # two different gold entities are both called "officials", one per event; the gold written as
    # predictions names "officials" in each event: collapsed actor 2/0/0. A wrong string repeated
    # in both events ("gunmen") is one false positive, not two.
    from conftest import entity

    from bench.data.model import Document, Event

    text = "officials said one thing. Later officials said another."
    doc = Document(
        doc_id="c",
        text=text,
        entities=[entity(text, "o1", "GROUP", ("officials", 1)), entity(text, "o2", "GROUP", ("officials", 2))],
        events=[Event(id="a", type="attack", actors=["o1"]), Event(id="b", type="attack", actors=["o2"])],
    )
    stats, _ = _score(
        doc,
        {},
        [{"type": "attack", "actors": ["officials", "gunmen"]}, {"type": "attack", "actors": ["officials", "Gunmen"]}],
    )
    assert stats["collapsed.actor"] == (2, 1, 0)
    assert stats["actor"] == (2, 2, 0)
