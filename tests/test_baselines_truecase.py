"""The case-insensitive path of the rules baseline for all-capitals text (MUC-4 wire copy)."""

from __future__ import annotations

import doctest

import baselines.truecase
from baselines.rules import RuleExtractor
from baselines.truecase import is_all_caps, truecase
from bench.data.model import Document


def test_doctests() -> None:
    assert doctest.testmod(baselines.truecase).failed == 0


def test_truecase_keeps_offsets_and_letters() -> None:
    text = "GUERRILLAS ATTACKED THE JAIL IN SANTA ANA ON MONDAY, POLICE SAID. 12 INMATES ESCAPED."
    recased = truecase(text)
    assert len(recased) == len(text)
    assert recased.upper() == text
    assert not is_all_caps(recased)


def test_all_caps_document_reads_like_its_mixed_case_twin() -> None:
    mixed = "Police said 12 inmates escaped from the jail on Monday."
    upper = mixed.upper()
    extractor = RuleExtractor()
    a = extractor.predict_one(Document(doc_id="d", text=mixed))
    b = extractor.predict_one(Document(doc_id="d", text=upper))
    assert a["mentions"] == b["mentions"]
    assert b["events"][0]["counts"][0]["source"] == "POLICE"  # the document's own string
    assert b["events"][0]["counts"][0]["category"] == a["events"][0]["counts"][0]["category"]


def test_assemble_recased_reads_all_capitals_spans_like_mixed_case() -> None:
    from baselines.spans import Mention
    from baselines.truecase import assemble_recased, restore

    mixed = "Police said 12 inmates escaped from the jail in Kano on Monday."
    upper = mixed.upper()
    spans = [Mention(0, 6, "GROUP"), Mention(12, 14, "COUNT"), Mention(48, 52, "LOCATION")]
    events_mixed, used_mixed = assemble_recased(mixed, spans)
    events_upper, used_upper = assemble_recased(upper, spans)
    assert used_upper == used_mixed and events_mixed
    assert events_upper == restore(events_mixed, mixed, upper)  # same events, the document's own strings
    assert events_upper[0]["locations"] == ["KANO"] and events_upper[0]["counts"][0]["category"] == "escaped"


def test_gazetteer_names_keep_their_capitals() -> None:
    text = "THE SHINING PATH AND THE FMLN ATTACKED. WHO IS THERE? THE ELN SAID."
    recased = truecase(text)
    assert "the Shining Path and the FMLN attacked" in recased
    assert "ELN" in recased
    assert recased.startswith("the ")  # "THE" is no name
    assert "who is there" in recased.lower() and "WHO" not in recased  # an English word is no acronym


def test_all_caps_wire_copy_finds_a_known_group_as_actor() -> None:
    text = (
        "LIMA, 3 MAR 90 (AFP) -- [TEXT] SHINING PATH GUERRILLAS ATTACKED A POLICE POST IN\n"
        "HUANTA, KILLING TWO POLICEMEN, POLICE SAID.\n\n"
        "   THE GUERRILLAS FLED AFTER THE ATTACK, WHICH LASTED TWO HOURS, THE\n"
        "POLICE ADDED.\n\n"
        "   OFFICIALS SAID THE AREA HAS BEEN UNDER A STATE OF EMERGENCY SINCE\n"
        "LAST YEAR.\n"
    )
    events = RuleExtractor().predict_one(Document(doc_id="w", text=text))["events"]
    actors = {a for e in events for a in e["actors"]}
    assert any("SHINING PATH" in a for a in actors)
    counts = [c for e in events for c in e["counts"]]
    assert {c["value"] for c in counts} == {"TWO"}  # "3 MAR 90" is a date, "TWO HOURS" a duration


def test_wordnet_words_are_lower_case_and_names_keep_capitals() -> None:
    recased = truecase("THEY KILLED HIM IN COLD BLOOD IN LA PAZ, A SALVADORAN SOURCE SAID, DEMANDING CLARIFICATION.")
    assert "in cold blood in La Paz" in recased
    assert "Salvadoran" in recased  # a demonym is capitalised in English, also when WordNet lists it
    assert "demanding clarification" in recased


def test_plural_demonyms_keep_their_capitals() -> None:
    assert "Salvadorans" in truecase("SIX SALVADORANS WERE KIDNAPPED.")
