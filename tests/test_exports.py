"""Every export re-loads with the library that defines its format, and says what the dossier says."""

from __future__ import annotations

import csv
import json

import pytest
import stix2
from followthemoney import model

from firsthand import pipeline
from firsthand.ingest.sources import IngestOptions
from firsthand.model.event import event_id
from firsthand.pipeline.reader import Reader
from firsthand.present.dossier import Dossier, gather
from firsthand.present.exports import FORMATS, export
from firsthand.present.exports.csvfiles import cell
from firsthand.present.exports.records import KINDS, records
from firsthand.present.exports.stix import confidence, stix_id
from firsthand.store import Store

from conftest import shared_path

SMALL = [
    {"outlet": "The Example Times", "published": "2023-11-01T09:00:00+09:00", "title": "Shells for Russia",
     "text": "SEOUL — North Korea has shipped about one million artillery shells to Russia since August, "
             "South Korea's National Intelligence Service told lawmakers on Wednesday.\n"
             "Kim Jong Un met Vladimir Putin at the Vostochny Cosmodrome on Sept. 13, officials said."},
    {"outlet": "Example Wire", "title": "Arms deal",
     "text": "North Korea sent more than one million artillery shells to Russia, the United States said on Thursday.\n"
             "Russia denied that it had received any weapons from North Korea."},
]


@pytest.fixture(scope="module")
def reader() -> Reader:
    return Reader()


@pytest.fixture(scope="module", params=["small", "seeds"])
def dossier(request, tmp_path_factory, reader) -> Dossier:
    folder = tmp_path_factory.mktemp(request.param)
    if request.param == "seeds":
        source = shared_path("seeds", "seeds.jsonl")
    else:
        source = folder / "reports.jsonl"
        source.write_text("\n".join(json.dumps(r) for r in SMALL), encoding="utf-8")
    with Store(str(folder / "t.sqlite")) as store:
        pipeline.ingest(store, [str(source)], IngestOptions())
        pipeline.read(store, reader)
        pipeline.assess(store)
        return gather(store)


def test_confidence_follows_stix2s_admiralty_scale():
    assert [confidence(n) for n in range(1, 7)] == [90, 70, 50, 30, 10, None]


def test_json_round_trip(dossier, tmp_path):
    data = json.loads(export(dossier, "json", tmp_path / "d.json").read_text("utf-8"))
    assert data == {"title": dossier.title, **records(dossier)}
    assert data["reports"] and data["claims"] and data["assessments"]
    assert {c["report_id"] for c in data["claims"]} <= {r["id"] for r in data["reports"]}
    graded = {a["id"] for a in data["assessments"]}
    assert all(c["assessment_id"] in graded for c in data["claims"] if c["assessment_id"])


def test_jsonl_one_record_a_line(dossier, tmp_path):
    lines = export(dossier, "jsonl", tmp_path / "d.jsonl").read_text("utf-8").splitlines()
    rows = [json.loads(line) for line in lines]
    expected = records(dossier)
    for kind in KINDS:
        assert [{k: v for k, v in r.items() if k != "kind"} for r in rows if r["kind"] == kind.rstrip("s")] == expected[kind]


def test_csv_round_trip(dossier, tmp_path):
    folder = export(dossier, "csv", tmp_path / "csv")
    for kind, rows in records(dossier).items():
        with (folder / f"{kind}.csv").open(encoding="utf-8", newline="") as f:
            read = list(csv.DictReader(f))
        assert read == [{k: cell(v) for k, v in row.items()} for row in rows]
    with (folder / "claims.csv").open(encoding="utf-8", newline="") as f:
        first = next(csv.DictReader(f))
    assert isinstance(json.loads(first["chain"]), list)


def test_stix_bundle_parses_and_every_reference_resolves(dossier, tmp_path):
    text = export(dossier, "stix", tmp_path / "d.stix.json").read_text("utf-8")
    bundle = stix2.parse(text, allow_custom=False)
    objects = {o.id: o for o in bundle.objects}
    kinds = {o.type for o in objects.values()}
    assert {"report", "identity", "note", "location", "relationship"} <= kinds
    for o in objects.values():
        refs = list(o.get("object_refs", [])) + [o[k] for k in ("source_ref", "target_ref", "created_by_ref") if k in o]
        assert all(ref in objects for ref in refs), o.id
    assessments = {a.id: a for story in dossier.stories for a in story.assessments}
    for a in assessments.values():
        note = objects[stix_id("note", a.id)]
        assert note.get("confidence") == confidence(a.credibility)
        assert a.code in note.abstract
    assert len([o for o in objects.values() if o.type == "report"]) == sum(len(s.reports) for s in dossier.stories)


def test_ftm_entities_load_and_link(dossier, tmp_path):
    lines = export(dossier, "ftm", tmp_path / "d.ftm.json").read_text("utf-8").splitlines()
    proxies = [model.get_proxy(json.loads(line)) for line in lines]
    ids = {p.id for p in proxies}
    assert len(ids) == len(proxies)
    schemata = {p.schema.name for p in proxies}
    assert {"Article", "Event", "Documentation", "Mention"} <= schemata
    assert schemata & {"Person", "Organization"}
    for proxy in proxies:
        for prop, value in proxy.itervalues():
            if prop.type.name == "entity":
                assert value in ids, f"{proxy.schema.name}.{prop.name} points nowhere"
    events = [p for p in proxies if p.schema.name == "Event"]
    assert all(p.get("proof") for p in events), "every event cites the articles that state it"


def test_plover_records(dossier, tmp_path):
    data = json.loads(export(dossier, "plover", tmp_path / "d.plover.json").read_text("utf-8"))
    events = [e for view in dossier.reports for e in view.reading.events]
    assert [r["id"] for r in data] == [event_id(e) for e in events]
    assert all(r["event"] and "source" in r and "target" in r for r in data)


def test_unknown_format_is_refused(tmp_path):
    with pytest.raises(ValueError, match="unknown export format"):
        export(Dossier("x"), "xml", tmp_path / "x")
    assert set(FORMATS) == {"json", "jsonl", "csv", "stix", "ftm", "plover"}
