"""bench.leaderboard.drill: per-document errors, caps, completions, and what the build attaches."""

from __future__ import annotations

import io

import pytest
from drill_helpers import HOSTILE_ACTOR, HOSTILE_COMPLETION, careful_records, make_drill_board
from rich.console import Console

from bench.leaderboard.build import collect_all
from bench.leaderboard.drill import MAX_COMPLETION, MAX_ITEMS, completion_of, doc_drill, entry_drill, prompt_sha256
from bench.resultsio import load_gold
from bench.score.evaluate import evaluate
from bench.score.render import error_rows, render_errors

NO_EVENTS = {"aligned": [], "unaligned_gold": [], "unaligned_predicted": []}


def _found(missed: int, spurious: int) -> dict:
    return {
        "actor": {
            "missed": [{"event": "g1", "item": f"'gold {i}'"} for i in range(missed)],
            "spurious": [{"event": "events[0]", "item": f"'pred {i}'"} for i in range(spurious)],
        },
        "events": {**NO_EVENTS, "unaligned_gold": ["g2"]},
    }


def test_rows_are_those_of_bench_eval_errors():
    found = _found(2, 1)
    drill = doc_drill("d", found, {"overall": 0.25})
    assert [(r.field, r.kind, r.text) for r in drill.rows] == error_rows(found)
    assert [r.kind for r in drill.rows] == ["missed", "missed", "spurious", "missed"]
    assert drill.rows[-1].field == "event" and drill.errors == 4 and drill.scores == {"overall": 0.25}
    out = io.StringIO()
    render_errors({"d": found}, Console(file=out, width=200))
    assert all(r.text in out.getvalue() for r in drill.rows)


def test_items_are_capped_per_field_and_kind_and_counted():
    drill = doc_drill("d", _found(MAX_ITEMS + 7, 3), None)
    missed = [r for r in drill.rows if r.field == "actor" and r.kind == "missed"]
    assert len(missed) == MAX_ITEMS and missed[0].text.startswith("'gold 0'")
    assert drill.hidden == {("actor", "missed"): 7}
    assert drill.errors == MAX_ITEMS + 7 + 3 + 1


def test_no_errors_no_rows():
    drill = doc_drill("d", None, {})
    assert drill.rows == [] and drill.errors == 0


def test_completion_is_cut_and_said_so():
    raw = {
        "response": {"content": HOSTILE_COMPLETION, "finish_reason": "length"},
        "prompt": {"name": "t", "sha256": "00"},
        "request": {"messages": [{"role": "user", "content": "x"}]},
    }
    c = completion_of(raw, {"status": "parse_error", "ungrounded": ["Hassakeh"]})
    assert c.text == HOSTILE_COMPLETION[:MAX_COMPLETION] and c.length == len(HOSTILE_COMPLETION) and c.cut
    assert (c.status, c.finish_reason, c.template, c.ungrounded) == ("parse_error", "length", "t", ("Hassakeh",))
    short = completion_of({"response": {"content": "{}"}}, None)
    assert not short.cut and short.prompt_sha256 is None and short.status is None


def test_prompt_hash_depends_on_the_messages_only():
    a = prompt_sha256([{"role": "user", "content": "x"}])
    assert a == prompt_sha256([{"content": "x", "role": "user"}])  # key order does not matter
    assert a != prompt_sha256([{"role": "user", "content": "y"}])
    assert a is not None and len(a) == 64


def test_entry_drill_lists_every_document_in_order():
    drills = entry_drill(["a", "b", "c"], {"b": _found(1, 0)}, {"a": {"overall": 1.0}})
    assert [d.doc_id for d in drills] == ["a", "b", "c"]
    assert [d.errors for d in drills] == [0, 2, 0] and drills[0].scores == {"overall": 1.0}


@pytest.fixture(scope="module")
def board(tmp_path_factory):
    root = make_drill_board(tmp_path_factory.mktemp("drill"))
    return collect_all(root, load_gold(), bootstrap=20)


def test_build_attaches_the_errors_of_bench_eval(board):
    gold = load_gold()
    careful = next(e for e in board.ranked if e.slug == "careful")
    expected = evaluate(gold.docs, gold.kb, careful_records(), bootstrap=0, errors=True).errors or {}
    assert careful.generative is None and careful.drill is not None
    assert [d.doc_id for d in careful.drill] == sorted(d.doc_id for d in gold.docs)
    for doc in careful.drill:
        assert [(r.field, r.kind, r.text) for r in doc.rows] == (
            error_rows(expected[doc.doc_id]) if doc.doc_id in expected else []
        )
    first = careful.drill[0]
    assert any(r.kind == "spurious" and HOSTILE_ACTOR in r.text for r in first.rows)
    assert any(r.field == "actor" and r.kind == "missed" for r in first.rows)
    assert "errors" not in (careful.results or {})  # the errors stay out of the results shown


def test_build_attaches_completions_of_generative_entries(board):
    llm = next(e for e in board.ranked if e.slug == "chatty-llm")
    assert llm.drill is not None and all(d.completion is not None for d in llm.drill)
    first = llm.drill[0].completion
    assert first is not None and first.status == "parse_error" and first.cut
    assert first.template_sha256 == "ab" * 32
    assert first.prompt_sha256 == prompt_sha256([{"role": "user", "content": f"extract {llm.drill[0].doc_id}"}])
    assert {d.completion.status for d in llm.drill[1:] if d.completion} == {"ok"}
