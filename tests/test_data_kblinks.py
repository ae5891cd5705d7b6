"""Knowledge-base link warnings: unlinked entities, mentions naming another id, unused ids."""

from __future__ import annotations

from conftest import entity

from bench.data.kblinks import kb_link_warnings
from bench.data.model import Document, KBEntry

KB = {
    "iraq": KBEntry(id="iraq", type="LOCATION", name="Iraq"),
    "taji": KBEntry(id="taji", type="LOCATION", name="Taji", parent="iraq"),
    "taji_prison": KBEntry(id="taji_prison", type="LOCATION", name="Taji prison", parent="taji"),
    "al_qaeda": KBEntry(id="al_qaeda", type="GROUP", name="Al-Qaeda", aliases=["Al Qaeda"]),
    "aqi": KBEntry(id="aqi", type="GROUP", name="Al-Qaeda in Iraq"),
    "mosul": KBEntry(id="mosul", type="LOCATION", name="Mosul", parent="iraq"),
}
TEXT = "Al Qaeda in Iraq and Al Qaeda attacked the Taji prison in Taji, Iraq."


def _messages(docs, kb=KB):
    return sorted((w.item, w.message) for w in kb_link_warnings(docs, kb, "gold.jsonl"))


def test_an_entity_a_kb_name_denotes_must_carry_the_id():
    doc = Document(doc_id="d", text=TEXT, entities=[entity(TEXT, "town", "LOCATION", ("Taji", 2))])
    assert ("entities[town]", "mention 'Taji' is a name of kb id 'taji', but the entity has no kb") in _messages([doc])


def test_a_mention_naming_another_id_is_flagged_but_a_parent_place_name_is_not():
    doc = Document(
        doc_id="d",
        text=TEXT,
        entities=[
            entity(TEXT, "aqi", "GROUP", "Al Qaeda in Iraq", ("Al Qaeda", 2), kb="aqi"),
            entity(TEXT, "prison", "LOCATION", "Taji prison", ("Taji", 2), kb="taji_prison"),  # "Taji": its town
        ],
    )
    assert _messages([doc]) == [
        ("entities[aqi]", "mention 'Al Qaeda' is a name of kb id 'al_qaeda', not of the entity's 'aqi'"),
        ("kb.al_qaeda", "unused kb id: no entity links to it or to a child of it"),
        ("kb.mosul", "unused kb id: no entity links to it or to a child of it"),
    ]


def test_parents_of_used_ids_count_as_used():
    doc = Document(
        doc_id="d", text=TEXT, entities=[entity(TEXT, "prison", "LOCATION", "Taji prison", kb="taji_prison")]
    )
    unused = {item for item, _ in _messages([doc])}
    assert unused == {"kb.al_qaeda", "kb.aqi", "kb.mosul"}  # iraq and taji are ancestors of taji_prison


def test_a_shared_gazetteer_skips_the_unused_check():
    doc = Document(
        doc_id="d", text=TEXT, entities=[entity(TEXT, "prison", "LOCATION", "Taji prison", kb="taji_prison")]
    )
    assert kb_link_warnings([doc], KB, "gold.jsonl", unused=False) == []


def test_converted_splits_pass_strict_validation():
    from helpers import run_bench

    result = run_bench("data", "validate", "--split", "muc4/test", "--strict")
    assert result.returncode == 0, result.stderr
