"""Adding reports from the browser: one background worker runs the ingest, read and assess stages.
An analyst's edit is recorded at once and queues a job of the assess stage alone, so that no
request waits on assessing a big store.

Jobs run one at a time, in order, so the reader (one spaCy pipeline) and the store's writes are
never shared between threads. A page polls a job's state as JSON while it runs.
"""

from __future__ import annotations

import queue
import secrets
import shutil
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from .. import pipeline
from ..grade.reliability import ReliabilityTable
from ..ingest.sources import IngestOptions
from ..model.report import Report
from ..pipeline.reader import Reader
from ..store import Added, Store

KEEP_JOBS = 200

Task = Callable[["Job", Store, ReliabilityTable | None], None]  # the job, the store, the grading table


class JobState(str, Enum):  # noqa: UP042  (StrEnum would change str() of a state)
    QUEUED = "queued"
    INGESTING = "ingesting"
    READING = "reading"
    ASSESSING = "assessing"  # linking the reports into stories and grading them again
    SCREENING = "screening"  # storing sanctions lists and screening the store's entities against them
    OBSERVING = "observing"  # storing observations
    DONE = "done"
    FAILED = "failed"


@dataclass
class Job:
    id: str
    label: str  # what the user asked for: file names or the URL
    inputs: list[str]
    scratch: Path | None = None  # uploads saved for ingest; removed when the job ends
    kind: str = "add"  # "add": ingest, read and assess the inputs; "assess": assess again after an edit; "task": run `task`
    state: JobState = JobState.QUEUED
    inputs_started: int = 0
    added: dict[str, int] = field(default_factory=lambda: {kind.value: 0 for kind in Added})
    read_done: int = 0
    read_total: int = 0
    report_ids: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    task: Task | None = None  # a job that adds no reports (a list, observations) runs this instead
    outcome: list[str] = field(default_factory=list)  # what such a task found, a line each

    @property
    def finished(self) -> bool:
        return self.state in (JobState.DONE, JobState.FAILED)

    def as_json(self) -> dict:
        return {
            "id": self.id, "kind": self.kind, "label": self.label, "state": self.state.value, "finished": self.finished,
            "inputs": len(self.inputs), "inputs_started": self.inputs_started, "added": dict(self.added),
            "read_done": self.read_done, "read_total": self.read_total,
            "report_ids": list(self.report_ids), "errors": list(self.errors), "outcome": list(self.outcome),
        }

    def public(self, text: str) -> str:
        """Messages name an upload by its file name, not by where it was saved."""
        return text.replace(f"{self.scratch}/", "upload:") if self.scratch else text


class _JobStore:
    """The store as pipeline.ingest sees it during a job: it notes what the job stored."""

    def __init__(self, store: Store, job: Job) -> None:
        self.store, self.job = store, job

    def add_report(self, report: Report) -> Added:
        if self.job.scratch and report.source.startswith(str(self.job.scratch)):
            report = report.with_(source=self.job.public(report.source))
        added = self.store.add_report(report)
        if report.id not in self.job.report_ids:  # a report the inputs hold twice is counted once, by its first storing
            self.job.added[added.value] += 1
            self.job.report_ids.append(report.id)
        return added


class Jobs:
    def __init__(self, store: Store, reader: Callable[[], Reader], options: IngestOptions,
                 table: ReliabilityTable | None = None) -> None:
        self.store, self.table = store, table
        self._make_reader = reader
        self._reader: Reader | None = None
        self.options = options
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._queue: queue.Queue[Job | None] = queue.Queue()
        self._worker = threading.Thread(target=self._work, name="firsthand-jobs", daemon=True)
        self._worker.start()

    def submit(self, label: str, inputs: list[str], scratch: Path | None = None, task: Task | None = None) -> Job:
        return self._queued(Job(secrets.token_hex(8), label, inputs, scratch, kind="task" if task else "add", task=task))

    def reassess(self, label: str) -> Job:
        """Queue assessing the store again (after an edit, `label` says which)."""
        return self._queued(Job(secrets.token_hex(8), label, [], kind="assess"))

    def _queued(self, job: Job) -> Job:
        self._jobs[job.id] = job
        while len(self._jobs) > KEEP_JOBS:
            self._jobs.popitem(last=False)
        self._queue.put(job)
        return job

    def get(self, job_id: str) -> Job | None:
        return self._jobs.get(job_id)

    def close(self) -> None:
        self._queue.put(None)
        self._worker.join(timeout=30)

    def _work(self) -> None:
        while (job := self._queue.get()) is not None:
            try:
                self._run(job)
                job.state = JobState.DONE
            except Exception as error:  # a job's failure is shown on its page, and the worker goes on
                job.errors.append(job.public(f"{type(error).__name__}: {error}"))
                job.state = JobState.FAILED
            finally:
                if job.scratch:
                    shutil.rmtree(job.scratch, ignore_errors=True)

    def _run(self, job: Job) -> None:
        if job.task is not None:
            job.task(job, self.store, self.table)
            return
        if job.kind == "add":
            self._add(job)
        job.state = JobState.ASSESSING
        pipeline.assess(self.store, self.table)

    def _add(self, job: Job) -> None:
        job.state = JobState.INGESTING

        def next_input(_: str) -> None:
            job.inputs_started += 1

        pipeline.ingest(_JobStore(self.store, job), job.inputs, self.options, on_input=next_input,
                        on_error=lambda error: job.errors.append(job.public(str(error))))
        job.state = JobState.READING
        if self._reader is None:
            self._reader = self._make_reader()
        job.read_total = self.store.count_unread(self._reader.version)

        def read_one(_: str) -> None:
            job.read_done += 1

        pipeline.read(self.store, self._reader, on_report=read_one)
