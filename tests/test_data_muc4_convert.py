"""One message and its key templates, converted: every mapping rule on a hand-built case."""

import pytest
from muc4_helpers import message, templates

from bench.data.muc4.convert import MessageConverter, iso_date
from bench.data.muc4.places import PlaceKB
from bench.data.validate import check_document

BODY = (
    "   SAN SALVADOR, 3 JAN 90 -- [TEXT] URBAN GUERRILLAS OF THE FARABUNDO MARTI\n"
    "NATIONAL LIBERATION FRONT [FMLN] KILLED SIX SOLDIERS AND WOUNDED ABOUT 20\n"
    "PEASANTS IN SAN MIGUEL DEPARTMENT TODAY.  THE FMLN CLAIMED RESPONSIBILITY.\n"
    "THE GUERRILLAS ALSO THREATENED TO KILL THE MAYOR OF SAN MIGUEL.  UP TO 26 PEASANTS\n"
    "DIED AND 15 WERE HURT IN A BOMBING BLAMED ON THE ARMY.\n"
)
ATTACK = {
    "MESSAGE: TEMPLATE": "1",
    "INCIDENT: DATE": "03 JAN 90",
    "INCIDENT: LOCATION": "EL SALVADOR: SAN MIGUEL (DEPARTMENT)",
    "INCIDENT: TYPE": "ATTACK",
    "INCIDENT: STAGE OF EXECUTION": "ACCOMPLISHED",
    "PERP: INDIVIDUAL ID": '"URBAN GUERRILLAS" / "GUERRILLAS"',
    "PERP: ORGANIZATION ID": '"FARABUNDO MARTI NATIONAL LIBERATION FRONT" / "FMLN"',
    "PERP: ORGANIZATION CONFIDENCE": 'CLAIMED OR ADMITTED: "FARABUNDO MARTI NATIONAL LIBERATION FRONT" / "FMLN"',
    "HUM TGT: DESCRIPTION": ['"SOLDIERS"', '"PEASANTS"'],
    "HUM TGT: TYPE": ['ACTIVE MILITARY: "SOLDIERS"', 'CIVILIAN: "PEASANTS"'],
    "HUM TGT: NUMBER": ['6: "SOLDIERS"', '~20: "PEASANTS"'],
    "HUM TGT: EFFECT OF INCIDENT": ['DEATH: "SOLDIERS"', 'INJURY: "PEASANTS"'],
}
THREAT = {
    "MESSAGE: TEMPLATE": "2",
    "INCIDENT: LOCATION": "EL SALVADOR: SAN MIGUEL (CITY)",
    "INCIDENT: TYPE": "ATTACK",
    "INCIDENT: STAGE OF EXECUTION": "THREATENED",
    "PERP: INDIVIDUAL ID": '"GUERRILLAS"',
    "HUM TGT: DESCRIPTION": '"MAYOR OF SAN MIGUEL"',
}
BOMBING = {
    "MESSAGE: TEMPLATE": "3 (OPTIONAL)",
    "INCIDENT: DATE": "- 03 JAN 90",
    "INCIDENT: LOCATION": "(EL SALVADOR: SAN MIGUEL (CITY)) / (EL SALVADOR)",
    "INCIDENT: TYPE": "BOMBING",
    "INCIDENT: STAGE OF EXECUTION": "ACCOMPLISHED / ATTEMPTED",
    "PERP: INDIVIDUAL ID": '? "DEATH SQUAD"',
    "PERP: ORGANIZATION ID": '? "ARMY"',
    "PERP: ORGANIZATION CONFIDENCE": 'SUSPECTED OR ACCUSED / POSSIBLE: "ARMY"',
    "HUM TGT: DESCRIPTION": ['"PEASANTS"', '"PEASANTS"'],
    "HUM TGT: TYPE": ['CIVILIAN: "PEASANTS"', 'CIVILIAN: "PEASANTS"'],
    "HUM TGT: NUMBER": ['-26: "PEASANTS"', '15: "PEASANTS"'],
    "HUM TGT: EFFECT OF INCIDENT": ['DEATH: "PEASANTS"', '? INJURY: "PEASANTS"'],
}


@pytest.fixture(scope="module")
def doc():
    keys = templates("TST3-MUC4-0001", [ATTACK, THREAT, BOMBING])
    return MessageConverter(message("TST3-MUC4-0001", BODY), keys, PlaceKB()).convert()


def test_events_are_accomplished_or_attempted_templates(doc):
    assert [ev.id for ev in doc.events] == ["t1", "t3"]
    assert [t.template for t in doc.muc4.threatened] == [2]
    attack, bombing = doc.events
    assert {ev.type for ev in doc.events} == {"attack"}
    assert (attack.muc4.incident_type, bombing.muc4.incident_type, bombing.muc4.stage) == (
        "ATTACK",
        "BOMBING",
        "ACCOMPLISHED / ATTEMPTED",
    )
    assert not attack.optional and bombing.optional
    assert (attack.date, bombing.date) == ("1990-01-03", None)
    assert doc.span_layer is False


def test_actors_are_entities_of_all_alternatives_in_the_text(doc):
    attack = doc.events[0]
    guerrillas, fmln = (doc.entity(a) for a in attack.actors)
    assert [m.text for m in fmln.mentions] == ["FARABUNDO MARTI\nNATIONAL LIBERATION FRONT", "FMLN", "FMLN"]
    assert fmln.type == "GROUP" and guerrillas.type == "GROUP"
    assert {m.text for m in guerrillas.mentions} == {"URBAN GUERRILLAS", "GUERRILLAS"}
    assert attack.muc4.perp_organizations[0].entity == fmln.id
    assert attack.muc4.perp_organizations[0].key.slot == "PERP: ORGANIZATION ID"


def test_optional_fillers_and_fillers_not_in_the_text(doc):
    bombing = doc.events[1]
    (army,) = bombing.actors  # "DEATH SQUAD" is not in the text
    assert doc.entity(army).mentions[0].text == "ARMY"
    assert bombing.optional_actors == [army] and bombing.is_optional(army)
    reasons = {(u.reason, u.filler) for u in doc.muc4.unmapped}
    assert ("actor_not_in_text", '? "DEATH SQUAD"') in reasons
    assert bombing.muc4.perp_individuals[0].entity is None  # kept in the MUC-4 view


def test_locations_required_optional_and_kb_only(doc):
    attack, bombing = doc.events
    assert attack.locations == ["el_salvador", "el_salvador.san_miguel.department"]
    assert attack.optional_locations == ["el_salvador"]  # the text never names the country
    assert doc.entity("el_salvador").mentions == [] and doc.entity("el_salvador").kb == "el_salvador"
    # the city is in only one of the two readings: optional; so is the unnamed country
    assert bombing.locations == ["el_salvador", "el_salvador.san_miguel.city"]
    assert bombing.optional_locations == bombing.locations
    assert [m.text for m in doc.entity("el_salvador.san_miguel.city").mentions] == ["SAN MIGUEL"] * 2


def test_counts_number_effect_and_type_paired_by_target(doc):
    attack, bombing = doc.events
    killed, wounded = attack.counts
    assert (killed.label, killed.mention.text, killed.value.stated, killed.value.modifier) == (
        "killed.security",
        "SIX",
        6,
        "exact",
    )
    assert (wounded.label, wounded.mention.text, wounded.value.modifier) == ("wounded.civilians", "ABOUT 20", "approx")
    assert killed.key.slot == "HUM TGT: NUMBER" and killed.key.template == 1
    # the same description twice: the k-th NUMBER goes with the k-th EFFECT
    died, hurt = bombing.counts
    assert (died.label, died.value.modifier, died.value.high, died.mention.text) == (
        "killed.civilians",
        "at_most",
        26,
        "UP TO 26",
    )
    assert (hurt.label, hurt.value.stated, hurt.optional) == ("wounded.civilians", 15, True)
    assert not died.optional and bombing.is_optional(died)  # the template is optional


def test_claims(doc):
    attack, bombing = doc.events
    (claim,) = attack.claims
    assert (claim.kind, claim.actor, claim.source, claim.optional) == (
        "responsibility",
        attack.actors[1],
        attack.actors[1],
        False,
    )
    (accusation,) = bombing.claims  # SUSPECTED OR ACCUSED / POSSIBLE: an accusation in one reading only
    assert (accusation.kind, accusation.source, accusation.optional) == ("accusation", None, True)


def test_threatened_template_keeps_its_role_fillers(doc):
    (threat,) = doc.muc4.threatened
    assert [f.strings for f in threat.victim_descriptions] == [["MAYOR OF SAN MIGUEL"]]
    assert threat.victim_descriptions[0].mentions[0].text == "MAYOR OF SAN MIGUEL"


def test_converted_document_passes_the_gold_checks(doc):
    kb_ids = {e.kb for e in doc.entities if e.kb}
    from bench.data.model import KBEntry

    kb = {i: KBEntry(id=i, type="LOCATION", name=i) for i in kb_ids}
    assert check_document(doc, kb, "test") == []


def test_numbers_for_targets_not_killed_or_wounded_are_reported():
    spec = dict(ATTACK, **{"HUM TGT: EFFECT OF INCIDENT": ['NO INJURY: "SOLDIERS"', 'INJURY: "PEASANTS"']})
    keys = templates("TST3-MUC4-0002", [spec])
    doc = MessageConverter(message("TST3-MUC4-0002", BODY), keys, PlaceKB()).convert()
    assert [c.label for c in doc.events[0].counts] == ["wounded.civilians"]
    assert [(u.reason, u.filler, u.kept) for u in doc.muc4.unmapped if u.reason == "number_without_casualty"] == [
        ("number_without_casualty", '6: "SOLDIERS"', False)
    ]


def test_irrelevant_message_has_no_events():
    keys = templates("TST3-MUC4-0003", [{}])
    doc = MessageConverter(message("TST3-MUC4-0003", "NOTHING HAPPENED."), keys, PlaceKB()).convert()
    assert doc.events == [] and doc.muc4.threatened == [] and doc.entities == []


@pytest.mark.parametrize(
    ("fill", "iso"), [("30 DEC 89", "1989-12-30"), ("- 08 JAN 90", None), ("01 JAN 90 - 03 JAN 90", None)]
)
def test_dates(fill, iso):
    assert iso_date(fill) == iso
