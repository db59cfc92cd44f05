"""The Store: every read and write of the database, on SQLite or PostgreSQL alike."""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum
from functools import partial
from itertools import groupby
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from sqlalchemy import (
    Engine,
    and_,
    case,
    create_engine,
    delete,
    distinct,
    event,
    func,
    insert,
    inspect,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, OperationalError

from ..model.assessment import Assessment
from ..model.claim import Claim
from ..model.edit import Edit, active
from ..model.event import Event, event_id
from ..model.mention import Mention
from ..model.observation import Observation
from ..model.place import Place
from ..model.quantity import Quantity
from ..model.reading import Reading, Sentence
from ..model.report import METADATA_FIELDS, Report
from ..model.scope import EVERYTHING, Scope
from ..model.story import Derivation, StoryAnalysis, StoryRow
from ..model.time_expression import TimeExpr
from . import schema
from .codec import dumps, loads
from .schema import (
    READ_TABLES,
    assessment_claims,
    assessments,
    claims,
    derivations,
    edits,
    events,
    mentions,
    observation_vessels,
    observations,
    quantities,
    readings,
    reports,
    sentences,
    stories,
    story_bases,
    story_reports,
    times,
)
from .scoping import of_assessments, of_reports, of_stories

DEFAULT_DB = "firsthand.sqlite"
SQLITE_MAGIC = b"SQLite format 3\x00"  # how every SQLite database file begins


# Marks around the matched words of a search snippet: control characters that normalized report
# text never holds, so the web layer can split on them and escape everything else.
MATCH_START, MATCH_END = "\x02", "\x03"
_SNIPPET = re.compile(f"{MATCH_START}(.*?){MATCH_END}", re.S)
_QUERY_TERM = re.compile(r'"([^"]*)"|(\S+)')


@dataclass(frozen=True)
class MentionHit:
    """One mention of an entity, with the report and the sentence it sits in."""

    report: Report
    mention: Mention
    sentence: Sentence | None


@dataclass(frozen=True)
class SearchHit:
    report: Report
    snippet: list[tuple[str, bool]]  # pieces of text, True where the query matched


@dataclass(frozen=True)
class ClaimHit:
    claim_id: str
    report: Report  # the report stating it
    snippet: list[tuple[str, bool]]  # the claim's text, True where the query matched


@dataclass(frozen=True)
class Located:
    """A geocoded place the reports name, with how often."""

    key: str  # the canonical entity id
    place: Place
    mentions: int
    reports: int


@dataclass(frozen=True)
class Counted:
    key: str  # the canonical entity id
    label: str  # its kind: country, person, organization, igo, place, other
    count: int
    name: str = ""


def snippet_parts(snippet: str) -> list[tuple[str, bool]]:
    parts: list[tuple[str, bool]] = []
    for i, piece in enumerate(_SNIPPET.split(snippet)):
        if piece:
            parts.append((piece, i % 2 == 1))
    return parts


def fts5_query(query: str) -> str:
    """User words as FTS5 phrases joined by AND: quotes keep a phrase, no other syntax is let through."""
    terms = [phrase or word for phrase, word in _QUERY_TERM.findall(query)]
    return " ".join('"' + term.replace('"', '""') + '"' for term in terms if term.strip())


class Added(Enum):
    NEW = "new"
    MERGED = "merged"  # known text; the new copy filled in missing metadata
    KNOWN = "known"
    DELETED = "deleted"  # an analyst deleted this text: it is not stored again


class Access(Enum):
    """What a command may do to the store it opens."""

    CREATE = "create"  # ingest, build: a new store may be made (an empty database too)
    WRITE = "write"  # read, assess, serve: an existing store, migrated when older
    READ = "read"  # reports, claims, events, dossier, export: an existing store, opened read only


class StoreError(RuntimeError):
    """A --db that cannot be used as asked; the message is one line naming it."""


def database_url(db: str) -> str:
    """A SQLAlchemy URL from a file path, a SQLite `file:` URI or a postgresql:// URL."""
    if db.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + db.split("://", 1)[1]
    if "://" in db:
        raise StoreError(f"--db {db.split('://', 1)[0]}://… is not a store firsthand opens: give a SQLite file or a postgresql:// URL")
    return f"sqlite:///{sqlite_file(db)[0]}"


def sqlite_file(db: str) -> tuple[Path, bool]:
    """The file a SQLite --db names, and whether it asks to be opened read only: a path, or
    SQLite's URI form `file:PATH?mode=ro` (the one query SQLite defines that we honour)."""
    if not db.startswith("file:"):
        return Path(db).expanduser(), False
    parts = urlsplit(db)
    return Path(unquote(parts.path)).expanduser(), parse_qs(parts.query).get("mode") == ["ro"]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _iso(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat() if value else None


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # The busy timeout (first, so that switching to WAL waits too) lets builds share one file
    # instead of failing on a lock; WAL lets readers run beside a writer and keeps every committed
    # transaction across a crash.
    # pysqlite's own transaction handling leaves DDL outside transactions, so that two processes
    # migrating a new file both created tables; transactions are begun in _sqlite_begin instead.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=60000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _sqlite_read_pragmas(dbapi_connection, _record) -> None:
    # Read only: no journal mode is set (that writes the file header); query_only refuses any
    # write even where the open mode would allow one.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=60000")
    cursor.execute("PRAGMA query_only=ON")
    cursor.close()


def _sqlite_begin(connection) -> None:
    # A writing transaction takes the write lock before it reads (waiting for it up to the busy
    # timeout): reading first and upgrading later fails at once when another process wrote since.
    connection.exec_driver_sql("BEGIN IMMEDIATE" if connection.get_execution_options().get("writer") else "BEGIN")


def writable(db: str) -> bool:
    """Whether the store `db` names may be written: not opened with mode=ro, and for a SQLite file,
    writable where it is. A PostgreSQL server decides for itself, when a write comes."""
    if database_url(db).startswith("postgresql"):
        return True
    path, asked_read_only = sqlite_file(db)
    return not asked_read_only and (not path.exists() or _writable(path))


def _writable(path: Path) -> bool:
    """Whether a SQLite store can be written where it is: the file, and its folder (for the WAL
    files). False on a read-only mount even for root."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _sqlite_engine(path: Path, read_only: bool, immutable: bool = False) -> Engine:
    uri = path.resolve().as_uri() + ("?mode=ro" + ("&immutable=1" if immutable else "") if read_only else "")
    # The connections may be used from the web app's threads; the pool hands each to one at a time.
    engine = create_engine(f"sqlite:///{path}", creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False))
    event.listen(engine, "connect", _sqlite_read_pragmas if read_only else _sqlite_pragmas)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def _wal_size(path: Path) -> int | None:
    """The size of a SQLite file's -wal file; None when there is none (no one has it open in WAL mode)."""
    wal = path.with_name(path.name + "-wal")
    return wal.stat().st_size if wal.exists() else None


def _postgres_engine(url: str, read_only: bool, immutable: bool = False) -> Engine:
    # Read only: every transaction of the session is, so the server refuses any write.
    engine = create_engine(url, connect_args={"options": "-c default_transaction_read_only=on"} if read_only else {})
    # Many rows in one INSERT ... VALUES statement per page, as SQLAlchemy does for psycopg2,
    # where psycopg's executemany would send a statement per row.
    engine.dialect.use_insertmanyvalues_wo_returning = True
    return engine


def _first_line(error: Exception) -> str:
    found = getattr(error, "orig", None) or error
    return (str(found).strip().splitlines() or [type(found).__name__])[0]


class Store:
    """The store at `db`, opened for `access`. Before anything is written, the database is
    looked at read only: a database that is neither firsthand's nor empty is refused untouched."""

    def __init__(self, db: str = DEFAULT_DB, access: Access = Access.CREATE) -> None:
        self.db, self.url = db, database_url(db)
        self.read_only = access is Access.READ
        if self.url.startswith("postgresql"):
            self.name = make_url(self.url).render_as_string(hide_password=True).replace("+psycopg", "")
            make = partial(_postgres_engine, self.url)
            self._survey(make, access)
            immutable = False
        else:
            path = sqlite_file(db)[0]
            self.name = str(path)
            make = partial(_sqlite_engine, path)
            if access is not Access.READ and not writable(db):
                raise StoreError(f"{self.name} is read-only, and this command writes to the store "
                                 "(reports, claims, events, dossier and export can read it)")
            if self._exists(path, access):
                self._survey(make, access)
            # Where SQLite cannot make its WAL index (a read-only folder) it reads only an immutable
            # file; right when no -wal file holds transactions, for then no one is writing it.
            immutable = not os.access(path.parent, os.W_OK) and not _wal_size(path)
        self.engine = make(read_only=self.read_only, immutable=immutable)
        # Transactions that write; on SQLite they begin IMMEDIATE (see _sqlite_begin).
        self.writer: Engine = self.engine.execution_options(writer=True)
        self._insert = sqlite.insert if self.engine.dialect.name == "sqlite" else postgresql.insert
        if access is not Access.READ:
            self.migrate()

    def _exists(self, path: Path, access: Access) -> bool:
        """Whether the SQLite file exists; a missing one is refused unless this access may create it."""
        if path.is_dir():
            raise StoreError(f"{self.name} is a folder, not a store file")
        if path.exists():
            # A short file SQLite reads as an empty database (so would overwrite): only an empty
            # file or one that starts as SQLite's do is a database.
            with path.open("rb") as head:
                start = head.read(len(SQLITE_MAGIC))
            if start and start != SQLITE_MAGIC:
                raise StoreError(f"{self.name} is not a SQLite database")
            return True
        if access is not Access.CREATE:
            raise StoreError(f"no store at {self.name} (a mistyped --db?); `firsthand ingest` or `build` makes one")
        # A new SQLite file may be named in a folder that does not exist yet (out/demo/...).
        path.parent.mkdir(parents=True, exist_ok=True)
        return False

    def _survey(self, make, access: Access) -> None:
        """Look at the database read only, and refuse it unless it is firsthand's, or empty and to
        be made a store; a store older than this firsthand is migrated first when it can be."""
        # Without a -wal file no one has the file open in WAL mode, so it reads as immutable (and
        # SQLite makes no -wal or -shm file beside another program's database). If that read fails
        # and a -wal file has appeared since (another firsthand making the store this moment), it is
        # read again as SQLite reads a file someone is writing.
        path = None if self.url.startswith("postgresql") else sqlite_file(self.db)[0]
        quiet = path is not None and _wal_size(path) is None
        try:
            try:
                kind, version = self._look(make(read_only=True, immutable=quiet))
            except DBAPIError:
                if not quiet or path is None or _wal_size(path) is None:
                    raise
                kind, version = self._look(make(read_only=True))
        except DBAPIError as error:
            message = _first_line(error)
            if "file is not a database" in message:
                raise StoreError(f"{self.name} is not a SQLite database") from None
            if "malformed" in message:
                raise StoreError(f"{self.name} is a damaged database ({message})") from None
            raise StoreError(f"{self.name} cannot be opened: {message}") from None
        if kind == "empty" and access is not Access.CREATE:
            raise StoreError(f"{self.name} is an empty database, not a firsthand store yet; `firsthand ingest` or `build` makes one")
        if version > schema.LATEST:
            raise StoreError(f"{self.name} has schema v{version}, newer than this firsthand (v{schema.LATEST}): upgrade firsthand")
        if access is Access.READ and version < schema.LATEST:
            if not writable(self.db):
                raise StoreError(f"{self.name} is read-only and its schema v{version} is older than this firsthand's "
                                 f"v{schema.LATEST}: migrate a writable copy (any command that writes, such as assess)")
            try:
                Store(self.db, Access.WRITE).close()  # migrated, then read as asked
            except DBAPIError as error:
                raise StoreError(f"{self.name} has schema v{version}, older than this firsthand's v{schema.LATEST}, "
                                 f"and could not be migrated: {_first_line(error)}") from None

    def _look(self, engine: Engine) -> tuple[str, int]:
        """The kind of database ("empty" or "firsthand") and its schema version; StoreError for
        any other, DBAPIError when it cannot be read."""
        try:
            with engine.connect() as connection:
                found = inspect(connection)
                tables = set(found.get_table_names())
                if not tables:
                    return "empty", 0
                ours = {column.name for column in schema.reports.columns}
                if {"schema_version", "reports"} <= tables and ours <= {c["name"] for c in found.get_columns("reports")}:
                    return "firsthand", connection.execute(select(func.max(schema.schema_version.c.version))).scalar() or 0
        finally:
            engine.dispose()
        listed = ", ".join(sorted(tables)[:5]) + (", …" if len(tables) > 5 else "")
        raise StoreError(f"{self.name} is not a firsthand store (it holds {listed}); it is left untouched: give another --db")

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
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
        for migration in schema.MIGRATIONS:
            try:
                self._apply(migration)
            except OperationalError:
                # Another process migrated the same SQLite file between our check and our write.
                if self.version() < migration.version:
                    raise
        return schema.LATEST

    def _apply(self, migration: schema.Migration) -> None:
        with self.writer.begin() as connection:
            if self.engine.dialect.name == "postgresql":
                # Two processes opening a new database at once must not both migrate it.
                connection.exec_driver_sql("SELECT pg_advisory_xact_lock(7417)")
            if self._version(connection) >= migration.version:
                return
            migration.apply(connection)
            connection.execute(insert(schema.schema_version).values(version=migration.version))

    def digest(self) -> str:
        """A hash of the store's content: every table's rows in key order, without the times rows
        were written (`*_at`). Two builds that stored the same things have the same digest."""
        hasher = hashlib.sha256()
        with self.engine.connect() as connection:
            for table in schema.metadata.sorted_tables:
                columns = [column for column in table.columns if not column.name.endswith("_at")]
                order = list(table.primary_key.columns) or columns
                hasher.update(f"\x1e{table.name}:{','.join(c.name for c in columns)}\n".encode())
                for row in connection.execute(select(*columns).order_by(*order)):
                    hasher.update(json.dumps(list(row), default=str, ensure_ascii=False).encode() + b"\n")
        return hasher.hexdigest()

    # -- reports --------------------------------------------------------------------------------

    def add_report(self, report: Report) -> Added:
        """Store a report in one transaction. The same text again adds nothing but missing metadata."""
        row = {
            "id": report.id, "text": report.text, "title": report.title, "outlet": report.outlet,
            "url": report.url, "byline": report.byline, "published": _iso(report.published),
            "published_precision": report.published_precision, "dateline": report.dateline,
            "language": report.language, "source": report.source, "ingested_at": _now(),
        }
        with self.writer.begin() as connection:
            if self._deleted(connection, report.id):
                return Added.DELETED
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

    def count_reports(self, scope: Scope = EVERYTHING) -> int:
        with self.engine.connect() as connection:
            return connection.execute(select(func.count()).select_from(reports).where(of_reports(scope))).scalar_one()

    def report(self, report_id: str) -> Report | None:
        with self.engine.connect() as connection:
            row = connection.execute(select(reports).where(reports.c.id == report_id)).mappings().first()
        return _report(row) if row else None

    def reports(self, scope: Scope = EVERYTHING) -> Iterator[Report]:
        """Reports by publication time (unknown last), then id, streamed; those in scope."""
        yield from self._stream(select(reports).where(of_reports(scope)).limit(scope.limit))

    def _stream(self, query) -> Iterator[Report]:
        query = query.order_by(reports.c.published.is_(None), reports.c.published, reports.c.id)
        with self.engine.connect() as connection:
            for row in connection.execution_options(yield_per=200).execute(query).mappings():
                yield _report(row)

    def reports_in(self, report_ids: list[str] | tuple[str, ...]) -> list[Report]:
        """The given reports, in the order `reports()` streams them; unknown ids are left out."""
        query = select(reports).where(reports.c.id.in_(list(report_ids)))
        query = query.order_by(reports.c.published.is_(None), reports.c.published, reports.c.id)
        with self.engine.connect() as connection:
            return [_report(row) for row in connection.execute(query).mappings()]

    def reports_page(self, offset: int, limit: int, scope: Scope = EVERYTHING) -> list[Report]:
        """One page of reports in the order `reports()` streams them."""
        query = select(reports).where(of_reports(scope)).order_by(reports.c.published.is_(None), reports.c.published, reports.c.id)
        with self.engine.connect() as connection:
            return [_report(row) for row in connection.execute(query.offset(offset).limit(limit)).mappings()]

    def _period(self):
        """A report's publication time cut to its precision: "2023", "2023-11" or "2023-11-01"."""
        precision = reports.c.published_precision
        return case((precision == "year", func.substr(reports.c.published, 1, 4)),
                    (precision == "month", func.substr(reports.c.published, 1, 7)),
                    else_=func.substr(reports.c.published, 1, 10))

    def publication_periods(self) -> list[tuple[str, int]]:
        """How many reports were published in each period (day, or month/year when only that is known)."""
        period = self._period().label("period")
        query = select(period, func.count()).where(reports.c.published.is_not(None)).group_by(period).order_by(period)
        with self.engine.connect() as connection:
            return [(row[0], row[1]) for row in connection.execute(query)]

    def reports_in_period(self, period: str, limit: int = 200) -> list[Report]:
        query = select(reports).where(self._period() == period).order_by(reports.c.published, reports.c.id).limit(limit)
        with self.engine.connect() as connection:
            return [_report(row) for row in connection.execute(query).mappings()]

    # -- search ---------------------------------------------------------------------------------

    def search_reports(self, query: str, offset: int = 0, limit: int = 20, scope: Scope = EVERYTHING) -> tuple[int, list[SearchHit]]:
        """Reports in scope matching the words of `query`, best first, with a snippet; and how many match."""
        within = select(reports.c.id).where(of_reports(scope))
        total, rows = self._search(query, offset, limit, within if scope.of_reports else None, sqlite=(
            "reports_fts", "reports_fts.id", "SELECT r.*, snippet(reports_fts, 2, char(2), char(3), '…', 24) AS snip "
            "FROM reports_fts JOIN reports r ON r.id = reports_fts.id "
            "WHERE reports_fts MATCH :q{scope} ORDER BY rank LIMIT :limit OFFSET :offset",
        ), postgresql=(
            "reports", "r.id", "SELECT r.*, ts_headline('english', r.text, q, 'StartSel=' || chr(2) || ', StopSel=' || chr(3) "
            "|| ', MaxWords=30, MinWords=10, MaxFragments=2, FragmentDelimiter=…') AS snip "
            "FROM reports r, websearch_to_tsquery('english', :q) q "
            "WHERE r.search @@ q{scope} ORDER BY ts_rank(r.search, q) DESC, r.id LIMIT :limit OFFSET :offset",
        ))
        return total, [SearchHit(_report(row), snippet_parts(row["snip"] or "")) for row in rows]

    def search_claims(self, query: str, offset: int = 0, limit: int = 20, scope: Scope = EVERYTHING) -> tuple[int, list[ClaimHit]]:
        """Claims of the reports in scope whose text matches the words of `query`, best first, the
        matches marked; and how many match."""
        within = select(claims.c.id).join(reports, reports.c.id == claims.c.report_id).where(of_reports(scope))
        total, rows = self._search(query, offset, limit, within if scope.of_reports else None, sqlite=(
            "claims_fts", "claims_fts.id", "SELECT r.*, claims_fts.id AS claim_id, highlight(claims_fts, 1, char(2), char(3)) AS snip "
            "FROM claims_fts JOIN claims c ON c.id = claims_fts.id JOIN reports r ON r.id = c.report_id "
            "WHERE claims_fts MATCH :q{scope} ORDER BY rank LIMIT :limit OFFSET :offset",
        ), postgresql=(
            "claims", "c.id", "SELECT r.*, c.id AS claim_id, ts_headline('english', c.text, q, 'StartSel=' || chr(2) "
            "|| ', StopSel=' || chr(3) || ', HighlightAll=true') AS snip "
            "FROM claims c JOIN reports r ON r.id = c.report_id, websearch_to_tsquery('english', :q) q "
            "WHERE c.search @@ q{scope} ORDER BY ts_rank(c.search, q) DESC, c.id LIMIT :limit OFFSET :offset",
        ))
        return total, [ClaimHit(row["claim_id"], _report(row), snippet_parts(row["snip"] or "")) for row in rows]

    def _search(self, query: str, offset: int, limit: int, within, sqlite: tuple[str, str, str], postgresql: tuple[str, str, str]):
        """How many rows of a full-text table match, and one page of hits: each dialect's (table,
        its id column in the hits query, hits query). `within`: the ids in scope (a select), or
        None for all. On SQLite the words go to FTS5 as phrases; on PostgreSQL through
        websearch_to_tsquery."""
        if self.engine.dialect.name == "sqlite":
            table, column, hits_sql = sqlite
            match = fts5_query(query)
            count_sql = f"SELECT count(*) FROM {table} WHERE {table} MATCH :q{{scope}}"  # {scope}: see scoped()
        else:
            table, column, hits_sql = postgresql
            match = query.strip()
            count_sql = f"SELECT count(*) FROM {table} WHERE search @@ websearch_to_tsquery('english', :q){{scope}}"
        if not match:
            return 0, []
        # The full-text queries are text (FTS5's rank and snippet need its table in the same query),
        # so the scope's select joins them as SQL text, its values rendered as escaped literals.
        ids = str(within.compile(dialect=self.engine.dialect, compile_kwargs={"literal_binds": True})) if within is not None else None

        def scoped(sql: str, id_column: str) -> str:
            # text() reads ":name" as a parameter: the colons of the literals (times, words) escaped.
            return sql.replace("{scope}", f" AND {id_column} IN ({ids.replace(':', chr(92) + ':')})" if ids else "")

        with self.engine.connect() as connection:
            total = connection.execute(text(scoped(count_sql, f"{table}.id")), {"q": match}).scalar_one()
            rows = connection.execute(text(scoped(hits_sql, column)),
                                      {"q": match, "limit": limit, "offset": offset}).mappings().all()
        return total, rows

    # -- entities -------------------------------------------------------------------------------

    def _mentions_of(self, key: str):
        return or_(mentions.c.entity_id == key, mentions.c.text == key)

    def count_mentions(self, key: str) -> tuple[int, int]:
        """How many mentions an entity (canonical id or mention text) has, and in how many reports."""
        query = select(func.count(), func.count(distinct(mentions.c.report_id))).where(self._mentions_of(key))
        with self.engine.connect() as connection:
            found = connection.execute(query).one()
        return found[0], found[1]

    def mentions_of(self, key: str, offset: int = 0, limit: int = 100) -> list[MentionHit]:
        """Mentions of an entity across reports, by publication time, each with its sentence."""
        in_sentence = and_(sentences.c.report_id == mentions.c.report_id,
                           sentences.c.start <= mentions.c.start, mentions.c.start < sentences.c.end)
        query = (
            select(reports, *(column.label(f"m_{column.name}") for column in mentions.c),
                   sentences.c.start.label("s_start"), sentences.c.end.label("s_end"))
            .select_from(mentions.join(reports, reports.c.id == mentions.c.report_id)
                         .outerjoin(sentences, in_sentence))
            .where(self._mentions_of(key))
            .order_by(reports.c.published.is_(None), reports.c.published, reports.c.id, mentions.c.start)
            .offset(offset).limit(limit)
        )
        hits = []
        known: dict[str, Report] = {}
        with self.engine.connect() as connection:
            for row in connection.execute(query).mappings():
                report = known.get(row["id"]) or known.setdefault(row["id"], _report(row))
                sentence = Sentence(row["s_start"], row["s_end"]) if row["s_start"] is not None else None
                mention = _mention({column.name: row[f"m_{column.name}"] for column in mentions.c})
                hits.append(MentionHit(report, mention, sentence))
        return hits

    def top_entities(self, limit: int = 20, kinds: tuple[str, ...] | None = None) -> list[Counted]:
        """The most mentioned entities by canonical id, with their kind and name."""
        columns = (mentions.c.entity_id, mentions.c.kind, mentions.c.name)
        query = select(*columns, func.count().label("n")).group_by(*columns)
        if kinds:
            query = query.where(mentions.c.kind.in_(kinds))
        query = query.order_by(func.count().desc(), mentions.c.entity_id).limit(limit)
        with self.engine.connect() as connection:
            return [Counted(row[0], row[1], row[3], row[2]) for row in connection.execute(query)]

    def places(self, limit: int = 500) -> list[Located]:
        """Geocoded places the reports name, most mentioned first."""
        query = (select(mentions.c.entity_id, func.max(mentions.c.place), func.count(), func.count(distinct(mentions.c.report_id)))
                 .where(mentions.c.place.is_not(None)).group_by(mentions.c.entity_id)
                 .order_by(func.count().desc(), mentions.c.entity_id).limit(limit))
        with self.engine.connect() as connection:
            return [Located(row[0], loads(Place, row[1]), row[2], row[3]) for row in connection.execute(query)]

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
        """Replace everything read from one report, in one transaction, then mark it read. A
        reading the database refuses (a broken key, a value out of range) is stored as skipped,
        with the reason, so one report cannot stop a build or be retried at every run."""
        try:
            self._save_reading(reading, reader_version)
        except (IntegrityError, DataError) as error:
            reason = f"its reading could not be stored: {str(error.orig).splitlines()[0]}"
            self._save_reading(Reading(reading.report_id, skipped=reason), reader_version)

    def _save_reading(self, reading: Reading, reader_version: str) -> None:
        report_id = reading.report_id
        with self.writer.begin() as connection:
            # Lock the report first: two builds reading it at once on PostgreSQL would otherwise
            # both delete nothing and then collide inserting the same sentence keys.
            connection.execute(select(reports.c.id).where(reports.c.id == report_id).with_for_update())
            # What was read is only ever written with its readings row, so a report without one has
            # nothing else to clear: a first reading costs one round trip here, not seven.
            if connection.execute(delete(readings).where(readings.c.report_id == report_id)
                                  .returning(readings.c.report_id)).first():
                for table in READ_TABLES:
                    connection.execute(delete(table).where(table.c.report_id == report_id))
            for table, rows in _reading_rows(reading).items():
                if rows:
                    connection.execute(insert(table), [{"report_id": report_id, "idx": i, **row} for i, row in enumerate(rows)])
            connection.execute(insert(readings).values(
                report_id=report_id, reader_version=reader_version, skipped=reading.skipped, read_at=_now()))

    def reading(self, report_id: str) -> Reading:
        return self.readings_of([report_id])[report_id]

    def readings_of(self, report_ids: list[str] | tuple[str, ...]) -> dict[str, Reading]:
        """The readings of the given reports (an empty Reading for one never read), a query per
        table for all of them."""
        ids = list(report_ids)
        with self.engine.connect() as connection:
            skipped = dict(connection.execute(select(readings.c.report_id, readings.c.skipped)
                                              .where(readings.c.report_id.in_(ids))).all())

            def rows(table) -> dict[str, list]:
                found = defaultdict(list)
                query = select(table).where(table.c.report_id.in_(ids)).order_by(table.c.report_id, table.c.idx)
                for row in connection.execute(query).mappings():
                    found[row["report_id"]].append(row)
                return found

            found = {table.name: rows(table) for table in READ_TABLES}
        return {
            report_id: Reading(
                report_id,
                sentences=[Sentence(r["start"], r["end"]) for r in found["sentences"][report_id]],
                mentions=[_mention(r) for r in found["mentions"][report_id]],
                quantities=[loads(Quantity, r["data"]) for r in found["quantities"][report_id]],
                times=[TimeExpr(r["start"], r["end"], r["text"], r["type"], r["value"], r["precision"], r["begin"], r["range_end"])
                       for r in found["times"][report_id]],
                claims=[loads(Claim, r["data"]) for r in found["claims"][report_id]],
                events=[loads(Event, r["data"]) for r in found["events"][report_id]],
                skipped=skipped.get(report_id),
            )
            for report_id in ids
        }

    def reports_for_linking(self) -> Iterator[tuple[Report, frozenset[str], str | None]]:
        """Every report in `reports()` order, with the canonical ids of the entities read in it and
        the version of the reader that read it (None: not read), streamed: two ordered queries
        walked side by side, so the corpus is never held."""
        order = (reports.c.published.is_(None), reports.c.published, reports.c.id)
        report_rows = select(reports, readings.c.reader_version).outerjoin(readings, readings.c.report_id == reports.c.id)
        mention_rows = (select(mentions.c.report_id, mentions.c.entity_id)
                        .join(reports, reports.c.id == mentions.c.report_id).order_by(*order))
        with self.engine.connect() as first, self.engine.connect() as second:
            found = groupby(second.execution_options(yield_per=2000).execute(mention_rows), key=lambda row: row[0])
            pending = next(found, None)
            for row in first.execution_options(yield_per=200).execute(report_rows.order_by(*order)).mappings():
                entity_ids: frozenset[str] = frozenset()
                if pending is not None and pending[0] == row["id"]:
                    entity_ids = frozenset(sys.intern(entity_id) for _, entity_id in pending[1])
                    pending = next(found, None)
                yield _report(row), entity_ids, row["reader_version"]

    def _all(self, table, kind: type, scope: Scope, graded=None) -> Iterator:
        """Every row of a per-report table in scope, report by report; `graded`: the condition on the
        table that keeps only what is graded min_grade or better."""
        query = (select(table.c.data).join(reports, reports.c.id == table.c.report_id).where(of_reports(scope))
                 .order_by(reports.c.published.is_(None), reports.c.published, reports.c.id, table.c.idx).limit(scope.limit))
        if scope.min_grade is not None and graded is not None:
            query = query.where(graded)
        with self.engine.connect() as connection:
            for data in connection.execution_options(yield_per=500).execute(query).scalars():
                yield loads(kind, data)

    def claims(self, scope: Scope = EVERYTHING) -> Iterator[Claim]:
        """Every stored claim in scope, report by report in publication order, in text order within
        a report; with a min_grade, those in a claim or event graded that or better."""
        graded = claims.c.id.in_(select(assessment_claims.c.claim_id)
                                 .join(assessments, assessments.c.id == assessment_claims.c.assessment_id)
                                 .where(of_assessments(scope)))
        return self._all(claims, Claim, scope, graded)

    def events(self, scope: Scope = EVERYTHING) -> Iterator[Event]:
        """Every stored event in scope, report by report in publication order; with a min_grade,
        those in a sentence stating an event graded that or better (an event assessment rests on
        the claims stating the event, and a report's event is in the sentence of one of them)."""
        stated = (select(sentences.c.report_id, sentences.c.start, sentences.c.end)
                  .join(claims, and_(claims.c.report_id == sentences.c.report_id,
                                     sentences.c.start <= claims.c.start, claims.c.start < sentences.c.end))
                  .join(assessment_claims, assessment_claims.c.claim_id == claims.c.id)
                  .join(assessments, assessments.c.id == assessment_claims.c.assessment_id)
                  .where(of_assessments(scope), assessments.c.subject == "event").subquery())
        graded = select(stated.c.report_id).where(
            stated.c.report_id == events.c.report_id, stated.c.start <= events.c.start, events.c.start < stated.c.end).exists()
        return self._all(events, Event, scope, graded)

    # -- stories and assessments ----------------------------------------------------------------

    def story_bases(self) -> dict[str, str]:
        """Each stored story's basis: a hash of what its analysis was made from (see `pipeline.assess`)."""
        with self.engine.connect() as connection:
            return dict(connection.execute(select(story_bases.c.story_id, story_bases.c.basis)).all())

    def save_stories(self, analysis: list[StoryAnalysis]) -> None:
        """Store some stories' analyses in one transaction, first removing every stored story that
        shares a report with them (a story re-linked or re-graded replaces the old one)."""
        members = [r for found in analysis for r in found.story.report_ids]
        with self.writer.begin() as connection:
            self._one_linker(connection)
            old = select(story_reports.c.story_id).where(story_reports.c.report_id.in_(members)).scalar_subquery()
            self._delete_stories(connection, stories.c.id.in_(old))
            for found in analysis:
                story = found.story
                connection.execute(insert(stories).values(id=story.id, title=found.title, size=len(story.report_ids),
                                                          first_published=found.first, last_published=found.last))
                connection.execute(insert(story_bases).values(story_id=story.id, basis=found.basis))
                connection.execute(insert(story_reports), [{"story_id": story.id, "report_id": r} for r in story.report_ids])
                if found.derivations:
                    connection.execute(insert(derivations), [
                        {"story_id": story.id, "source_id": d.source_id, "derived_id": d.derived_id, "label": d.label,
                         "data": dumps(d)} for d in found.derivations])
                if found.assessments:
                    connection.execute(insert(assessments), [
                        {"id": a.id, "story_id": story.id, "rank": rank, "subject": a.subject, "credibility": a.credibility,
                         "data": dumps(a)} for rank, a in enumerate(found.assessments)])
                    links = {(a.id, c) for a in found.assessments for c in a.claim_ids}
                    connection.execute(insert(assessment_claims), [{"assessment_id": a, "claim_id": c} for a, c in sorted(links)])

    def drop_stories_except(self, keep: set[str]) -> None:
        """Remove every stored story not in `keep`: what an analysis no longer finds."""
        with self.engine.connect() as connection:
            stale_ids = sorted(set(connection.execute(select(stories.c.id)).scalars()) - keep)
        for lo in range(0, len(stale_ids), 500):
            with self.writer.begin() as connection:
                self._one_linker(connection)
                self._delete_stories(connection, stories.c.id.in_(stale_ids[lo:lo + 500]))

    def _one_linker(self, connection) -> None:
        """On PostgreSQL, story writes of two assess runs take turns (SQLite's write lock already
        makes them): otherwise both delete the old story, then both insert its replacement."""
        if self.engine.dialect.name == "postgresql":
            connection.exec_driver_sql("SELECT pg_advisory_xact_lock(7418)")

    @staticmethod
    def _delete_stories(connection, which) -> None:
        """Delete the stories `which` selects and everything stored under them (children first:
        SQLite only cascades with foreign keys switched on)."""
        ids = connection.execute(select(stories.c.id).where(which)).scalars().all()
        if not ids:
            return
        graded = select(assessments.c.id).where(assessments.c.story_id.in_(ids)).scalar_subquery()
        connection.execute(delete(assessment_claims).where(assessment_claims.c.assessment_id.in_(graded)))
        for table in (assessments, derivations, story_reports):
            connection.execute(delete(table).where(table.c.story_id.in_(ids)))
        connection.execute(delete(story_bases).where(story_bases.c.story_id.in_(ids)))
        connection.execute(delete(stories).where(stories.c.id.in_(ids)))

    def stories(self, offset: int = 0, limit: int | None = None, scope: Scope = EVERYTHING) -> list[StoryRow]:
        """Stories in scope, largest first; or one page of them (`limit`, else the scope's)."""
        limit = limit if limit is not None else scope.limit
        query = select(stories).where(of_stories(scope, stories.c.id))
        query = query.order_by(stories.c.size.desc(), stories.c.last_published.desc(), stories.c.id)
        return self._stories(query.offset(offset).limit(limit), every=limit is None and not offset and not scope.of_reports)

    def story(self, story_id: str) -> StoryRow | None:
        found = self._stories(select(stories).where(stories.c.id == story_id))
        return found[0] if found else None

    def count_stories(self, scope: Scope = EVERYTHING) -> int:
        with self.engine.connect() as connection:
            return connection.execute(select(func.count()).select_from(stories).where(of_stories(scope, stories.c.id))).scalar_one()

    def _stories(self, query, every: bool = False) -> list[StoryRow]:
        """The stories `query` selects, each with its reports (`every`: all stories, so read every membership
        rather than list thousands of ids in the query)."""
        with self.engine.connect() as connection:
            rows = connection.execute(query).mappings().all()
            members = defaultdict(list)
            membership = select(story_reports.c.story_id, story_reports.c.report_id)
            if not every:
                membership = membership.where(story_reports.c.story_id.in_([r["id"] for r in rows]))
            for found, report_id in connection.execute(membership):
                members[found].append(report_id)
        return [StoryRow(r["id"], r["title"], r["size"], r["first_published"], r["last_published"], tuple(members[r["id"]]))
                for r in rows]

    def assessments(self, story_id: str | None = None, subject: str | None = None, scope: Scope = EVERYTHING,
                    offset: int = 0, limit: int | None = None) -> list[Assessment]:
        """Assessments by story and rank; of one story, or of one subject ("claim" or "event"); in
        scope; or one page of them."""
        query = self._assessments(select(assessments.c.data), story_id, subject, scope)
        query = query.order_by(assessments.c.story_id, assessments.c.rank).offset(offset).limit(limit)
        with self.engine.connect() as connection:
            return [loads(Assessment, data) for data in connection.execute(query).scalars()]

    def count_assessments(self, story_id: str | None = None, subject: str | None = None, scope: Scope = EVERYTHING) -> int:
        with self.engine.connect() as connection:
            return connection.execute(self._assessments(select(func.count()).select_from(assessments),
                                                        story_id, subject, scope)).scalar_one()

    @staticmethod
    def _assessments(query, story_id: str | None, subject: str | None, scope: Scope):
        query = query.where(of_assessments(scope))
        if story_id is not None:
            query = query.where(assessments.c.story_id == story_id)
        if subject is not None:
            query = query.where(assessments.c.subject == subject)
        return query

    def assessment(self, assessment_id: str) -> Assessment | None:
        with self.engine.connect() as connection:
            data = connection.execute(select(assessments.c.data).where(assessments.c.id == assessment_id)).scalar()
        return loads(Assessment, data)

    def assessments_of_claim(self, claim_id: str) -> list[Assessment]:
        query = (select(assessments.c.data).join(assessment_claims, assessment_claims.c.assessment_id == assessments.c.id)
                 .where(assessment_claims.c.claim_id == claim_id))
        with self.engine.connect() as connection:
            return [loads(Assessment, data) for data in connection.execute(query).scalars()]

    def derivations(self, story_id: str | None = None) -> list[Derivation]:
        query = select(derivations.c.data)
        if story_id is not None:
            query = query.where(derivations.c.story_id == story_id)
        with self.engine.connect() as connection:
            return [loads(Derivation, data) for data in connection.execute(query).scalars()]

    def claims_in(self, claim_ids: list[str] | tuple[str, ...]) -> dict[str, Claim]:
        """The given claims by id; unknown ids are left out."""
        query = select(claims.c.id, claims.c.data).where(claims.c.id.in_(list(claim_ids)))
        with self.engine.connect() as connection:
            return {row[0]: loads(Claim, row[1]) for row in connection.execute(query)}

    def claim(self, claim_id: str) -> Claim | None:
        with self.engine.connect() as connection:
            data = connection.execute(select(claims.c.data).where(claims.c.id == claim_id)).scalar()
        return loads(Claim, data)

    def stories_of_report(self, report_id: str) -> list[StoryRow]:
        """The stories a report is in (one, once assessed), for its page to link to."""
        ids = select(story_reports.c.story_id).where(story_reports.c.report_id == report_id)
        return self._stories(select(stories).where(stories.c.id.in_(ids)))

    def claim_or_event(self, claim_or_event_id: str) -> tuple[str, str] | None:
        """Whether an id is a stored claim's or event's, and its report: ("claim", report id), or None."""
        with self.engine.connect() as connection:
            for kind, table in (("claim", claims), ("event", events)):
                found = connection.execute(select(table.c.report_id).where(table.c.id == claim_or_event_id)).scalar()
                if found is not None:
                    return kind, found
        return None

    def event_row(self, event_id: str) -> Event | None:
        with self.engine.connect() as connection:
            data = connection.execute(select(events.c.data).where(events.c.id == event_id)).scalar()
        return loads(Event, data)

    def reports_mentioning(self, entity_id: str) -> list[str]:
        query = select(mentions.c.report_id).distinct().where(mentions.c.entity_id == entity_id).order_by(mentions.c.report_id)
        with self.engine.connect() as connection:
            return list(connection.execute(query).scalars())

    # -- an analyst's edits ---------------------------------------------------------------------

    def add_edit(self, edit: Edit) -> None:
        with self.writer.begin() as connection:
            self._add_edit(connection, edit)

    @staticmethod
    def _add_edit(connection, edit: Edit) -> None:
        rest = {"data": edit.data, "label": edit.label, "reports": list(edit.reports)}
        connection.execute(insert(edits).values(id=edit.id, kind=edit.kind, target=edit.target, who=edit.who,
                                                made_at=edit.when, why=edit.why, data=dumps(rest)))

    def edits(self) -> list[Edit]:
        """Every edit, undos included, in the order made."""
        with self.engine.connect() as connection:
            return self._edits(connection, select(edits).order_by(edits.c.seq))

    @staticmethod
    def _edits(connection, query) -> list[Edit]:
        out = []
        for row in connection.execute(query).mappings():
            rest = json.loads(row["data"])
            out.append(Edit(row["kind"], row["target"], row["who"], row["made_at"], row["why"], rest["data"], rest["label"],
                            tuple(rest["reports"])))
        return out

    def _deleted(self, connection, report_id: str) -> bool:
        """Whether an analyst deleted this report and did not undo it."""
        deletes = self._edits(connection, select(edits).where(edits.c.kind == "delete", edits.c.target == report_id))
        if not deletes:
            return False
        undos = self._edits(connection, select(edits).where(edits.c.kind == "undo",
                                                            edits.c.target.in_([e.id for e in deletes])))
        return bool(active([*deletes, *undos]))

    def delete_reports(self, deletions: list[Edit]) -> None:
        """Remove each report a `delete` edit names, with everything read from it and the stories it
        was in (the next assess makes them again from the other reports), and record the edits; in
        one transaction. Full-text rows go with their rows (SQLite triggers, PostgreSQL columns)."""
        ids = [e.target for e in deletions]
        with self.writer.begin() as connection:
            self._one_linker(connection)
            self._delete_stories(connection, stories.c.id.in_(
                select(story_reports.c.story_id).where(story_reports.c.report_id.in_(ids)).scalar_subquery()))
            connection.execute(delete(derivations).where(or_(derivations.c.source_id.in_(ids), derivations.c.derived_id.in_(ids))))
            for table in (*READ_TABLES, readings, story_reports):
                connection.execute(delete(table).where(table.c.report_id.in_(ids)))
            connection.execute(delete(reports).where(reports.c.id.in_(ids)))
            for edit in deletions:
                self._add_edit(connection, edit)

    # -- observations ---------------------------------------------------------------------------

    def add_observations(self, found: list[Observation]) -> int:
        """Store observations in one transaction; one already stored (the same content hash) is
        left as it is. Returns how many were new. Rows are written by executemany, a batch at once."""
        with self.writer.begin() as connection:
            ids = list(dict.fromkeys(seen.id for seen in found))
            known = set(connection.execute(select(observations.c.id).where(observations.c.id.in_(ids))).scalars()) if ids else set()
            new = list({seen.id: seen for seen in found if seen.id not in known}.values())
            if new:
                now = _now()
                # DO NOTHING: another writer may have stored the same rows since the look above.
                connection.execute(self._insert(observations).on_conflict_do_nothing(), [
                    {"id": seen.id, "kind": seen.kind, "observer": seen.observer, "observer_kind": seen.observer_kind,
                     "begin": _iso(seen.begin), "end": _iso(seen.end), "lat": seen.lat, "lon": seen.lon,
                     "names": json.dumps(list(seen.names), ensure_ascii=False), "description": seen.description,
                     "source": seen.source, "ingested_at": now} for seen in new])
            rows = [{"observation_id": seen.id, "vessel_id": v, "name": dict(seen.vessel_names).get(v)}
                    for seen in new for v in seen.vessels]
            if rows:
                connection.execute(self._insert(observation_vessels).on_conflict_do_nothing(), rows)
        return len(new)

    def count_observations(self) -> int:
        with self.engine.connect() as connection:
            return connection.execute(select(func.count()).select_from(observations)).scalar_one()

    def observations_of(self, vessel_ids: set[str] | frozenset[str]) -> list[Observation]:
        """The observations that saw any of these vessels, in order of time."""
        if not vessel_ids:
            return []
        which = select(observation_vessels.c.observation_id).where(observation_vessels.c.vessel_id.in_(sorted(vessel_ids)))
        return self._observations(observations.c.id.in_(which))

    def observations_in(self, observation_ids: list[str] | tuple[str, ...]) -> list[Observation]:
        return self._observations(observations.c.id.in_(list(observation_ids))) if observation_ids else []

    def _observations(self, where) -> list[Observation]:
        with self.engine.connect() as connection:
            rows = connection.execute(select(observations).where(where).order_by(observations.c.begin, observations.c.id)).mappings().all()
            seen: dict[str, list[str]] = defaultdict(list)
            named: dict[str, list[tuple[str, str]]] = defaultdict(list)
            for observation_id, vessel, name in connection.execute(
                    select(observation_vessels.c.observation_id, observation_vessels.c.vessel_id, observation_vessels.c.name)
                    .where(observation_vessels.c.observation_id.in_([r["id"] for r in rows]))
                    .order_by(observation_vessels.c.observation_id, observation_vessels.c.vessel_id)):
                seen[observation_id].append(vessel)
                if name:
                    named[observation_id].append((vessel, name))
        return [Observation(r["kind"], r["observer"], r["observer_kind"], datetime.fromisoformat(r["begin"]),
                            datetime.fromisoformat(r["end"]), r["lat"], r["lon"], tuple(seen[r["id"]]),
                            tuple(json.loads(r["names"])), r["description"], r["source"], tuple(named[r["id"]])) for r in rows]


def _reading_rows(reading: Reading) -> dict:
    """Each read table's rows for one report (without report_id and idx)."""
    return {
        sentences: [{"start": s.start, "end": s.end} for s in reading.sentences],
        mentions: [{"start": m.start, "end": m.end, "text": m.text, "label": m.label, "kind": m.kind, "entity_id": m.id,
                    "name": m.name, "country": m.country, "place": dumps(m.place) if m.place else None}
                   for m in reading.mentions],
        quantities: [{"start": q.start, "end": q.end, "text": q.text, "kind": q.kind, "unit": q.unit, "data": dumps(q)}
                     for q in reading.quantities],
        times: [{"start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value, "precision": t.precision,
                 "begin": t.begin, "range_end": t.range_end} for t in reading.times],
        claims: [{"start": c.start, "end": c.end, "id": c.id, "text": c.text, "origin_key": c.origin.key,
                  "origin_kind": c.origin.kind, "polarity": c.certainty.polarity, "denial": int(c.certainty.denial),
                  "modality": c.certainty.modality, "level": c.certainty.level, "data": dumps(c)}
                 for c in reading.claims],
        events: [{"start": e.spans[0].start if e.spans else 0, "end": e.spans[0].end if e.spans else 0, "id": event_id(e),
                  "type": e.type, "status": e.status, "date": e.date.value if e.date else None,
                  "date_precision": e.date.precision if e.date else None, "data": dumps(e)}
                 for e in reading.events],
    }


def _mention(row) -> Mention:
    return Mention(row["start"], row["end"], row["text"], row["label"], row["kind"], row["entity_id"], row["name"],
                   row["country"], loads(Place, row["place"]))


def _report(row) -> Report:
    published = datetime.fromisoformat(row["published"]) if row["published"] else None
    return Report.stored(
        row["id"], text=row["text"], title=row["title"], outlet=row["outlet"], url=row["url"], byline=row["byline"],
        published=published, published_precision=row["published_precision"], dateline=row["dateline"],
        language=row["language"], source=row["source"],
    )
