"""The analyst's edits (issue 17, parts 1, 2 and 5): each kind recorded, applied after the machine's
reading on every assess and dossier, shown as the analyst's, surviving `assess --fresh` and a
rebuild, exported, undoable; the user's reliability table; deleting reports, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from firsthand import pipeline
from firsthand.cli import app as cli
from firsthand.grade.edits import Corrections, parse_grade
from firsthand.grade.reliability import ReliabilityError, ReliabilityTable, default_table
from firsthand.model.edit import KINDS, Edit, EditError, active
from firsthand.model.mention import Mention
from firsthand.pipeline import edits as editing
from firsthand.pipeline.reader import Reader
from firsthand.present.dossier import gather
from firsthand.present.exports import export
from firsthand.present.markdown import write_markdown
from firsthand.store import Added, Store

from conftest import ROOT

EXAMPLES = ROOT / "examples" / "reports.jsonl"  # written for the project


@pytest.fixture(scope="module")
def reader():
    return Reader()


def _build(db: str, reader: Reader) -> None:
    with Store(db) as store:
        pipeline.ingest(store, [str(EXAMPLES)])
        pipeline.read(store, reader)
        pipeline.assess(store)


@pytest.fixture(scope="module")
def template(tmp_path_factory, reader) -> Path:
    path = tmp_path_factory.mktemp("edits") / "template.sqlite"
    _build(str(path), reader)
    return path


@pytest.fixture
def db(template, tmp_path) -> str:
    copy = tmp_path / "t.sqlite"
    shutil.copyfile(template, copy)
    return str(copy)


def _claim(store: Store, words: str):
    return next(a for a in store.assessments(subject="claim") if words in a.text)


def _report_id(store: Store, outlet: str) -> str:
    return next(r.id for r in store.reports() if r.outlet and outlet in r.outlet)


def _rebuild(db: str, reader: Reader) -> None:
    """What a user reruns: ingest the same inputs, read what is unread, assess from scratch."""
    with Store(db) as store:
        summary = pipeline.ingest(store, [str(EXAMPLES)])
        assert summary.added[Added.NEW] == 0
        pipeline.read(store, reader)
        pipeline.assess(store, fresh=True)


def test_every_kind_survives_assess_fresh_and_a_rebuild_and_is_exported(db, reader, tmp_path):
    with Store(db) as store:
        shells = _claim(store, "1 million artillery shells")
        denial = next(c for c in store.claims() if "denies" in c.text)
        daily, monitor = _report_id(store, "Daily"), _report_id(store, "Monitor")
        story = store.stories()[0]
        made = [
            editing.record(store, "merge-entities", "org:kor-nis", "ana", "one agency", into="KOR"),
            editing.record(store, "split-entity", "KOR", "ana", "the capital, not the state", text="SEOUL", **{"as": "place:seoul"}),
            editing.record(store, "mark-wrong", denial.id, "ana", "misread: the denial is the outlet's summary"),
            editing.record(store, "override-grade", shells.id, "ana", "the lawmaker relays the NIS", grade="b3"),
            editing.record(store, "reliability", "Example Wire (illustrative)", "ana", "house rule", section="outlets", grade="E"),
            editing.record(store, "note", shells.id, "ana", text="ask the desk for the briefing"),
            editing.record(store, "note", story.id, "ana", text="watch this one"),
        ]
        editing.delete_reports(store, [monitor], "ana", "off topic")
        assert {e.kind for e in store.edits()} == set(KINDS) - {"undo"}
        pipeline.assess(store)

    def check(store: Store) -> None:
        graded = store.assessments()
        overruled = [a for a in graded if a.override is not None]
        assert len(overruled) == 1 and overruled[0].code == "B3" and overruled[0].override.was == shells.code
        assert "(B3 (analyst: was " in overruled[0].judgement and "the lawmaker relays the NIS; by ana" in overruled[0].judgement
        assert any(n.text == "ask the desk for the briefing" for n in overruled[0].notes)
        assert any(n.text == "on the story: watch this one" for a in graded for n in a.notes)
        assert not any(denial.id in a.claim_ids for a in graded)  # left out of grading
        assert "org:kor-nis" not in {o.key for a in graded for o in a.origins}  # merged into KOR
        assert store.report(monitor) is None and daily in {r for row in store.stories() for r in row.report_ids}
        dossier = gather(store)
        wire = next(v for v in dossier.reports if v.report.outlet == "Example Wire (illustrative)")
        assert wire.reliability.letter == "E" and wire.reliability.why.startswith("the analyst's (ana): house rule; was ")
        mentions = {(m.text, m.id) for v in dossier.reports for m in v.known_reading.mentions}
        assert ("SEOUL", "place:seoul") in mentions and not any(i == "org:kor-nis" for _, i in mentions)
        markdown = write_markdown(dossier, tmp_path / "md").read_text("utf-8")
        assert "## The analyst's edits" in markdown and f"~~claim “{denial.text}”~~" in markdown
        exported = json.loads(export(dossier, "json", tmp_path / "e.json").read_text("utf-8"))
        assert {e["kind"] for e in exported["edits"]} == {e.kind for e in made} | {"delete"}
        row = next(a for a in exported["assessments"] if a["grade"] == "B3")
        assert row["machine_grade"] == shells.code and "ana: the lawmaker relays the NIS" in row["analyst_notes"]
        assert "edits.csv" in {p.name for p in export(dossier, "csv", tmp_path / "csv").iterdir()}
        stix = json.loads(export(dossier, "stix", tmp_path / "s.json").read_text("utf-8"))["objects"]
        analysts = [o for o in stix if o["type"] == "note" and o["authors"] == ["ana"]]
        assert {o["abstract"] for o in analysts} == {f"the analyst's grade B3 (was {shells.code})", "the analyst's note"}

    with Store(db) as store:
        check(store)
        pipeline.assess(store, fresh=True)
        check(store)
    _rebuild(db, reader)
    with Store(db) as store:
        check(store)
        assert store.count_reports() == 2  # the deleted report was not ingested again


def test_an_undo_restores_the_machines_reading_and_is_recorded(db):
    with Store(db) as store:
        shells = _claim(store, "1 million artillery shells")
        override = editing.record(store, "override-grade", shells.id, "ana", grade="F6")
        pipeline.assess(store)
        assert _claim(store, "1 million artillery shells").code == "F6"
        undo = editing.record(store, "undo", override.id, "bo", "on second thought")
        summary = pipeline.assess(store)
        assert summary.analysed == 1  # only the story the undone edit touched
        again = _claim(store, "1 million artillery shells")
        assert again.code == shells.code and again.override is None
        assert [e.kind for e in store.edits()] == ["override-grade", "undo"] and active(store.edits()) == []
        with pytest.raises(EditError, match="no edit .* in force"):
            editing.record(store, "undo", override.id, "bo")
        assert undo.target == override.id


def test_an_edit_touches_only_its_stories(db):
    with Store(db) as store:
        pipeline.assess(store)
        shells = _claim(store, "1 million artillery shells")
        editing.record(store, "note", shells.id, "ana", text="a note")
        assert pipeline.assess(store).analysed == 1  # of two stories, the one the note is on


def test_edits_that_cannot_be_made_say_why(db):
    with Store(db) as store:
        for kind, target, data, message in [
            ("merge-entities", "org:nowhere", {"into": "KOR"}, "no entity org:nowhere"),
            ("merge-entities", "KOR", {"into": "KOR"}, "into itself"),
            ("mark-wrong", "0" * 16, {}, "no claim or event"),
            ("override-grade", _claim(store, "1 million").id, {"grade": "G7"}, "not an Admiralty grade"),
            ("reliability", "Reuters", {"section": "outlets", "grade": "Z"}, "not a reliability letter"),
            ("reliability", "Reuters", {"section": "wires", "grade": "A"}, "one of outlets, origins"),
            ("note", "nothing", {"text": "x"}, "no claim, event, graded judgement or story"),
            ("override-grade", "x", {}, "needs a assessment id and grade"),
        ]:
            with pytest.raises(EditError, match=message):
                editing.record(store, kind, target, "ana", **data)
        with pytest.raises(EditError, match="no report"):
            editing.delete_reports(store, ["f" * 16], "ana")
        assert store.edits() == []


def test_corrections_apply_each_kind_at_its_stage():
    edits = [Edit("merge-entities", "org:nis", "a", "t1", data={"into": "org:kor-nis"}),
             Edit("merge-entities", "org:kor-nis", "a", "t2", data={"into": "org:nis"}),  # a cycle stops
             Edit("split-entity", "person:kim", "a", "t3", data={"text": "Kim Yo Jong", "as": "person:kim-yo-jong"}),
             Edit("reliability", "intelligence", "a", "t4", "why", {"section": "origins", "grade": "A"})]
    corrections = Corrections(edits)
    assert corrections.entity("org:nis") in ("org:nis", "org:kor-nis")  # a cycle of merges ends
    kim = [Mention(0, 3, "Kim", "PERSON", "person", "person:kim", "Kim Jong Un"),
           Mention(10, 21, "Kim Yo Jong", "PERSON", "person", "person:kim", "Kim Jong Un")]
    assert [m.id for m in corrections.mentions(kim)] == ["person:kim", "person:kim-yo-jong"]
    table = corrections.table(default_table())
    assert table.origin("intelligence").letter == "A" and "was " in table.origin("intelligence").why
    assert table.fingerprint() != default_table().fingerprint()  # a changed table re-grades
    assert parse_grade(" b 2") == ("B", 2)
    with pytest.raises(EditError):
        parse_grade("B7")


def test_the_users_reliability_table(db, tmp_path):
    runner = CliRunner()
    table = tmp_path / "mine.json"
    written = runner.invoke(cli, ["reliability", "--write", str(table)])
    assert written.exit_code == 0 and json.loads(table.read_text())["outlets"]
    assert runner.invoke(cli, ["reliability", "--write", str(table)]).exit_code == 2  # never overwritten
    data = json.loads(table.read_text())
    data["outlets"]["Example Wire (illustrative)"] = {"grade": "A", "why": "our own wire"}
    table.write_text(json.dumps(data))
    assessed = runner.invoke(cli, ["assess", "--db", db], env={"FIRSTHAND_RELIABILITY": str(table)})
    assert assessed.exit_code == 0, assessed.output
    assert "analysed 2 stor" in assessed.output  # the changed table is in every story's basis
    with Store(db) as store:
        assert ReliabilityTable.load(table).outlet("Example Wire (illustrative)").letter == "A"
        views = gather(store, table=ReliabilityTable.load(table)).reports
        assert next(v for v in views if v.report.outlet == "Example Wire (illustrative)").reliability.why == "our own wire"
    table.write_text('{"outlets": {"Example Wire": {"grade": "Q"}}}')
    bad = runner.invoke(cli, ["assess", "--db", db, "--reliability", str(table)])
    assert bad.exit_code == 2 and f"reliability table {table}: outlets.Example Wire: grade must be one of A-F" in bad.output
    table.write_text("{not json")
    with pytest.raises(ReliabilityError, match=str(table)):
        ReliabilityTable.load(table)


def test_the_edit_commands(db, tmp_path):
    runner = CliRunner()
    with Store(db) as store:
        shells = _claim(store, "1 million artillery shells")
        monitor = _report_id(store, "Monitor")
    env = {"FIRSTHAND_DB": db, "FIRSTHAND_ANALYST": "ana"}
    overruled = runner.invoke(cli, ["edit", "override-grade", shells.id, "A1", "--note", "seen the cable"], env=env)
    assert overruled.exit_code == 0, overruled.output
    assert runner.invoke(cli, ["edit", "merge-entities", "org:nowhere", "KOR"], env=env).exit_code == 2
    listed = runner.invoke(cli, ["edit", "list", "--json"], env=env)
    (edit,) = [json.loads(line) for line in listed.stdout.splitlines()]
    assert edit["kind"] == "override-grade" and edit["who"] == "ana" and edit["why"] == "seen the cable"
    deleted = runner.invoke(cli, ["delete", monitor, "--why", "off topic"], env=env)
    assert deleted.exit_code == 0 and "deleted report" in deleted.output
    assert runner.invoke(cli, ["edit", "undo", edit["id"]], env=env).exit_code == 0
    every = runner.invoke(cli, ["edit", "list", "--all", "--json"], env=env).stdout
    assert [json.loads(line)["kind"] for line in every.splitlines()] == ["override-grade", "delete", "undo"]
    # Rebuilt from scratch, the store takes the edits over from that list.
    saved, fresh = tmp_path / "edits.jsonl", str(tmp_path / "fresh.sqlite")
    saved.write_text(every)
    assert runner.invoke(cli, ["build", str(EXAMPLES), "--db", fresh, "--out", str(tmp_path / "out")]).exit_code == 0
    carried = runner.invoke(cli, ["edit", "import", str(saved), "--db", fresh])
    assert carried.exit_code == 0 and "recorded 3 edits of 3" in carried.output, carried.output
    with Store(fresh) as store:
        assert store.edits() == [Edit(**{k: v for k, v in json.loads(line).items() if k != "id"} | {"reports": tuple(json.loads(line)["reports"])})
                                 for line in every.splitlines()]
        assert store.report(monitor) is None and store.count_reports() == 2
    assert "recorded 0 edits of 3" in runner.invoke(cli, ["edit", "import", str(saved), "--db", fresh]).output


@pytest.fixture(params=["sqlite", "postgresql"])
def any_db(request, tmp_path, reader) -> str:
    db = str(tmp_path / "d.sqlite") if request.param == "sqlite" else request.getfixturevalue("postgres_url")
    _build(db, reader)
    return db


def test_delete_removes_a_report_and_what_was_read_from_it(any_db):
    with Store(any_db) as store:
        daily = _report_id(store, "Daily")
        kept = {r.id for r in store.reports()} - {daily}
        before = {r: store.reading(r) for r in kept}
        assert store.search_reports("Vostochny")[0] == 1 and store.search_claims("rounds")[0] >= 1
        (deletion,) = editing.delete_reports(store, [daily], "ana", "duplicate")
        assert store.report(daily) is None and store.reading(daily).claims == []
        assert not any(daily in row.report_ids for row in store.stories())
        assert store.search_reports("Vostochny")[0] == 0 and store.search_claims("rounds")[0] == 0
        assert {r: store.reading(r) for r in kept} == before  # nothing else lost
        pipeline.assess(store)
        assert {r for row in store.stories() for r in row.report_ids} == kept
        assert [e.kind for e in store.edits()] == ["delete"] and deletion.label.startswith(f"report {daily}")
        assert pipeline.ingest(store, [str(EXAMPLES)]).added[Added.DELETED] == 1
        editing.record(store, "undo", deletion.id, "ana")
        assert pipeline.ingest(store, [str(EXAMPLES)]).added[Added.NEW] == 1  # undone: it may come back
