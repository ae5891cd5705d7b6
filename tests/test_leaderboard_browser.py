"""The leaderboard page in a real headless Chromium: rows, sorting, escaping, details, screenshot.

Needs the Debian packages ``chromium`` and ``chromium-driver`` (``.ci/install-browser``)
and ``selenium`` (the ``test`` extra). Without them the tests are skipped, except in CI
(``CI`` set), where they fail: the page must be tested there. ``BREAKOUT_CHROMIUM`` and
``BREAKOUT_CHROMEDRIVER`` override the binaries; screenshots go to ``tests/artifacts/``
(or ``BREAKOUT_TEST_ARTIFACTS``).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path

import pytest
from leaderboard_helpers import HOSTILE, HOSTILE_META, make_board

from bench import paths
from bench.leaderboard.build import build
from bench.resultsio import load_gold

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("BREAKOUT_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
DRIVER = os.environ.get("BREAKOUT_CHROMEDRIVER") or shutil.which("chromedriver") or "/usr/bin/chromedriver"
ARTIFACTS = Path(os.environ.get("BREAKOUT_TEST_ARTIFACTS") or paths.ROOT / "tests" / "artifacts")
FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1440,1000",
)
HOSTILE_SLUG = "img-src-x-onerror-alert-1"


def _missing() -> list[str]:
    missing = []
    if importlib.util.find_spec("selenium") is None:
        missing.append("the selenium package (pip install -e '.[test]')")
    if not os.access(CHROMIUM, os.X_OK):
        missing.append(f"chromium ({CHROMIUM})")
    if not os.access(DRIVER, os.X_OK):
        missing.append(f"chromedriver ({DRIVER})")
    return missing


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Path:
    root = make_board(tmp_path_factory.mktemp("browser"))
    build(root, load_gold(), bootstrap=50)
    return root / "index.html"


@pytest.fixture(scope="module")
def driver(tmp_path_factory):
    missing = _missing()
    if missing:
        message = "headless Chromium is not available: missing " + ", ".join(missing) + "; run .ci/install-browser"
        if _in_ci():
            pytest.fail(f"CI is set, so the browser tests must run: {message}")
        pytest.skip(message)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*FLAGS, f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    browser = webdriver.Chrome(service=Service(DRIVER), options=options)
    browser.set_page_load_timeout(60)
    yield browser
    browser.quit()


@pytest.fixture
def loaded(driver, page):
    driver.get(page.as_uri())
    return driver


def _slugs(driver) -> list[str]:
    from selenium.webdriver.common.by import By

    return [row.get_attribute("data-slug") for row in driver.find_elements(By.CSS_SELECTOR, "#ranked tbody tr")]


def _click_header(driver, label: str) -> str:
    from selenium.webdriver.common.by import By

    header = next(th for th in driver.find_elements(By.CSS_SELECTOR, "#ranked thead th") if th.text.startswith(label))
    header.find_element(By.TAG_NAME, "button").click()
    return header.get_attribute("aria-sort")


def test_rows_are_present(loaded):
    from selenium.webdriver.common.by import By

    assert _slugs(loaded) == ["oracle", HOSTILE_SLUG, "empty"]
    rows = loaded.find_elements(By.CSS_SELECTOR, "#ranked tbody tr")
    assert all(row.is_displayed() for row in rows)
    assert rows[0].find_element(By.CSS_SELECTOR, "td.system a").text == "Oracle"
    assert "leader" in rows[0].text
    assert len(loaded.find_elements(By.CSS_SELECTOR, "#ranked .bar .ci")) == 18


def test_sorting(loaded):
    assert _click_header(loaded, "System") == "ascending"
    assert _slugs(loaded) == [HOSTILE_SLUG, "empty", "oracle"]  # "<" sorts before letters
    assert _click_header(loaded, "System") == "descending"
    assert _slugs(loaded) == ["oracle", "empty", HOSTILE_SLUG]
    assert _click_header(loaded, "Headline") == "descending"
    assert _slugs(loaded) == ["oracle", HOSTILE_SLUG, "empty"]
    assert _click_header(loaded, "Headline") == "ascending"
    assert _slugs(loaded) == ["empty", HOSTILE_SLUG, "oracle"]
    assert _click_header(loaded, "Rank") == "ascending"
    assert _slugs(loaded) == ["oracle", HOSTILE_SLUG, "empty"]
    assert _click_header(loaded, "Rank") == "descending"
    assert _slugs(loaded) == ["empty", HOSTILE_SLUG, "oracle"]


def test_hostile_name_renders_as_text(loaded):
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    cell = loaded.find_element(By.CSS_SELECTOR, f"#row-{HOSTILE_SLUG} td.system a")
    assert cell.text == HOSTILE
    assert loaded.find_elements(By.TAG_NAME, "img") == []
    assert loaded.execute_script("return typeof window.__pwned") == "undefined"
    with pytest.raises(NoAlertPresentException):
        loaded.switch_to.alert.text  # noqa: B018 - raises when no alert() ran


def test_detail_view(loaded):
    from selenium.webdriver.common.by import By

    detail = loaded.find_element(By.ID, f"sys-{HOSTILE_SLUG}")
    assert not detail.is_displayed()
    loaded.find_element(By.CSS_SELECTOR, f"#row-{HOSTILE_SLUG} td.system a").click()
    assert detail.is_displayed()
    assert detail.find_element(By.TAG_NAME, "h3").text == HOSTILE
    assert HOSTILE_META["description"].splitlines()[0] in detail.text
    assert "Per document (F1)" in detail.text
    assert not loaded.find_element(By.ID, "sys-oracle").is_displayed()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    loaded.save_screenshot(str(ARTIFACTS / "leaderboard-detail.png"))


def test_no_errors_in_the_console(loaded):
    """No script error and no resource or policy violation (the script runs under the page's CSP)."""
    errors = [entry for entry in loaded.get_log("browser") if entry.get("level") == "SEVERE"]
    assert errors == []


def test_screenshot(loaded, tmp_path):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    target = ARTIFACTS / "leaderboard.png"
    assert loaded.save_screenshot(str(target))
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and target.stat().st_size > 10_000
