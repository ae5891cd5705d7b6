"""The guideline ceiling of the MUC-4 proxy (``annotations/muc4/ceiling.py``)."""

from __future__ import annotations

import importlib.util
from types import ModuleType

from bench import paths
from bench.data.model import Document


def _module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("muc4_ceiling", paths.MUC4_DIR / "ceiling.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


TEXT = "GUERRILLAS BURNED AND ROBBED THE LA EMINENCIA FARM, KILLING A PEASANT AND 3 SOLDIERS."


def _doc() -> Document:
    def span(s: str) -> dict:
        return {"start": TEXT.index(s), "end": TEXT.index(s) + len(s), "text": s}

    def count(cid: str, s: str, victims: str, n: int) -> dict:
        value = {"stated": n, "low": n, "high": n, "modifier": "exact"}
        return {"id": cid, "mention": span(s), "category": "killed", "victims": victims, "value": value}

    entities = [
        {"id": "g", "type": "GROUP", "mentions": [span("GUERRILLAS")]},
        {"id": "farm", "type": "LOCATION", "mentions": [span("LA EMINENCIA")]},
    ]
    events = [
        {"id": "t1", "type": "attack", "actors": ["g"], "locations": ["farm"], "date": "1990-02-02",
         "counts": [count("c1", "A PEASANT", "civilians", 1), count("c2", "3", "security", 3)]},
        {"id": "t2", "type": "attack", "actors": ["g"], "locations": ["farm"], "date": "1990-02-02"},
        {"id": "t3", "type": "attack", "actors": ["g"], "locations": [], "date": None},
    ]  # fmt: skip
    return Document.model_validate({"doc_id": "d", "text": TEXT, "entities": entities, "events": events})


def test_counts_without_a_number_are_dropped() -> None:
    doc = _doc()
    kept = _module().numbered_counts(doc, list(doc.events))
    assert [c.id for c in kept[0].counts] == ["c2"]


def test_templates_of_one_incident_are_merged() -> None:
    doc = _doc()
    merged = _module().one_per_incident(doc, list(doc.events))
    assert [e.id for e in merged] == ["t1", "t3"]  # same date and places: one incident
    record = _module().render(doc, merged)
    assert record["events"][0]["actors"] == ["GUERRILLAS"] and record["events"][0]["locations"] == ["LA EMINENCIA"]


def test_ceiling_of_muc4_dev_is_below_one_and_gold_scores_one() -> None:
    results = dict(_module().ceilings("muc4/dev", bootstrap=0))
    assert results["gold"]["headline"] == 1.0
    assert results["incidents"]["headline"] < results["counts"]["headline"] < results["gold"]["headline"]
