import pytest
from pydantic import ValidationError

from bench.data.model import Count, CountValue, Document, Span


def test_span_text_length_must_match_offsets():
    with pytest.raises(ValidationError):
        Span(start=0, end=5, text="ISIS")


def test_span_end_after_start():
    with pytest.raises(ValidationError):
        Span(start=4, end=4, text="")


def test_vague_value_has_no_stated_number():
    with pytest.raises(ValidationError):
        CountValue(stated=3, low=200, high=999, modifier="vague")
    assert CountValue(stated=None, low=200, high=999, modifier="vague").low == 200


def test_low_above_high_rejected():
    with pytest.raises(ValidationError):
        CountValue(stated=5, low=9, high=3, modifier="exact")


def test_victims_only_for_killed_and_wounded():
    span = Span(start=0, end=1, text="5")
    value = CountValue(stated=5, low=5, high=5, modifier="exact")
    with pytest.raises(ValidationError):
        Count(id="c", mention=span, category="killed", value=value)
    with pytest.raises(ValidationError):
        Count(id="c", mention=span, category="escaped", victims="security", value=value)
    assert Count(id="c", mention=span, category="killed", victims="security", value=value).label == "killed.security"


def test_unknown_keys_and_categories_are_refused():
    with pytest.raises(ValidationError):
        Document(doc_id="d", text="x", extra_field=1)
    with pytest.raises(ValidationError):
        Count(
            id="c",
            mention=Span(start=0, end=1, text="5"),
            category="fled",
            value=CountValue(stated=5, low=5, high=5, modifier="exact"),
        )
