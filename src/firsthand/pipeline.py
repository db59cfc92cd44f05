"""The build, stage by stage: ingest into the store, read what is unread, present the dossier.

Every stage commits per report and skips what is already done, so an interrupted build resumes
where it stopped. Progress is reported through callbacks; the CLI draws the bars.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from typing import Protocol

from itertools import combinations

from .grade.assessment import assess_story
from .grade.reliability import ReliabilityTable, default_table
from .ingest.problem import IngestError
from .ingest.report import Report
from .ingest.sources import IngestOptions, expand, reports_from
from .read.reader import Reader
from .link.derivation import ReportText, derive
from .link.entities import merge_entities
from .link.story import StoryInput, cluster_stories
from .read.reading import Reading
from .store import Added, Store
from .store.store import StoryAnalysis

Tick = Callable[[str], None]


def _quiet(_: str) -> None:
    pass


@dataclass
class IngestSummary:
    added: dict[Added, int] = field(default_factory=lambda: {kind: 0 for kind in Added})
    errors: list[IngestError] = field(default_factory=list)

    @property
    def stored(self) -> int:
        return sum(self.added.values())


@dataclass
class ReadSummary:
    read: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (report id, reason)


def ingest(
    store: Store,
    inputs: Iterable[str],
    options: IngestOptions = IngestOptions(),
    on_input: Tick = _quiet,
    on_error: Callable[[IngestError], None] = _quiet,
) -> IngestSummary:
    """Store every report the inputs hold, one transaction each; bad inputs are listed, not fatal."""
    summary = IngestSummary()
    for value in expand(inputs):
        on_input(value)
        for item in reports_from(value, options):
            if isinstance(item, IngestError):
                summary.errors.append(item)
                on_error(item)
            else:
                summary.added[store.add_report(item)] += 1
    return summary


class ReadsReports(Protocol):
    """What the read stage needs of a reader: Reader reads here, DaskReader on a cluster."""

    version: str

    def read(self, reports: Iterable[Report]) -> Iterator[Reading]: ...


class ReaderUnavailable(RuntimeError):
    pass


@contextmanager
def open_reader(dask: str | None = None) -> Iterator[ReadsReports]:
    """A local Reader, or with `dask` (local:N or tcp://host:port) one reading on that cluster."""
    if dask is None:
        yield Reader()
        return
    try:
        from .read.distributed import DaskReader, dask_client  # Dask is only needed here
    except ImportError:
        raise ReaderUnavailable("--dask needs Dask: pip install 'dask[distributed]'") from None
    with ExitStack() as stack:
        try:
            reader = DaskReader(stack.enter_context(dask_client(dask)))
        except (ValueError, OSError, TimeoutError) as error:
            raise ReaderUnavailable(str(error)) from None
        yield reader


def read(store: Store, reader: ReadsReports, on_report: Tick = _quiet) -> ReadSummary:
    """Read every report not yet read by this reader version, saving each reading as it comes."""
    summary = ReadSummary()
    for reading in reader.read(store.unread_reports(reader.version)):
        store.save_reading(reading, reader.version)
        if reading.skipped:
            summary.skipped.append((reading.report_id, reading.skipped))
        else:
            summary.read += 1
        on_report(reading.report_id)
    return summary


def assess(store: Store, table: ReliabilityTable | None = None, on_story: Tick = _quiet) -> list[StoryAnalysis]:
    """Link the read reports into stories, trace each claim's independent origins and grade it.
    The whole analysis replaces the previous one in one transaction."""
    table = table or default_table()
    reports = {report.id: report for report in store.reports()}
    readings = {report_id: store.reading(report_id) for report_id in reports}
    inputs = [StoryInput(r.id, r.text, r.published, frozenset(m.id for m in readings[r.id].mentions)) for r in reports.values()]
    outlets = {r.id: r.outlet for r in reports.values()}
    analysis = []
    for story in cluster_stories(inputs):
        members = [reports[report_id] for report_id in story.report_ids]
        texts = [ReportText(r.id, r.text, r.published) for r in members]
        derived = [d for a, b in combinations(texts, 2) if (d := derive(a, b)).label != "not"]
        mentions, claims = merge_entities({r.id: readings[r.id].mentions for r in members},
                                          [c for r in members for c in readings[r.id].claims])
        events = [e for r in members for e in readings[r.id].events]
        dated = sorted(r.published.isoformat() for r in members if r.published)
        titled = [r.title for r in sorted(members, key=lambda r: (r.published is None, r.published)) if r.title]
        analysis.append(StoryAnalysis(story, titled[0] if titled else None, dated[0] if dated else None,
                                      dated[-1] if dated else None, derived,
                                      assess_story(story.id, claims, events, outlets, derived, table, mentions)))
        on_story(story.id)
    store.save_analysis(analysis)
    return analysis


__all__ = ["IngestSummary", "ReadSummary", "ReaderUnavailable", "ReadsReports", "assess", "expand", "ingest",
           "open_reader", "read"]
