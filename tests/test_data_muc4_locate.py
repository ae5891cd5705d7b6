"""Finding key strings and number expressions in a message."""

from bench.data.muc4.locate import TextIndex

TEXT = "THE FARABUNDO MARTI\nNATIONAL LIBERATION FRONT [FMLN] AND THE FMLN'S MEN KILLED\nABOUT 20 PEOPLE ON 30 DEC; SIX OTHERS. FMLNX IS NOT IT. MORE THAN 60 FLED AT 0630 HOURS."


def test_line_breaks_are_free_and_matches_are_whole_words():
    index = TextIndex(TEXT)
    (span,) = index.find("FARABUNDO MARTI NATIONAL LIBERATION FRONT")
    assert span.text == "FARABUNDO MARTI\nNATIONAL LIBERATION FRONT"
    assert [s.text for s in index.find("FMLN")] == ["FMLN", "FMLN"]  # not inside FMLNX; FMLN'S has a word boundary
    assert index.find("MARTI NATIONAL LIBERATION") and not index.find("ARTI NATIONAL")


def test_normalised_match_when_only_punctuation_or_articles_differ():
    index = TextIndex(TEXT)
    (span,) = index.find("FMLNS MEN")
    assert span.text == "FMLN'S MEN"
    assert [s.text for s in index.find("THE FRONT")] == ["FRONT"]  # the articles are what the scorer drops too
    assert index.find("LIBERATION ARMY") == []


def test_number_expressions_with_their_modifier_and_no_dates_or_times():
    numbers = {n.span.text: n for n in TextIndex(TEXT).numbers}
    assert set(numbers) == {"ABOUT 20", "SIX", "MORE THAN 60"}
    assert numbers["ABOUT 20"].value.modifier == "approx" and numbers["ABOUT 20"].bare.text == "20"
    assert numbers["MORE THAN 60"].value.low == 61
    assert numbers["SIX"].value.stated == 6
