"""The analyst's edits through the web app, over real HTTP: the analyst token with the form's CSRF
token makes them, the read-only token makes none, every page shows them as the analyst's."""

from __future__ import annotations

import re
import time
from html import unescape
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from firsthand.pipeline.reader import Reader
from firsthand.store import Store
from firsthand.web import Role, WebConfig, create_app

from webapp_server import bearer_client, build_store, million_shells, served

ANALYST, READER = "analyst-token-for-edit-tests", "reader-token-for-edit-tests"


@pytest.fixture(scope="module")
def reader():
    return Reader()


@pytest.fixture
def site(tmp_path, reader):
    db = build_store(tmp_path, reader)
    config = WebConfig(db=db, tokens={ANALYST: Role.ANALYST, READER: Role.READER})
    with served(create_app(config, reader=lambda: reader)) as url:
        yield url, db


def _client(url: str, token: str) -> httpx.Client:
    return bearer_client(url, token)


def _csrf(client: httpx.Client) -> str:
    return re.search(r'name="csrf-token" content="([^"]+)"', client.get("/edits").text)[1]


def _assessed(client: httpx.Client, location: str) -> str:
    """The page an edit's form returned to, once the job it names (assessing the store again) is done."""
    job_id = parse_qs(urlsplit(location).query)["assessing"][0]
    notice = _text(client.get(location).text)
    assert "Your edit is recorded" in notice and f"job {job_id}" in notice
    deadline = time.monotonic() + 120
    while not (job := client.get(f"/api/jobs/{job_id}").json())["finished"]:
        assert time.monotonic() < deadline, "the assessment did not finish"
        time.sleep(0.1)
    assert job["state"] == "done" and job["kind"] == "assess", job
    assert "recorded and applied" in _text(client.get(location).text)
    return urlsplit(location).path


def _text(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html))


def test_an_analyst_overrules_a_grade_merges_entities_and_deletes_a_report(site):
    url, db = site
    with Store(db) as store:
        shells = million_shells(store)
        monitor = next(r.id for r in store.reports() if r.outlet and "Monitor" in r.outlet)
    with _client(url, ANALYST) as client:
        page = client.get(f"/claims/{shells.id}").text
        assert 'value="override-grade"' in page and 'value="mark-wrong"' in page
        token = _csrf(client)
        posted = client.post("/edits", data={"csrf": token, "kind": "override-grade", "target": shells.id, "grade": "C3",
                                             "why": "one briefing only", "next": f"/claims/{shells.id}"})
        assert posted.status_code == 303 and _assessed(client, posted.headers["location"]) == f"/claims/{shells.id}"
        shown = _text(client.get(f"/claims/{shells.id}").text)
        assert f"analyst: was {shells.code}; one briefing only" in shown
        merged = client.post("/edits", data={"csrf": token, "kind": "merge-entities", "target": "org:kor-nis", "into": "KOR",
                                             "next": "https://evil.example/"})
        assert merged.status_code == 303 and _assessed(client, merged.headers["location"]) == "/edits"  # never another site
        listing = _text(client.get("/edits").text)
        assert "override-grade" in listing and "org:kor-nis is KOR" in listing and "web analyst" in listing
        for entity in ("KOR", "org:kor-nis"):  # both sides of the merge say so
            assert "The analyst's edit: org:kor-nis is KOR" in _text(client.get(f"/entities/{entity}").text)
        refused = client.post("/edits", data={"csrf": token, "kind": "override-grade", "target": shells.id, "grade": "Q9"})
        assert refused.status_code == 400 and "not an Admiralty grade" in _text(refused.text)
        deleted = client.post(f"/reports/{monitor}/delete", data={"csrf": token, "why": "off topic"})
        assert deleted.status_code == 303 and client.get(f"/reports/{monitor}").status_code == 404
        assert _assessed(client, deleted.headers["location"]) == "/reports"
    with httpx.Client(base_url=url, timeout=60) as browser:  # a logged-in session, not a bearer token, needs the CSRF token
        token = re.search(r'name="csrf-token" content="([^"]+)"', browser.get("/login").text)[1]
        assert browser.post("/login", data={"csrf": token, "token": ANALYST}).status_code == 303
        assert browser.post("/edits", data={"kind": "note", "target": shells.id, "text": "no token"}).status_code == 403
    with Store(db) as store:
        assert [e.kind for e in store.edits()] == ["override-grade", "merge-entities", "delete"]
        assert {e.who for e in store.edits()} == {"web analyst"}
        assert next(a for a in store.assessments() if a.override).override.note.text == "one briefing only"


def test_the_read_only_token_can_see_the_edits_but_make_none(site):
    url, db = site
    with Store(db) as store:
        shells = million_shells(store)
        report = next(store.reports()).id
    with _client(url, READER) as client:
        assert client.get("/edits").status_code == 200
        page = client.get(f"/claims/{shells.id}").text
        assert "override-grade" not in page and 'action="/edits"' not in page
        token = _csrf(client)
        for path, data in [("/edits", {"kind": "override-grade", "target": shells.id, "grade": "A1"}),
                           ("/edits", {"kind": "merge-entities", "target": "org:kor-nis", "into": "KOR"}),
                           ("/edits", {"kind": "reliability", "target": "Reuters", "section": "outlets", "grade": "E"}),
                           (f"/reports/{report}/delete", {})]:
            assert client.post(path, data={"csrf": token, **data}).status_code == 403
    with Store(db) as store:
        assert store.edits() == [] and store.report(report) is not None
