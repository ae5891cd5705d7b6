"""Hand-worked field scores: each case is small enough to check on paper.

The document (``DOC``) has one gold prison break ``e1``:
- actors: ``isis`` (mentions "Isis gunmen", "The group"; KB ``isis``: Islamic State, ISIS, IS, ISIL, Daesh)
- locations: ``gweiran`` ("Gweiran Prison"; KB alias "Ghwayran prison"), ``hassakeh`` ("Hassakeh")
- counts: c1 "at least five" killed.security (stated 5, at_least), source ``officials``;
          c2 "dozens" escaped (vague 24..99), source ``officials``
- claims: k1 responsibility isis, source isis; k2 accusation sdf ("the SDF"), source officials
So the gold has 1 actor, 2 locations, 2 counts and 4 attribution items (2 counts + 2 claims).
Statistics are (tp, fp, fn).
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
from conftest import count, entity

from bench.data.model import Claim, Document, Event, KBEntry
from bench.normalize.numbers import parse_count
from bench.predictions.model import value_from_int, value_from_range, value_from_text
from bench.predictions.validate import check_object
from bench.score.document import score_events
from bench.score.items import entity_names
from bench.score.values import value_matches

TEXT = (
    "Isis gunmen attacked Gweiran Prison in Hassakeh. Kurdish officials said at least five guards were "
    "killed and dozens of inmates escaped. The group claimed responsibility, but officials blamed the SDF."
)
KB = {
    "isis": KBEntry(id="isis", type="GROUP", name="Islamic State", aliases=["ISIS", "IS", "ISIL", "Daesh"]),
    "gweiran_prison": KBEntry(id="gweiran_prison", type="LOCATION", name="Gweiran Prison", aliases=["Ghwayran prison"]),
    "hassakeh": KBEntry(id="hassakeh", type="LOCATION", name="Hassakeh", aliases=["Hasakah"]),
    "sdf": KBEntry(id="sdf", type="GROUP", name="Syrian Democratic Forces", aliases=["SDF"]),
}
ENTITIES = [
    entity(TEXT, "isis", "GROUP", "Isis gunmen", "The group", kb="isis"),
    entity(TEXT, "gweiran", "LOCATION", "Gweiran Prison", kb="gweiran_prison"),
    entity(TEXT, "hassakeh", "LOCATION", "Hassakeh", kb="hassakeh"),
    entity(TEXT, "officials", "GROUP", "Kurdish officials", ("officials", 2)),
    entity(TEXT, "sdf", "GROUP", "the SDF"),  # deliberately not linked to the KB
]
E1 = Event(
    id="e1",
    type="prison_break",
    actors=["isis"],
    locations=["gweiran", "hassakeh"],
    counts=[
        count(TEXT, "e1.c1", "at least five", "killed", "security", "officials"),
        count(TEXT, "e1.c2", "dozens", "escaped", None, "officials"),
    ],
    claims=[
        Claim(id="e1.k1", kind="responsibility", actor="isis", source="isis"),
        Claim(id="e1.k2", kind="accusation", actor="sdf", source="officials"),
    ],
)
DOC = Document(doc_id="h", text=TEXT, entities=ENTITIES, events=[E1])

PERFECT = {
    "type": "prison_break",
    "actors": ["ISIS"],
    "locations": ["Gweiran Prison", "Hassakeh"],
    "counts": [
        {"category": "killed", "victims": "security", "value": "at least five", "source": "Kurdish officials"},
        {"category": "escaped", "value": "dozens", "source": "officials"},
    ],
    "claims": [
        {"kind": "responsibility", "actor": "The group", "source": "Isis gunmen"},
        {"kind": "accusation", "actor": "the SDF", "source": "officials"},
    ],
}


def score(events: list[dict], doc: Document = DOC) -> dict[str, tuple]:
    pred, problems = check_object({"doc_id": doc.doc_id, "events": events}, doc.text)
    assert pred is not None, problems
    stats, _ = score_events(doc, pred, entity_names(doc, KB))
    return stats


def perfect(**changes: Any) -> dict:
    event = copy.deepcopy(PERFECT)
    event.update(changes)
    return event


def test_perfect_event() -> None:
    stats = score([PERFECT])
    assert stats["actor"] == (1, 0, 0) and stats["location"] == (2, 0, 0)
    assert stats["count"] == (2, 0, 0) and stats["attribution"] == (4, 0, 0)
    assert stats["modifier"] == (2, 2) and stats["event_type"] == (1, 1) and stats["events"] == (1, 0, 0)


def test_case_1_wrong_source_right_count() -> None:
    # c1 is predicted with the right label and value but source "the SDF": the count item matches
    # (count 2/0/0) but its attribution item does not: attribution tp 3 (c2, k1, k2), fp 1, fn 1.
    event = perfect()
    event["counts"][0]["source"] = "the SDF"
    stats = score([event])
    assert stats["count"] == (2, 0, 0)
    assert stats["attribution"] == (3, 1, 1)


@pytest.mark.parametrize(
    ("value", "matches"),
    [
        (30, False),  # an integer inside [24, 99] is not "dozens" (scorer 1.1, issue 9 item 5)
        (24, False),
        (99, False),
        (100, False),
        (23, False),
        ("dozens", True),
        ("dozens of", True),
        ({"low": 24, "high": 99}, True),  # the same range
        ("tens of", False),
        ({"low": 20, "high": 99}, False),
        ("hundreds", False),  # another range
        ("about 50", False),  # a number is never a vague word
    ],
)
def test_case_2_vague_gold_range(value, matches: bool) -> None:
    # gold c2 is "dozens" = vague 24..99; only the escaped count is predicted.
    stats = score([{"type": "prison_break", "counts": [{"category": "escaped", "value": value}]}])
    assert stats["count"] == ((1, 0, 1) if matches else (0, 1, 2))


def test_case_3_two_predicted_events_for_one_gold_event() -> None:
    # P1 has the actor (1 item would match), P2 the two locations (2 items): P2 is aligned with e1.
    # actor: P1's "Isis gunmen" is unaligned -> tp 0, fp 1, fn 1; location 2/0/0; count 0/0/2;
    # attribution 0/0/4; events: 1 aligned, 1 spurious. Doc-collapsed: actor 1/0/0, location 2/0/0.
    stats = score(
        [
            {"type": "prison_break", "actors": ["Isis gunmen"]},
            {"type": "prison_break", "locations": ["Gweiran Prison", "Hassakeh"]},
        ]
    )
    assert stats["actor"] == (0, 1, 1) and stats["location"] == (2, 0, 0)
    assert stats["count"] == (0, 0, 2) and stats["attribution"] == (0, 0, 4)
    assert stats["events"] == (1, 1, 0)
    assert stats["collapsed.actor"] == (1, 0, 0) and stats["collapsed.location"] == (2, 0, 0)


@pytest.mark.parametrize(
    ("actor", "matches"),
    [
        ("Daesh", True),
        ("Islamic State", True),
        ("ISIL", True),  # KB aliases and name
        ("isis gunmen", True),
        ("ISIS-gunmen", True),
        ("THE GROUP", True),  # document mentions, normalised
        ("Islamic State of Iraq", False),
        ("gunmen", False),
        ("the", False),
    ],
)
def test_case_4_alias_resolved_through_the_knowledge_base(actor: str, matches: bool) -> None:
    stats = score([{"type": "prison_break", "actors": [actor]}])
    assert stats["actor"] == ((1, 0, 0) if matches else (0, 1, 1))


def test_case_4b_no_kb_link_no_alias() -> None:
    # "SDF" is a KB alias of sdf, but the document's entity is not linked to the KB; "the SDF"
    # normalises to "sdf" anyway (articles are dropped), while "Syrian Democratic Forces" cannot match.
    good = {"kind": "accusation", "actor": "SDF", "source": "officials"}
    bad = {"kind": "accusation", "actor": "Syrian Democratic Forces", "source": "officials"}
    assert score([{"type": "prison_break", "claims": [good]}])["attribution"] == (1, 0, 3)
    assert score([{"type": "prison_break", "claims": [bad]}])["attribution"] == (0, 1, 4)


def test_case_5_document_without_gold_events() -> None:
    # every predicted item is a false positive; nothing is missed.
    doc = Document(doc_id="z", text="Officials in Baghdad met on Tuesday.", entities=[])
    stats = score([{"type": "attack", "actors": ["Officials"], "counts": [{"category": "escaped", "value": 3}]}], doc)
    assert stats["actor"] == (0, 1, 0) and stats["location"] == (0, 0, 0)
    assert stats["count"] == (0, 1, 0) and stats["attribution"] == (0, 1, 0)
    assert stats["events"] == (0, 1, 0) and stats["event_type"] == (0, 0)
    assert score([], doc)["actor"] == (0, 0, 0)


def test_case_6_one_string_names_two_gold_entities() -> None:
    # "gunmen" names both g1 and g2; "militants" names only g1. Greedy in either order can pair
    # "gunmen" with g1 and strand "militants"; the optimal assignment matches both.
    text = "Gunmen stormed the jail while other gunmen and militants fought."
    doc = Document(
        doc_id="g",
        text=text,
        entities=[entity(text, "g1", "GROUP", "Gunmen", "militants"), entity(text, "g2", "GROUP", "gunmen")],
        events=[Event(id="e", type="attack", actors=["g1", "g2"])],
    )
    assert score([{"type": "attack", "actors": ["gunmen", "militants"]}], doc)["actor"] == (2, 0, 0)
    assert score([{"type": "attack", "actors": ["militants", "gunmen"]}], doc)["actor"] == (2, 0, 0)


@pytest.mark.parametrize(
    ("value", "matches"),
    [
        (100, True),
        (101, False),
        ("over 100", True),
        ("more than a hundred", True),
        ({"low": 101, "high": None}, True),
        ({"low": 100, "high": None}, False),
    ],
)
def test_case_7_strict_lower_bound(value, matches: bool) -> None:
    # gold "more than 100": stated 100, low 101, high null.
    gold = parse_count("more than 100")
    assert (gold.stated, gold.low, gold.high) == (100, 101, None)
    predicted = (
        value_from_int(value)
        if isinstance(value, int)
        else (value_from_range(value["low"], value["high"]) if isinstance(value, dict) else value_from_text(value))
    )
    assert value_matches(predicted, gold) is matches


def test_case_8_null_source_matches_only_null() -> None:
    text = "A car bomb in Taji killed twelve people, police said."
    doc = Document(
        doc_id="n",
        text=text,
        entities=[entity(text, "police", "GROUP", "police")],
        events=[
            Event(id="bomb", type="attack", counts=[count(text, "bomb.c1", "twelve", "killed", "civilians", None)])
        ],
    )

    def attribution(source):
        return score(
            [
                {
                    "type": "attack",
                    "counts": [{"category": "killed", "victims": "civilians", "value": 12, "source": source}],
                }
            ],
            doc,
        )["attribution"]

    assert attribution(None) == (1, 0, 0)
    assert attribution("police") == (0, 1, 1)
    doc_with_source = Document(
        doc_id="n",
        text=text,
        entities=doc.entities,
        events=[
            Event(id="bomb", type="attack", counts=[count(text, "bomb.c1", "twelve", "killed", "civilians", "police")])
        ],
    )
    stats = score(
        [{"type": "attack", "counts": [{"category": "killed", "victims": "civilians", "value": 12}]}], doc_with_source
    )
    assert stats["attribution"] == (0, 1, 1) and stats["count"] == (1, 0, 0)


def test_case_9_claim_kind_must_agree() -> None:
    # k1 predicted as an accusation instead of a responsibility claim: attribution 0/1/4.
    stats = score([{"type": "prison_break", "claims": [{"kind": "accusation", "actor": "ISIS", "source": "ISIS"}]}])
    assert stats["attribution"] == (0, 1, 4)


def test_case_10_victims_are_part_of_the_label() -> None:
    event = perfect()
    event["counts"][0]["victims"] = "civilians"
    stats = score([event])
    assert stats["count"] == (1, 1, 1) and stats["attribution"] == (3, 1, 1)


def test_case_11_event_type_does_not_block_alignment() -> None:
    stats = score([perfect(type="attack")])
    assert stats["actor"] == (1, 0, 0) and stats["attribution"] == (4, 0, 0)
    assert stats["event_type"] == (0, 1)


def test_case_12_naming_an_actor_twice() -> None:
    # two strings for the one gold actor: one true positive and one false positive.
    assert score([{"type": "prison_break", "actors": ["ISIS", "Isis gunmen"]}])["actor"] == (1, 1, 0)


def test_case_13_modifier_accuracy_on_matched_counts() -> None:
    # c1 is "at least five": an integer 5 matches the count but says "exact"; "at least 5" agrees.
    exact = score([{"type": "prison_break", "counts": [{"category": "killed", "victims": "security", "value": 5}]}])
    assert exact["count"] == (1, 0, 1) and exact["modifier"] == (0, 1)
    agree = score(
        [{"type": "prison_break", "counts": [{"category": "killed", "victims": "security", "value": "at least 5"}]}]
    )
    assert agree["modifier"] == (1, 1)


def test_case_14_headline_by_hand(tiny_split) -> None:
    # case 1 on the whole pipeline: actor, location, count F1 = 1; attribution P = R = 3/4 -> F1 3/4.
    # headline = (1 + 1 + 1 + 0.75) / 4 = 0.9375.
    from bench.score.evaluate import evaluate

    event = perfect()
    event["counts"][0]["source"] = "the SDF"
    results = evaluate([DOC], KB, [{"doc_id": "h", "events": [event]}], bootstrap=0)
    assert results.scores["attribution"]["f1"] == pytest.approx(0.75)
    assert results.headline == pytest.approx(0.9375)
    assert results.scores["overall"]["precision"] == pytest.approx(0.9375)


@pytest.mark.parametrize(
    ("value", "matches"),
    [("up to five", False), ("fewer than 5", False), ("at most 5", False), ("more than 5", True), (5, True)],
)
def test_case_15_a_bound_the_other_way_is_a_mismatch(value, matches: bool) -> None:
    """Issue 9 item 4: gold c1 is "at least five"; "up to five" points the other way and no
    longer matches (scorer 1.0 matched any predicted 5), in count and attribution alike."""
    event = {"type": "prison_break", "counts": [{"category": "killed", "victims": "security", "value": value}]}
    event["counts"][0]["source"] = "Kurdish officials"
    stats = score([event])
    assert stats["count"] == ((1, 0, 1) if matches else (0, 1, 2))
    assert stats["attribution"] == ((1, 0, 3) if matches else (0, 1, 4))


def test_a_new_item_kind_needs_no_other_code(monkeypatch) -> None:
    """Fields are data: the ``claim`` item kind of the module docstring, (kind, actor) with
    no source, is matched by the generic machinery once it is registered."""
    from bench.score import fields
    from bench.score.collapsed import kind_stats
    from bench.score.items import GoldEvent, PredItems
    from bench.score.match import match_events

    kind = fields.ItemKind(
        "claim_actor",
        pred_keys=lambda p: [(c.kind, a) for c, (a, _) in zip(p.claims, p.claim_n)],
        gold_items=lambda g: [(c.id, c) for c in g.claims],
        probes=lambda c, names: [(c.kind, a) for a in names.get(c.actor, ())],
    )
    monkeypatch.setitem(fields.ITEM_KINDS, "claim_actor", kind)
    names = entity_names(DOC, KB)
    pred, _ = check_object({"doc_id": "h", "events": [PERFECT]}, TEXT)
    p = PredItems.of(pred.events[0], 0)
    p.claims[0] = type(p.claims[0])(p.claims[0].kind, p.claims[0].actor, "somebody else")  # source ignored
    p.__post_init__()
    g = GoldEvent.of(E1, names)
    assert match_events(p, g, names, ("claim_actor",)).stats == {"claim_actor": 2}
    assert kind_stats([p], [g], "claim_actor", names) == (2, 0, 0)


def test_every_registered_split_is_scored_on_registered_fields() -> None:
    from bench.score.fields import FIELD_SPECS
    from bench.splits import registry

    for split in registry().values():
        assert set(split.fields) <= set(FIELD_SPECS), split.name
