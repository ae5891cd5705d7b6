"""The doc-collapsed diagnostic: repeats forgiven, never taking another fact's slot."""

from __future__ import annotations

import itertools
import random

import pytest
from conftest import entity

from bench.data.model import Document, Event
from bench.predictions.validate import check_object
from bench.score.collapsed import kind_stats
from bench.score.document import score_events
from bench.score.items import GoldEvent, PredItems, entity_names


def _stats(doc: Document, events: list[dict]) -> dict:
    pred, problems = check_object({"doc_id": doc.doc_id, "events": events}, doc.text)
    assert pred is not None, problems
    return score_events(doc, pred, entity_names(doc, {}))[0]


def test_a_repeated_fact_does_not_take_the_slot_of_another() -> None:
    """Issue 9 item 2: gold entities A ("gunmen") and B ("gunmen", "militants"); predicted
    "gunmen" twice (two events) and "militants". A maximum matching can pair both "gunmen"
    with A and B and leave "militants" unmatched; scorer 1.0 then charged it as a false
    positive. The matching that covers the most distinct facts matches all: 2/0/0."""
    text = "Gunmen attacked. Other gunmen, militants, fought."
    doc = Document(
        doc_id="c",
        text=text,
        entities=[
            entity(text, "a", "GROUP", "Gunmen"),
            entity(text, "b", "GROUP", ("gunmen", 1), "militants"),
        ],
        events=[Event(id="e1", type="attack", actors=["a"]), Event(id="e2", type="attack", actors=["b"])],
    )
    events = [{"type": "attack", "actors": ["gunmen"]}, {"type": "attack", "actors": ["gunmen", "militants"]}]
    assert _stats(doc, events)["collapsed.actor"] == (2, 0, 0)
    # and in the other order, and with the repeat inside one event (repeats within an event are
    # forgiven as well: the collapsed view has no events)
    assert _stats(doc, list(reversed(events)))["collapsed.actor"] == (2, 0, 0)
    assert _stats(doc, [{"type": "attack", "actors": ["militants", "gunmen", "gunmen"]}])["collapsed.actor"] == (
        2,
        0,
        0,
    )


def _brute_force(keys: list[str], gold: list[frozenset[str]]) -> tuple[int, int, int]:
    """Among maximum matchings (items, repeats included), the fewest distinct unmatched facts."""
    best = (-1, 0)
    slots = list(range(len(gold)))
    for size in range(min(len(keys), len(gold)), -1, -1):
        for chosen in itertools.combinations(range(len(keys)), size):
            for targets in itertools.permutations(slots, size):
                if all(keys[a] in gold[g] for a, g in zip(chosen, targets)):
                    covered = {keys[a] for a in chosen}
                    spurious = len(set(keys) - covered)
                    if (size, -spurious) > (best[0], -best[1]):
                        best = (size, spurious)
        if best[0] == size:
            break
    tp, fp = best
    return tp, fp, len(gold) - tp


@pytest.mark.parametrize("small_cells", [0, 10**9])  # flows (scipy.sparse.csgraph) and dense matchings
def test_flows_equal_brute_force_on_random_cases(monkeypatch, small_cells: int) -> None:
    import bench.score.collapsed as collapsed

    monkeypatch.setattr(collapsed, "SMALL_CELLS", small_cells)
    rng = random.Random(0)
    names = ["x", "y", "z", "w"]
    for _ in range(150):
        entity_names_ = {f"g{i}": frozenset(rng.sample(names, rng.randint(1, 2))) for i in range(rng.randint(0, 3))}
        keys = [rng.choice(names) for _ in range(rng.randint(0, 5))]
        golds = [GoldEvent("e", "attack", list(entity_names_), [], [], [], entity_names_)]
        preds = [PredItems(0, "attack", keys, [], [], [])]
        expected = _brute_force(keys, [entity_names_[g] for g in sorted(entity_names_)])
        assert kind_stats(preds, golds, "actor", entity_names_) == expected, (keys, entity_names_)
