"""The benchmark corpus: Reuters-21578 stories, read from ../shared/data as needed, never copied."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice

from bench.common import shared_path
from firsthand.ingest.reuters import reports_from_sgml
from firsthand.model.report import Report


def reuters_stories() -> Iterator[Report]:
    """Every distinct story with a body, file by file (about 19,000), one file in memory at a time."""
    seen: set[str] = set()
    for path in sorted(shared_path("reuters21578").glob("reut2-*.sgm")):
        for report in reports_from_sgml(path.read_text("latin-1"), str(path)):
            if report.id not in seen:
                seen.add(report.id)
                yield report


def reuters_reports(limit: int) -> list[Report]:
    reports = list(islice(reuters_stories(), limit))
    if len(reports) < limit:
        raise SystemExit(f"error: only {len(reports)} distinct Reuters stories; asked for {limit}")
    return reports


def words(reports: list[Report]) -> int:
    return sum(len(report.text.split()) for report in reports)
