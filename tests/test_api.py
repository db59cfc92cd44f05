"""The read API and the scoped pages, through real HTTP: every page's JSON checked against the
schema the server itself publishes at /openapi.json, with the same tokens and roles as the pages."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import time
import zipfile
from urllib.parse import quote

import httpx
import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from firsthand.model.scope import Scope
from firsthand.pipeline.reader import Reader
from firsthand.present.dossier import gather
from firsthand.present.scope import scope_of
from firsthand.store import Store
from firsthand.web import Role, WebConfig, create_app

from webapp_server import build_store, million_shells, served

ANALYST, READER = "analyst-token-0123456789", "reader-token-0123456789"
SPEC = "urn:firsthand:openapi"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("api"), Reader())


@pytest.fixture(scope="module")
def base(db):
    # Two items a page, so that the three example reports already take two pages.
    config = WebConfig(db=db, tokens={ANALYST: Role.ANALYST, READER: Role.READER}, page_size=2)
    with served(create_app(config)) as url:
        yield url


@pytest.fixture(scope="module")
def client(base):
    with httpx.Client(base_url=base, timeout=60, headers={"authorization": f"Bearer {READER}"}) as opened:
        yield opened


@pytest.fixture(scope="module")
def spec(client) -> dict:
    found = client.get("/openapi.json")
    assert found.status_code == 200
    return found.json()


@pytest.fixture(scope="module")
def story_id(db) -> str:
    with Store(db) as store:
        return million_shells(store).story_id


def valid(spec: dict, client: httpx.Client, route: str, url: str) -> dict:
    """GET `url` (of the API's `route`), check it answered 200 with JSON matching the route's
    response schema in the served OpenAPI document, and return the JSON."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.text[:300])
    assert response.headers["content-type"].startswith("application/json")
    schema = spec["paths"][route]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    registry = Registry().with_resource(SPEC, Resource(contents=spec, specification=DRAFT202012))
    ref = schema["$ref"].replace("#/", f"{SPEC}#/", 1)
    Draft202012Validator({"$ref": ref}, registry=registry).validate(response.json())
    return response.json()


def test_every_page_has_json_matching_its_published_schema(spec, client, story_id, db):
    stories = valid(spec, client, "/api/stories", "/api/stories")
    assert stories["paging"]["total"] >= 2 and len(stories["items"]) == 2
    story = valid(spec, client, "/api/stories/{story_id}", f"/api/stories/{story_id}")
    assert len(story["reports"]) == story["size"] == 2 and story["key_judgements"]
    assert set(story["key_judgements"]) <= {a["id"] for a in story["assessments"]}
    with Store(db) as store:
        graded = million_shells(store)
    claim = valid(spec, client, "/api/claims/{claim_id}", f"/api/claims/{graded.id}")
    assert claim["assessment"]["code"] == graded.code and claim["stated"]
    assert all(s["sentence"] for stated in claim["stated"] for s in stated["statements"])
    report_id = story["reports"][0]["id"]
    report = valid(spec, client, "/api/reports/{report_id}", f"/api/reports/{report_id}")
    assert report["text"] and report["mentions"]
    entity = report["mentions"][0]["entity"]
    mentions = valid(spec, client, "/api/entities/{key}", f"/api/entities/{quote(entity)}")
    assert mentions["mentions"] >= 1 and mentions["items"][0]["mention"]["entity"] == entity
    events = valid(spec, client, "/api/events", "/api/events")
    assert all(item["subject"] == "event" for item in events["items"])
    found = valid(spec, client, "/api/search", "/api/search?q=shells")
    assert found["claims"] >= 1 and any(piece["match"] for piece in found["claim_hits"][0]["snippet"])
    reports = valid(spec, client, "/api/reports", "/api/reports")
    assert reports["paging"]["total"] == 4


def test_pages_follow_as_the_pages_do(spec, client):
    seen, url = [], "/api/reports"
    while url:
        page = valid(spec, client, "/api/reports", url)
        seen += [item["id"] for item in page["items"]]
        url = page["paging"]["next"]
    assert len(seen) == len(set(seen)) == 4


def test_facets_scope_the_json_and_the_pages(spec, client, story_id):
    outlet = valid(spec, client, "/api/reports", "/api/reports?outlet=example%20daily%20(illustrative)")
    assert [item["outlet"] for item in outlet["items"]] == ["Example Daily (illustrative)"]
    november = valid(spec, client, "/api/reports", "/api/reports?since=2023-11&until=2023-11-01")
    assert [item["published"][:10] for item in november["items"]] == ["2023-11-01"]  # 09:00 in Seoul is 00:00 UTC
    scoped = valid(spec, client, "/api/stories", f"/api/stories?story={story_id}")
    assert [item["id"] for item in scoped["items"]] == [story_id]
    confirmed = valid(spec, client, "/api/stories/{story_id}", f"/api/stories/{story_id}?min_grade=2")
    assert all(a["credibility"] <= 2 for a in confirmed["assessments"])
    in_scope = valid(spec, client, "/api/search", "/api/search?q=shells&outlet=nobody")
    assert in_scope["claims"] == in_scope["reports"] == 0
    # The scope reaches the full-text queries as SQL text: quotes, colons and backslashes stay data.
    odd = valid(spec, client, "/api/search", "/api/search?q=shells&since=2023-11-01T09:00:00%2B09:00&outlet=" + quote("o'x:y\\:z%;--"))
    assert odd["claims"] == odd["reports"] == 0
    daily = valid(spec, client, "/api/search", "/api/search?q=rounds&since=2023-11-02T00:00:00%2B00:00&outlet=" + quote("Example Daily (illustrative)"))
    assert daily["reports"] == 1
    bad = client.get("/api/reports?since=soon")
    assert bad.status_code == 400 and "since" in bad.json()["error"]
    assert client.get("/api/stories?min_grade=9").status_code == 400
    page = client.get("/reports?outlet=Example%20Daily%20(illustrative)")
    assert page.status_code == 200 and "More than one million rounds" in page.text and "Spy agency" not in page.text


def test_the_same_tokens_and_roles(base, story_id):
    with httpx.Client(base_url=base, timeout=30) as anonymous:
        refused = anonymous.get("/api/stories")
        assert refused.status_code == 401 and "error" in refused.json()
        assert anonymous.get("/openapi.json").status_code in (303, 401)
        assert anonymous.get(f"/stories/{story_id}/export/stix").status_code in (303, 401)
    for token in (READER, ANALYST):
        with httpx.Client(base_url=base, timeout=30, headers={"authorization": f"Bearer {token}"}) as user:
            assert user.get("/api/stories").status_code == 200


def test_a_story_downloads_as_dossier_and_exports(client, story_id, db):
    with Store(db) as store:
        title = store.story(story_id).title
    markdown = client.get(f"/stories/{story_id}/dossier.md")
    assert markdown.status_code == 200 and "attachment" in markdown.headers["content-disposition"]
    assert title in markdown.text and "Hostile" not in markdown.text  # the other story is not in it
    html = client.get(f"/stories/{story_id}/dossier.html")
    assert html.status_code == 200 and "<html" in html.text
    stix = client.get(f"/stories/{story_id}/export/stix").json()
    assert stix["type"] == "bundle" and any(o["type"] == "report" for o in stix["objects"])
    archive = zipfile.ZipFile(io.BytesIO(client.get(f"/stories/{story_id}/export/csv").content))
    assert "claims.csv" in archive.namelist()
    for fmt in ("json", "jsonl", "ftm", "plover"):
        assert client.get(f"/stories/{story_id}/export/{fmt}").status_code == 200
    assert client.get(f"/stories/{story_id}/export/pdf").status_code == 404
    assert client.get("/stories/nothing/dossier.md").status_code == 404
    story_page = client.get(f"/stories/{story_id}")
    assert f"/stories/{story_id}/export/stix" in story_page.text


def test_scope_in_the_store_and_the_dossier(db, story_id):
    with Store(db) as store:
        assert [r.outlet for r in store.reports(scope_of(outlet="EXAMPLE WIRE (illustrative)"))] == ["Example Wire (illustrative)"]
        assert len(list(store.reports(Scope(limit=2)))) == 2
        assert {r.id for r in store.reports(Scope(story=story_id))} == set(store.story(story_id).report_ids)
        every = list(store.claims())
        graded = list(store.claims(Scope(min_grade=2)))
        assert graded and len(graded) < len(every)
        assert {c.id for c in graded} <= {c for a in store.assessments(scope=Scope(min_grade=2)) for c in a.claim_ids}
        assert list(store.claims(Scope(entity="PRK"))) and not list(store.claims(Scope(entity="no-such-entity")))
        assert len(list(store.events(Scope(min_grade=6)))) <= len(list(store.events()))
        one = gather(store, scope=Scope(story=story_id))
        assert [s.row.id for s in one.stories] == [story_id]
        strict = gather(store, scope=Scope(story=story_id, min_grade=2))
        assert all(a.credibility <= 2 for s in strict.stories for a in s.assessments)
        assert not gather(store, scope=scope_of(until="2020")).stories
    with pytest.raises(ValueError, match="since"):
        scope_of(since="yesterday-ish")
    with pytest.raises(ValueError, match="until"):
        scope_of(since="2023-11-02", until="2023-11-01")


def test_the_command_line_takes_the_scope(db, story_id, tmp_path):
    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "firsthand", *args, "--db", db], capture_output=True, text=True, timeout=300)

    listed = run("reports", "--json", "--since", "2023-11-02", "--until", "2023-11-02")
    assert listed.returncode == 0, listed.stderr
    assert [json.loads(line)["published"][:10] for line in listed.stdout.splitlines()] == ["2023-11-02"]
    claims = run("claims", "--json", "--story", story_id, "--min-grade", "2", "--limit", "1")
    assert claims.returncode == 0 and len(claims.stdout.splitlines()) == 1
    out = tmp_path / "one"
    made = run("dossier", "--story", story_id, "--out", str(out))
    assert made.returncode == 0, made.stderr
    assert "Hostile" not in (out / "dossier.md").read_text()
    exported = run("export", "--story", story_id, "--format", "stix", "--out", str(tmp_path / "s.json"))
    assert exported.returncode == 0 and json.loads((tmp_path / "s.json").read_text())["type"] == "bundle"
    bad = run("events", "--until", "someday")
    assert bad.returncode == 2 and "until" in bad.stderr


# The write API: an analyst's edits and added reports, on a store of its own.


@pytest.fixture(scope="module")
def writes(tmp_path_factory):
    reader = Reader()
    db = build_store(tmp_path_factory.mktemp("api-writes"), reader)
    config = WebConfig(db=db, tokens={ANALYST: Role.ANALYST, READER: Role.READER})
    with served(create_app(config, reader=lambda: reader)) as url, \
            httpx.Client(base_url=url, timeout=60, headers={"authorization": f"Bearer {ANALYST}"}) as analyst:
        yield url, db, analyst


def answered(spec: dict, response: httpx.Response, route: str, method: str, status: int) -> dict:
    """Check `response` has `status` and JSON matching the served schema of the route's answer."""
    assert response.status_code == status, (route, response.text[:300])
    schema = spec["paths"][route][method]["responses"][str(status)]["content"]["application/json"]["schema"]
    registry = Registry().with_resource(SPEC, Resource(contents=spec, specification=DRAFT202012))
    Draft202012Validator({"$ref": schema["$ref"].replace("#/", f"{SPEC}#/", 1)}, registry=registry).validate(response.json())
    return response.json()


def finished(spec: dict, client: httpx.Client, job: dict) -> dict:
    deadline = time.monotonic() + 120
    while not (status := answered(spec, client.get(job["status"]), "/api/jobs/{job_id}", "get", 200))["finished"]:
        assert time.monotonic() < deadline, "the job did not finish"
        time.sleep(0.1)
    assert status["state"] == "done", status
    return status


def test_the_analyst_token_edits_through_the_api_without_a_csrf_token(spec, writes):
    _, db, analyst = writes
    with Store(db) as store:
        shells = million_shells(store)
    made = answered(spec, analyst.post("/api/edits", json={"kind": "override-grade", "target": shells.id, "grade": "c3",
                                                            "why": "one briefing only"}), "/api/edits", "post", 201)
    assert made["who"] == "api analyst" and made["data"]["grade"] == "C3" and made["in_force"]
    assert finished(spec, analyst, made["job"])["kind"] == "assess"
    claim = analyst.get(f"/api/claims/{shells.id}").json()["assessment"]
    assert claim["code"] == "C3"
    split = answered(spec, analyst.post("/api/edits", json={"kind": "split-entity", "target": "KOR", "text": "South Korea's spy agency"}),
                     "/api/edits", "post", 201)
    assert split["data"]["as"].startswith("KOR~")  # `as` filled in as the CLI fills it
    listed = answered(spec, analyst.get("/api/edits"), "/api/edits", "get", 200)
    assert [e["id"] for e in listed["edits"]] == [made["id"], split["id"]]
    assert "override-grade" in {k["name"] for k in listed["kinds"]} and "undo" not in {k["name"] for k in listed["kinds"]}

    undone = answered(spec, analyst.delete(f"/api/edits/{made['id']}", params={"why": "two briefings after all"}),
                      "/api/edits/{edit_id}", "delete", 200)
    assert undone["kind"] == "undo" and undone["target"] == made["id"]
    finished(spec, analyst, undone["job"])
    assert analyst.get(f"/api/claims/{shells.id}").json()["assessment"]["code"] == shells.code
    assert [e["in_force"] for e in analyst.get("/api/edits").json()["edits"]] == [False, True, False]

    for body, word in [({"kind": "override-grade", "target": shells.id, "grade": "Q9"}, "Admiralty"),
                       ({"kind": "merge-entities", "target": "KOR"}, "into"),
                       ({"kind": "sideways", "target": "KOR"}, "sideways"),
                       ({"kind": "delete", "target": "x"}, "DELETE /api/reports")]:
        refused = answered(spec, analyst.post("/api/edits", json=body), "/api/edits", "post", 400)
        assert word in refused["error"], refused
    assert analyst.post("/api/edits", content=b"{not json", headers={"content-type": "application/json"}).status_code == 400
    assert answered(spec, analyst.delete("/api/edits/000000000000"), "/api/edits/{edit_id}", "delete", 404)["error"]


def test_the_analyst_adds_and_deletes_reports_through_the_api(spec, writes):
    _, db, analyst = writes
    text = "SEOUL — A ferry carrying 300 passengers reached Jeju on Tuesday, the coast guard said."  # written for this test
    job = answered(spec, analyst.post("/api/reports", json={"text": text, "name": "../ferry.txt"}), "/api/reports", "post", 202)
    status = finished(spec, analyst, job)
    assert status["kind"] == "add" and status["added"]["new"] == 1
    report_id, = status["report_ids"]
    stored = analyst.get(f"/api/reports/{report_id}").json()
    assert stored["text"].startswith("SEOUL") and stored["source"] == "upload:ferry.txt"
    refused = analyst.post("/api/reports", json={"url": "ftp://example.org/x"})
    assert refused.status_code == 400 and "http" in refused.json()["error"]
    assert analyst.post("/api/reports", json={"url": "https://example.org/", "text": text}).status_code == 400
    deleted = answered(spec, analyst.delete(f"/api/reports/{report_id}", params={"why": "a test"}), "/api/reports/{report_id}", "delete", 200)
    assert deleted["kind"] == "delete" and analyst.get(f"/api/reports/{report_id}").status_code == 404
    finished(spec, analyst, deleted["job"])
    assert analyst.delete(f"/api/reports/{report_id}").status_code == 404


def test_writes_need_the_analyst_token(writes, story_id):
    url, db, _ = writes
    with Store(db) as store:
        before, shells = store.edits(), million_shells(store)
    note = {"kind": "note", "target": shells.id, "text": "no"}
    with httpx.Client(base_url=url, timeout=30, headers={"authorization": f"Bearer {READER}"}) as reader:
        for response in (reader.post("/api/edits", json=note), reader.post("/api/reports", json={"text": "Words."}),
                         reader.delete("/api/edits/000000000000"), reader.delete(f"/api/reports/{shells.report_ids[0]}")):
            assert response.status_code == 403 and "analyst token" in response.json()["error"]
        assert reader.get("/api/edits").status_code == 200  # reading the edits is reading
    with httpx.Client(base_url=url, timeout=30) as anonymous:
        assert anonymous.post("/api/edits", json=note).status_code == 401
        # A logged-in session is a cookie a browser sends by itself: its writes still need the CSRF token.
        token = re.search(r'name="csrf-token" content="([^"]+)"', anonymous.get("/login").text)[1]
        assert anonymous.post("/login", data={"csrf": token, "token": ANALYST}).status_code == 303
        assert anonymous.post("/api/edits", json=note).status_code == 403
        assert anonymous.post("/api/edits", json=note, headers={"x-csrf-token": token}).status_code == 201
    with Store(db) as store:
        assert len(store.edits()) == len(before) + 1
