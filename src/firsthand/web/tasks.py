"""The jobs that add no reports: a sanctions list stored and the store screened against every list,
or an observation file stored and the stories graded again. Each runs the pipeline functions the
CLI's `screen` and `observe` run, on files the analyst uploaded."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from .. import pipeline
from ..grade.reliability import ReliabilityTable
from ..model.observation import Observation
from ..pipeline.screening import load_lists, screen_store
from ..store import Store
from .jobs import Job, JobState, Task


def screening(path: Path, date: str | None) -> Task:
    def run(job: Job, store: Store, _: ReliabilityTable | None) -> None:
        job.state = JobState.SCREENING
        for version in load_lists(store, [path], date, shown=lambda p: job.public(str(p))):
            job.inputs_started += 1
            job.outcome.append(f"list: {version.series} of {version.date}")
        summary = screen_store(store)
        for version, entries, hits, candidates in summary.lists:
            job.outcome.append(f"{version.series} {version.date}: {entries} entries; {summary.entities} entities screened, "
                               f"{hits} hit(s), {candidates} candidate(s)")
    return run


class _Observed:
    """The store as pipeline.observe sees it in a job: an observation names its upload, not where it was saved."""

    def __init__(self, store: Store, job: Job) -> None:
        self.store, self.job = store, job

    def add_observations(self, found: list[Observation]) -> int:
        return self.store.add_observations([replace(o, source=self.job.public(o.source)) for o in found])


def observing(path: Path, layout: str, vessels: Path | None) -> Task:
    def run(job: Job, store: Store, table: ReliabilityTable | None) -> None:
        job.state = JobState.OBSERVING
        job.inputs_started += 1
        summary = pipeline.observe(_Observed(store, job), path, layout, vessels,  # type: ignore[arg-type]
                                   on_error=lambda error: job.errors.append(job.public(str(error))))
        job.outcome.append(f"observed {summary.rows} row(s): {summary.new} new, "
                           f"{summary.rows - summary.new - len(summary.errors)} already stored; {len(summary.errors)} row(s) failed")
        if store.count_reports():
            job.state = JobState.ASSESSING
            pipeline.assess(store, table)
    return run
