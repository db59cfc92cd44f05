"""The web app in headless Chromium (Debian's /usr/bin/chromium driven by Playwright)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from firsthand.present.web import Role, WebConfig, create_app
from firsthand.read.reader import Reader
from firsthand.store import Store
from webapp_server import HOSTILE, SHELLS, build_store, served

CHROMIUM = Path("/usr/bin/chromium")
ANALYST = "analyst-token-for-browser-tests"
README_SCREENSHOT = Path(__file__).resolve().parents[1] / "docs" / "img" / "webapp-report.png"

if not CHROMIUM.exists():
    pytest.skip("needs Debian's Chromium at /usr/bin/chromium (apt-get install chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="needs the playwright Python package")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    reader = Reader()
    db = build_store(tmp_path_factory.mktemp("browser"), reader)
    with served(create_app(WebConfig(db=db, tokens={ANALYST: Role.ANALYST}), reader=lambda: reader)) as url:
        yield url, db


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def page(browser, site):
    """One logged-in analyst tab; any dialog (an executed alert) is recorded, and so are page errors."""
    url, _ = site
    context = browser.new_context(viewport={"width": 1100, "height": 800})
    tab = context.new_page()
    tab.dialogs, tab.errors = [], []
    tab.on("dialog", lambda dialog: (tab.dialogs.append(dialog.message), dialog.dismiss()))
    tab.on("console", lambda message: message.type == "error" and tab.errors.append(message.text))
    tab.goto(url + "/")
    assert "/login" in tab.url  # a token is needed on this server
    tab.fill("input[name=token]", ANALYST)
    tab.click("form.login button")
    tab.wait_for_url(url + "/")
    yield tab
    context.close()


def report_id(db: str, text: str) -> str:
    with Store(db) as store:
        return next(report.id for report in store.reports() if report.text == text)


def test_home_and_report_pages(page, site):
    url, _ = site
    page.goto(url + "/")
    page.click("text=All reports")
    page.click("text=North Korea shipped a million shells to Russia, spy agency says")
    assert page.locator("article.report h1").inner_text() == "North Korea shipped a million shells to Russia, spy agency says"
    assert page.locator("a.mention", has_text="Russia").count() >= 1
    assert not page.errors  # the CSP blocked nothing the page needs


def test_highlighted_sentence(page, site, tmp_path):
    url, db = site
    start = SHELLS.index("The National Intelligence Service")
    page.goto(f"{url}/reports/{report_id(db, SHELLS)}?highlight={start}-{start + 30}")
    lit = page.locator(".sentence.hl")
    assert lit.count() == 1 and lit.inner_text().startswith("The National Intelligence Service told lawmakers")
    assert lit.evaluate("node => getComputedStyle(node).backgroundColor") != "rgba(0, 0, 0, 0)"  # the stylesheet loaded
    shot = tmp_path / "report.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    README_SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(shot, README_SCREENSHOT)


def test_hostile_report_renders_as_text(page, site):
    url, db = site
    page.goto(f"{url}/reports/{report_id(db, HOSTILE)}")
    text = page.locator("article.report .text").inner_text()
    assert '<script>alert("xss")</script>' in text and 'onerror="alert(document.cookie)"' in text
    assert page.locator("article.report h1").inner_text() == '<img src=x onerror="alert(1)">Hostile <b>title</b>'
    assert page.locator("article.report img, article.report script, article.report b").count() == 0
    page.goto(url + "/stories/all")
    assert page.dialogs == []


def test_search_finds_a_report(page, site):
    url, _ = site
    page.goto(url + "/")
    page.fill("form.search input[name=q]", "satellite launches")
    page.press("form.search input[name=q]", "Enter")
    page.wait_for_url("**/search?q=*")
    assert page.locator("#result-count").inner_text().startswith("1 report")
    assert page.locator("ol.hits mark").first.inner_text().lower().startswith("satellite")


def test_upload_with_the_analyst_token(page, site, tmp_path):
    url, _ = site
    upload = tmp_path / "kyiv.txt"
    upload.write_text("KYIV, Ukraine — Ukraine's air force said it shot down 20 drones overnight over the Odesa region.\n")
    page.goto(url + "/add")
    page.set_input_files("input[name=files]", str(upload))
    page.click("form.add button")
    page.wait_for_url("**/jobs/*")
    page.wait_for_selector("#job[data-state=done]", timeout=60_000)
    assert page.locator("#job-errors li").count() == 0
    page.click("#job-reports a")
    assert "shot down 20 drones" in page.locator("article.report .text").inner_text()
    assert page.locator("a.mention", has_text="Ukraine").count() == 2  # read: both mentions marked
