"""The built-in oracle and empty extractors."""

from __future__ import annotations

from conftest import count

from bench.data.model import CountValue
from bench.extractors import Extractor, load_extractor
from bench.extractors.oracle import OracleExtractor, oracle_record
from bench.predictions.validate import validate_records


def test_registry_finds_both() -> None:
    oracle, empty = load_extractor("oracle"), load_extractor("empty")
    assert isinstance(oracle, Extractor) and isinstance(empty, Extractor)
    assert type(oracle).needs_gold is True and type(empty).needs_gold is False


def test_oracle_writes_the_gold_in_the_predictions_format(tiny_split) -> None:
    docs, _ = tiny_split
    records = OracleExtractor().predict(docs)
    assert len(validate_records(records, docs, "oracle")) == 3
    d1 = records[0]
    assert d1["events"][0]["actors"] == ["Isis gunmen"]
    assert d1["events"][0]["counts"][0] == {
        "category": "killed",
        "victims": "security",
        "value": "at least five",
        "source": "Kurdish officials",
    }
    assert d1["events"][0]["claims"] == [{"kind": "responsibility", "actor": "Isis gunmen", "source": "Isis gunmen"}]
    assert {"start": 71, "end": 84, "type": "COUNT"} in d1["mentions"]
    assert records[2]["events"] == []


def test_oracle_value_when_the_mention_does_not_parse_to_the_gold(tiny_split) -> None:
    docs, _ = tiny_split
    doc = docs[1]
    odd = count(
        doc.text, "break.c1", "260", "escaped", value=CountValue(stated=None, low=200, high=300, modifier="vague")
    )
    exact = count(
        doc.text,
        "bomb.c1",
        "twelve",
        "killed",
        "civilians",
        value=CountValue(stated=10, low=10, high=10, modifier="exact"),
    )
    events = [doc.events[0].model_copy(update={"counts": [odd]}), doc.events[1].model_copy(update={"counts": [exact]})]
    record = oracle_record(doc.model_copy(update={"events": events}))
    assert record["events"][0]["counts"][0]["value"] == {"low": 200, "high": 300}
    assert record["events"][1]["counts"][0]["value"] == 10


def test_empty_writes_every_document_with_no_events(tiny_split) -> None:
    docs, _ = tiny_split
    assert load_extractor("empty").predict(docs) == [
        {"doc_id": d, "mentions": [], "events": []} for d in ("d1", "d2", "d3")
    ]
