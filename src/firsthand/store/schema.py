"""The store's schema as data: tables, and the migrations that create them, in order.

A database records its version; opening it applies the migrations it lacks, each in one
transaction. A new stage adds tables by appending a migration, never by editing an old one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Column, Connection, Float, ForeignKey, Integer, MetaData, String, Table, Text, inspect

metadata = MetaData()

schema_version = Table("schema_version", metadata, Column("version", Integer, nullable=False))

reports = Table(
    "reports", metadata,
    Column("id", String(16), primary_key=True),  # hash of the normalized text
    Column("text", Text, nullable=False),
    Column("title", Text), Column("outlet", Text), Column("url", Text), Column("byline", Text),
    Column("published", String(32)),  # ISO 8601 in UTC, so it sorts
    Column("published_precision", String(8)),
    Column("dateline", Text), Column("language", String(8)),
    Column("source", Text, nullable=False),
    Column("ingested_at", String(32), nullable=False),
)

readings = Table(
    "readings", metadata,
    Column("report_id", String(16), ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True),
    Column("reader_version", Text, nullable=False),  # names the model and the taggers: any length
    Column("skipped", Text),
    Column("read_at", String(32), nullable=False),
)


def _per_report(name: str, *columns: Column) -> Table:
    """A table of things found in a report, numbered in text order; replaced whole on re-reading."""
    return Table(
        name, metadata,
        Column("report_id", String(16), ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True),
        Column("idx", Integer, primary_key=True),
        Column("start", Integer, nullable=False), Column("end", Integer, nullable=False),
        *columns,
    )


mentions = _per_report(
    "mentions",
    Column("text", Text, nullable=False), Column("label", String(16), nullable=False),
    Column("kind", String(16), nullable=False), Column("entity_id", Text, nullable=False, index=True),
    Column("name", Text, nullable=False), Column("country", String(3)),
    Column("place", Text),  # JSON of the geocoded Place
)

quantities = _per_report(
    "quantities",
    Column("text", Text, nullable=False), Column("kind", String(16), nullable=False), Column("unit", Text),
    Column("data", Text, nullable=False),  # JSON of the Quantity, interval included
)

times = _per_report(
    "times",
    Column("text", Text, nullable=False), Column("type", String(10), nullable=False),
    Column("value", Text, nullable=False), Column("precision", String(10)),
    Column("begin", Text), Column("range_end", Text),
)

claims = _per_report(
    "claims",
    Column("id", String(16), nullable=False, unique=True),
    Column("text", Text, nullable=False),
    Column("origin_key", Text, nullable=False, index=True),  # who first said it, comparable across reports
    Column("origin_kind", String(16), nullable=False),
    Column("polarity", String(8), nullable=False), Column("denial", Integer, nullable=False),
    Column("modality", String(12), nullable=False), Column("level", String(10), nullable=False),
    Column("data", Text, nullable=False),  # JSON of the whole Claim
)

events = _per_report(
    "events",  # start/end: the first sentence stating it
    Column("id", String(32), nullable=False, unique=True),
    Column("type", String(16), nullable=False, index=True), Column("status", String(12), nullable=False),
    Column("date", Text), Column("date_precision", String(10)),
    Column("data", Text, nullable=False),  # JSON of the whole Event
)

sentences = _per_report("sentences")

READ_TABLES = (sentences, mentions, quantities, times, claims, events)


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    apply: Callable[[Connection], None]


def _create(*tables: Table) -> Callable[[Connection], None]:
    return lambda connection: metadata.create_all(connection, tables=list(tables))


# What linking and grading conclude; a run replaces each story that changed.
stories = Table(
    "stories", metadata,
    Column("id", String(32), primary_key=True),
    Column("title", Text), Column("size", Integer, nullable=False),
    Column("first_published", String(32)), Column("last_published", String(32)),
)
story_reports = Table(
    "story_reports", metadata,
    Column("story_id", String(32), ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
    Column("report_id", String(16), ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True, index=True),
)
derivations = Table(
    "derivations", metadata,
    Column("story_id", String(32), ForeignKey("stories.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("source_id", String(16), ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True),
    Column("derived_id", String(16), ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True),
    Column("label", String(10), nullable=False), Column("data", Text, nullable=False),
)
assessments = Table(
    "assessments", metadata,
    Column("id", String(16), primary_key=True),
    Column("story_id", String(32), ForeignKey("stories.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("rank", Integer, nullable=False), Column("subject", String(8), nullable=False),
    Column("credibility", Integer, nullable=False), Column("data", Text, nullable=False),
)
assessment_claims = Table(
    "assessment_claims", metadata,
    Column("assessment_id", String(16), ForeignKey("assessments.id", ondelete="CASCADE"), primary_key=True),
    Column("claim_id", String(16), primary_key=True, index=True),
)
# What each story's analysis was made from (its members, how they were read, the grading
# rules): a story whose basis is unchanged is not analysed again.
story_bases = Table(
    "story_bases", metadata,
    Column("story_id", String(32), ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
    Column("basis", String(64), nullable=False),
)
LINK_TABLES = (stories, story_reports, derivations, assessments, assessment_claims)


# Full-text search over reports. SQLite: an FTS5 table holding its own copy of title and text
# (an external-content table would key on the implicit rowid, which VACUUM may renumber), kept
# in step by triggers. PostgreSQL: a generated tsvector column with a GIN index.
_SQLITE_SEARCH = (
    "CREATE VIRTUAL TABLE reports_fts USING fts5(id UNINDEXED, title, text, tokenize='porter unicode61')",
    "CREATE TRIGGER reports_fts_insert AFTER INSERT ON reports BEGIN "
    "INSERT INTO reports_fts(id, title, text) VALUES (new.id, new.title, new.text); END",
    "CREATE TRIGGER reports_fts_delete AFTER DELETE ON reports BEGIN "
    "DELETE FROM reports_fts WHERE id = old.id; END",
    "CREATE TRIGGER reports_fts_update AFTER UPDATE OF title, text ON reports BEGIN "
    "UPDATE reports_fts SET title = new.title, text = new.text WHERE id = old.id; END",
    "INSERT INTO reports_fts(id, title, text) SELECT id, title, text FROM reports",
)
_POSTGRES_SEARCH = (
    "ALTER TABLE reports ADD COLUMN search tsvector GENERATED ALWAYS AS "
    "(to_tsvector('english', coalesce(title, '') || ' ' || text)) STORED",
    "CREATE INDEX reports_search_idx ON reports USING GIN (search)",
)
# The web app's entity pages look mentions up by text; report lists page by publication time.
_LOOKUP_INDEXES = (
    "CREATE INDEX IF NOT EXISTS mentions_text_idx ON mentions (text)",
    "CREATE INDEX IF NOT EXISTS reports_published_idx ON reports (published, id)",
)


def _search(connection: Connection) -> None:
    statements = _SQLITE_SEARCH if connection.dialect.name == "sqlite" else _POSTGRES_SEARCH
    for statement in (*statements, *_LOOKUP_INDEXES):
        connection.exec_driver_sql(statement)


# Full-text search over claims, the same way as over reports (migration 2).
_SQLITE_CLAIM_SEARCH = (
    "CREATE VIRTUAL TABLE claims_fts USING fts5(id UNINDEXED, text, tokenize='porter unicode61')",
    "CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims BEGIN "
    "INSERT INTO claims_fts(id, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims BEGIN "
    "DELETE FROM claims_fts WHERE id = old.id; END",
    "CREATE TRIGGER claims_fts_update AFTER UPDATE OF id, text ON claims BEGIN "
    "UPDATE claims_fts SET id = new.id, text = new.text WHERE id = old.id; END",
    "INSERT INTO claims_fts(id, text) SELECT id, text FROM claims",
)
_POSTGRES_CLAIM_SEARCH = (
    "ALTER TABLE claims ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector('english', text)) STORED",
    "CREATE INDEX claims_search_idx ON claims USING GIN (search)",
)


def _claim_search(connection: Connection) -> None:
    for statement in _SQLITE_CLAIM_SEARCH if connection.dialect.name == "sqlite" else _POSTGRES_CLAIM_SEARCH:
        connection.exec_driver_sql(statement)


# An analyst's edits (model/edit.py), in the order made; an undo is an edit too, so nothing is lost.
edits = Table(
    "edits", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("id", String(12), nullable=False, unique=True),
    Column("kind", String(24), nullable=False), Column("target", Text, nullable=False, index=True),
    Column("who", Text, nullable=False), Column("made_at", String(32), nullable=False), Column("why", Text, nullable=False),
    Column("data", Text, nullable=False),  # JSON of the rest of the Edit
)
# Observations (firsthand observe): first-hand origins that are not reports, each row once by
# the hash of what it observed; the vessels it saw, to find the observations of a story's vessels.
observations = Table(
    "observations", metadata,
    Column("id", String(16), primary_key=True),
    Column("kind", Text, nullable=False), Column("observer", Text, nullable=False),
    Column("observer_kind", Text, nullable=False),
    Column("begin", String(32), nullable=False), Column("end", String(32), nullable=False),  # ISO 8601 in UTC
    Column("lat", Float), Column("lon", Float),
    Column("names", Text, nullable=False),  # JSON list
    Column("description", Text, nullable=False), Column("source", Text, nullable=False),
    Column("ingested_at", String(32), nullable=False),
)
observation_vessels = Table(
    "observation_vessels", metadata,
    Column("observation_id", String(16), ForeignKey("observations.id", ondelete="CASCADE"), primary_key=True),
    Column("vessel_id", String(40), primary_key=True, index=True),
    Column("name", Text),  # the vessel's name where the file or its vessel table gives it
)


# The lists the pages and the API page through, each in its own order: an index per order, so a
# page deep in a list walks an index rather than sorting the table (reports by publication time,
# unknown last; stories largest first; a subject's assessments by story and rank).
_LIST_ORDERS = (
    "CREATE INDEX IF NOT EXISTS reports_order_idx ON reports ((published IS NULL), published, id)",
    "CREATE INDEX IF NOT EXISTS stories_order_idx ON stories (size DESC, last_published DESC, id)",
    "CREATE INDEX IF NOT EXISTS assessments_order_idx ON assessments (subject, story_id, rank)",
)


def _list_orders(connection: Connection) -> None:
    for statement in _LIST_ORDERS:
        connection.exec_driver_sql(statement)


def _vessel_names(connection: Connection) -> None:
    # A store made at version 9 by this version's code has the column already (migration 9 creates the table as defined here).
    if "name" not in {c["name"] for c in inspect(connection).get_columns("observation_vessels")}:
        connection.exec_driver_sql("ALTER TABLE observation_vessels ADD COLUMN name TEXT")


def _reader_versions(connection: Connection) -> None:
    # A reader's version names its taggers ("…+encoder+stance-encoder") and outgrew VARCHAR(32);
    # SQLite does not hold a column to its declared length.
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql("ALTER TABLE readings ALTER COLUMN reader_version TYPE TEXT")


# Sanctions lists as the user supplied them, and what screening the store's entities against each found.
sanction_lists = Table(
    "sanction_lists", metadata,
    Column("id", String(200), primary_key=True),  # series@date
    Column("series", Text, nullable=False), Column("date", String(10), nullable=False),
    Column("source", Text, nullable=False), Column("format", String(16), nullable=False),
    Column("loaded_at", String(32), nullable=False),
)
list_entries = Table(
    "list_entries", metadata,
    Column("list_id", String(200), ForeignKey("sanction_lists.id", ondelete="CASCADE"), primary_key=True),
    Column("entry_id", String(200), primary_key=True),
    Column("kind", String(16), nullable=False), Column("name", Text, nullable=False),
    Column("data", Text, nullable=False),  # JSON of the whole ListEntry
)
screenings = Table(  # an entity screened against a list version, matched or not
    "screenings", metadata,
    Column("entity_id", Text, primary_key=True),
    Column("list_id", String(200), ForeignKey("sanction_lists.id", ondelete="CASCADE"), primary_key=True),
    Column("screened_at", String(32), nullable=False),
)
screening_matches = Table(
    "screening_matches", metadata,
    Column("entity_id", Text, primary_key=True),
    Column("list_id", String(200), ForeignKey("sanction_lists.id", ondelete="CASCADE"), primary_key=True),
    Column("entry_id", String(200), primary_key=True),
    Column("score", Float, nullable=False), Column("level", String(12), nullable=False),
    Column("matched", Text, nullable=False),
)


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "reports and what reading them found", _create(schema_version, reports, readings, *READ_TABLES)),
    Migration(2, "full-text search over reports; mentions by text", _search),
    Migration(3, "stories, derivations and graded assessments", _create(*LINK_TABLES)),
    Migration(4, "full-text search over claims", _claim_search),
    Migration(5, "the basis of each story's analysis", _create(story_bases)),
    Migration(6, "the analyst's edits", _create(edits)),
    Migration(7, "indexes in the order of each paged list", _list_orders),
    Migration(8, "sanctions lists and screening", _create(sanction_lists, list_entries, screenings, screening_matches)),
    Migration(9, "observations and the vessels they saw", _create(observations, observation_vessels)),
    Migration(10, "the name of each observed vessel", _vessel_names),
    Migration(11, "reader versions of any length", _reader_versions),
)

LATEST = MIGRATIONS[-1].version
