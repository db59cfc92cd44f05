"""Sanctions lists and observations added through the web app, over real HTTP: the analyst token
with the form's CSRF token uploads them, each runs as a background job through the pipeline's
screening and observing, and the read-only token is refused. Skips when ../shared/data is absent."""

from __future__ import annotations

import re

import httpx
import pytest
from sqlalchemy import select
from test_webapp import wait_for

from firsthand.pipeline.reader import Reader
from firsthand.store import Store, screening as stored
from firsthand.store.schema import observation_vessels, observations
from firsthand.web import Role, WebConfig, create_app

from conftest import shared_path
from webapp_server import bearer_client, build_store, served

ANALYST, READER = "analyst-token-for-evidence-tests", "reader-token-for-evidence-tests"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    seeds = shared_path("seeds", "seeds.jsonl")
    reader = Reader()
    db = build_store(tmp_path_factory.mktemp("evidence"), reader, seeds)
    config = WebConfig(db=db, tokens={ANALYST: Role.ANALYST, READER: Role.READER})
    with served(create_app(config, reader=lambda: reader)) as url:
        yield url, db


def _client(url: str, token: str) -> httpx.Client:
    return bearer_client(url, token, timeout=120)


def _csrf(client: httpx.Client) -> str:
    return re.search(r'name="csrf-token" content="([^"]+)"', client.get("/add/evidence").text)[1]


def test_an_analyst_uploads_the_ofac_list_and_the_store_is_screened(site):
    url, db = site
    ofac = shared_path("sanctions", "ofac", "sdn_2024-05-03.csv")
    with _client(url, ANALYST) as client:
        assert 'action="/add/list"' in client.get("/add/evidence").text
        posted = client.post("/add/list", data={"csrf": _csrf(client)}, files={"list": (ofac.name, ofac.read_bytes())})
        assert posted.status_code == 303 and posted.headers["location"].startswith("/jobs/")
        job = wait_for(client, posted.headers["location"])
        assert job["state"] == "done" and not job["errors"], job
        assert any(line.startswith("OFAC SDN 2024-05-03: 14965 entries") and "3 hit(s)" in line for line in job["outcome"])
        page = client.get("/entities/person:kim-jong-un").text
        assert "Sanctions screening" in page and "KIM, Jong Un" in page
    with Store(db) as store:
        [version] = stored.lists(store)
        assert version.source == "upload:sdn_2024-05-03.csv"  # the upload's name, not where it was saved


def test_a_list_without_a_date_fails_its_job_with_the_reason(site):
    url, _ = site
    ftm = shared_path("sanctions", "opensanctions", "t1_entities.ftm.json")
    with _client(url, ANALYST) as client:
        refused = client.post("/add/list", data={"csrf": _csrf(client), "date": "June"}, files={"list": (ftm.name, ftm.read_bytes())})
        assert refused.status_code == 400 and "YYYY-MM-DD" in refused.text
        posted = client.post("/add/list", data={"csrf": _csrf(client)}, files={"list": (ftm.name, ftm.read_bytes())})
        job = wait_for(client, posted.headers["location"])
        assert job["state"] == "failed" and "--date" in job["errors"][0] and "firsthand-upload" not in job["errors"][0]
        posted = client.post("/add/list", data={"csrf": _csrf(client), "date": "2024-06-01"},
                             files={"list": (ftm.name, ftm.read_bytes())})
        job = wait_for(client, posted.headers["location"])
        assert job["state"] == "done" and any("2024-06-01: 6 entries" in line for line in job["outcome"]), job


def test_an_analyst_uploads_ais_encounters_with_their_vessel_table(site):
    url, db = site
    folder = shared_path("observations", "gfw-encounters")
    rows = (folder / "encounter-events.csv").read_text("utf-8").splitlines(keepends=True)[:201]  # the header and 200 encounters
    with _client(url, ANALYST) as client:
        posted = client.post("/add/observations", data={"csrf": _csrf(client), "layout": "gfw-encounters"},
                             files={"observations": ("encounters.csv", "".join(rows).encode()),
                                    "vessels": ("vessels.csv", (folder / "transshipment-vessels.csv").read_bytes())})
        assert posted.status_code == 303
        job = wait_for(client, posted.headers["location"])
        assert job["state"] == "done" and job["outcome"] == ["observed 200 row(s): 200 new, 0 already stored; 0 row(s) failed"], job
        assert "Adding a list or observations" in client.get(posted.headers["location"]).text
        bad = client.post("/add/observations", data={"csrf": _csrf(client), "layout": "nonesuch"},
                          files={"observations": ("encounters.csv", "".join(rows).encode())})
        assert bad.status_code == 400 and "gfw-encounters" in bad.text
    with Store(db) as store, store.engine.connect() as connection:
        sources = [row[0] for row in connection.execute(select(observations.c.source))]
        vessels = [row[0] for row in connection.execute(select(observation_vessels.c.vessel_id))]
    assert len(sources) == 200 and all(s.startswith("upload:encounters.csv:") for s in sources)
    assert any(v.startswith("vessel:imo-") for v in vessels)  # the vessel table tied MMSIs to IMO numbers


def test_the_read_only_token_uploads_nothing(site):
    url, _ = site
    ofac = shared_path("sanctions", "ofac", "sdn_2024-05-03.csv")
    with _client(url, READER) as client:
        assert client.get("/add/evidence").status_code == 403
        token = re.search(r'name="csrf-token" content="([^"]+)"', client.get("/stories").text)[1]
        assert client.post("/add/list", data={"csrf": token}, files={"list": (ofac.name, b"1,\"x\"")}).status_code == 403
        assert client.post("/add/observations", data={"csrf": token}, files={"observations": ("o.csv", b"a,b\n")}).status_code == 403
    with httpx.Client(base_url=url, timeout=60) as browser:  # a logged-in session without the form's token neither
        token = re.search(r'name="csrf-token" content="([^"]+)"', browser.get("/login").text)[1]
        assert browser.post("/login", data={"csrf": token, "token": ANALYST}).status_code == 303
        assert browser.post("/add/list", files={"list": (ofac.name, b"1,\"x\"")}).status_code == 403
