"""The all-capitals path of the rules baseline (baselines.truecase)."""

from __future__ import annotations

from baselines.rules import RuleExtractor
from baselines.truecase import is_all_caps, truecase
from bench.data.model import Document


def test_truecase_keeps_length_and_offsets() -> None:
    text = "GUERRILLAS OF THE FARABUNDO MARTI NATIONAL LIBERATION FRONT [FMLN] ATTACKED SAN MIGUEL."
    out = truecase(text)
    assert len(out) == len(text)
    assert out.lower() == text.lower()
    assert "Farabundo Marti National Liberation Front [FMLN]" in out
    assert out.startswith("guerrillas of the ")


def test_is_all_caps() -> None:
    assert is_all_caps("POLICE SAID 12 INMATES ESCAPED.")
    assert not is_all_caps("Police said 12 inmates escaped.")
    assert not is_all_caps("12 34")


def test_upper_case_text_gets_the_same_events_as_mixed_case() -> None:
    mixed = "Police said 12 inmates escaped from the jail in Springfield on Monday."
    upper = mixed.upper()
    rules = RuleExtractor()
    got_mixed = rules.predict_one(Document(doc_id="m", text=mixed))["events"]
    got_upper = rules.predict_one(Document(doc_id="u", text=upper))["events"]
    assert got_upper, "no event found in the all-capitals text"
    assert [len(e["counts"]) for e in got_upper] == [len(e["counts"]) for e in got_mixed]
    assert [e["counts"][0]["category"] for e in got_upper] == [e["counts"][0]["category"] for e in got_mixed]
