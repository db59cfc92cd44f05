"""The store: idempotent reports, metadata merged from richer copies, versioned schema, readings."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from firsthand.model.mention import Mention
from firsthand.model.reading import Reading, Sentence
from firsthand.model.report import Report
from firsthand.store import Added, Store, database_url, schema


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Every store test runs on a SQLite file and on a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "t.sqlite")
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def store(db: str):
    with Store(db) as opened:
        yield opened


def test_same_text_is_stored_once_and_richer_copies_fill_in(store: Store):
    bare = Report(text="North Korea shipped shells to Russia.", source="a.txt")
    rich = Report(text="North Korea shipped shells to Russia.\n", outlet="Wire", title="Shells",
                  published=datetime(2023, 11, 1, tzinfo=UTC), published_precision="day", source="b.jsonl:1")
    other = Report(text="North Korea shipped shells to Russia.", outlet="Another outlet", source="c.jsonl:1")
    assert store.add_report(bare) is Added.NEW
    assert store.add_report(bare) is Added.KNOWN
    assert store.add_report(rich) is Added.MERGED
    assert store.add_report(other) is Added.KNOWN  # metadata already known is never overwritten
    assert store.count_reports() == 1
    kept = store.report(bare.id)
    assert (kept.outlet, kept.title, kept.source) == ("Wire", "Shells", "a.txt")
    assert kept.published == datetime(2023, 11, 1, tzinfo=UTC) and kept.published_label == "2023-11-01"


def test_reports_stream_by_publication_time(store: Store):
    later = Report(text="later", published=datetime(2023, 11, 2, tzinfo=UTC))
    earlier = Report(text="earlier", published=datetime(2023, 11, 1, tzinfo=UTC))
    undated = Report(text="undated")
    for report in (undated, later, earlier):
        store.add_report(report)
    assert [r.text for r in store.reports()] == ["earlier", "later", "undated"]


def test_schema_is_versioned_and_migrations_are_not_repeated(db: str):
    with Store(db) as first:
        assert first.version() == schema.LATEST
    with Store(db) as second:
        with second.engine.connect() as connection:
            rows = connection.execute(text("SELECT version FROM schema_version ORDER BY version")).scalars().all()
        assert rows == [m.version for m in schema.MIGRATIONS]


def test_a_newer_schema_is_refused(db: str):
    with Store(db) as store, store.engine.begin() as connection:
        connection.execute(schema.schema_version.insert().values(version=schema.LATEST + 1))
    with pytest.raises(RuntimeError, match="newer than this firsthand"):
        Store(db)


def test_readings_replace_and_resume(store: Store):
    a, b = Report(text="Kim met Putin."), Report(text="Russia denies it.")
    store.add_report(a)
    store.add_report(b)
    assert store.count_unread("v1") == 2
    kim = Mention(0, 3, "Kim", "PERSON", "person", "person:kim", "Kim")
    putin = Mention(8, 13, "Putin", "PERSON", "person", "person:vladimir-putin", "Vladimir Putin", "RUS")
    store.save_reading(Reading(a.id, [Sentence(0, 14)], [kim]), "v1")
    store.save_reading(Reading(a.id, [Sentence(0, 14)], [putin]), "v1")
    assert store.reading(a.id).mentions == [putin]
    assert [r.id for r in store.unread_reports("v1")] == [b.id]
    assert store.count_unread("v2") == 2  # a new reader version reads everything again


def test_database_urls():
    assert database_url("x.sqlite") == "sqlite:///x.sqlite"
    assert database_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"


def test_a_full_reading_round_trips(store: Store):
    from firsthand.pipeline.reader import Reader

    report = Report(
        text="SEOUL — North Korea has delivered approximately 1 million artillery shells to Russia since August, "
             "according to the National Intelligence Service. Russia denies it has violated sanctions. "
             "Kim Jong Un met Vladimir Putin on Sept. 13 at the Vostochny Cosmodrome.",
        outlet="Wire", published=datetime(2023, 11, 1, tzinfo=UTC), published_precision="day",
    )
    store.add_report(report)
    reader = Reader()
    reading = next(reader.read([report]))
    assert reading.claims and reading.quantities and reading.times and reading.mentions
    store.save_reading(reading, reader.version)
    assert store.reading(report.id) == reading
    unread = Report(text="Nothing was read in this one.")
    store.add_report(unread)
    assert store.readings_of([unread.id, report.id]) == {unread.id: Reading(unread.id), report.id: reading}
    linking = {found.id: (entity_ids, version) for found, entity_ids, version in store.reports_for_linking()}
    assert linking == {report.id: (frozenset(m.id for m in reading.mentions), reader.version), unread.id: (frozenset(), None)}
    assert [found.id for found, _, _ in store.reports_for_linking()] == [r.id for r in store.reports()]


def test_a_reading_by_any_reader_is_stored(store: Store):
    # The trained taggers' reader names them in its version, longer than the 32 characters the
    # readings table once held (PostgreSQL refused it; SQLite does not hold a column to its length).
    from firsthand.pipeline.reader import Reader

    report = Report(text="The ministry said exports rose 4 percent in May.", outlet="Wire")
    store.add_report(report)
    reader = Reader(attribution="encoder", stance="encoder")
    store.save_reading(next(reader.read([report])), reader.version)
    assert [version for found, _, version in store.reports_for_linking() if found.id == report.id] == [reader.version]


def test_a_store_made_before_long_reader_versions_takes_them(db: str):
    with Store(db) as store, store.engine.begin() as connection:
        if store.engine.dialect.name == "postgresql":  # as version 10 left it
            connection.exec_driver_sql("ALTER TABLE readings ALTER COLUMN reader_version TYPE VARCHAR(32)")
        connection.execute(text(f"DELETE FROM schema_version WHERE version = {schema.LATEST}"))
    with Store(db) as store:
        assert store.version() == schema.LATEST
        report = Report(text="The ministry said exports rose.")
        store.add_report(report)
        store.save_reading(Reading(report.id), "v" * 80)
        assert store.count_unread("v" * 80) == 0


def test_a_reading_the_database_refuses_is_stored_as_skipped(store: Store):
    from firsthand.model.claim import Certainty, Claim, Source

    report = Report(text="The ministry said it twice.")
    store.add_report(report)
    said = Claim(report.id, 0, 10, "it", 0, 10, "it", "said", "", (Source("origin", "ministry", "government", "org:m"),),
                 Certainty())
    store.save_reading(Reading(report.id, claims=[said, said]), "v1")  # one claim id twice: a broken key
    stored = store.reading(report.id)
    assert stored.claims == [] and stored.skipped.startswith("its reading could not be stored")
    assert list(store.unread_reports("v1")) == []


def test_unread_reports_come_page_by_page_while_readings_are_saved(store: Store):
    added = [Report(text=f"Report number {i} says the shells were shipped.") for i in range(7)]
    for report in added:
        store.add_report(report)
    store.save_reading(Reading(added[3].id), "v1")
    seen = []
    for report in store.unread_reports("v1", page=2):
        store.save_reading(Reading(report.id), "v1")  # a build saves as it goes
        seen.append(report.id)
    assert seen == sorted(r.id for r in added if r is not added[3])
    assert list(store.unread_reports("v1", page=2)) == []
