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
