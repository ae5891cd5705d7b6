"""Document totals in the scorer: excused at event level, scored in the doc-collapsed view.

The cases of main's ``tests/test_score_totals.py`` (gold v2), given the totals explicitly.
"""

from __future__ import annotations

from conftest import count, entity

from bench.data.model import Document, Event
from bench.predictions.validate import check_object
from bench.score.document import score_events
from bench.score.items import entity_names

TEXT = "Two attacks killed more than a dozen soldiers. In Mosul gunmen killed five people, police said."
DOC = Document(
    doc_id="d",
    text=TEXT,
    entities=[
        entity(TEXT, "mosul", "LOCATION", "Mosul"),
        entity(TEXT, "gunmen", "GROUP", "gunmen"),
        entity(TEXT, "police", "GROUP", "police"),
    ],
    events=[
        Event(
            id="e",
            type="attack",
            actors=["gunmen"],
            locations=["mosul"],
            counts=[count(TEXT, "e.c1", "five", "killed", "mixed", source="police")],
        )
    ],
)
TOTALS = [count(TEXT, "totals.c1", "more than a dozen", "killed", "security")]
FIVE = {"category": "killed", "victims": "mixed", "value": 5, "source": "police"}


def _stats(counts: list[dict], detail: bool = False):
    record = {
        "doc_id": "d",
        "events": [{"type": "attack", "actors": ["gunmen"], "locations": ["Mosul"], "counts": counts}],
    }
    pred, problems = check_object(record, TEXT)
    assert pred is not None, problems
    return score_events(DOC, pred, entity_names(DOC, {}), totals=TOTALS, detail=detail)


def test_a_total_written_on_an_event_is_neither_spurious_nor_required() -> None:
    total = {"category": "killed", "victims": "security", "value": "more than a dozen", "source": None}
    (with_total, detail), (without, _) = _stats([FIVE, total], detail=True), _stats([FIVE])
    assert with_total["count"] == (1, 0, 0) == without["count"]
    assert with_total["attribution"] == (1, 0, 0) == without["attribution"]
    assert with_total["collapsed.count"] == (2, 0, 0)
    assert without["collapsed.count"] == (1, 0, 1)
    assert detail["count"]["spurious"] == []  # excused, not listed as an error


def test_only_a_matching_total_is_excused() -> None:
    wrong_label = {"category": "killed", "victims": "mixed", "value": 13, "source": None}
    assert _stats([FIVE, wrong_label])[0]["count"] == (1, 1, 0)
    wrong_source = {"category": "killed", "victims": "security", "value": 12, "source": "police"}
    stats, _ = _stats([FIVE, wrong_source])  # 12 matches "more than a dozen" (stated 12); the source does not
    assert stats["count"] == (1, 0, 0) and stats["attribution"] == (1, 1, 0)


def test_one_total_excuses_one_prediction() -> None:
    total = {"category": "killed", "victims": "security", "value": 12, "source": None}
    assert _stats([FIVE, total, total])[0]["count"] == (1, 1, 0)
