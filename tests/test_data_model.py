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


# -- extensions (MUC-4) -------------------------------------------------------------------


def _event(**extra):
    from bench.data.model import Event

    return Event(id="e", type="attack", actors=["a", "b"], locations=["p"], **extra)


def test_extension_fields_are_left_out_at_their_default():
    import json

    from bench.data.model import Entity, Event

    entity = Entity(id="a", type="GROUP", mentions=[Span(start=0, end=4, text="ISIS")])
    assert "aliases" not in entity.model_dump(mode="json")
    assert entity.model_dump(mode="json", context={"complete": True})["aliases"] == []
    event = Event(id="e", type="attack")
    assert set(json.loads(event.model_dump_json())) == {
        "id",
        "type",
        "actors",
        "locations",
        "trigger",
        "date",
        "kb",
        "counts",
        "claims",
    }
    assert json.loads(_event(optional=True).model_dump_json())["optional"] is True  # set: written


def test_entity_needs_a_mention_a_kb_id_or_an_alias():
    from bench.data.model import Entity

    with pytest.raises(ValidationError):
        Entity(id="a", type="LOCATION")
    assert Entity(id="a", type="LOCATION", kb="el_salvador").mentions == []
    assert Entity(id="a", type="GROUP", aliases=["FMLN"]).aliases == ["FMLN"]


def test_optional_items_must_be_items_of_the_event():
    with pytest.raises(ValidationError, match="optional_actors"):
        _event(optional_actors=["z"])
    with pytest.raises(ValidationError, match="optional_locations"):
        _event(optional_locations=["a"])


def test_is_optional_by_own_flag_or_by_the_event():
    from bench.data.model import Claim

    span = Span(start=0, end=1, text="5")
    value = CountValue(stated=5, low=5, high=5, modifier="exact")
    required = Count(id="c1", mention=span, category="killed", victims="civilians", value=value)
    optional = required.model_copy(update={"id": "c2", "optional": True})
    claim = Claim(id="k", kind="accusation", actor="a")
    event = _event(optional_actors=["b"], optional_locations=["p"], counts=[required, optional], claims=[claim])
    assert [event.is_optional(x) for x in ("a", "b", "p", required, optional, claim)] == [
        False,
        True,
        True,
        False,
        True,
        False,
    ]
    whole = event.model_copy(update={"optional": True})
    assert all(whole.is_optional(x) for x in ("a", required, claim))
