"""The Store: every read and write of the database, on SQLite or PostgreSQL alike."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from enum import Enum
from pathlib import Path

from sqlalchemy import Engine, create_engine, delete, event, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import OperationalError

from ..ingest.report import METADATA_FIELDS, Report
from ..read.reading import Mention, Reading, Sentence
from . import schema
from .schema import mentions, readings, reports, sentences

DEFAULT_DB = "firsthand.sqlite"


class Added(Enum):
    NEW = "new"
    MERGED = "merged"  # known text; the new copy filled in missing metadata
    KNOWN = "known"


def database_url(db: str) -> str:
    """A SQLAlchemy URL from a file path or a postgresql:// URL."""
    if db.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + db.split("://", 1)[1]
    if "://" in db:
        return db
    return f"sqlite:///{Path(db).expanduser()}"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _iso(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat() if value else None


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # WAL lets readers run beside a writer and keeps every committed transaction across a crash;
    # the busy timeout lets two builds share one file instead of failing on a lock.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=60000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


class Store:
    def __init__(self, db: str = DEFAULT_DB) -> None:
        self.url = database_url(db)
        self.engine: Engine = create_engine(self.url)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        elif self.engine.dialect.name == "postgresql":
            # Many rows in one INSERT ... VALUES statement per page, as SQLAlchemy does for psycopg2,
            # where psycopg's executemany would send a statement per row.
            self.engine.dialect.use_insertmanyvalues_wo_returning = True
        self._insert = sqlite.insert if self.engine.dialect.name == "sqlite" else postgresql.insert
        self.migrate()

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- schema ---------------------------------------------------------------------------------

    def version(self) -> int:
        with self.engine.connect() as connection:
            return self._version(connection)

    def _version(self, connection) -> int:
        if not self.engine.dialect.has_table(connection, "schema_version"):
            return 0
        return connection.execute(select(func.max(schema.schema_version.c.version))).scalar() or 0

    def migrate(self) -> int:
        """Apply the migrations this database lacks, each in its own transaction."""
        if self.version() > schema.LATEST:
            raise RuntimeError(f"database schema v{self.version()} is newer than this firsthand (v{schema.LATEST}); upgrade firsthand")
        for migration in schema.MIGRATIONS:
            try:
                self._apply(migration)
            except OperationalError:
                # Another process migrated the same SQLite file between our check and our write.
                if self.version() < migration.version:
                    raise
        return schema.LATEST

    def _apply(self, migration: schema.Migration) -> None:
        with self.engine.begin() as connection:
            if self.engine.dialect.name == "postgresql":
                # Two processes opening a new database at once must not both migrate it.
                connection.exec_driver_sql("SELECT pg_advisory_xact_lock(7417)")
            if self._version(connection) >= migration.version:
                return
            migration.apply(connection)
            connection.execute(insert(schema.schema_version).values(version=migration.version))

    # -- reports --------------------------------------------------------------------------------

    def add_report(self, report: Report) -> Added:
        """Store a report in one transaction. The same text again adds nothing but missing metadata."""
        row = {
            "id": report.id, "text": report.text, "title": report.title, "outlet": report.outlet,
            "url": report.url, "byline": report.byline, "published": _iso(report.published),
            "published_precision": report.published_precision, "dateline": report.dateline,
            "language": report.language, "source": report.source, "ingested_at": _now(),
        }
        with self.engine.begin() as connection:
            # RETURNING, not rowcount: under SQLAlchemy, psycopg reports -1 rows for ON CONFLICT DO NOTHING.
            inserted = connection.execute(
                self._insert(reports).values(**row).on_conflict_do_nothing().returning(reports.c.id)).first()
            if inserted:
                return Added.NEW
            known = connection.execute(select(reports).where(reports.c.id == report.id)).mappings().one()
            fill = {name: row[name] for name in METADATA_FIELDS if known[name] is None and row[name] is not None}
            if not fill:
                return Added.KNOWN
            connection.execute(update(reports).where(reports.c.id == report.id).values(**fill))
            return Added.MERGED

    def count_reports(self) -> int:
        with self.engine.connect() as connection:
            return connection.execute(select(func.count()).select_from(reports)).scalar_one()

    def report(self, report_id: str) -> Report | None:
        with self.engine.connect() as connection:
            row = connection.execute(select(reports).where(reports.c.id == report_id)).mappings().first()
        return _report(row) if row else None

    def reports(self) -> Iterator[Report]:
        """Reports by publication time (unknown last), then id, streamed."""
        yield from self._stream(select(reports))

    def _stream(self, query) -> Iterator[Report]:
        query = query.order_by(reports.c.published.is_(None), reports.c.published, reports.c.id)
        with self.engine.connect() as connection:
            for row in connection.execution_options(yield_per=200).execute(query).mappings():
                yield _report(row)

    # -- readings -------------------------------------------------------------------------------

    def _unread(self, reader_version: str):
        # NOT EXISTS probes the readings primary key per report; NOT IN would rebuild the whole
        # set of read ids for every page of unread_reports.
        return ~select(readings.c.report_id).where(
            readings.c.report_id == reports.c.id, readings.c.reader_version == reader_version).exists()

    def count_unread(self, reader_version: str) -> int:
        """Reports never read, or read by another reader version: what a resumed build still owes."""
        with self.engine.connect() as connection:
            return connection.execute(select(func.count()).select_from(reports).where(self._unread(reader_version))).scalar_one()

    def unread_reports(self, reader_version: str, page: int = 200) -> Iterator[Report]:
        """Unread reports by id, a page per short query: the readings saved meanwhile need no
        long read transaction beside them, which on SQLite would keep the WAL from being reset."""
        after = ""
        while True:
            with self.engine.connect() as connection:
                rows = connection.execute(
                    select(reports).where(self._unread(reader_version), reports.c.id > after)
                    .order_by(reports.c.id).limit(page)).mappings().all()
            yield from map(_report, rows)
            if len(rows) < page:
                return
            after = rows[-1]["id"]

    def save_reading(self, reading: Reading, reader_version: str) -> None:
        """Replace everything read from one report, in one transaction, then mark it read."""
        report_id = reading.report_id
        with self.engine.begin() as connection:
            # Sentences and mentions are only ever written with their readings row, so a report
            # without one has nothing else to clear: a first reading costs one round trip here, not three.
            if connection.execute(delete(readings).where(readings.c.report_id == report_id)
                                  .returning(readings.c.report_id)).first():
                for table in (sentences, mentions):
                    connection.execute(delete(table).where(table.c.report_id == report_id))
            if reading.sentences:
                connection.execute(insert(sentences), [
                    {"report_id": report_id, "idx": i, "start": s.start, "end": s.end} for i, s in enumerate(reading.sentences)
                ])
            if reading.mentions:
                connection.execute(insert(mentions), [
                    {"report_id": report_id, "idx": i, "start": m.start, "end": m.end, "text": m.text,
                     "label": m.label, "entity_id": m.entity_id} for i, m in enumerate(reading.mentions)
                ])
            connection.execute(insert(readings).values(
                report_id=report_id, reader_version=reader_version, skipped=reading.skipped, read_at=_now()))

    def reading(self, report_id: str) -> Reading:
        with self.engine.connect() as connection:
            skipped = connection.execute(select(readings.c.skipped).where(readings.c.report_id == report_id)).scalar()
            sents = [Sentence(r.start, r.end) for r in connection.execute(
                select(sentences).where(sentences.c.report_id == report_id).order_by(sentences.c.idx))]
            ments = [Mention(r.start, r.end, r.text, r.label, r.entity_id) for r in connection.execute(
                select(mentions).where(mentions.c.report_id == report_id).order_by(mentions.c.idx))]
        return Reading(report_id, sents, ments, skipped)


def _report(row) -> Report:
    published = datetime.fromisoformat(row["published"]) if row["published"] else None
    return Report(
        text=row["text"], title=row["title"], outlet=row["outlet"], url=row["url"], byline=row["byline"],
        published=published, published_precision=row["published_precision"], dateline=row["dateline"],
        language=row["language"], source=row["source"],
    )
