"""The web app through real HTTP: stories, claims, reports, escaping, security headers, search, map,
tokens, CSRF, adding reports."""

from __future__ import annotations

import re
import time
from html import unescape

import httpx
import pytest
from typer.testing import CliRunner

from firsthand.cli import app as cli
from firsthand.grade.reliability import default_table
from firsthand.model.place import Place
from firsthand.pipeline.reader import Reader
from firsthand.present.dossier import story_view
from firsthand.store import Store
from firsthand.store.store import Located
from firsthand.web import Role, WebConfig, create_app
from firsthand.web.geo import plot
from firsthand.web.passage import excerpt, parse_spans

from conftest import shared_path
from webapp_server import HOSTILE, build_store, million_shells, served

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


@pytest.fixture
def store(db):
    with Store(db) as opened:
        yield opened


def report_id(db: str, text: str) -> str:
    with Store(db) as store:
        return next(report.id for report in store.reports() if report.text == text)


def csrf(client: httpx.Client) -> str:
    page = client.get("/add")
    return re.search(r'name="csrf-token" content="([^"]+)"', page.text)[1]


def text_of(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html))


def section(html: str, name: str) -> str:
    return re.search(rf'<section id="{name}">(.*?)</section>', html, re.S)[1]


def test_every_page_carries_the_security_headers(client, store):
    shells = million_shells(store)
    for path in ("/", "/static/app.js", "/reports/0000000000000000", "/search?q=shells", f"/claims/{shells.id}",
                 f"/stories/{shells.story_id}", "/map"):
        headers = client.get(path).headers
        policy = headers["content-security-policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy and "frame-ancestors 'none'" in policy
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"


def test_home_lists_the_stories_with_size_and_dates(client, store):
    home = client.get("/")
    assert home.status_code == 200
    rows = store.stories()
    assert len(rows) >= 2  # the example story, and the hostile report on its own
    listed = re.findall(r'<li><a href="/stories/([^"]+)">(.*?)</a>\s*<span class="meta">(.*?)</span>', home.text, re.S)
    assert [story_id for story_id, _, _ in listed] == [row.id for row in rows]
    for (_, title, meta), row in zip(listed, rows):
        assert unescape(title) == (row.title or f"Story {row.id}")
        assert meta.startswith(f"{row.size} report") and row.first_published[:10] in meta
    assert f"All {store.count_reports()} reports" in home.text
    assert client.get("/stories/nope").status_code == 404
    assert "/reports/" in client.get("/reports").text


def test_story_page_shows_the_dossier(client, store):
    shells = million_shells(store)
    story = story_view(store, shells.story_id)
    page = client.get(f"/stories/{shells.story_id}").text
    judgements = section(page, "judgements")
    assert [text_of(j) for j in re.findall(r"<li>(.*?)</li>", judgements, re.S)] == [a.judgement for a in story.key_judgements]
    assert f'href="/claims/{shells.id}"' in judgements  # the shells claim is a key judgement
    claims = section(page, "claims")
    assert re.findall(r'href="/claims/(\w+)"', claims) == [a.id for a in story.claim_assessments]
    assert f">{shells.code}</span>" in claims
    events = re.findall(r"<tr><td>((?:since )?[\d-]+)</td>", section(page, "timeline"))
    assert events == [a.event.date.label for a in story.timeline] and events
    assert [e.removeprefix("since ") for e in events] == sorted(e.removeprefix("since ") for e in events)
    sources = section(page, "sources")
    table = default_table()
    for view in story.reports:
        assert f'href="/reports/{view.report.id}"' in sources
        assert f'<span class="reliability r{table.outlet(view.report.outlet).letter}"' in sources


def test_claim_page_quotes_every_report_with_the_claim_marked(client, store):
    shells = million_shells(store)
    assert len(shells.report_ids) >= 2
    page = client.get(f"/claims/{shells.id}")
    assert page.status_code == 200
    assert text_of(re.search(r"<h1>(.*?)</h1>", page.text, re.S)[1]) == shells.text
    assert shells.judgement in text_of(page.text) and shells.explanation in text_of(section(page.text, "explanation"))
    origins = text_of(section(page.text, "origins"))
    assert all(origin.name in origins and origin.reliability.label in origins for origin in shells.origins)
    statements = section(page.text, "statements")
    for report_id_ in shells.report_ids:
        report = store.report(report_id_)
        claims = [c for c in map(store.claim, shells.claim_ids) if c.report_id == report_id_]
        spans = ",".join(f"{c.start}-{c.end}" for c in claims)
        assert f'href="/reports/{report_id_}?highlight={spans}"' in statements
        for claim in claims:
            quote = re.search(rf'data-claim="{claim.id}">(.*?)<mark>(.*?)</mark>(.*?)<span', statements, re.S)
            assert text_of(quote[2]) == report.text[claim.start:claim.end]
            assert report.text[claim.sentence_start:claim.sentence_end] in text_of(quote[1] + quote[2] + quote[3])


def test_a_claim_id_leads_to_its_assessment(client, store):
    shells = million_shells(store)
    found = client.get(f"/claims/{shells.claim_ids[-1]}", follow_redirects=False)
    assert found.status_code == 303 and found.headers["location"] == f"/claims/{shells.id}"
    assert client.get("/claims/0123456789abcdef").status_code == 404


def test_report_page_highlights_the_claim_sentence(client, store):
    shells = million_shells(store)
    claim = store.claim(shells.claim_ids[0])
    page = client.get(f"/reports/{claim.report_id}", params={"highlight": f"{claim.start}-{claim.end}"})
    assert page.status_code == 200
    lit = re.findall(r'<span class="sentence hl"[^>]*>(.*?)</span> ', page.text)
    assert len(lit) == 1 and store.report(claim.report_id).text[claim.start:claim.end] in text_of(lit[0])
    assert page.text.count('class="sentence') == len(store.reading(claim.report_id).sentences)
    assert re.search(r'<a class="mention \w+"[^>]*href="/entities/RUS">Russia</a>', page.text)
    assert client.get(f"/reports/{claim.report_id}", params={"highlight": "9-3"}).status_code == 400


def test_hostile_report_text_renders_as_text(client, db, store):
    page = client.get(f"/reports/{report_id(db, HOSTILE)}").text
    assert "<script>alert" not in page and "<img src=x" not in page and "<b>title</b>" not in page
    assert "&lt;script&gt;alert(&#34;xss&#34;)&lt;/script&gt;" in page
    assert "onerror=&#34;alert(document.cookie)&#34;" in page
    hostile = next(row for row in store.stories() if report_id(db, HOSTILE) in row.report_ids)
    for path in ("/", f"/stories/{hostile.id}", "/reports", "/search?q=markup"):
        listed = client.get(path).text
        assert "<img src=x" not in listed and "<script>alert(3)" not in listed and "&lt;img src=x onerror" in listed, path


def test_entity_page_lists_mentions_across_reports(client, store):
    page = client.get("/entities/PRK")
    assert page.status_code == 200
    mentioning = [r.id for r in store.reports() if any(m.id == "PRK" for m in store.reading(r.id).mentions)]
    assert re.search(rf"\d+ mentions? in {len(mentioning)} reports", page.text)
    first = next(m for m in store.reading(mentioning[0]).mentions if m.id == "PRK")
    assert f'href="/reports/{mentioning[0]}?highlight={first.start}-{first.end}"' in page.text
    assert client.get("/entities/Atlantis").status_code == 404


def test_search_finds_claims_and_reports(client, store):
    shells = million_shells(store)
    found = client.get("/search", params={"q": "artillery"})
    total, hits = store.search_claims("artillery")
    assert total >= len(shells.claim_ids) and f"{total} claims match" in found.text
    claim_hits = section(found.text, "claim-hits")
    assert set(re.findall(r'href="/claims/(\w+)"', claim_hits)) == {hit.claim_id for hit in hits}
    assert "<mark>artillery</mark>" in claim_hits
    assert "report" in section(found.text, "report-hits") and "<mark>artillery</mark>" in section(found.text, "report-hits")
    assert client.get(f"/claims/{hits[0].claim_id}", follow_redirects=True).status_code == 200  # follows to its assessment
    hostile = client.get("/search", params={"q": "script"})
    assert "&lt;" in hostile.text and "<script>alert" not in hostile.text
    assert store.search_claims("satellites")[0] >= 1  # stemmed: "satellite programme"
    for odd in ('"', "NEAR(", "*", "a-b", "AND OR"):
        assert client.get("/search", params={"q": odd}).status_code == 200


def test_timeline_lists_dated_events_and_publication_days(client, store):
    page = client.get("/timeline").text
    # A period is shown from its start ("since 2023-08") and sorted by it.
    dated = re.findall(r'<tr><td>(?:since )?([\d-]+)</td><td><a href="/claims/(\w+)">', section(page, "events"))
    events = [a for a in store.assessments(subject="event") if a.event.date]
    assert sorted(aid for _, aid in dated) == sorted(a.id for a in events) and dated
    assert [date for date, _ in dated] == sorted(date for date, _ in dated)
    published = section(page, "published")
    assert all(day in published for day, _ in store.publication_periods())
    assert "Hostile" in text_of(client.get("/timeline", params={"period": "2023-11-03"}).text)


def test_map_plots_the_geocoded_places(client, store):
    places = store.places()
    assert places
    page = client.get("/map").text
    svg = re.search(r'<svg class="map".*</svg>', page, re.S)[0]  # greedy: the land is an svg inside it
    assert svg.count("<circle") == len(places)
    for located in places:
        assert f'href="/entities/{located.key.replace(":", "%3A")}"' in svg


def located(name: str, lat: float, lon: float, mentions: int = 1) -> Located:
    return Located(f"place:{name}", Place(name, lat, lon, None, "town", "city", name, "test"), mentions, 1)


def test_plot_keeps_places_inside_and_names_them_apart():
    places = [located("Seoul", 37.57, 126.98, 4), located("Incheon", 37.46, 126.71), located("Kyiv", 50.45, 30.52, 2)]
    drawn = plot(places, width=600)
    assert drawn.west < 30.52 and drawn.east > 126.98 and drawn.height >= 0.45 * drawn.width - 1
    for point in drawn.points:
        assert 0 < point.x < drawn.width and 0 < point.y < drawn.height
    by_name = {p.located.place.name: p for p in drawn.points}
    assert by_name["Seoul"].x > by_name["Kyiv"].x and by_name["Kyiv"].y < by_name["Seoul"].y  # east is right, north up
    assert by_name["Seoul"].r > by_name["Kyiv"].r > by_name["Incheon"].r
    assert by_name["Seoul"].label and by_name["Kyiv"].label and not by_name["Incheon"].label  # too close to Seoul
    assert plot([]) is None
    antimeridian = plot([located("Suva", -18.1, 178.4)])
    assert antimeridian.east <= 180 and 0 < antimeridian.points[0].x < antimeridian.width


def test_excerpt_marks_the_claim_within_its_sentence():
    text = "First one. The agency said the shells were sent. Last."
    sentence = (11, 48)
    cut = excerpt(text, sentence, (text.index("the shells"), 47))
    assert (cut.before, cut.marked, cut.after) == ("The agency said ", "the shells were sent", ".")
    clipped = excerpt(text, sentence, (0, 21))  # a span starting before the sentence is clipped to it
    assert clipped.before == "" and clipped.marked == "The agency"


def test_seed_story_traces_the_shells_to_the_intelligence_service(tmp_path_factory, reader):
    seeds = shared_path("seeds", "seeds.jsonl")
    db = build_store(tmp_path_factory.mktemp("seeds"), reader, seeds)
    with Store(db) as store, served(create_app(WebConfig(db=db), reader=lambda: reader)) as url:
        shells = million_shells(store)
        assert len(shells.report_ids) == 2
        page = httpx.get(f"{url}/claims/{shells.id}").text
        origins = text_of(section(page, "origins"))
        assert "National Intelligence Service" in origins and "Yoo Sang-bum" in origins
        statements = section(page, "statements")
        assert all(f'href="/reports/{rid}?highlight=' in statements for rid in shells.report_ids)
        assert len(re.findall(r"<mark>[^<]*million[^<]*</mark>", statements)) >= 2


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


def test_upload_is_ingested_read_and_assessed_in_the_background(client, db):
    text = "ANKARA — Turkey's parliament approved Sweden's NATO membership bid on Tuesday, lawmakers said."
    posted = client.post("/add", data={"csrf": csrf(client)}, files={"files": ("../../ankara.txt", text.encode())})
    assert posted.status_code == 303 and posted.headers["location"].startswith("/jobs/")
    job = wait_for(client, posted.headers["location"])
    assert job["state"] == "done" and job["added"]["new"] == 1 and not job["errors"]
    page = client.get(f"/reports/{job['report_ids'][0]}").text
    assert "upload:" not in page and 'href="/entities/SWE"' in page  # read: entities are marked
    assert client.get("/search", params={"q": "NATO membership"}).text.count("/reports/") >= 1
    with Store(db) as store:  # assessed: the report is in a story
        assert any(job["report_ids"][0] in row.report_ids for row in store.stories())


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
        anonymous = client.get("/stories")
        assert anonymous.status_code == 303 and anonymous.headers["location"].startswith("/login")
        assert client.get("/api/jobs/x").status_code == 401
        reading = {"Authorization": f"Bearer {READER}"}
        assert client.get("/stories", headers=reading).status_code == 200
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
