import json

from helpers import run_bench

from bench.data.model import Claim, Count, CountValue, Document, Entity, Event, Span
from bench.data.stats import split_stats


def _doc() -> Document:
    text = "ISIS killed 5 guards. ISIS claimed it."
    isis = Entity(
        id="isis", type="GROUP", mentions=[Span(start=0, end=4, text="ISIS"), Span(start=22, end=26, text="ISIS")]
    )
    count = Count(
        id="e.c1",
        mention=Span(start=12, end=13, text="5"),
        category="killed",
        victims="security",
        value=CountValue(stated=5, low=5, high=5, modifier="exact"),
    )
    claim = Claim(id="e.k1", kind="responsibility", actor="isis", source="isis")
    return Document(
        doc_id="a",
        text=text,
        entities=[isis],
        events=[Event(id="e", type="attack", actors=["isis"], counts=[count], claims=[claim])],
    )


def test_split_stats_counts_by_hand():
    stats = split_stats([_doc(), Document(doc_id="b", text="nothing")])
    assert (
        stats["documents"],
        stats["entities"],
        stats["mentions"],
        stats["events"],
        stats["counts"],
        stats["claims"],
    ) == (2, 1, 2, 1, 1, 1)
    assert stats["count_categories"] == {"killed.security": 1}
    assert stats["per_document"]["b"]["events"] == 0


def test_cli_json_has_the_documented_keys():
    result = run_bench("data", "stats", "--json")
    assert result.returncode == 0, result.stderr
    stats = json.loads(result.stdout)
    for key in ("documents", "entities", "mentions", "events", "counts", "claims"):
        assert isinstance(stats[key], int)
    assert stats["documents"] == 5
    assert stats["counts"] == sum(row["counts"] for row in stats["per_document"].values())
