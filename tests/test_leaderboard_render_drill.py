"""bench.leaderboard.render_drill: the drill-down and validity HTML, markdown; hostile text escaped."""

from __future__ import annotations

import html
import re

import pytest
from drill_helpers import HOSTILE_ACTOR, HOSTILE_COMPLETION, make_drill_board

from bench.leaderboard.build import build, collect_all
from bench.leaderboard.drill import MAX_COMPLETION
from bench.leaderboard.render_drill import (
    VALIDITY_HEADS,
    document_sections,
    documents,
    has_generative,
    validity_cells,
    validity_markdown,
)
from bench.resultsio import load_gold


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = make_drill_board(tmp_path_factory.mktemp("render-drill"))
    board, _ = build(root, load_gold(), bootstrap=20)
    return root, board


def _entry(board, slug):
    return next(e for e in board.ranked if e.slug == slug)


def test_document_list_links_every_document(built):
    _, board = built
    careful = _entry(board, "careful")
    text = documents(careful)
    anchors = re.findall(r'href="#(doc-careful-\d+)"', text)
    assert anchors == [f"doc-careful-{i}" for i in range(len(load_gold().docs))]
    sections = document_sections(careful)
    assert all(f'id="{a}"' in sections for a in anchors)
    assert "Validity and cost" not in text  # not a generative entry


def test_hostile_items_and_completions_are_escaped(built):
    root, _ = built
    page = (root / "index.html").read_text(encoding="utf-8")
    assert HOSTILE_ACTOR not in page and "<script>window.__pwned" not in page
    assert html.escape(HOSTILE_ACTOR, quote=True) in page
    assert html.escape(HOSTILE_COMPLETION[:MAX_COMPLETION], quote=True) in page
    assert html.escape(HOSTILE_COMPLETION[: MAX_COMPLETION + 1], quote=True) not in page  # cut
    assert f"the first {MAX_COMPLETION} of {len(HOSTILE_COMPLETION)} characters are shown" in page
    assert page.count("<script>") == 1  # the page's own script only


def test_missed_and_spurious_columns(built):
    _, board = built
    first = document_sections(_entry(board, "careful")).split("</article>")[0]
    row = re.search(r'<tr data-field="actor">(.*?)</tr>', first)
    assert row is not None
    missed, spurious = re.findall(r'<td class="(missed|spurious)"><ul>(.*?)</ul></td>', row[1])
    assert missed[0] == "missed" and "(gold " in missed[1]
    assert spurious[0] == "spurious" and html.escape(HOSTILE_ACTOR, quote=True) in spurious[1]


def test_validity_columns_only_on_boards_with_generative_entries(built, tmp_path):
    root, board = built
    assert has_generative(board)
    page = (root / "index.html").read_text(encoding="utf-8")
    for label, _ in VALIDITY_HEADS:
        assert f'<button type="button">{html.escape(label)}</button>' in page
    llm = validity_cells(_entry(board, "chatty-llm"))
    assert len(llm) == len(VALIDITY_HEADS)
    n = len(load_gold().docs)
    assert f">1/{n}<" in llm[0] and ">110<" in llm[2] and ">2.00<" in llm[3]
    assert "0.000\u2013" in llm[4]
    assert all(">\u2013<" in cell for cell in validity_cells(_entry(board, "careful")))
    plain = collect_all(root, load_gold(), bootstrap=20)
    plain.ranked = [e for e in plain.ranked if e.generative is None]
    assert not has_generative(plain) and validity_markdown(plain) == []


def test_markdown_validity_table(built):
    root, board = built
    lines = validity_markdown(board)
    n = len(load_gold().docs)
    row = next(line for line in lines if line.startswith("| Chatty LLM"))
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert cells[1:8] == [f"{n - 1}/{n}", "1", "0", cells[4], "110", "2.00", "2"]
    assert cells[8].startswith("0.000\u2013")
    assert "### Validity and cost of the generative entries on breakout/test" in (root / "README.md").read_text()


def test_ungrounded_strings_of_a_failed_completion_are_not_called_none(built):
    _, board = built
    sections = document_sections(_entry(board, "chatty-llm")).split("</article>")
    assert "<dd>\u2013 (no record parsed)</dd>" in sections[0]  # document 0: a parse failure
    assert "<dt>Ungrounded strings</dt><dd>none</dd>" in sections[1]  # an ok completion, all grounded
