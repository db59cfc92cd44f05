"""Exports as their formats define them: PLOVER dates, textInfo and citeInfo as the PLOVER manual
says, a header on every CSV file, FtM's contentHash only for what it means, and links (HTML
dossier, STIX, FtM) only to http(s) URLs."""

from __future__ import annotations

import csv
import json
import re
from datetime import UTC, datetime
from html import unescape
from pathlib import Path

import pytest
import stix2
from followthemoney import model

from firsthand import pipeline
from firsthand.events.plover_json import to_plover
from firsthand.model.event import Event, EventDate, TextRef
from firsthand.model.report import Report
from firsthand.pipeline.reader import Reader
from firsthand.present.dossier import Dossier, gather
from firsthand.present.exports import export
from firsthand.present.exports.records import KINDS, columns, records
from firsthand.present.exports.stix import stix_bundle, stix_id
from firsthand.present.html import render_html
from firsthand.store import Store

from conftest import shared_path
from hostile import hostile_links

DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
LINKS = hostile_links()


@pytest.fixture(scope="module")
def reader() -> Reader:
    return Reader()


@pytest.fixture(scope="module")
def linked(tmp_path_factory, reader) -> Dossier:
    """A dossier of short reports, one per hostile URL, read and assessed."""
    folder = tmp_path_factory.mktemp("links")
    source = folder / "links.jsonl"
    rows = [{"text": f"North Korea shipped {i + 2} trains of artillery shells to Russia in March, the agency said.",
             "url": case.url, "title": case.name, "outlet": f"Outlet {i}", "published": "2024-04-02"}
            for i, case in enumerate(LINKS)]
    source.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    with Store(str(folder / "t.sqlite")) as store:
        pipeline.ingest(store, [str(source)])
        pipeline.read(store, reader)
        pipeline.assess(store)
        return gather(store)


def _event(date: EventDate | None) -> Event:
    return Event("AID", None, (), [], [], date=date, spans=[TextRef("r1", 0, 10)])


# -- PLOVER ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("date", "expected"), [
    (EventDate("2023-09-13", "day", "Sept. 13"), {"date": "2023-09-13"}),
    (EventDate("2024-03", "month", "in March"), {"date": "2024-03-01", "enddate": "2024-03-31"}),
    (EventDate("2024-02", "month", "February"), {"date": "2024-02-01", "enddate": "2024-02-29"}),
    (EventDate("2023", "year", "this year"), {"date": "2023-01-01", "enddate": "2023-12-31"}),
    (EventDate("2023-W45", "week", "last week"), {"date": "2023-11-06", "enddate": "2023-11-12"}),
    (EventDate("2023-08", "month", "since August", begin="2023-08", end="2023-11-01"), {"date": "2023-08-01", "enddate": "2023-11-01"}),
    (EventDate("PRESENT_REF", None, "now"), {"date": None}),
    (None, {"date": None}),
])
def test_plover_dates_are_days_as_the_manual_asks(date, expected):
    record = to_plover(_event(date))
    assert {key: record[key] for key in expected} == expected
    if "enddate" not in expected:
        assert "enddate" not in record
    if expected["date"] is None:
        assert record["comment"]  # why there is no date
    json.dumps(record)


def test_plover_text_info_is_one_object_and_cite_info_names_the_report():
    report = Report(text="Iran has shipped drones to Venezuela. Officials said so.", url="https://example.org/a",
                    title="Drones", outlet="Example Wire", language="en", published=datetime(2024, 3, 6, tzinfo=UTC))
    event = Event("AID", None, (), [], [], spans=[TextRef(report.id, 0, 37), TextRef(report.id, 38, 56)])
    record = to_plover(event, report)
    assert record["text"] == "Iran has shipped drones to Venezuela."
    assert record["textInfo"] == {"start": 0, "end": 37}
    assert record["citeInfo"] == {"citation": report.id, "url": "https://example.org/a", "title": "Drones",
                                  "publication": "Example Wire", "language": "en"}


def test_plover_export_of_a_build(linked: Dossier, tmp_path: Path):
    data = json.loads(export(linked, "plover", tmp_path / "p.json").read_text("utf-8"))
    assert data
    for record in data:
        assert record["date"] is None or DAY.match(record["date"]), record
        assert "enddate" not in record or DAY.match(record["enddate"]) and record["enddate"] > record["date"]
        assert isinstance(record["textInfo"], dict) and record["citeInfo"]["citation"]
    assert any(r["date"] == "2024-03-01" and r.get("enddate") == "2024-03-31" for r in data), data[:2]


def test_plover_export_of_the_seeds_has_no_empty_or_partial_dates(tmp_path: Path, reader):
    with Store(str(tmp_path / "s.sqlite")) as store:
        pipeline.ingest(store, [str(shared_path("seeds", "seeds.jsonl"))])
        pipeline.read(store, reader)
        pipeline.assess(store)
        data = json.loads(export(gather(store), "plover", tmp_path / "p.json").read_text("utf-8"))
    assert data
    assert all(r["date"] is None or DAY.match(r["date"]) for r in data)
    assert all(DAY.match(r["enddate"]) for r in data if "enddate" in r)
    assert any(r["date"] == "2023-09-13" for r in data)  # Kim and Putin at Vostochny


# -- CSV ------------------------------------------------------------------------------------------


def test_every_csv_file_has_its_header_even_when_empty(tmp_path: Path, linked: Dossier):
    for dossier, folder in ((Dossier("nothing"), tmp_path / "empty"), (linked, tmp_path / "linked")):
        export(dossier, "csv", folder)
        for kind in KINDS:
            with (folder / f"{kind}.csv").open(encoding="utf-8", newline="") as f:
                reader = csv.DictReader(f)
                rows = list(reader)
                assert reader.fieldnames == columns(kind), kind
            assert len(rows) == (0 if dossier is not linked else len(records(linked)[kind])), kind


# -- FollowTheMoney -------------------------------------------------------------------------------


def test_ftm_articles_carry_the_report_id_not_a_fake_content_hash(linked: Dossier, tmp_path: Path):
    lines = export(linked, "ftm", tmp_path / "f.json").read_text("utf-8").splitlines()
    articles = [p for p in (model.get_proxy(json.loads(line)) for line in lines) if p.schema.name == "Article"]
    ids = {view.report.id for view in linked.reports}
    assert articles and {a.first("messageId") for a in articles} == ids
    assert all(not a.get("contentHash") for a in articles)
    links = {case.url for case in LINKS if case.link}
    for article in articles:
        url = next(view.report.url for view in linked.reports if view.report.id == article.first("messageId"))
        assert all(value.lower().startswith(("http://", "https://")) for value in article.get("sourceUrl"))
        if url not in links:
            assert article.get("sourceUrl") == [], url
        elif url == "https://example.org/2023/11/01/shells.html":
            assert article.get("sourceUrl") == [url]


# -- links in the HTML dossier and STIX -----------------------------------------------------------


def test_dossier_and_stix_link_only_to_http_and_https(linked: Dossier):
    html = render_html(linked)
    hrefs = {unescape(href) for href in re.findall(r'href="([^"#][^"]*)"', html)}
    urls = {view.report.url for view in linked.reports}
    assert hrefs & urls == {case.url for case in LINKS if case.link} & urls
    assert not any(href.lower().lstrip().startswith(("javascript", "data:", "vbscript", "file:")) for href in hrefs)
    objects = {o.id: o for o in stix2.parse(stix_bundle(linked).serialize(), allow_custom=False).objects}
    for view in linked.reports:
        report = objects[stix_id("report", view.report.id)]
        [reference] = report.external_references
        linkable = view.report.url in {case.url for case in LINKS if case.link}
        assert reference.get("url") == (view.report.url if linkable else None), view.report.url
