"""What a first look at the web app showed (issue 17.7), through real HTTP: a Reports link in the
navigation, a report page that links to its story and claims, the map's coastlines, paged timeline
and places, a refusal a web user can act on, and a job page that counts a known report as known."""

from __future__ import annotations

import re
import time
from dataclasses import replace

import httpx
import pytest

from firsthand.pipeline.reader import Reader
from firsthand.present.dossier import timeline
from firsthand.present.worldmap import countries
from firsthand.store import Store
from firsthand.web import WebConfig, create_app

from conftest import shared_path
from webapp_server import build_store, served


@pytest.fixture(scope="module")
def reader():
    return Reader()


@pytest.fixture(scope="module")
def db(tmp_path_factory, reader):
    return build_store(tmp_path_factory.mktemp("web"), reader, shared_path("seeds"))  # places and dated events


@pytest.fixture(scope="module")
def client(db, reader):
    config = WebConfig(db=db, max_upload=200_000, page_size=1)  # pages of one, to see the paging
    with served(create_app(config, reader=lambda: reader)) as url, httpx.Client(base_url=url, timeout=30) as opened:
        yield opened


def csrf(client: httpx.Client) -> str:
    return re.search(r'name="csrf-token" content="([^"]+)"', client.get("/add").text)[1]


def wait_for(client: httpx.Client, job_page: str) -> dict:
    for _ in range(300):
        job = client.get("/api" + job_page).json()
        if job["finished"]:
            return job
        time.sleep(0.2)
    raise AssertionError("job did not finish")


def test_the_navigation_links_to_the_reports(client):
    nav = re.search(r"<nav>(.*?)</nav>", client.get("/stories").text, re.S)[1]
    assert 'href="/reports"' in nav


def test_a_report_page_links_to_its_story_and_its_claims(client, db):
    with Store(db) as store:
        story = max(store.stories(), key=lambda row: row.size)
        report_id = story.report_ids[0]
        claims = store.reading(report_id).claims
    page = client.get(f"/reports/{report_id}").text
    assert f'href="/stories/{story.id}"' in page
    assert claims and all(f'href="/claims/{claim.id}"' in page for claim in claims)
    assert client.get(f"/claims/{claims[0].id}", follow_redirects=True).status_code == 200


@pytest.mark.skipif(not countries(), reason="needs the Natural Earth shapes package")
def test_the_map_draws_the_coastlines(client):
    page = client.get("/map").text
    assert 'id="ne-world"' in page and 'href="#ne-world"' in page and "cdn" not in page.lower()


def test_the_timeline_and_the_places_are_paged(client, db):
    events = re.search(r'<section id="events">(.*?)</section>', client.get("/timeline").text, re.S)[1]
    assert events.count("<tr><td>") == 1
    assert client.get("/timeline?page=2").status_code == 200
    places = client.get("/map").text
    rows = re.search(r'<table class="places">.*?<tbody>(.*?)</tbody>', places, re.S)[1]
    assert rows.count("<tr>") == 1
    with Store(db) as store:
        assert len(store.places()) > 1 and len(timeline(store.assessments(subject="event"))) > 1
    assert 'rel="next" href="/map?page=2"' in places and 'rel="next" href="/timeline?page=2"' in events


def test_a_refused_address_is_explained_in_the_web_app_s_terms(client):
    posted = client.post("/add", data={"csrf": csrf(client), "url": str(client.base_url) + "/"})
    job = wait_for(client, posted.headers["location"])
    [error] = job["errors"]
    assert "private or local address" in error and "--allow-private" not in error and "upload" in error


def test_a_known_report_is_counted_as_known_on_the_job_page(client, db):
    with Store(db) as store:
        known = next(report for report in store.reports() if report.title)
    body = known.text.encode()
    posted = client.post("/add", data={"csrf": csrf(client)}, files={"files": ("again.txt", body)})
    job = wait_for(client, posted.headers["location"])
    assert job["added"]["new"] == 0 and job["added"]["known"] + job["added"]["merged"] == 1
    page = client.get(posted.headers["location"]).text
    assert re.search(r'new reports: <span id="job-new">0</span>', page)
    assert re.search(r'already stored: <span id="job-known">1</span>', page)


def test_a_story_s_disagreements_and_origins_cells_are_summarised(db):
    from firsthand.model.assessment import Disagreement
    from firsthand.present.dossier import story_view
    from firsthand.web.render import env

    with Store(db) as store:
        story = story_view(store, max(store.stories(), key=lambda row: row.size).id)
    first = story.claim_assessments[0]
    origin = first.origins[0]
    crowded = replace(first, disagreements=tuple(Disagreement("quantity", False, f"{n} vs {n + 1}") for n in range(36)),
                      origins=(origin, replace(origin, key=origin.key + "-again")))
    story.assessments[story.assessments.index(first)] = crowded
    page = env.get_template("story.html").render(story=story, screening=[], role=None, analyst=False, csrf="", csrf_field="csrf",
                                                 q="", tokens=False)
    claims = page.split('<section id="claims">')[1].split("</section>")[0]
    row = next(row for row in claims.split("<tr>") if f'href="/claims/{crowded.id}"' in row)
    assert "36 compatible (quantity)" in row and "quantity, quantity" not in row
    assert row.count(origin.name) == 1
