"""``scores.svg``: well-formed, escaped, one row per ranked system, deterministic."""

from __future__ import annotations

import copy
import xml.etree.ElementTree as ET

import pytest
from leaderboard_helpers import HOSTILE, make_board

from bench.leaderboard.build import collect
from bench.leaderboard.plot import render_svg
from bench.resultsio import load_gold

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def board(tmp_path_factory):
    return collect(make_board(tmp_path_factory.mktemp("plot")), load_gold(), bootstrap=50)


def test_svg_is_well_formed_and_escaped(board):
    text = render_svg(board)
    tree = ET.fromstring(text)  # raises on malformed XML, e.g. an unescaped name
    labels = [t.text for t in tree.iter(f"{SVG}text")]
    assert "1. Oracle" in labels and f"2. {HOSTILE}" in labels
    assert not list(tree.iter(f"{SVG}image")) and "href" not in text
    assert len(list(tree.iter(f"{SVG}circle"))) == len(board.ranked) == 3


def test_svg_is_deterministic(board):
    assert render_svg(board) == render_svg(board)


def test_long_names_are_shortened(board):
    board = copy.deepcopy(board)
    entry = board.ranked[0]
    entry.meta = entry.meta.model_copy(update={"name": "N" * 80})
    labels = [t.text for t in ET.fromstring(render_svg(board)).iter(f"{SVG}text")]
    label = next(t for t in labels if t.startswith("1. N"))
    assert label.endswith("\u2026") and len(label) <= 3 + 34  # cut to the characters that fit


@pytest.mark.parametrize("name", ["W" * 40, "\u65e5\u672c\u8a9e" * 10, "m" * 40])
def test_wide_names_are_cut_to_the_label_column(name):
    from bench.leaderboard.plot import LABEL_EM, _em, _label

    label = _label(name, "12. ")
    assert label.endswith("\u2026") and name.startswith(label[:-1])
    assert sum(_em(c) for c in "12. " + label) <= LABEL_EM
