"""The answer-key notation: slots, continuation lines, comments, and each fill's parts."""

import pytest
from muc4_helpers import key_text

from bench.data.muc4.keys import KeyFormatError, parse_fill, read_key_file


def test_templates_slots_and_continuation_lines():
    text = ";;; a comment\n" + key_text(
        "DEV-MUC3-0001",
        [
            {"MESSAGE: TEMPLATE": "1", "PERP: INDIVIDUAL ID": ['"TERRORISTS"', '"GUERRILLAS"']},
            {"MESSAGE: TEMPLATE": "2 (OPTIONAL)"},
            {},
        ],
    )
    first, second, irrelevant = read_key_file(text, "key")
    assert first.message_id == "DEV-MUC3-0001" and first.number == 1 and not first.optional
    assert [ln.text for ln in first.fills("PERP: INDIVIDUAL ID")] == ['"TERRORISTS"', '"GUERRILLAS"']
    assert first.fills("PERP: ORGANIZATION ID") == []  # "-" is no fill
    assert first.fills("PERP: INDIVIDUAL ID")[0].line == 2 + 9  # comment line, then slot 9 of template 1
    assert second.number == 2 and second.optional
    assert irrelevant.number is None and irrelevant.fills("INCIDENT: TYPE") == []


def test_a_line_that_is_no_slot_is_an_error():
    with pytest.raises(KeyFormatError, match=r"key:2: not a slot line"):
        read_key_file("0.  MESSAGE: ID   X\nGARBAGE\n", "key")


@pytest.mark.parametrize(
    ("line", "optional", "values", "strings", "xref"),
    [
        ('"TERRORISTS"', False, (), ("TERRORISTS",), None),
        ('? "FMLN" / "FARABUNDO MARTI"', True, (), ("FMLN", "FARABUNDO MARTI"), None),
        (
            'REPORTED AS FACT / CLAIMED OR ADMITTED: "FMLN"',
            False,
            ("REPORTED AS FACT", "CLAIMED OR ADMITTED"),
            (),
            ("FMLN",),
        ),
        ('?1: "X"', True, ("1",), (), ("X",)),
        ('- 139 / 313- / PLURAL: "SOLDIERS"', False, ("- 139", "313-", "PLURAL"), (), ("SOLDIERS",)),
        ('"MAYOR OF ACHI": "TORRES"', False, (), ("MAYOR OF ACHI",), ("TORRES",)),
        ('(INJURY / DEATH): "A" / "B"', False, ("INJURY", "DEATH"), (), ("A", "B")),
        ('"\\"9 MAY\\" FPL" / "FPL"', False, (), ('"9 MAY" FPL', "FPL"), None),
        ('"A: B"', False, (), ("A: B",), None),  # a colon inside quotes is text
    ],
)
def test_fill_notation(line, optional, values, strings, xref):
    fill = parse_fill(line)
    assert (fill.optional, fill.values, fill.strings, fill.xref, fill.repaired) == (
        optional,
        values,
        strings,
        xref,
        False,
    )


@pytest.mark.parametrize(
    ("line", "strings", "xref"),
    [
        ('MACHINEGUNS"', ("MACHINEGUNS",), None),  # DEV-MUC3-0217
        ('INJURY: "16 OTHERS / "OTHERS"', (), ("16 OTHERS", "OTHERS")),  # DEV-MUC3-1173
    ],
)
def test_unbalanced_quotes_are_repaired_and_say_so(line, strings, xref):
    fill = parse_fill(line)
    assert fill.repaired and fill.strings == strings and fill.xref == xref
