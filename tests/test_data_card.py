"""The dataset card's figures are the ones the tools compute (statistics and agreement)."""

from __future__ import annotations

import re

import pytest

from bench import paths
from bench.data.agreement import agreement, compile_pass
from bench.data.compile import compile_kb
from bench.data.load import load_split
from bench.data.stats import split_stats

CARD = paths.ANNOTATIONS_DIR / "README.md"
AGREEMENT = paths.ANNOTATIONS_DIR / "agreement"


def _card() -> str:
    return CARD.read_text(encoding="utf-8")


def test_statistics_table_matches_bench_data_stats() -> None:
    stats = split_stats(load_split())
    for doc_id, row in stats["per_document"].items():
        cells = " | ".join(str(row[c]) for c in ("entities", "mentions", "events", "counts", "totals", "claims"))
        assert f"| `{doc_id}` | {cells} |" in _card()
    totals = " | ".join(f"**{stats[c]}**" for c in ("entities", "mentions", "events", "counts", "totals", "claims"))
    assert f"| **total** | {totals} |" in _card()


@pytest.fixture(scope="module")
def study() -> dict:
    doc_ids = sorted(p.stem for p in (AGREEMENT / "pass2").glob("*.yaml"))
    kb = {e.id: e for e in compile_kb(paths.KB_SOURCE)}
    pass1 = compile_pass(AGREEMENT / "pass1", doc_ids, paths.SEEDS_DIR)
    pass2 = compile_pass(AGREEMENT / "pass2", doc_ids, paths.SEEDS_DIR)
    return {"doc_ids": doc_ids, "found": agreement(pass1, pass2, kb), "kb": kb, "pass2": pass2}


def test_the_study_covers_all_five_articles(study) -> None:
    assert study["doc_ids"] == sorted(d.doc_id for d in load_split())


def test_published_agreement_equals_a_fresh_computation(study) -> None:
    found, card = study["found"], _card()
    rows = {
        "event actors": "actor",
        "event locations": "location",
        "counts": "count",
        "attribution (count sources and claims)": "attribution",
    }
    for label, key in rows.items():
        a = found["a_as_reference"][key]
        b = found["b_as_reference_f1"][key]
        line = f"| {label} | {a['precision']:.3f} | {a['recall']:.3f} | {a['f1']:.3f} | {b:.3f} |"
        assert line in card, line
    for doc_id, f1 in found["per_document_f1"].items():
        cells = " | ".join(f"{f1[k]:.3f}" for k in ("span", "actor", "location", "count", "attribution", "overall"))
        assert f"| `{doc_id[:3]}` | {cells} |" in card


def test_every_field_reaches_the_agreement_target(study) -> None:
    found = study["found"]
    for key in ("span", "actor", "location", "count", "attribution"):
        assert found["a_as_reference"][key]["f1"] >= 0.85 and found["b_as_reference_f1"][key] >= 0.85, key


def test_a_pass_agrees_with_itself(study) -> None:
    same = agreement(study["pass2"], study["pass2"], study["kb"])
    assert all(v["f1"] == 1.0 for v in same["a_as_reference"].values())


def test_card_names_the_current_split_version() -> None:
    from bench.splits import get_split

    assert re.search(rf"`breakout/test@{get_split('breakout/test').version}`", _card())
