"""Leaderboard v2 in a real headless Chromium: filters and their hidden count, rank intervals,
ties, the details placeholder, long names and sizes, a 400 px wide screen.

A synthetic leaderboard in a tmp folder: two systems with identical predictions (tied at the
top), a rule-based, an encoder, two generative ones (one of undisclosed size), a very long
name and a very long model size. Screenshots go where ``test_leaderboard_browser`` puts
its own (``tests/artifacts/``, git-ignored, or ``BREAKOUT_TEST_ARTIFACTS``).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from leaderboard_helpers import write_meta, write_predictions, write_raw
from test_leaderboard_browser import ARTIFACTS, driver  # noqa: F401 - the browser fixture

from bench.leaderboard.build import build
from bench.leaderboard.facets import GENERATIVE_DECODING
from bench.resultsio import load_gold

pytestmark = pytest.mark.browser

OPTION = {mode: option for option, mode in GENERATIVE_DECODING.items()}  # decoding mode -> bench predict option
LONG_NAME = "W" * 80
LONG_SIZE = "1" * 20  # the longest model_size allowed, no break opportunity
LLM = {"prompt_tuned_on_test": False, "runs": 1}
SYSTEMS = (
    # slug-to-be name, predictions, metadata changes
    ("Oracle A", "oracle", {}),
    ("Oracle B", "oracle", {}),
    ("Rules", "partial", {"system_type": "rules", "model_size": "0"}),
    ("Big LLM", "partial", {"system_type": "llm-zero-shot", "decoding": "free", "model_size": "70B", **LLM}),
    (
        "Secret LLM",
        "empty",
        {"system_type": "llm-few-shot", "decoding": "json-mode", "model_size": "undisclosed", "open_weights": False}
        | LLM,
    ),
    (LONG_NAME, "empty", {"model_size": LONG_SIZE}),
    (
        "Declared",
        "empty",
        {"training_data": {"saw_test_articles": "yes", "how": "not trained; rules written with the articles in view"}},
    ),
)


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Path:
    from bench.leaderboard.metadata import load_metadata
    from bench.leaderboard.submit import submit

    folder = tmp_path_factory.mktemp("browser-v2")
    gold = load_gold()
    for i, (name, kind, changes) in enumerate(SYSTEMS):
        meta = load_metadata(write_meta(folder, f"m{i}", **changes), name)
        raw = write_raw(folder, OPTION[meta.decoding], f"r{i}") if meta.generative else None
        submit(write_predictions(folder, kind, f"p{i}"), meta, folder / "lb", gold, bootstrap=20, raw=raw)
    build(folder / "lb", gold, bootstrap=20)
    return folder / "lb" / "index.html"


@pytest.fixture
def loaded(driver, page):  # noqa: F811
    driver.set_window_size(1440, 1000)
    driver.get(page.as_uri())
    return driver


def _shot(browser, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    assert browser.save_screenshot(str(ARTIFACTS / name))


def _visible_slugs(browser) -> list[str]:
    from selenium.webdriver.common.by import By

    rows = browser.find_elements(By.CSS_SELECTOR, "#board tr[data-slug]")
    return [r.get_attribute("data-slug") for r in rows if r.is_displayed()]


def _note(browser) -> str:
    from selenium.webdriver.common.by import By

    return browser.find_element(By.CSS_SELECTOR, "#board .filter-note").text


def _box(browser, facet: str, value: str):
    from selenium.webdriver.common.by import By

    return browser.find_element(By.CSS_SELECTOR, f'input[data-facet="{facet}"][value="{value}"]')


def test_filters_hide_rows_and_say_so(loaded):
    from selenium.webdriver.common.by import By

    everyone = _visible_slugs(loaded)
    assert len(everyone) == len(SYSTEMS)
    assert _note(loaded) == f"0 of {len(SYSTEMS)} entries hidden by filters"
    assert "none; all" in loaded.find_element(By.CSS_SELECTOR, ".active-filters").text
    _box(loaded, "system_type", "llm-zero-shot").click()
    _box(loaded, "open_weights", "no").click()
    assert set(everyone) - set(_visible_slugs(loaded)) == {"big-llm", "secret-llm"}
    assert _note(loaded) == f"2 of {len(SYSTEMS)} entries hidden by filters"
    active = loaded.find_element(By.CSS_SELECTOR, ".active-filters").text
    assert "hiding system type llm-zero-shot: a generative model prompted with instructions only" in active
    assert "hiding open weights no" in active and "none; all" not in active
    _shot(loaded, "leaderboard-filters.png")
    loaded.find_element(By.CSS_SELECTOR, 'form.filters button[type="reset"]').click()
    assert _visible_slugs(loaded) == everyone
    assert _note(loaded).startswith("0 of")


def test_size_range_and_undisclosed(loaded):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    Select(loaded.find_element(By.CSS_SELECTOR, 'select[data-size="min"]')).select_by_visible_text("1B")
    shown = set(_visible_slugs(loaded))
    assert {"big-llm", "secret-llm", "w" * 60} <= shown  # 70B, undisclosed (kept unless unticked), 1.1e19
    assert not shown & {"rules", "oracle-a", "declared"}  # 0 and 110M
    assert "size range 1B to any parameters" in loaded.find_element(By.CSS_SELECTOR, ".active-filters").text
    loaded.find_element(By.CSS_SELECTOR, "input[data-undisclosed]").click()
    assert "secret-llm" not in _visible_slugs(loaded)
    assert _note(loaded) == f"{len(SYSTEMS) - 2} of {len(SYSTEMS)} entries hidden by filters"


def test_ties_share_a_rank_and_no_leader_badge(loaded):
    from selenium.webdriver.common.by import By

    rows = {r.get_attribute("data-slug"): r for r in loaded.find_elements(By.CSS_SELECTOR, "#ranked tbody tr")}
    ranks = {slug: row.find_elements(By.TAG_NAME, "td")[0].text for slug, row in rows.items()}
    assert ranks["oracle-a"].startswith("1") and ranks["oracle-b"].startswith("1")
    assert "leader" not in ranks["oracle-a"] and "leader" not in ranks["oracle-b"]
    assert "tied" in ranks["oracle-a"] and "tied" in ranks["oracle-b"]
    assert loaded.find_elements(By.CSS_SELECTOR, "#ranked tr.leader") == []
    ranges = [row.find_elements(By.TAG_NAME, "td")[1].text for row in rows.values()]
    assert all(re.fullmatch(r"rank \d+(\u2013\d+)?", text) for text in ranges), ranges
    assert rows["oracle-a"].find_elements(By.TAG_NAME, "td")[1].text.startswith("rank 1")


def test_declaration_reads_as_separate_facts(loaded):
    from selenium.webdriver.common.by import By

    cell = loaded.find_element(By.CSS_SELECTOR, "#row-declared td.declaration")
    facts = [f.text for f in cell.find_elements(By.CSS_SELECTOR, ".fact")]
    assert facts == ["saw test articles: yes", "how: not trained; rules written with the articles in view"]
    assert len({f.location["y"] for f in cell.find_elements(By.CSS_SELECTOR, ".fact")}) == 2  # one per line


def test_details_placeholder_gives_way_to_an_open_panel(loaded):
    from selenium.webdriver.common.by import By

    placeholder = loaded.find_element(By.ID, "details-empty")
    assert placeholder.is_displayed()
    loaded.find_element(By.CSS_SELECTOR, "#row-rules td.system a").click()
    assert loaded.find_element(By.ID, "sys-rules").is_displayed()
    assert not placeholder.is_displayed()
    _shot(loaded, "leaderboard-details-open.png")


def test_long_name_is_cut_inside_the_chart(loaded):
    from selenium.webdriver.common.by import By

    figure = loaded.find_element(By.CSS_SELECTOR, "#board figure svg")
    boxes = loaded.execute_script(
        "return Array.prototype.map.call(arguments[0].querySelectorAll('text'), function (t) {"
        " var b = t.getBBox(); return [b.x, b.x + b.width, t.textContent]; });",
        figure,
    )
    label = next(b for b in boxes if "WWWW" in b[2])
    assert label[2].endswith("\u2026") and len(label[2]) < len(LONG_NAME)
    assert label[0] >= 0, label  # not cut off at the left edge
    assert label[1] <= 262, label  # and clear of the plot area (X0)


def test_long_model_size_stays_in_its_column(loaded):
    from selenium.webdriver.common.by import By

    cell = loaded.find_element(By.CSS_SELECTOR, f"#row-{'w' * 60} td.size")
    assert cell.text.replace("\n", "") == LONG_SIZE
    assert cell.size["width"] < 120, cell.size


def test_narrow_screen_does_not_scroll_sideways(driver, page):  # noqa: F811
    from selenium.webdriver.common.by import By

    # headless Chromium keeps windows at least 500 px wide: emulate the 400 px screen instead
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride", {"width": 400, "height": 900, "deviceScaleFactor": 1, "mobile": False}
    )
    try:
        driver.get(page.as_uri())
        inner, scroll, width = driver.execute_script(
            "var e = document.documentElement; return [e.clientWidth, e.scrollWidth, window.innerWidth];"
        )
        assert width == 400 and scroll <= inner, (scroll, inner, width)
        chart = driver.find_element(By.CSS_SELECTOR, "#board figure svg")
        assert chart.size["width"] <= inner  # the chart scales down rather than scrolls
        _shot(driver, "leaderboard-400px.png")
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
