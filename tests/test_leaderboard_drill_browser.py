"""The drill-down in a real headless Chromium: system -> document -> missed items; hostile text as text.

Uses the browser fixture of ``test_leaderboard_browser`` (skipped without Chromium, except in
CI). Screenshots go to ``tests/artifacts/`` (git-ignored).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import test_leaderboard_browser as browser
from drill_helpers import HOSTILE_ACTOR, make_drill_board

from bench.leaderboard.build import build
from bench.resultsio import load_gold

pytestmark = pytest.mark.browser
chromium = browser.driver  # the module-scoped browser fixture, under this name


@pytest.fixture(scope="module")
def drill_page(tmp_path_factory) -> Path:
    root = make_drill_board(tmp_path_factory.mktemp("drill-browser"))
    build(root, load_gold(), bootstrap=20)
    return root / "index.html"


def test_system_document_field(chromium, drill_page):
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    chromium.get(drill_page.as_uri())
    chromium.find_element(By.CSS_SELECTOR, "#row-careful td.system a").click()
    system = chromium.find_element(By.ID, "sys-careful")
    assert system.is_displayed() and "Documents (" in system.text
    first = system.find_element(By.CSS_SELECTOR, "table.documents tbody tr a")
    doc_id = first.text
    first.click()
    doc = chromium.find_element(By.ID, "doc-careful-0")
    assert doc.is_displayed() and not system.is_displayed()
    assert doc_id in doc.find_element(By.TAG_NAME, "h3").text
    actor = doc.find_element(By.CSS_SELECTOR, 'tr[data-field="actor"]')
    missed = actor.find_elements(By.CSS_SELECTOR, "td.missed li")
    spurious = actor.find_elements(By.CSS_SELECTOR, "td.spurious li")
    assert missed and all(li.is_displayed() and "(gold " in li.text for li in missed)
    assert any(HOSTILE_ACTOR in li.text for li in spurious)  # shown as text, not as an image
    assert chromium.find_elements(By.TAG_NAME, "img") == []
    browser.ARTIFACTS.mkdir(parents=True, exist_ok=True)
    chromium.save_screenshot(str(browser.ARTIFACTS / "leaderboard-drill-document.png"))
    doc.find_element(By.LINK_TEXT, "Back to the system").click()
    assert system.is_displayed() and not doc.is_displayed()
    with pytest.raises(NoAlertPresentException):
        chromium.switch_to.alert.text  # noqa: B018 - raises when no alert() ran


def test_generative_completion_and_validity(chromium, drill_page):
    from selenium.webdriver.common.by import By

    chromium.get(drill_page.as_uri() + "#sys-chatty-llm")
    system = chromium.find_element(By.ID, "sys-chatty-llm")
    assert "Parse failures" in system.text and "Headline F1 over the runs" in system.text
    header = [th.text for th in chromium.find_elements(By.CSS_SELECTOR, "#ranked thead th")]
    assert "Parse / schema failures" in header and "Run range" in header
    chromium.get(drill_page.as_uri() + "#doc-chatty-llm-0")
    doc = chromium.find_element(By.ID, "doc-chatty-llm-0")
    pre = doc.find_element(By.CSS_SELECTOR, "pre.completion")
    assert pre.is_displayed() and pre.text.startswith("</pre><script>window.__pwned = 2</script>")
    assert "Cut: the first" in doc.text and "parse_error" in doc.text
    assert chromium.execute_script("return typeof window.__pwned") == "undefined"
    errors = [e for e in chromium.get_log("browser") if e.get("level") == "SEVERE"]
    assert errors == []
    chromium.execute_script("arguments[0].scrollIntoView()", pre)
    chromium.save_screenshot(str(browser.ARTIFACTS / "leaderboard-drill-completion.png"))
