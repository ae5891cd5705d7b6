"""``leaderboard/README.md``: the table's columns, escaping, and the plot reference."""

from __future__ import annotations

import pytest
from leaderboard_helpers import make_board

from bench.leaderboard.build import build
from bench.leaderboard.fmt import md
from bench.resultsio import load_gold


@pytest.fixture(scope="module")
def readme(tmp_path_factory) -> str:
    root = make_board(tmp_path_factory.mktemp("md"))
    _board, _ = build(root, load_gold(), bootstrap=50)
    return (root / "README.md").read_text(encoding="utf-8")


def _table(readme: str) -> list[list[str]]:
    rows = [line for line in readme.splitlines() if line.startswith("| ")]
    # split on unescaped pipes only
    import re

    return [[c.strip() for c in re.split(r"(?<!\\)\|", row)[1:-1]] for row in rows]


def test_columns_and_rows(readme):
    table = _table(readme)
    assert table[0] == [
        "Rank",
        "System",
        "Type",
        "Headline F1 (95% CI)",
        "Rank range (95%)",
        "p vs leader",
        "Actor",
        "Location",
        "Count",
        "Attribution",
        "Span",
        "Declaration",
        "Signature",
    ]
    body = table[1:]
    assert [row[0] for row in body] == ["1", "2", "3"]
    alignment = next(line for line in readme.splitlines() if line.startswith("|---"))
    assert len(alignment.strip("|").split("|")) == len(table[0])  # one alignment per column
    assert all(len(row) == 13 for row in body)
    assert body[0][1] == "[Oracle](submissions/oracle/)"
    assert body[0][2] == "encoder-tagger, open"  # the helpers' metadata
    assert body[0][3].startswith("**1.000** [1.000, 1.000]")
    assert body[0][4] == "1\u20131" and body[0][5] == "\u2013"  # the oracle is first in every resample
    assert body[2][4].endswith("\u20133") and float(body[2][5]) < 0.05  # empty: last, or tied with partial
    assert all(row[12].startswith("`breakout:v1\\|split:breakout/test@2\\|gold:sha256=") for row in body)


def test_submitted_text_is_escaped(readme):
    assert "<img" not in readme and "<script" not in readme and "<b>" not in readme
    assert "[&lt;img src=x onerror=alert(1)&gt;](submissions/img-src-x-onerror-alert-1/)" in readme
    assert "saw test articles: yes. How: &lt;/td&gt;&lt;img src=x onerror=alert(2)&gt; \\| tuned on them" in readme


def test_plot_is_referenced(readme):
    assert "](scores.svg)" in readme


@pytest.mark.parametrize(
    "text, expected",
    [
        ("a|b", "a\\|b"),
        ("*x* _y_", "\\*x\\* \\_y\\_"),
        ("[l](u)", "\\[l\\](u)"),
        ("line\nbreak", "line break"),
        ("a & b", "a &amp; b"),
        ("`code`", "\\`code\\`"),
    ],
)
def test_md_escape(text, expected):
    assert md(text) == expected
