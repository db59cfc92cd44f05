"""Observations as first-hand origins (firsthand observe): files read by layout, bad rows named and
skipped, each row stored once; matched to claims by vessel, time and place; counted by grading
as an independent origin, never twice, and shown in the dossier and STIX."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from firsthand.grade.evidence import assess
from firsthand.grade.reliability import default_table
from firsthand.ingest.observations import load_vessels, read_observations
from firsthand.ingest.problem import IngestError
from firsthand.link.observations import ObservationMatcher
from firsthand.link.origins import OriginSet
from firsthand.model.claim import Certainty, Claim, Source
from firsthand.model.observation import Observation
from firsthand.model.place import Place
from firsthand.model.time_expression import TimeExpr
from firsthand.store import Access, Store

from conftest import shared_path

ENCOUNTERS = """fishing_vessel_mmsi,transshipment_vessel_mmsi,start_time,end_time,mean_latitude,mean_longitude,duration_hr,median_distance_km,median_speed_knots
273825610,273825810,2015-04-02T03:10:00Z,2015-04-02T09:40:00Z,42.4612,133.2698,6.5,0.04,0.6
273240400,273825810,2014-08-27T01:00:00Z,2014-08-27T05:00:00Z,42.43,133.25,4,0.03,0.5
273240400,273825810,not a time,2014-08-27T05:00:00Z,42.43,133.25,4,0.03,0.5
273240400,273825810,2014-12-15T01:00:00Z,2014-12-15T05:00:00Z,142.43,133.25,4,0.03,0.5
"""
VESSELS = """mmsi,shipname,callsign,flag,imo,first_timestamp,last_timestamp
273825810,LUCHISTYY,UBCF,RUS,8035087,2012-01-01T00:00:00Z,2018-06-30T00:00:00Z
273240400,SOMEBOAT,UAAA,RUS,1234568,2012-01-01T00:00:00Z,2018-06-30T00:00:00Z
"""


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    encounters, vessels = tmp_path / "encounter-events.csv", tmp_path / "transshipment-vessels.csv"
    encounters.write_text(ENCOUNTERS, "utf-8")
    vessels.write_text(VESSELS, "utf-8")
    return encounters, vessels


def test_a_layout_reads_rows_and_names_bad_ones(files):
    encounters, vessels = files
    table = load_vessels(vessels, "gfw-encounters")
    assert table["273825810"].imo == "8035087" and table["273240400"].imo is None  # 1234568 fails its check digit
    found = list(read_observations(encounters, "gfw-encounters", table))
    good = [o for o in found if isinstance(o, Observation)]
    bad = [str(e) for e in found if isinstance(e, IngestError)]
    assert len(good) == 2
    assert bad == [f"{encounters}:4: begin time 'not a time' is not ISO 8601", f"{encounters}:5: latitude 142.43 is out of range"]
    first = good[0]
    assert first.vessels == ("vessel:imo-8035087", "vessel:mmsi-273825610", "vessel:mmsi-273825810")
    assert first.names == ("LUCHISTYY",) and first.observer == "Global Fishing Watch" and first.observer_kind == "AIS provider"
    assert first.describe() == "an AIS encounter on 2015-04-02 at 42.46 N 133.27 E"
    assert first.source == f"{encounters}:2"


def test_generic_geojson(tmp_path):
    path = tmp_path / "seen.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [129.5, 42.3]},
         "properties": {"time": "2019-03-02T10:00:00Z", "imo": "8905490", "names": "Wise Honest",
                        "kind": "satellite image", "observer": "an imagery group", "observer_kind": "imagery analyst",
                        "description": "a tanker moored at the pier"}},
        {"type": "Feature", "geometry": None, "properties": {}}]}), "utf-8")
    found = list(read_observations(path))
    assert isinstance(found[0], Observation) and isinstance(found[1], IngestError)
    seen = found[0]
    assert seen.vessels == ("vessel:imo-8905490",) and seen.begin == seen.end and seen.lat == 42.3
    assert seen.describe() == "a satellite image on 2019-03-02 at 42.30 N 129.50 E"
    assert str(found[1]) == f"{path}:feature 2: geometry is not a Point"


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return str(tmp_path / "fh.sqlite") if request.param == "sqlite" else request.getfixturevalue("postgres_url")


def test_storing_is_idempotent(files, db):
    encounters, vessels = files
    table = load_vessels(vessels, "gfw-encounters")
    good = [o for o in read_observations(encounters, "gfw-encounters", table) if isinstance(o, Observation)]
    with Store(db, Access.CREATE) as store:
        assert store.add_observations(good) == 2
        assert store.add_observations(good) == 0
        assert store.count_observations() == 2
        assert [o.id for o in store.observations_of(frozenset({"vessel:imo-8035087"}))] == sorted(
            (o.id for o in good), key=lambda i: next(o.begin for o in good if o.id == i))
        assert store.observations_in([good[0].id]) == [good[0]]


def test_the_shared_encounters_all_read(tmp_path):
    folder = shared_path("observations", "gfw-encounters")
    table = load_vessels(folder / "transshipment-vessels.csv", "gfw-encounters")
    found = list(read_observations(folder / "encounter-events.csv", "gfw-encounters", table))
    assert len(found) == 11_681 and not [e for e in found if isinstance(e, IngestError)]


SEEN = Observation("AIS encounter", "Global Fishing Watch", "AIS provider", datetime(2015, 4, 2, 3, 10, tzinfo=UTC),
                   datetime(2015, 4, 2, 9, 40, tzinfo=UTC), 42.46, 133.27, ("vessel:mmsi-273825810", "vessel:imo-8035087"))
NAKHODKA = Place("Nakhodka", 42.82, 132.87, "RUS", "town", "city", "geonames:2019528", "geonames")
SEOUL = Place("Seoul", 37.57, 126.98, "KOR", "town", "capital", "geonames:1835848", "geonames")


def _claim(entity_ids=("vessel:imo-8035087",), date: str | None = "2015-04-02", places=(), origin="org:nis",
           report="r1") -> Claim:
    times = (TimeExpr(0, 5, "April 2, 2015", "DATE", date, "day"),) if date else ()
    chain = (Source("origin", "National Intelligence Service", "intelligence", origin), Source("reporter", "Yonhap", "outlet"))
    return Claim(report, 0, 40, "The Luchistyy met a fishing vessel off Nakhodka", 0, 40, "The Luchistyy", "met", None,
                 chain, Certainty(), entity_ids=entity_ids, times=times, places=places)


def _matcher(published=datetime(2015, 4, 10, tzinfo=UTC)) -> ObservationMatcher:
    return ObservationMatcher([SEEN], {p.id: p for p in (NAKHODKA, SEOUL)}, {"r1": published})


def test_an_observation_matches_on_vessel_time_and_place():
    matcher = _matcher()
    assert matcher.matching([_claim()]) == [SEEN]
    assert matcher.matching([_claim(places=(NAKHODKA.id,))]) == [SEEN]  # ~50 km away
    assert matcher.matching([_claim(entity_ids=("vessel:mmsi-273825810",))]) == [SEEN]  # by MMSI too
    assert matcher.matching([_claim(entity_ids=("vessel:imo-8905490",))]) == []  # another vessel
    assert matcher.matching([_claim(date="2015-05-02")]) == []  # another day
    assert matcher.matching([_claim(date="2015-04")]) == [SEEN]  # a month holding the day
    assert matcher.matching([_claim(places=(SEOUL.id,))]) == []  # about 800 km off
    assert matcher.matching([_claim(entity_ids=("vessel:imo-8035087", "place:sea-of-japan"))]) == [SEEN]  # in its box
    assert matcher.matching([_claim(entity_ids=("vessel:imo-8035087", "place:yellow-sea"))]) == []  # another sea
    assert matcher.matching([_claim(date=None)]) == [SEEN]  # no date stated: seen before it was published
    assert _matcher(datetime(2015, 3, 1, tzinfo=UTC)).matching([_claim(date=None)]) == []  # seen after it


def _assess(claims, seen):
    origins = [OriginSet([c.origin], [c], c.origin.key) for c in claims]
    return assess(claims, origins, {"r1": "Yonhap", "r2": "Reuters"}, table=default_table(), observations=seen)


def test_grading_counts_an_observation_as_an_independent_origin_once():
    alone, evidence, _ = _assess([_claim()], [])
    assert alone.credibility == 2
    observed, evidence, _ = _assess([_claim()], [SEEN])
    assert observed.credibility == 1
    assert [o.kind for o in evidence.origins] == ["intelligence", "observation"]
    assert "an AIS encounter on 2015-04-02 at 42.46 N 133.27 E, by Global Fishing Watch (B: usually reliable)" \
        in observed.explanation and "2 independent origins" in observed.explanation
    twice = Observation(**{**SEEN.__dict__, "begin": datetime(2015, 4, 2, 4, tzinfo=UTC)})
    _, evidence, _ = _assess([_claim()], [SEEN, twice])
    assert len(evidence.origins) == 2 and evidence.origins[1].name.endswith("and 1 more, by Global Fishing Watch")
    # A report citing the observer is that origin: the observation does not count again.
    cited = _claim(origin="org:gfw")
    cited = Claim(**{**cited.__dict__, "chain": (Source("origin", "Global Fishing Watch", "organization", "org:gfw"),
                                                  Source("reporter", "Yonhap", "outlet"))})
    _, evidence, _ = _assess([cited], [SEEN])
    assert [o.kind for o in evidence.origins] == ["organization"]


# A report written for this test (it tests the mechanics, not the reader's accuracy), naming a
# vessel of the encounter above by its IMO number.
REPORT = {"outlet": "Example Wire", "published": "2015-04-10T08:00:00Z", "title": "Reefer took on catch at sea",
          "text": "The Russian refrigerated cargo ship Luchistyy (IMO 8035087) took on fish from a trawler at sea off "
                  "Nakhodka on April 2, 2015, the Federal Fisheries Agency said on Friday."}


def test_a_claim_resting_on_an_observation_end_to_end(files, tmp_path):
    import stix2
    from followthemoney import model

    from firsthand import pipeline
    from firsthand.ingest.sources import IngestOptions
    from firsthand.pipeline.reader import Reader
    from firsthand.present.dossier import gather
    from firsthand.present.exports import export
    from firsthand.present.html import render_html
    from firsthand.present.markdown import render_markdown

    encounters, vessels = files
    source = tmp_path / "report.jsonl"
    source.write_text(json.dumps(REPORT), "utf-8")
    with Store(str(tmp_path / "fh.sqlite")) as store:
        pipeline.ingest(store, [str(source)], IngestOptions())
        pipeline.read(store, Reader())
        pipeline.assess(store)
        [before] = [a for a in store.assessments() if a.subject == "claim"]
        assert before.code == "F6" and not before.observations
        summary = pipeline.observe(store, encounters, "gfw-encounters", vessels)
        assert (summary.rows, summary.new, len(summary.errors)) == (4, 2, 2)
        assert pipeline.assess(store).analysed == 1  # the story's basis holds its vessels' observations
        [after] = [a for a in store.assessments() if a.subject == "claim"]
        assert after.code == "B2" and len(after.observations) == 1
        assert "an AIS encounter on 2015-04-02 at 42.46 N 133.27 E, by Global Fishing Watch (B: usually reliable)" \
            in after.explanation
        assert pipeline.observe(store, encounters, "gfw-encounters", vessels).new == 0
        assert pipeline.assess(store).analysed == 0
        dossier = gather(store)
    text = render_markdown(dossier)
    assert "observation: an AIS encounter on 2015-04-02 at 42.46 N 133.27 E, by Global Fishing Watch" in text
    assert "### Observations" in text
    page = render_html(dossier)
    assert '<span class="observed">observation</span> an AIS encounter on 2015-04-02' in page and "<h3>Observations</h3>" in page
    bundle = stix2.parse(export(dossier, "stix", tmp_path / "d.stix.json").read_text("utf-8"), allow_custom=True)
    objects = {o.id: o for o in bundle.objects}
    [sighting] = [o for o in bundle.objects if o.type == "sighting"]
    observed = objects[sighting.observed_data_refs[0]]
    assert observed.type == "observed-data" and sighting.sighting_of_ref in objects
    assert {objects[r].type for r in observed.object_refs} == {"x-firsthand-vessel"}
    assert {getattr(objects[r], "imo", None) for r in observed.object_refs} >= {"8035087"}
    assert {getattr(objects[r], "name", None) for r in observed.object_refs} == {"LUCHISTYY", None}  # from the vessel table
    proxies = [model.get_proxy(json.loads(line))  # each one valid FtM
               for line in export(dossier, "ftm", tmp_path / "d.ftm.json").read_text("utf-8").splitlines()]
    [seen] = [p for p in proxies if p.schema.name == "Event" and "observation" in p.get("keywords")]
    assert seen.get("name") == ["an AIS encounter on 2015-04-02 at 42.46 N 133.27 E"] and seen.get("publisher") == ["Global Fishing Watch"]
    vessels = {p.id: p for p in proxies if p.schema.name == "Vessel"}  # FtM writes an IMO number with its prefix
    assert {(tuple(v.get("imoNumber")), tuple(v.get("mmsi")), tuple(v.get("name"))) for v in vessels.values()} == {
        (("IMO8035087",), (), ("LUCHISTYY",)), ((), ("273825810",), ("LUCHISTYY",)), ((), ("273825610",), ("MMSI 273825610",))}
    links = [p for p in proxies if p.schema.name == "UnknownLink" and seen.id in (p.get("subject") + p.get("object"))]
    assert {link.get("subject")[0] for link in links if link.get("object") == [seen.id]} == set(vessels)
    [supports] = [link for link in links if link.get("subject") == [seen.id]]
    assert supports.get("role") == ["supports (B2)"] and next(
        p.schema.name for p in proxies if p.id == supports.get("object")[0]) == "Article"
    [record] = [r for r in json.loads(export(dossier, "json", tmp_path / "d.json").read_text("utf-8"))["assessments"]
                if r["subject"] == "claim"]
    assert record["observations"][0].startswith("an AIS encounter on 2015-04-02")


def test_the_command_names_bad_rows_and_goes_on(files, tmp_path):
    import subprocess
    import sys

    encounters, vessels = files
    command = [sys.executable, "-m", "firsthand", "observe", str(encounters), "--layout", "gfw-encounters",
               "--vessels", str(vessels), "--db", str(tmp_path / "o.sqlite")]
    first = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    assert f"error: {encounters}:4: begin time 'not a time' is not ISO 8601" in first.stderr
    assert "observed 4 rows: 2 new, 0 already stored; 2 rows failed" in first.stderr
    again = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert "observed 4 rows: 0 new, 2 already stored; 2 rows failed" in again.stderr
    unknown = subprocess.run([*command[:5], "--layout", "nope"], capture_output=True, text=True, timeout=300)
    assert unknown.returncode == 2 and "layout" in unknown.stderr


def test_the_web_app_marks_an_observation(tmp_path):
    import httpx

    from firsthand.model.assessment import Assessment, Origin, Reliability
    from firsthand.model.report import Report
    from firsthand.model.story import Story, StoryAnalysis
    from firsthand.web import WebConfig, create_app

    from webapp_server import served

    report = Report(text="The Luchistyy (IMO 8035087) took on fish off Nakhodka on April 2, 2015.", outlet="Example Wire",
                    source="test")
    observed = Origin("observation:global fishing watch", SEEN.describe() + ", by Global Fishing Watch",
                      Reliability("B", "AIS"), kind="observation")
    graded = Assessment("a1", "s1", "claim", "The Luchistyy took on fish", ("c1",), (report.id,), (observed,), 2, "B",
                        "likely (55–80%)", "Rests on an AIS encounter.", observations=(SEEN.id,))
    db = str(tmp_path / "w.sqlite")
    with Store(db) as store:
        store.add_report(report)
        store.add_observations([SEEN])
        store.save_stories([StoryAnalysis(Story("s1", (report.id,)), "Reefer", None, None, [], [graded], "basis")])
    with served(create_app(WebConfig(db=db))) as url:
        page = httpx.get(f"{url}/stories/s1", timeout=30).text
    assert '<span class="observed">observation</span> an AIS encounter on 2015-04-02 at 42.46 N 133.27 E' in page
    assert "<h2>Observations</h2>" in page and "Global Fishing Watch (AIS provider)" in page
