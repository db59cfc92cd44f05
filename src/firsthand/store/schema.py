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

sentences = _per_report("sentences")

READ_TABLES = (sentences, mentions, quantities, times, claims)


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    apply: Callable[[Connection], None]


def _create(*tables: Table) -> Callable[[Connection], None]:
    return lambda connection: metadata.create_all(connection, tables=list(tables))


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "reports and what reading them found", _create(schema_version, reports, readings, *READ_TABLES)),
)

LATEST = MIGRATIONS[-1].version
