"""The build, stage by stage: ingest into the store, read what is unread, present the dossier.

Every stage commits per report and skips what is already done, so an interrupted build resumes
where it stopped. Progress is reported through callbacks; the CLI draws the bars.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from typing import Protocol

from .ingest.problem import IngestError
from .ingest.report import Report
from .ingest.sources import IngestOptions, expand, reports_from
from .read.reader import Reader
from .read.reading import Reading
from .store import Added, Store

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
    for value in inputs:
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


__all__ = ["IngestSummary", "ReadSummary", "ReaderUnavailable", "ReadsReports", "expand", "ingest", "open_reader", "read"]
