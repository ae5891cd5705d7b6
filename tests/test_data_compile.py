from pathlib import Path

import pytest

from bench import paths
from bench.data.compile import compile_all, compile_document
from bench.data.problems import ProblemsError

TEXT = "Gunmen stormed the prison in Mosul, freeing at least 25 inmates, police said. Police said the gunmen fled."

SOURCE = """
doc_id: doc
entities:
  gunmen: {type: GROUP, mentions: ["Gunmen", "gunmen"]}
  prison: {type: LOCATION, mentions: ["the prison"]}
  mosul: {type: LOCATION, kb: mosul, mentions: ["Mosul"]}
  police: {type: GROUP, mentions: ["police", "Police"]}
events:
  - id: break
    type: prison_break
    actors: [gunmen]
    locations: [prison, mosul]
    trigger: stormed
    counts:
      - {mention: "at least 25", category: escaped, source: police}
"""


def _write(tmp_path: Path, body: str) -> Path:
    source = tmp_path / "doc.yaml"
    source.write_text(body, encoding="utf-8")
    return source


def test_compiles_offsets_and_normalised_values(tmp_path):
    doc = compile_document(_write(tmp_path, SOURCE), TEXT)
    assert [(m.start, m.end) for m in doc.entity("gunmen").mentions] == [(0, 6), (94, 100)]
    count = doc.events[0].counts[0]
    assert count.id == "break.c1"
    assert (count.mention.start, count.mention.end) == (44, 55)
    assert (count.value.stated, count.value.low, count.value.modifier) == (25, 25, "at_least")
    assert count.source == "police"


@pytest.mark.parametrize(
    "old, new, message",
    [
        ('mentions: ["police", "Police"]', 'mentions: ["police", "Police", "said"]', "occurs 2 times"),
        ("source: police", "source: army", "unknown entity 'army'"),
        ("actors: [gunmen]", "actors: [gunmen]\n    colour: red", "unknown key 'colour'"),
        ("category: escaped", "category: fled", "category"),
        ('mention: "at least 25"', 'mention: "inmates"', "not a number"),
    ],
)
def test_problems_name_the_item(tmp_path, old, new, message):
    assert old in SOURCE
    with pytest.raises(ProblemsError) as err:
        compile_document(_write(tmp_path, SOURCE.replace(old, new)), TEXT)
    assert message in str(err.value)
    assert str(err.value).startswith(str(tmp_path / "doc.yaml"))


def test_committed_gold_equals_a_fresh_compile():
    split, kb = compile_all(paths.SOURCES_DIR, paths.SEEDS_DIR)
    assert paths.GOLD_SPLIT.read_text(encoding="utf-8") == split
    assert paths.GOLD_KB.read_text(encoding="utf-8") == kb


def test_compile_is_deterministic():
    assert compile_all(paths.SOURCES_DIR, paths.SEEDS_DIR) == compile_all(paths.SOURCES_DIR, paths.SEEDS_DIR)


def test_totals_compile_as_document_counts(tmp_path):
    text = "Two attacks killed more than a dozen soldiers. In Mosul gunmen killed five."
    body = """
doc_id: doc
entities:
  mosul: {type: LOCATION, mentions: ["Mosul"]}
  gunmen: {type: GROUP, mentions: ["gunmen"]}
events:
  - {id: mosul_attack, type: attack, actors: [gunmen], locations: [mosul],
     counts: [{mention: "five", category: killed, victims: mixed}]}
totals:
  - {mention: "more than a dozen", category: killed, victims: security, source: null}
"""
    doc = compile_document(_write(tmp_path, body), text)
    [total] = doc.totals
    assert total.id == "totals.c1" and total.value.low == 13 and total.label == "killed.security"
    assert [c.id for c in doc.counts()] == ["mosul_attack.c1", "totals.c1"]


def test_a_total_with_an_unknown_source_is_refused(tmp_path):
    body = "doc_id: doc\ntotals:\n  - {mention: five, category: escaped, source: nobody}\n"
    with pytest.raises(ProblemsError, match=r"totals\[0\]\.source: unknown entity 'nobody'"):
        compile_document(_write(tmp_path, body), "five escaped")
