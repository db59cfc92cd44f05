"""The store's schema as data: tables, and the migrations that create them, in order.

A database records its version; opening it applies the migrations it lacks, each in one
transaction. A new stage adds tables by appending a migration, never by editing an old one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Column, Connection, ForeignKey, Integer, MetaData, String, Table, Text

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
    Column("reader_version", String(32), nullable=False),
    Column("skipped", Text),
    Column("read_at", String(32), nullable=False),
)

sentences = Table(
    "sentences", metadata,
    Column("report_id", String(16), ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True),
    Column("idx", Integer, primary_key=True),
    Column("start", Integer, nullable=False), Column("end", Integer, nullable=False),
)

mentions = Table(
    "mentions", metadata,
    Column("report_id", String(16), ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True),
    Column("idx", Integer, primary_key=True),
    Column("start", Integer, nullable=False), Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False), Column("label", String(16), nullable=False),
    Column("entity_id", Text, index=True),
)


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    apply: Callable[[Connection], None]


def _create(*tables: Table) -> Callable[[Connection], None]:
    return lambda connection: metadata.create_all(connection, tables=list(tables))


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "reports, readings, sentences, mentions", _create(schema_version, reports, readings, sentences, mentions)),
)

LATEST = MIGRATIONS[-1].version
