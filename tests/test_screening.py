"""Sanctions screening on the shared lists: the list formats read, names matched with the bars of
docs/RESULTS.md, vessels matched by IMO number, the seeds screened end to end with every hit a real
listing, and the dossier and exports showing it. Skips when ../shared/data is absent."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
import stix2
from followthemoney import model

from firsthand import pipeline
from firsthand.ingest.sources import IngestOptions
from firsthand.model.mention import Mention
from firsthand.model.reading import Reading
from firsthand.model.report import Report
from firsthand.model.screening import HIT, SanctionsList, Screened
from firsthand.pipeline.reader import Reader
from firsthand.pipeline.screening import load_lists, screen_store
from firsthand.present.dossier import gather
from firsthand.present.exports.ftm import ftm_entities
from firsthand.present.exports.stix import stix_bundle
from firsthand.present.markdown import render_markdown
from firsthand.screen.lists import ListError, read_list
from firsthand.screen.match import ListIndex, screen_one
from firsthand.screen.versions import in_force
from firsthand.store import Store, screening as stored
from firsthand.web import WebConfig, create_app

from conftest import shared_path
from webapp_server import served


def _un() -> Path:
    return shared_path("sanctions", "un", "UN_consolidated_2025-04-19.xml")


def _ofac() -> Path:
    return shared_path("sanctions", "ofac", "sdn_2024-05-03.csv")


@pytest.fixture(scope="module")
def ofac_index() -> ListIndex:
    version, entries = read_list(_ofac())
    return ListIndex(version.id, entries)


def test_un_list_read_with_its_date_aliases_and_original_script():
    version, entries = read_list(_un())
    assert (version.series, version.date, version.format) == ("UN Security Council consolidated list", "2025-04-19", "un-xml")
    by_ref = {e.entry_id: e for e in entries}
    assert len(entries) == 877 and by_ref["KPe.001"].kind == "organization"
    assert "KOMID" in by_ref["KPe.001"].aliases and by_ref["KPe.001"].programmes == ("DPRK",)
    assert by_ref["TAi.005"].listed_on == "2001-02-23" and "محمد طاهر أنوري" in by_ref["TAi.005"].aliases
    assert "Haji Mudir" in by_ref["TAi.005"].weak_aliases  # "Low" quality: never a hit alone


def test_ofac_list_read_with_programmes_aliases_and_imo_numbers():
    version, entries = read_list(_ofac())
    assert (version.series, version.date) == ("OFAC SDN", "2024-05-03")  # the date from the file's name
    by_ref = {e.entry_id: e for e in entries}
    kim = by_ref["20157"]
    assert (kim.kind, kim.name, kim.programmes, kim.birth_dates) == ("person", "KIM, Jong Un", ("DPRK3",), ("1984-01-08",))
    assert "Jong Un KIM" in kim.aliases
    assert "Vladimir PUTIN" in by_ref["35096"].aliases  # the patronymic left out, as reports do
    assert not any(a.startswith("Jong KIM") for e in entries for a in e.aliases)  # a Korean given name is whole
    ebano = by_ref["4243"]
    assert (ebano.kind, ebano.imo) == ("vessel", "7406784") and {"ANA I", "SAND SWAN"} <= set(ebano.aliases)
    assert sum(1 for e in entries if e.imo) == 842  # of 851 vessels, those with a valid IMO number


def test_a_list_without_a_date_is_refused(tmp_path):
    copy = tmp_path / "sdn.csv"
    copy.write_bytes(_ofac().read_bytes()[:2000].rsplit(b"\n", 1)[0] + b"\n")
    with pytest.raises(ListError, match="--date"):
        read_list(copy)
    assert read_list(copy, date="2024-01-02")[0].date == "2024-01-02"


def test_ftm_list_read_with_its_sanctions():
    version, entries = read_list(shared_path("sanctions", "opensanctions", "zala_entities.ftm.json"), date="2024-06-01",
                                 series="OpenSanctions sample")
    assert version.id == "opensanctions-sample@2024-06-01" and version.format == "ftm"
    assert {e.kind for e in entries} <= {"person", "organization", "vessel"} and len(entries) == 17
    assert any(e.listed_on for e in entries)


def test_name_matching_bars():
    from bench.screen_names import run
    from firsthand.screen.match import name_similarity

    result = run(name_similarity)
    assert result["recall"] >= 0.98 and result["false_positive_rate"] <= 0.01 and result["precision"] >= 0.98


def test_a_surname_alone_or_a_vessel_name_alone_is_never_a_hit(ofac_index):
    assert not [m for m in screen_one(Screened("person:kim", "person", "Kim"), ofac_index) if m.level == HIT]
    ebano = screen_one(Screened("vessel:ebano", "vessel", "Ebano"), ofac_index)
    assert ebano and all(m.level != HIT for m in ebano)  # the name alone: a candidate


@pytest.mark.parametrize("name", ["IMO 7406784", "Ebano", "EBANNO", "Sand Swan"])
def test_a_vessel_is_a_hit_by_imo_number_whatever_its_spelling(ofac_index, name):
    [match] = [m for m in screen_one(Screened("vessel:imo-7406784", "vessel", name, imo="7406784"), ofac_index) if m.level == HIT]
    assert (match.entry_id, match.matched, match.score) == ("4243", "IMO 7406784", 1.0)


def test_a_vessel_row_in_the_store_is_screened_by_its_imo(tmp_path):
    """A Mention as the vessel reader writes it (kind "vessel", id vessel:imo-N), made here, not read."""
    with Store(str(tmp_path / "fh.sqlite")) as store:
        text = "The tanker Ebbano was seen off Nakhodka."
        report = Report(text=text, source="test")
        store.add_report(report)
        store.save_reading(Reading(report.id, mentions=[Mention(11, 17, "Ebbano", "VESSEL", "vessel", "vessel:imo-7406784", "Ebbano")]), "test")
        load_lists(store, [_ofac()])
        summary = screen_store(store)
        assert summary.entities == 1
        [match] = stored.matches(store)
        assert (match.entity_id, match.entry_id, match.level) == ("vessel:imo-7406784", "4243", HIT)


def test_the_version_in_force_when_a_report_was_published():
    old, new = (SanctionsList(f"l@{d}", "L", d, "f", "ofac-csv") for d in ("2023-01-01", "2024-01-01"))
    other = SanctionsList("m@2025-01-01", "M", "2025-01-01", "g", "un-xml")
    assert in_force([old, new, other], ["2023-06-01"]) == [old, other]  # M is later than the report: its earliest
    assert in_force([old, new], ["2023-06-01", "2024-02-01"]) == [old, new]
    assert in_force([old, new], []) == [old]


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory) -> str:
    source = shared_path("seeds", "seeds.jsonl")
    db = str(tmp_path_factory.mktemp("seeds") / "fh.sqlite")
    with Store(db) as store:
        pipeline.ingest(store, [str(source)], IngestOptions())
        pipeline.read(store, Reader())
        pipeline.assess(store)
        load_lists(store, [_ofac(), _un()])
        screen_store(store)
    return db


@pytest.fixture
def seeds(seeds_db):
    with Store(seeds_db) as store:
        yield store


def test_seeds_hits_are_the_three_listed_leaders_on_ofac_and_none_on_the_un_list(seeds):
    hits = {(m.entity_id, m.list_id, m.entry_id) for m in stored.matches(seeds) if m.level == HIT}
    # Every hit, checked against the listing: the three leaders the seed reports name, all on OFAC.
    assert hits == {("person:kim-jong-un", "ofac-sdn@2024-05-03", "20157"),
                    ("person:vladimir-putin", "ofac-sdn@2024-05-03", "35096"),
                    ("person:sergei-shoigu", "ofac-sdn@2024-05-03", "35173")}
    entries = stored.entries(seeds, "ofac-sdn@2024-05-03", ["20157", "35096", "35173"])
    assert {e.entry_id: e.programmes for e in entries.values()} == {
        "20157": ("DPRK3",), "35096": ("RUSSIA-EO14024",), "35173": ("RUSSIA-EO14024",)}


def test_seeds_dossier_shows_hits_and_screened_no_match(seeds):
    dossier = gather(seeds)
    [story] = [s for s in dossier.stories if s.screening]
    by_id = {s.entity_id: s for s in story.screening}
    kim = by_id["person:kim-jong-un"]
    assert [h.label for h in kim.hits] == ['OFAC SDN of 2024-05-03, entry 20157 "KIM, Jong Un" (DPRK3)']
    assert any(o.startswith("UN Security Council consolidated list of 2025-04-19") and o.endswith("screened, no match")
               for o in kim.outcomes)
    assert all(o.endswith("screened, no match") for s in story.screening for o in s.outcomes if o.startswith("UN "))
    text = render_markdown(dossier)
    assert "### Sanctions screening" in text and "screened, no match" in text and "PUTIN, Vladimir Vladimirovich" in text


def test_seeds_exports_carry_the_hits(seeds):
    dossier = gather(seeds)
    bundle = json.loads(stix_bundle(dossier).serialize())
    related = [o for o in bundle["objects"] if o["type"] == "relationship" and o["relationship_type"] == "related-to"]
    assert len(related) == 3 and all("Sanctions screening hit" in o["description"] for o in related)
    stix2.parse(bundle, allow_custom=False)
    proxies = ftm_entities(dossier)
    links = [p for p in proxies if p.schema.name == "UnknownLink"]
    sanctions = {tuple(p.get("authorityId")) for p in proxies if p.schema.name == "Sanction"}
    assert len(links) == 3 and sanctions == {("20157",), ("35096",), ("35173",)}
    for p in proxies:
        model.get_proxy(p.to_dict())  # each one valid FtM


def test_seeds_web_pages_show_the_screening(seeds, seeds_db):
    story = next(s for s in gather(seeds).stories if s.screening)
    with served(create_app(WebConfig(db=seeds_db))) as url, httpx.Client(base_url=url, timeout=30) as client:
        page = client.get("/entities/person:kim-jong-un").text
        assert "Sanctions screening" in page and "KIM, Jong Un" in page and "screened, no match" in page
        page = client.get(f"/stories/{story.row.id}").text
        assert "PUTIN, Vladimir Vladimirovich" in page and "SHOIGU, Sergei Kuzhugetovich" in page


def test_screen_command_on_a_store(seeds_db, tmp_path):
    from typer.testing import CliRunner

    from firsthand.cli import app

    ftm = shared_path("sanctions", "opensanctions", "t1_entities.ftm.json")
    result = CliRunner().invoke(app, ["screen", "--db", seeds_db, "--list", str(ftm)])
    assert result.exit_code != 0 and "--date" in result.output  # a FtM file carries no date of its own
    result = CliRunner().invoke(app, ["screen", "--db", seeds_db, "--list", str(ftm), "--date", "2024-06-01", "--list-name", "EU FSF sample"])
    assert result.exit_code == 0, result.output
    assert "EU FSF sample 2024-06-01: 6 entries; 11 entities screened" in result.output
    assert "OFAC SDN 2024-05-03: 14965 entries; 11 entities screened, 3 hits" in result.output


def test_a_name_in_its_original_script_is_matched():
    version, entries = read_list(_un())
    [hit] = [m for m in screen_one(Screened("person:x", "person", "محمد طاهر أنوري"), ListIndex(version.id, entries))
             if m.level == HIT]
    assert hit.entry_id == "TAi.005"


def test_an_entity_the_analyst_merged_is_screened_under_its_merged_id(tmp_path):
    """The reader kept "Kim Jong Un" apart from "Marshal Kim" (made here, not read); once the analyst
    merges them, the hit is the merged entity's, and its pages show it there."""
    from firsthand.pipeline.edits import record
    from firsthand.present.screening import screening_of

    with Store(str(tmp_path / "fh.sqlite")) as store:
        text = "Kim Jong Un visited. Marshal Kim left."
        report = Report(text=text, source="test")
        store.add_report(report)
        store.save_reading(Reading(report.id, mentions=[
            Mention(0, 11, "Kim Jong Un", "PERSON", "person", "person:kim-jong-un", "Kim Jong Un"),
            Mention(21, 32, "Marshal Kim", "PERSON", "person", "person:marshal-kim", "Marshal Kim")]), "test")
        load_lists(store, [_ofac()])
        screen_store(store)
        assert {m.entity_id for m in stored.matches(store) if m.level == HIT} == {"person:kim-jong-un"}
        record(store, "merge-entities", "person:kim-jong-un", "test analyst", into="person:marshal-kim")
        summary = screen_store(store)
        assert summary.entities == 1
        assert {(m.entity_id, m.entry_id) for m in stored.matches(store) if m.level == HIT} == {("person:marshal-kim", "20157")}
        assert set(stored.screened_on(store)) == {"person:marshal-kim"}  # the merged-away id is screened no more
        [shown] = screening_of(store, report_ids=[report.id])
        assert shown.entity_id == "person:marshal-kim" and [h.entry.entry_id for h in shown.hits] == ["20157"]
