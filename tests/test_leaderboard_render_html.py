"""``index.html``: self-contained, everything from a submission escaped, tied and detail markup.

The page's behaviour in a real browser is tested in ``test_leaderboard_browser.py``.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from leaderboard_helpers import make_board

from bench.leaderboard.build import build
from bench.leaderboard.render_html import page_script
from bench.resultsio import load_gold


class Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> str:
    root = make_board(tmp_path_factory.mktemp("html"))
    build(root, load_gold(), bootstrap=50)
    return (root / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def parsed(page) -> Collect:
    parser = Collect()
    parser.feed(page)
    return parser


def test_no_markup_from_submissions(page, parsed):
    names = {tag for tag, _ in parsed.tags}
    assert not names & {"img", "iframe", "object", "embed", "link", "b", "i"}
    assert [tag for tag, _ in parsed.tags].count("form") == 1  # the filters, nothing from a submission
    inputs = [attrs for tag, attrs in parsed.tags if tag == "input"]
    assert inputs and all("data-facet" in a or "data-undisclosed" in a for a in inputs)
    assert [tag for tag, _ in parsed.tags].count("script") == 1
    assert parsed.scripts == [page_script()]
    assert not [(tag, a) for tag, attrs in parsed.tags for a in attrs if a.startswith("on")]
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in page
    assert "javascript:" not in [attrs.get("href", "") for _, attrs in parsed.tags]


def test_no_external_resources(parsed):
    assert not [attrs for _, attrs in parsed.tags if "src" in attrs]
    external = [attrs["href"] for tag, attrs in parsed.tags if tag == "a" and attrs.get("href", "").startswith("http")]
    assert set(external) == {"https://example.org/system"}  # the submitted url, a plain link
    csp = next(attrs["content"] for tag, attrs in parsed.tags if attrs.get("http-equiv") == "Content-Security-Policy")
    assert (
        "default-src 'none'" in csp
        and "script-src 'sha256-" in csp
        and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    )


def test_rows_ties_and_details(parsed):
    rows = [attrs for tag, attrs in parsed.tags if tag == "tr" and "data-slug" in attrs]
    assert [r["data-slug"] for r in rows] == ["oracle", "img-src-x-onerror-alert-1", "empty"]
    assert rows[0].get("class") == "leader"
    sections = [attrs["id"] for tag, attrs in parsed.tags if tag == "section"]
    assert sections == ["sys-oracle", "sys-img-src-x-onerror-alert-1", "sys-empty"]
    bars = [attrs for tag, attrs in parsed.tags if tag == "span" and attrs.get("class") == "ci"]
    assert len(bars) == 3 * 6  # headline + five columns, per system


def test_sortable_headers(parsed):
    heads = [attrs for tag, attrs in parsed.tags if tag == "th" and "data-type" in attrs]
    assert len(heads) >= 11 and heads[0].get("aria-sort") == "ascending"
