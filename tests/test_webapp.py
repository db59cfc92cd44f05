"""The web app through real HTTP: pages, escaping, security headers, search, tokens, CSRF, adding reports."""

from __future__ import annotations

import re
import time
from html import unescape

import httpx
import pytest
from typer.testing import CliRunner

from firsthand.cli import app as cli
from firsthand.present.web import Role, WebConfig, create_app
from firsthand.present.web.passage import parse_spans
from firsthand.read.reader import Reader
from firsthand.store import Store
from webapp_server import HOSTILE, SHELLS, build_store, served

ANALYST, READER = "analyst-token-for-tests", "reader-token-for-tests"


@pytest.fixture(scope="module")
def reader():
    return Reader()


@pytest.fixture(scope="module")
def db(tmp_path_factory, reader):
    return build_store(tmp_path_factory.mktemp("web"), reader)


@pytest.fixture(scope="module")
def base(db, reader):
    with served(create_app(WebConfig(db=db, max_upload=200_000), reader=lambda: reader)) as url:
        yield url


@pytest.fixture
def client(base):
    with httpx.Client(base_url=base, timeout=30) as opened:
        yield opened


def report_id(db: str, text: str) -> str:
    with Store(db) as store:
        return next(report.id for report in store.reports() if report.text == text)


def csrf(client: httpx.Client) -> str:
    page = client.get("/add")
    return re.search(r'name="csrf-token" content="([^"]+)"', page.text)[1]


def test_every_page_carries_the_security_headers(client):
    for path in ("/", "/static/app.js", "/reports/0000000000000000", "/search?q=shells"):
        headers = client.get(path).headers
        policy = headers["content-security-policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy and "frame-ancestors 'none'" in policy
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"


def test_home_lists_the_reports_as_one_collection(client):
    home = client.get("/")
    assert home.status_code == 200 and "All reports" in home.text and "3 reports" in home.text
    story = client.get("/stories/all")
    assert "North Korea shipped a million shells to Russia, spy agency says" in story.text
    assert 'href="/entities/PRK"' in story.text  # most mentioned entities link to their pages
    assert client.get("/stories/nope").status_code == 404


def test_report_page_shows_sentences_mentions_and_the_highlighted_span(client, db):
    rid = report_id(db, SHELLS)
    start = SHELLS.index("The National Intelligence Service")
    page = client.get(f"/reports/{rid}", params={"highlight": f"{start}-{start + 20}"})
    assert page.status_code == 200
    lit = re.findall(r'<span class="sentence hl"[^>]*>(.*?)</span> ', page.text)
    assert len(lit) == 1 and "National Intelligence Service" in unescape(re.sub("<[^>]+>", "", lit[0]))
    assert page.text.count('class="sentence') == 3
    assert re.search(r'<a class="mention \w+"[^>]*href="/entities/RUS">Russia</a>', page.text)
    assert client.get(f"/reports/{rid}", params={"highlight": "9-3"}).status_code == 400


def test_hostile_report_text_renders_as_text(client, db):
    page = client.get(f"/reports/{report_id(db, HOSTILE)}").text
    assert "<script>alert" not in page and "<img src=x" not in page and "<b>title</b>" not in page
    assert "&lt;script&gt;alert(&#34;xss&#34;)&lt;/script&gt;" in page
    assert "onerror=&#34;alert(document.cookie)&#34;" in page
    stories = client.get("/stories/all").text
    assert "<img src=x" not in stories and "&lt;img src=x onerror" in stories


def test_entity_page_lists_mentions_across_reports(client, db):
    page = client.get("/entities/PRK")
    assert page.status_code == 200
    assert re.search(r"\d+ mentions? in 2 reports", page.text)
    rid = report_id(db, SHELLS)
    start = SHELLS.index("North Korea")  # after the dateline's "South Korea"
    assert f'href="/reports/{rid}?highlight={start}-{start + len("North Korea")}"' in page.text
    assert client.get("/entities/Atlantis").status_code == 404


def test_search_finds_reports_and_escapes_snippets(client, db):
    found = client.get("/search", params={"q": "artillery shells"})
    assert "1 report match" in found.text and f"/reports/{report_id(db, SHELLS)}" in found.text
    assert "<mark>artillery</mark>" in found.text
    hostile = client.get("/search", params={"q": "script"})
    assert "&lt;" in hostile.text and "<script>alert" not in hostile.text
    assert client.get("/search", params={"q": "satellites"}).text.count("<li>") >= 1  # stemmed: satellite launches
    for odd in ('"', "NEAR(", "*", "a-b", "AND OR"):
        assert client.get("/search", params={"q": odd}).status_code == 200


def test_timeline_places_and_the_claims_route(client):
    timeline = client.get("/timeline")
    assert all(day in timeline.text for day in ("2023-11-01", "2023-11-02", "2023-11-03"))
    assert "Lawmaker: a million shells" in client.get("/timeline", params={"period": "2023-11-02"}).text
    assert 'href="/entities/place%3Ageonames%3A1835848">Seoul</a>' in client.get("/map").text
    claim = client.get("/claims/c1")
    assert claim.status_code == 404 and "not extracted" in claim.text


def test_writes_need_the_csrf_token(client):
    refused = client.post("/add", data={"url": "https://example.org/"})
    assert refused.status_code == 403
    wrong = client.post("/add", data={"url": "https://example.org/", "csrf": "x" * 43})
    assert wrong.status_code == 403
    foreign = client.post("/add", data={"url": "https://example.org/", "csrf": csrf(client)},
                          headers={"Origin": "https://evil.example"})
    assert foreign.status_code == 403


def wait_for(client: httpx.Client, job_url: str) -> dict:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        job = client.get("/api" + job_url).json()
        if job["finished"]:
            return job
        time.sleep(0.2)
    raise AssertionError("job did not finish")


def test_upload_is_ingested_and_read_in_the_background(client):
    text = "ANKARA — Turkey's parliament approved Sweden's NATO membership bid on Tuesday, lawmakers said."
    posted = client.post("/add", data={"csrf": csrf(client)}, files={"files": ("../../ankara.txt", text.encode())})
    assert posted.status_code == 303 and posted.headers["location"].startswith("/jobs/")
    job = wait_for(client, posted.headers["location"])
    assert job["state"] == "done" and job["added"]["new"] == 1 and not job["errors"]
    page = client.get(f"/reports/{job['report_ids'][0]}").text
    assert "upload:" not in page and 'href="/entities/SWE"' in page  # read: entities are marked
    assert client.get("/search", params={"q": "NATO membership"}).text.count("/reports/") >= 1


def test_oversized_upload_is_refused(client):
    posted = client.post("/add", data={"csrf": csrf(client)}, files={"files": ("big.txt", b"word " * 60_000)})
    assert posted.status_code == 413


def test_url_ingest_refuses_private_addresses(client, base):
    posted = client.post("/add", data={"csrf": csrf(client), "url": base + "/"})
    job = wait_for(client, posted.headers["location"])
    assert job["added"]["new"] == 0 and any("private or local address" in error for error in job["errors"])


def test_tokens_give_roles(db, reader):
    config = WebConfig(db=db, tokens={ANALYST: Role.ANALYST, READER: Role.READER})
    with served(create_app(config, reader=lambda: reader)) as url, httpx.Client(base_url=url) as client:
        anonymous = client.get("/stories/all")
        assert anonymous.status_code == 303 and anonymous.headers["location"].startswith("/login")
        assert client.get("/api/jobs/x").status_code == 401
        reading = {"Authorization": f"Bearer {READER}"}
        assert client.get("/stories/all", headers=reading).status_code == 200
        assert client.get("/add", headers=reading).status_code == 403
        token = re.search(r'name="csrf-token" content="([^"]+)"', client.get("/login").text)[1]
        assert client.post("/login", data={"csrf": token, "token": "guess"}).status_code == 401
        logged = client.post("/login", data={"csrf": token, "token": ANALYST, "next": "//evil.example/"})
        assert logged.status_code == 303 and logged.headers["location"] == "/"
        assert client.get("/add").status_code == 200  # the session cookie carries the analyst role
        client.cookies.set("fh_session", "ANALYST.forged.0000")
        assert client.get("/add").status_code == 303


def test_serve_refuses_other_addresses_without_a_token(tmp_path):
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "x.sqlite"), "--host", "0.0.0.0"], env={"FIRSTHAND_TOKEN": ""})
    assert result.exit_code == 2 and "--token" in result.output


def test_highlight_spans_parse_strictly():
    assert parse_spans("3-9,12-20") == [(3, 9), (12, 20)]
    assert parse_spans(None) == []
    for bad in ("9-3", "a-b", "3", "-1-4"):
        with pytest.raises(ValueError):
            parse_spans(bad)
