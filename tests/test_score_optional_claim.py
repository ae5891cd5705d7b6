"""Scorer features for converted corpora: the ``claim`` field, optional gold items and events,
count alternatives, and CEAF-REE as statistics columns. Cases worked out by hand."""

from __future__ import annotations

import dataclasses

import pytest
from conftest import count, entity

from bench.data.model import Claim, CountValue, Document, Event
from bench.resultsio import load_gold
from bench.score.ceaf import breakout_ceaf
from bench.score.evaluate import evaluate
from bench.splits import get_split

TEXT = "FMLN guerrillas and the army attacked San Salvador. Seven people died. The FMLN claimed it."
FIELDS4 = ("actor", "location", "count", "claim")


def _doc(**event_changes) -> Document:
    event = Event(
        id="t1",
        type="attack",
        actors=["fmln", "army"],
        locations=["san_salvador"],
        counts=[count(TEXT, "t1.c1", "Seven", "killed", "mixed")],
        claims=[Claim(id="t1.k1", kind="responsibility", actor="fmln", source="fmln")],
    )
    return Document(
        doc_id="d",
        text=TEXT,
        entities=[
            entity(TEXT, "fmln", "GROUP", "FMLN guerrillas", ("FMLN", 2)),
            entity(TEXT, "army", "GROUP", "the army"),
            entity(TEXT, "san_salvador", "LOCATION", "San Salvador"),
        ],
        events=[event.model_copy(update=event_changes)],
    )


MUC_SPLIT = dataclasses.replace(get_split("breakout/test"), name="tiny/muc", fields=FIELDS4, span=False)


def _row(doc: Document, events: list[dict]) -> dict:
    results = evaluate([doc], {}, [{"doc_id": "d", "events": events}], bootstrap=0, split=MUC_SPLIT)
    return results.stats.row("d")


def _tfp(row: dict, metric: str) -> tuple[int, int, int]:
    return row[metric]["tp"], row[metric]["fp"], row[metric]["fn"]


def test_claim_items_are_kind_and_actor_whatever_the_source() -> None:
    base = {"type": "attack", "actors": ["FMLN"], "locations": ["San Salvador"]}
    right = {**base, "claims": [{"kind": "responsibility", "actor": "FMLN", "source": None}]}
    assert _tfp(_row(_doc(), [right]), "claim") == (1, 0, 0)
    wrong_kind = {**base, "claims": [{"kind": "accusation", "actor": "FMLN", "source": "the army"}]}
    assert _tfp(_row(_doc(), [wrong_kind]), "claim") == (0, 1, 1)
    assert "attribution" not in _row(_doc(), [right])  # the split scores claim, not attribution


def test_an_optional_actor_is_neither_missed_nor_spurious() -> None:
    doc = _doc(optional_actors=["army"])
    only_fmln = {"type": "attack", "actors": ["FMLN"], "locations": ["San Salvador"]}
    both = {**only_fmln, "actors": ["FMLN", "the army"]}
    only_army = {**only_fmln, "actors": ["the army"]}
    other = {**only_fmln, "actors": ["the police"]}
    assert _tfp(_row(doc, [only_fmln]), "actor") == (1, 0, 0)
    assert _tfp(_row(doc, [both]), "actor") == (2, 0, 0)
    assert _tfp(_row(doc, [only_army]), "actor") == (1, 0, 1)  # the required FMLN is missed
    assert _tfp(_row(doc, [other]), "actor") == (0, 1, 1)


def test_a_string_naming_a_required_and_an_optional_item_counts_for_the_required_one() -> None:
    text = "Rebels attacked. Rebels fled."
    doc = Document(
        doc_id="d",
        text=text,
        entities=[entity(text, "a", "GROUP", "Rebels"), entity(text, "b", "GROUP", ("Rebels", 2))],
        events=[Event(id="e", type="attack", actors=["a", "b"], optional_actors=["a"])],
    )
    split = dataclasses.replace(MUC_SPLIT, fields=("actor",))
    results = evaluate(
        [doc], {}, [{"doc_id": "d", "events": [{"type": "attack", "actors": ["Rebels"]}]}], bootstrap=0, split=split
    )
    assert _tfp(results.stats.row("d"), "actor") == (1, 0, 0)


def test_an_optional_event_left_unfound_costs_nothing() -> None:
    doc = _doc(optional=True)
    row = _row(doc, [])
    for field in FIELDS4:
        assert _tfp(row, field) == (0, 0, 0), field
    assert _tfp(row, "events") == (0, 0, 0)
    assert _tfp(_row(_doc(), []), "actor") == (0, 0, 2)


def test_count_alternatives_are_accepted_values() -> None:
    seven = count(TEXT, "t1.c1", "Seven", "killed", "mixed")
    alt = seven.model_copy(update={"alternatives": [CountValue(stated=None, low=6, high=8, modifier="vague")]})
    doc = _doc(counts=[alt])
    base = {"type": "attack", "actors": ["FMLN"], "locations": ["San Salvador"]}
    for value in (7, {"low": 6, "high": 8}, "6-8"):
        event = {**base, "counts": [{"category": "killed", "victims": "mixed", "value": value, "source": None}]}
        assert _tfp(_row(doc, [event]), "count") == (1, 0, 0), value
    event = {**base, "counts": [{"category": "killed", "victims": "mixed", "value": 6, "source": None}]}
    assert _tfp(_row(doc, [event]), "count") == (0, 1, 1)


def test_ceaf_ree_columns_by_hand() -> None:
    # gold: actors FMLN (strings "FMLN guerrillas", "FMLN") and the army; location San Salvador
    event = {"type": "attack", "actors": ["the FMLN", "FMLN guerrillas", "the police"], "locations": ["San Salvador"]}
    row = _row(_doc(), [event])
    # predicted actor entities (distinct strings): "the FMLN" -> "fmln", "FMLN guerrillas", "the police"
    # one-to-one: one of the two FMLN strings matches FMLN, the police matches nothing, the army is missed
    assert _tfp(row, "ceaf.actor") == (1, 2, 1)
    assert _tfp(row, "ceaf.location") == (1, 0, 0)
    assert _tfp(row, "ceaf") == (2, 2, 1)


@pytest.mark.parametrize("split", ["breakout/test", "muc4/dev"])
def test_ceaf_ree_equals_the_reference_function(split) -> None:
    from bench.extractors.oracle import oracle_record

    gold = load_gold(split)
    records = [oracle_record(d) for d in gold.docs]
    for record in records[::3]:  # spoil a third of the documents
        for event in record["events"]:
            event["actors"] = event["actors"][:1] + ["nobody at all"]
    results = evaluate(gold.docs, gold.kb, records, bootstrap=0, split=gold.split)
    reference = breakout_ceaf(gold.docs, records, gold.kb).to_json()
    found = results.diagnostics["ceaf_ree"]
    for role in ("actor", "location"):
        assert found[role]["f1"] == pytest.approx(reference["roles"][role]["f1"])
    assert found["micro"]["f1"] == pytest.approx(reference["micro"]["f1"])
    assert 0 < found["micro"]["f1"] < 1


@pytest.mark.parametrize("split", ["muc4/dev", "muc4/test"])
def test_oracle_scores_one_and_empty_zero_on_every_field_of_a_muc4_split(split) -> None:
    from bench.extractors.empty import EmptyExtractor
    from bench.extractors.oracle import OracleExtractor

    gold = load_gold(split)
    oracle = evaluate(gold.docs, gold.kb, OracleExtractor().predict(gold.docs), bootstrap=0, split=gold.split)
    empty = evaluate(gold.docs, gold.kb, EmptyExtractor().predict(gold.docs), bootstrap=0, split=gold.split)
    assert set(oracle.scores) == {*FIELDS4, "overall"}
    for field in (*FIELDS4, "overall"):
        assert oracle.scores[field]["f1"] == 1.0 and empty.scores[field]["recall"] == 0.0, field
    assert oracle.diagnostics["ceaf_ree"]["micro"]["f1"] == 1.0
