"""The analyst's edits in headless Chromium (the harness of test_webapp_browser.py): an analyst merges
two entities and overrules a grade with a note through the forms, each page saying the store is
being assessed again and linking that job, then downloads the story's STIX bundle with the
judgements and her grade in it; a read-only user is offered none of the edits, and the server
refuses them when sent anyway. Downloading is reading: the read-only user may download too."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from firsthand.pipeline.reader import Reader
from firsthand.store import Store
from firsthand.web import Role, WebConfig, create_app

from webapp_server import CHROMIUM, build_store, chromium, million_shells, served

ANALYST, READER = "analyst-token-for-edit-browser", "reader-token-for-edit-browser"

if not CHROMIUM.exists():
    pytest.skip("needs Debian's Chromium at /usr/bin/chromium (apt-get install chromium)", allow_module_level=True)
pytest.importorskip("playwright.sync_api", reason="needs the playwright Python package")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    reader = Reader()
    db = build_store(tmp_path_factory.mktemp("edits-browser"), reader)
    config = WebConfig(db=db, tokens={ANALYST: Role.ANALYST, READER: Role.READER})
    with served(create_app(config, reader=lambda: reader)) as url:
        yield url, db


@pytest.fixture(scope="module")
def browser():
    with chromium() as launched:
        yield launched


def _logged_in(browser, url: str, token: str):
    context = browser.new_context(viewport={"width": 1100, "height": 800})
    tab = context.new_page()
    tab.goto(url + "/")
    tab.fill("input[name=token]", token)
    tab.click("form.login button")
    tab.wait_for_url(url + "/")
    return context, tab


def _after_the_job(tab, url: str) -> None:
    """On the page an edit returned to: follow the notice's link to the job assessing the store
    again, wait for it to finish, and come back."""
    back = tab.url
    assert "Your edit is recorded" in tab.inner_text(".notice.assessing")
    tab.click(".notice.assessing a")
    tab.wait_for_selector("#job[data-state=done]", timeout=120_000)
    assert "Assessing the store again" in tab.inner_text("h1")
    tab.goto(back)
    assert "recorded and applied" in tab.inner_text(".notice.assessing")


def _stix(tab, url: str, story_id: str, folder: Path) -> dict:
    """The story's STIX bundle as its page's download link gives it."""
    tab.goto(url + f"/stories/{story_id}")
    with tab.expect_download() as started:
        tab.click("p.downloads a:text-is('STIX 2.1')")
    folder.mkdir(exist_ok=True)
    saved = folder / started.value.suggested_filename
    started.value.save_as(saved)
    return json.loads(saved.read_text(encoding="utf-8"))


def test_an_analyst_merges_two_entities_and_overrules_a_grade_with_a_note(browser, site):
    url, db = site
    with Store(db) as store:
        shells = million_shells(store)
    context, tab = _logged_in(browser, url, ANALYST)
    try:
        # One report names the agency (org:kor-nis), the other only "South Korea's spy agency" (KOR): one voice.
        tab.goto(url + "/entities/org:kor-nis")
        tab.fill("form.merge-entities input[name=into]", "KOR")
        tab.fill("form.merge-entities input[name=why]", "the agency speaks for the state here")
        tab.click("form.merge-entities button")
        tab.wait_for_url(re.compile(re.escape(url + "/entities/org:kor-nis?assessing=") + "[0-9a-f]+$"))
        _after_the_job(tab, url)
        tab.goto(url + "/edits")
        assert "org:kor-nis is KOR" in tab.inner_text("table.edits")

        tab.goto(url + f"/claims/{shells.id}")
        machine = tab.inner_text(".judgement .grade")
        tab.fill("form.override-grade input[name=grade]", "C3")
        tab.fill("form.override-grade input[name=why]", "one briefing, relayed twice")
        tab.click("form.override-grade button")
        tab.wait_for_url(re.compile(re.escape(url + f"/claims/{shells.id}?assessing=") + "[0-9a-f]+$"))
        _after_the_job(tab, url)
        assert tab.inner_text(".judgement .grade") == "C3"
        assert f"analyst: was {machine}; one briefing, relayed twice" in tab.inner_text(".judgement")
        tab.screenshot(path=str(Path(db).parent / "overruled.png"))

        bundle = _stix(tab, url, shells.story_id, Path(db).parent)
    finally:
        context.close()
    assert bundle["type"] == "bundle" and {o["spec_version"] for o in bundle["objects"]} == {"2.1"}
    notes = [o for o in bundle["objects"] if o["type"] == "note"]
    with Store(db) as store:
        assert [e.kind for e in store.edits()] == ["merge-entities", "override-grade"]
        judgements = [a.judgement for a in store.assessments() if a.story_id == shells.story_id]
    assert judgements and all(any(n["abstract"].endswith(j) for n in notes) for j in judgements)
    mine = [n for n in notes if "analyst" in n.get("labels", [])]
    assert [(n["abstract"], n["content"]) for n in mine] == [(f"the analyst's grade C3 (was {machine})", "one briefing, relayed twice")]


def test_a_read_only_user_can_do_none_of_it_but_may_download(browser, site):
    url, db = site
    with Store(db) as store:
        shells = million_shells(store)
        before = len(store.edits())
    context, tab = _logged_in(browser, url, READER)
    try:
        tab.goto(url + "/entities/org:kor-nis")
        assert tab.locator("form.merge-entities").count() == 0
        tab.goto(url + f"/claims/{shells.id}")
        assert tab.locator("form.edit").count() == 0
        # Sent anyway, with the page's own CSRF token, the server refuses every write.
        statuses = tab.evaluate("""async ([target]) => {
            const csrf = document.querySelector('meta[name=csrf-token]').content;
            const post = (path, fields) => fetch(path, {method: 'POST', headers: {'x-csrf-token': csrf},
                body: new URLSearchParams(fields), redirect: 'manual'}).then(r => r.status);
            return [await post('/edits', {kind: 'merge-entities', target: 'org:kor-nis', into: 'KOR'}),
                    await post('/edits', {kind: 'override-grade', target, grade: 'A1', why: 'no'}),
                    await post('/edits', {kind: 'note', target, text: 'no'})];
        }""", [shells.id])
        assert statuses == [403, 403, 403]
        bundle = _stix(tab, url, shells.story_id, Path(db).parent / "reader")  # reading, which a read-only user may
        assert bundle["type"] == "bundle" and any(o["type"] == "report" for o in bundle["objects"])
    finally:
        context.close()
    with Store(db) as store:
        assert len(store.edits()) == before
