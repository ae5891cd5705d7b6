"""Segmentation (``baselines.text``): hard-wrapped wire copy reads by paragraph."""

from __future__ import annotations

import doctest

import baselines.text
from baselines.text import blocks, dateline_end, is_hard_wrapped, sentences

WIRE = (
    "SAN SALVADOR, 18 FEB 90 (DPA) -- HEAVY FIGHTING RAGED LAST NIGHT WHEN\n"
    "GUERRILLAS ATTACKED AN ELECTRIC POWER SUBSTATION.  A SOLDIER GUARDING THE\n"
    "SUBSTATION WAS WOUNDED.\n\n"
    "   THE GUERRILLAS WITHDREW TO THE SLOPES OF THE VOLCANO, WHERE THEY ARE\n"
    "NOW BEING PURSUED.\n"
)
WEB = "Gunmen stormed the jail on Monday.\nPolice said 12 inmates escaped.\n\nShare this article\n"


def test_doctests() -> None:
    assert doctest.testmod(baselines.text).failed == 0


def test_wire_copy_is_hard_wrapped_and_web_copy_is_not() -> None:
    assert is_hard_wrapped(WIRE)
    assert not is_hard_wrapped(WEB)
    assert not is_hard_wrapped("one line only, no paragraphs")


def test_hard_wrapped_paragraph_is_one_block_and_sentences_cross_line_ends() -> None:
    assert len(blocks(WIRE)) == 2
    found = [WIRE[s.start : s.end] for s in sentences(WIRE)]
    assert found[1] == "A SOLDIER GUARDING THE\nSUBSTATION WAS WOUNDED."
    assert found[0].endswith("ELECTRIC POWER SUBSTATION.")
    assert found[2].startswith("THE GUERRILLAS WITHDREW") and found[2].endswith("BEING PURSUED.")


def test_one_line_per_paragraph_keeps_one_block_per_line() -> None:
    lines = [b for b in blocks(WEB) if not b.boilerplate]
    assert [WEB[b.start : b.end] for b in lines] == [
        "Gunmen stormed the jail on Monday.",
        "Police said 12 inmates escaped.",
    ]


def test_wire_datelines_end_where_the_story_starts() -> None:
    for dateline, story in [
        ("TST-0001\n\n   SAN SALVADOR, 18 FEB 90 (DPA) -- [TEXT] ", "HEAVY FIGHTING RAGED"),
        ("MANAGUA (NICARAGUA), 11 DEC 89 (RADIO SANDINO) -- ", "THE ARMY SAID"),
        ("BAGHDAD (Reuters) - ", "Gunmen stormed a jail"),
        ("KABUL, Afghanistan (AP) — ", "Taliban fighters attacked"),
        ("Baghdad, Jan. 3 (AFP) – ", "A car bomb exploded"),
    ]:
        assert dateline_end(dateline + story) == len(dateline), dateline


def test_headlines_and_parentheses_in_the_story_are_no_dateline() -> None:
    assert dateline_end("Iraq Prison Break (Video) - 500 Escape\n\nGunmen stormed a jail.") == 0
    assert dateline_end("Police said (in a statement) - that 5 died.") == 0
    assert dateline_end("Gunmen stormed the jail on Monday.\n\nLater, in KABUL (AP) - nothing.") == 0
