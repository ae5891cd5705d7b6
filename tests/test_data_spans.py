import pytest

from bench.data.spans import SpanRefError, find_occurrences, resolve_span

TEXT = "ISIS said IS fighters attacked. IS denied it. This is ISIS."


def test_occurrences_respect_word_boundaries():
    assert find_occurrences(TEXT, "IS") == [10, 32]
    assert find_occurrences(TEXT, "ISIS") == [0, 54]


@pytest.mark.parametrize(
    "ref, start",
    [("ISIS#2", 54), ({"text": "IS", "n": 2}, 32), ({"text": "ISIS", "start": 0}, 0), ("denied", 35)],
)
def test_reference_forms(ref, start):
    span = resolve_span(TEXT, ref)
    assert span.start == start and TEXT[span.start : span.end] == span.text


@pytest.mark.parametrize(
    "ref, message",
    [
        ("IS", "occurs 2 times"),
        ("IS#3", "not 3"),
        ("Hezbollah", "does not occur"),
        ({"text": "ISIS", "start": 1}, "not at offset"),
        (42, "not a span reference"),
    ],
)
def test_bad_references_say_why(ref, message):
    with pytest.raises(SpanRefError, match=message):
        resolve_span(TEXT, ref)
