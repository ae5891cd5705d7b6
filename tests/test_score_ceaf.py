"""CEAF-REE (GRIT's definition) on cases worked out by hand, plus its properties."""

import random

import pytest

from bench.data.model import Document, Entity, Event, KeyRef, MucDocument, MucTemplate, RoleFiller, Span
from bench.score.ceaf import (
    PRF,
    breakout_ceaf,
    ceaf_ree,
    grit_normalize,
    match_role,
    muc4_role_entities,
    prediction_role_entities,
)


def test_normalisation_is_grits():
    assert grit_normalize("  The F.M.L.N.'s Urban  Commandos ") == "fmlns urban commandos"
    assert grit_normalize("A") == ""


def test_a_predicted_entity_is_correct_when_all_its_strings_are_one_gold_entitys():
    gold = [["FMLN", "FARABUNDO MARTI NATIONAL LIBERATION FRONT"], ["ARMY"]]
    assert match_role(gold, [["the FMLN"]]) == PRF(1, 1, 2)
    assert match_role(gold, [["FMLN", "Farabundo Marti National Liberation Front."]]) == PRF(1, 1, 2)
    assert match_role(gold, [["FMLN", "ARMY"]]) == PRF(0, 1, 2)  # strings of two gold entities: wrong
    assert match_role(gold, [["FMLN"], ["FMLN"]]) == PRF(1, 2, 2)  # one-to-one: the repeat is spurious


def test_matching_is_optimal_not_greedy():
    # pred "y" fits gold A and gold B, pred "x" only A: a greedy first choice (y -> A) finds 1, the optimum 2
    gold = [["x", "y"], ["y"]]
    assert match_role(gold, [["y"], ["x"]]).matched == 2
    assert match_role(gold, [["x"], ["y"]]).matched == 2


def test_empty_strings_and_entities_are_dropped():
    assert match_role([["ARMY"]], [["the"], []]) == PRF(0, 0, 1)


def test_scores_sum_over_documents_per_role_and_micro_over_roles():
    gold = {
        "d1": {"PerpInd": [["TERRORISTS"]], "PerpOrg": [["FMLN"], ["ELN"]]},
        "d2": {"PerpInd": [["SOLDIERS"], ["MEN"]], "PerpOrg": []},
    }
    pred = {
        "d1": {"PerpInd": [["terrorists"]], "PerpOrg": [["ELN"], ["EPL"], ["FARC"]]},
        "d2": {"PerpInd": [["men"]]},
    }
    result = ceaf_ree(gold, pred)
    # PerpInd: matched 1 + 1 = 2 of 1 + 1 = 2 predicted and 1 + 2 = 3 gold
    assert result.roles["PerpInd"] == PRF(2, 2, 3)
    assert result.roles["PerpInd"].f1 == pytest.approx(2 * 1.0 * (2 / 3) / (1 + 2 / 3))
    # PerpOrg: matched 1 of 3 predicted and 2 gold
    assert result.roles["PerpOrg"] == PRF(1, 3, 2)
    assert result.micro == PRF(3, 5, 5) and result.micro.f1 == pytest.approx(0.6)
    assert result.per_document["d2"]["PerpOrg"] == PRF(0, 0, 0)


def test_properties_gold_against_itself_empty_and_shuffled():
    gold = {
        "d1": {"PerpInd": [["A", "B"], ["C"]], "Target": [["BUS"]]},
        "d2": {"PerpInd": [["D"]], "Target": []},
    }
    assert ceaf_ree(gold, gold).micro.f1 == 1.0
    assert ceaf_ree(gold, {}).micro.f1 == 0.0
    pred = {"d1": {"PerpInd": [["b"], ["c"], ["x"]], "Target": [["bus"]]}, "d2": {"PerpInd": [["d"]]}}
    expected = ceaf_ree(gold, pred).to_json()
    rng = random.Random(0)
    for _ in range(5):
        shuffled = {d: {r: rng.sample(list(e), len(e)) for r, e in roles.items()} for d, roles in pred.items()}
        assert ceaf_ree(gold, shuffled).to_json() == expected


def test_predictions_for_unknown_documents_are_refused():
    with pytest.raises(ValueError, match="d9"):
        ceaf_ree({"d1": {}}, {"d9": {}})


def _filler(strings, mentions=(), template=1):
    key = KeyRef(file="k", line=1, template=template, slot="s")
    return RoleFiller(strings=list(strings), mentions=list(mentions), key=key)


def test_muc4_roles_follow_grits_preprocessing():
    text = "FMLN TERRORISTS BOMBED A BUS."
    fmln, terrorists, bus = (
        Span(start=0, end=4, text="FMLN"),
        Span(start=5, end=15, text="TERRORISTS"),
        Span(start=25, end=28, text="BUS"),
    )
    key = KeyRef(file="k", line=1, template=1, slot="MESSAGE: TEMPLATE")
    first = MucTemplate(
        template=1,
        incident_type="BOMBING",
        stage="ACCOMPLISHED",
        key=key,
        perp_organizations=[_filler(["FMLN"], [fmln])],
        perp_individuals=[_filler(["TERRORISTS", "FMLN TERRORISTS"], [terrorists])],
        targets=[_filler(["BUS"], [bus]), _filler(["TRUCK"])],  # TRUCK is not in the text
    )
    second = MucTemplate(
        template=2,
        incident_type="BOMBING",
        stage="THREATENED",
        key=key,
        perp_organizations=[_filler(["FMLN", "FARABUNDO MARTI"], [fmln])],  # superset of an entity listed: same
        victims=[_filler(["MAYOR"])],
    )
    doc = Document(
        doc_id="d",
        text=text,
        events=[Event(id="t1", type="attack", muc4=first)],
        muc4=MucDocument(message_id="d", text_file="f", text_line=1, key_file="k", threatened=[second]),
    )
    roles = muc4_role_entities(doc)
    assert roles == {
        "PerpInd": [["TERRORISTS"]],  # only the strings found in the text
        "PerpOrg": [["FMLN"]],
        "Target": [["BUS"]],
        "Victim": [],
        "Weapon": [],
    }
    assert muc4_role_entities(doc, threatened=False)["PerpOrg"] == [["FMLN"]]


def test_breakout_roles_from_gold_and_predictions():
    text = "ISIS FIGHTERS HIT HASSAKEH."
    isis = Entity(id="isis", type="GROUP", mentions=[Span(start=0, end=4, text="ISIS")], aliases=["ISLAMIC STATE"])
    city = Entity(id="h", type="LOCATION", mentions=[Span(start=18, end=26, text="HASSAKEH")])
    doc = Document(
        doc_id="d",
        text=text,
        entities=[isis, city],
        events=[Event(id="e", type="attack", actors=["isis"], locations=["h"])],
    )
    record = {
        "doc_id": "d",
        "events": [
            {"actors": ["Islamic State", {"text": "ISIS", "start": 0, "end": 4}], "locations": ["Hassakeh", "Syria"]},
            {"actors": ["the Islamic State"], "locations": []},
        ],
    }
    assert prediction_role_entities(record) == {
        "actor": [["Islamic State"], ["ISIS"]],
        "location": [["Hassakeh"], ["Syria"]],
    }
    result = breakout_ceaf([doc], [record])
    assert result.roles["actor"] == PRF(1, 2, 1)  # two predicted entities for one gold entity
    assert result.roles["location"] == PRF(1, 2, 1)
