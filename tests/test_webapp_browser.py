"""The web app in headless Chromium (Debian's /usr/bin/chromium driven by Playwright)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from firsthand.pipeline.reader import Reader
from firsthand.store import Store
from firsthand.web import Role, WebConfig, create_app

from conftest import SHARED_DATA
from webapp_server import CHROMIUM, EXAMPLES, HOSTILE, build_store, chromium, million_shells, served

ANALYST = "analyst-token-for-browser-tests"
# From the example story only: the seeds are others' reporting, not to be copied into the repository.
README_SCREENSHOT = Path(__file__).resolve().parents[1] / "docs" / "img" / "webapp-claim.png"
SEEDS = SHARED_DATA / "seeds" / "seeds.jsonl"

if not CHROMIUM.exists():
    pytest.skip("needs Debian's Chromium at /usr/bin/chromium (apt-get install chromium)", allow_module_level=True)
pytest.importorskip("playwright.sync_api", reason="needs the playwright Python package")


@pytest.fixture(scope="module")
def reader():
    return Reader()


@pytest.fixture(scope="module", params=["seeds", "examples"])
def site(request, tmp_path_factory, reader):
    """The app over the seeds' story (when ../shared/data is beside the checkout) and over the examples'."""
    story = SEEDS if request.param == "seeds" else EXAMPLES
    if not story.exists():
        pytest.skip(f"needs {story} (the public data beside the project; absent in this checkout)")
    db = build_store(tmp_path_factory.mktemp(request.param), reader, story)
    with served(create_app(WebConfig(db=db, tokens={ANALYST: Role.ANALYST}), reader=lambda: reader)) as url:
        yield url, db, request.param


@pytest.fixture(scope="module")
def browser():
    with chromium() as launched:
        yield launched


@pytest.fixture(scope="module")
def page(browser, site):
    """One logged-in analyst tab; any dialog (an executed alert) is recorded, and so are page errors."""
    url = site[0]
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


def test_story_claim_and_highlighted_sentences(page, site, tmp_path):
    """Open the story, click the ~1 million shells claim, see its sentence highlighted in every report."""
    url, db, corpus = site
    with Store(db) as store:
        shells = million_shells(store)
        story = store.story(shells.story_id)
        texts = {rid: store.report(rid).text for rid in shells.report_ids}
        spans = {rid: [texts[c.report_id][c.start:c.end] for c in map(store.claim, shells.claim_ids) if c.report_id == rid]
                 for rid in texts}
    assert len(texts) >= 2
    page.goto(url + "/")
    page.click(f'ul.stories a[href="/stories/{story.id}"]')
    assert page.locator("h1").inner_text() == story.title
    page.locator("#claims").get_by_role("link", name=shells.text, exact=True).click()
    page.wait_for_url(f"**/claims/{shells.id}")
    assert page.locator("article.claim h1").inner_text().lower() == shells.text.lower()  # only the first letter is raised
    assert page.locator(".judgement .grade").inner_text() == shells.code
    quoted = page.locator(".stated")
    assert quoted.count() == len(texts)
    for index in range(quoted.count()):
        marks = quoted.nth(index).locator("blockquote mark")
        assert marks.count() >= 1 and all(m in " ".join(texts.values()) for m in marks.all_inner_texts())
        assert marks.first.evaluate("node => getComputedStyle(node).backgroundColor") != "rgba(0, 0, 0, 0)"
    if corpus == "examples":
        shot = tmp_path / "claim.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 10_000
        if os.environ.get("FIRSTHAND_UPDATE_SCREENSHOT"):  # a test run leaves the checkout as it found it
            shutil.copyfile(shot, README_SCREENSHOT)
    claim_page = page.url
    for index in range(len(texts)):  # each report, opened from the claim page, with the claim's sentences lit
        page.goto(claim_page)
        link = page.locator(".stated a.report-link").nth(index)
        report_id = link.get_attribute("href").split("/reports/")[1].split("?")[0]
        link.click()
        page.wait_for_url(f"**/reports/{report_id}?highlight=*")
        lit = " ".join(page.locator(".sentence.hl").all_inner_texts())
        assert all(" ".join(span.split()) in " ".join(lit.split()) for span in spans[report_id])
        assert page.locator(".sentence.hl").first.is_visible()
    assert not page.errors  # the CSP blocked nothing the page needs


def test_hostile_report_renders_as_text(page, site):
    url, db, _ = site
    page.goto(f"{url}/reports/{report_id(db, HOSTILE)}")
    text = page.locator("article.report .text").inner_text()
    assert '<script>alert("xss")</script>' in text and 'onerror="alert(document.cookie)"' in text
    assert page.locator("article.report h1").inner_text() == '<img src=x onerror="alert(1)">Hostile <b>title</b>'
    assert page.locator("article.report img, article.report script, article.report b").count() == 0
    page.goto(url + "/")
    assert page.locator("ul.stories").inner_text().count('<img src=x onerror="alert(1)">Hostile <b>title</b>') == 1
    assert page.dialogs == []


def test_search_finds_claims_and_reports(page, site):
    url = site[0]
    page.goto(url + "/")
    page.fill("form.search input[name=q]", "artillery")
    page.press("form.search input[name=q]", "Enter")
    page.wait_for_url("**/search?q=*")
    assert not page.locator("#claim-count").inner_text().startswith("0 ")
    assert not page.locator("#result-count").inner_text().startswith("0 ")
    assert page.locator("#claim-hits ol.hits mark").first.inner_text().lower() == "artillery"
    page.locator("#claim-hits ol.hits a").first.click()
    page.wait_for_url("**/claims/*")
    assert page.locator(".stated blockquote mark").count() >= 1


def test_upload_with_the_analyst_token(page, site, tmp_path):
    url = site[0]
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
