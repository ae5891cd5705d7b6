"""Document totals in the scorer: excused at event level, scored in the doc-collapsed view."""

from __future__ import annotations

from conftest import count, entity

from bench.data.model import Document, Event
from bench.score.evaluate import evaluate

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
    totals=[count(TEXT, "totals.c1", "more than a dozen", "killed", "security")],
)
FIVE = {"category": "killed", "victims": "mixed", "value": 5, "source": "police"}


def _row(counts: list[dict]) -> dict:
    record = {
        "doc_id": "d",
        "events": [{"type": "attack", "actors": ["gunmen"], "locations": ["Mosul"], "counts": counts}],
    }
    return evaluate([DOC], {}, [record], bootstrap=0).stats.row("d")


def _tfp(row: dict, metric: str) -> tuple[int, int, int]:
    return row[metric]["tp"], row[metric]["fp"], row[metric]["fn"]


def test_a_total_written_on_an_event_is_neither_spurious_nor_required() -> None:
    total = {"category": "killed", "victims": "security", "value": "more than a dozen", "source": None}
    with_total, without = _row([FIVE, total]), _row([FIVE])
    assert _tfp(with_total, "count") == (1, 0, 0) == _tfp(without, "count")
    assert _tfp(with_total, "attribution") == (1, 0, 0) == _tfp(without, "attribution")
    assert _tfp(with_total, "collapsed.count") == (2, 0, 0)
    assert _tfp(without, "collapsed.count") == (1, 0, 1)


def test_only_a_matching_total_is_excused() -> None:
    wrong_label = {"category": "killed", "victims": "mixed", "value": 13, "source": None}
    assert _tfp(_row([FIVE, wrong_label]), "count") == (1, 1, 0)
    wrong_source = {"category": "killed", "victims": "security", "value": 12, "source": "police"}
    row = _row([FIVE, wrong_source])  # the value matches "more than a dozen" (stated 12); the source does not
    assert _tfp(row, "count") == (1, 0, 0) and _tfp(row, "attribution") == (1, 1, 0)


def test_one_total_excuses_one_prediction() -> None:
    total = {"category": "killed", "victims": "security", "value": 12, "source": None}
    assert _tfp(_row([FIVE, total, total]), "count") == (1, 1, 0)


def test_the_oracle_scores_one_with_totals() -> None:
    from bench.extractors.oracle import oracle_record

    results = evaluate([DOC], {}, [oracle_record(DOC)], bootstrap=0)
    for key in ("count", "attribution", "overall", "span"):
        assert results.scores[key]["f1"] == 1.0, key
    assert results.diagnostics["collapsed"]["count"]["f1"] == 1.0
