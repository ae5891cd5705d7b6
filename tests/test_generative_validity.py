"""Validity diagnostics: grounding of strings, and the pooled block worked out by hand."""

from __future__ import annotations

from bench.generative.validity import DocValidity, grounded, record_strings, summarise, ungrounded_strings
from bench.score.render import validity_line

TEXT = "Isis gunmen stormed the Gweiran Prison in Hasakah, Kurdish officials said."


def test_grounding_is_on_normalised_whole_words() -> None:
    assert grounded("gweiran prison", TEXT)
    assert grounded("The Gweiran  Prison!", TEXT)  # article, spaces and punctuation normalised away
    assert grounded("Kurdish officials", TEXT)
    assert not grounded("Hassakeh", TEXT)  # a KB alias is still not in the text
    assert not grounded("Isi", TEXT)  # part of a word is not a word
    assert not grounded("Islamic State", TEXT)


def test_every_string_field_is_checked() -> None:
    record = {
        "doc_id": "d",
        "events": [
            {
                "type": "attack",
                "actors": ["Isis gunmen", "al-Qaeda"],
                "locations": [{"text": "Gweiran Prison", "start": 24, "end": 38}, "Baghdad"],
                "counts": [{"category": "escaped", "value": 5, "source": "the ministry"}],
                "claims": [{"kind": "responsibility", "actor": "Isis", "source": None}],
            }
        ],
    }
    assert record_strings(record) == ["Isis gunmen", "al-Qaeda", "Gweiran Prison", "Baghdad", "the ministry", "Isis"]
    assert ungrounded_strings(record, TEXT) == (6, ["al-Qaeda", "Baghdad", "the ministry"])


def test_summary_by_hand() -> None:
    docs = [
        DocValidity("a", "ok", strings=4, ungrounded=["x"], prompt_tokens=100, completion_tokens=40, seconds=2.0),
        DocValidity(
            "b", "parse_error", truncated=True, prompt_tokens=120, completion_tokens=60, seconds=4.0, retries=2
        ),
        DocValidity("c", "request_error", retries=3, seconds=1.0),
        DocValidity("d", "ok", strings=2, prompt_tokens=80, completion_tokens=20, cached=True),
    ]
    v = summarise(docs, wall_seconds=5.0)
    assert (v["documents"], v["ok"], v["parse_errors"], v["schema_errors"], v["request_errors"]) == (4, 2, 1, 0, 1)
    assert (v["truncated"], v["strings"], v["ungrounded"], v["cached"], v["retries"]) == (1, 6, 1, 1, 5)
    assert (v["prompt_tokens"], v["completion_tokens"]) == (300, 120)
    assert v["seconds_per_document"] == round(7.0 / 3, 3)  # the cached document took no time
    assert v["completion_tokens_per_second"] == round(100 / 7.0, 1)
    assert v["per_document"]["b"]["truncated"] is True and "doc_id" not in v["per_document"]["b"]
    line = validity_line(v)
    assert line.startswith("validity: 2/4 documents valid")
    assert "1 parse, 0 schema, 1 request failures (scored as empty: 2)" in line and "1/6 strings ungrounded" in line
