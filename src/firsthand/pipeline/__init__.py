"""The build, stage by stage: ingest into the store, read what is unread, present the dossier.

Every stage commits per report and skips what is already done, so an interrupted build resumes
where it stopped. Progress is reported through callbacks; the CLI draws the bars.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

from .. import __version__
from ..claims.attribution import DEFAULT_BACKEND as DEFAULT_ATTRIBUTION
from ..claims.stance import DEFAULT_BACKEND as DEFAULT_STANCE
from ..grade.edits import Corrections
from ..grade.reliability import ReliabilityTable, default_table
from ..grade.story_grades import assess_story, assessment_id
from ..ingest.observations import load_vessels, read_observations
from ..ingest.problem import IngestError, IngestNote
from ..ingest.sources import IngestOptions, expand, reports_from
from ..link.claim_groups import Meaning, sentence_meaning
from ..link.derivation import ReportText, derivations
from ..link.entity_merging import merge_entities
from ..link.naming import story_title
from ..link.observations import ObservationMatcher, vessels_of
from ..link.story import StoryInput, cluster_stories
from ..model.assessment import Assessment
from ..model.observation import Observation
from ..model.reading import Reading
from ..model.report import Report
from ..model.story import Story, StoryAnalysis
from ..store import Added, Store
from .reader import Reader

Tick = Callable[[str], None]


def _quiet(_: object) -> None:
    pass


@dataclass
class IngestSummary:
    added: dict[Added, int] = field(default_factory=lambda: {kind: 0 for kind in Added})
    errors: list[IngestError] = field(default_factory=list)
    notes: list[IngestNote] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)  # files a folder walk left out, by kind

    @property
    def stored(self) -> int:
        return sum(n for kind, n in self.added.items() if kind is not Added.DELETED)


@dataclass
class ReadSummary:
    read: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (report id, reason)


class StoresReports(Protocol):
    """What the ingest stage needs of a store: the Store, or the web app's store that notes a job's reports."""

    def add_report(self, report: Report) -> Added: ...


def ingest(
    store: StoresReports,
    inputs: Iterable[str],
    options: IngestOptions = IngestOptions(),
    on_input: Tick = _quiet,
    on_error: Callable[[IngestError], None] = _quiet,
    on_note: Callable[[IngestNote], None] = _quiet,
) -> IngestSummary:
    """Store every report the inputs hold, one transaction each; bad inputs are listed, not fatal."""
    summary = IngestSummary()
    for value in expand(inputs, summary.skipped):
        on_input(value)
        for item in reports_from(value, options):
            if isinstance(item, IngestError):
                summary.errors.append(item)
                on_error(item)
            elif isinstance(item, IngestNote):
                summary.notes.append(item)
                on_note(item)
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
def open_reader(dask: str | None = None, attribution: str = DEFAULT_ATTRIBUTION,
                stance: str = DEFAULT_STANCE) -> Iterator[ReadsReports]:
    """A local Reader, or with `dask` (local:N or tcp://host:port) one reading on that cluster;
    attribution and stance choose the Reader's taggers (`Reader`)."""
    if dask is None:
        yield Reader(attribution=attribution, stance=stance)
        return
    try:
        from .distributed import DaskReader, dask_client  # Dask is only needed here
    except ImportError:
        raise ReaderUnavailable("--dask needs Dask: pip install 'dask[distributed]'") from None
    with ExitStack() as stack:
        try:
            reader = DaskReader(stack.enter_context(dask_client(dask)), attribution=attribution, stance=stance)
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


@dataclass
class AssessSummary:
    stories: int = 0
    reports: int = 0
    analysed: int = 0  # stories linked or graded anew in this run
    judged: int = 0  # claims and events graded in this run
    by_meaning: bool = True  # claims matched by meaning as well as words (needs the encoder's base weights)


def assess(store: Store, table: ReliabilityTable | None = None, on_story: Tick = _quiet,
           fresh: bool = False, batch: int = 500) -> AssessSummary:
    """Link the read reports into stories, trace each claim's independent origins and grade it.

    Linking streams the store once and keeps compact features only. Each story is then analysed
    from its own reports, a batch of about `batch` reports at a time, and stored in one
    transaction per batch, replacing the stories it overlaps; a story whose basis (its members,
    how they were read, their metadata, the grading rules) is unchanged is kept as it is, unless
    `fresh`. Stories the run no longer finds are dropped at the end. The analyst's edits
    (grade/edits.py) apply after the machine's reading; a story an edit touches is analysed again."""
    corrections = Corrections(store.edits())
    table = corrections.table(table or default_table())
    bases: dict[str, str] = {}
    vessels: dict[str, frozenset[str]] = {}  # the vessels each report names, for its observations

    def inputs() -> Iterator[StoryInput]:
        for report, entity_ids, reader_version in store.reports_for_linking():
            bases[report.id] = _report_basis(report, reader_version)
            if named := vessels_of(entity_ids):
                vessels[report.id] = named
            yield StoryInput.of_report(report, corrections.linking_ids(entity_ids))

    found = cluster_stories(inputs())
    meaning = sentence_meaning()
    # Matching by meaning or by words alone is part of the rules: installing the weights re-grades.
    rules = f"{__version__}\x1f{table.fingerprint()}\x1f{'meaning' if meaning else 'words'}"
    stored = {} if fresh else store.story_bases()
    summary = AssessSummary(stories=len(found), reports=len(bases), by_meaning=meaning is not None)
    pending: list[tuple[Story, str]] = []
    size = 0
    for story in found:
        edited = corrections.basis(story.report_ids)
        # The observations of the story's vessels are part of its basis: observing more re-grades it.
        seen = sorted(o.id for o in store.observations_of(_vessels(story, vessels)))
        parts = [rules, *(bases[r] for r in sorted(story.report_ids)), *([edited] if edited else []), *seen]
        basis = hashlib.sha1("\x1e".join(parts).encode()).hexdigest()
        if stored.get(story.id) == basis:
            on_story(story.id)
            continue
        pending.append((story, basis))
        size += len(story.report_ids)
        if size >= batch:
            _analyse(store, pending, table, corrections, summary, on_story, vessels, meaning)
            pending, size = [], 0
    _analyse(store, pending, table, corrections, summary, on_story, vessels, meaning)
    store.drop_stories_except({story.id for story in found})
    return summary


def _report_basis(report: Report, reader_version: str | None) -> str:
    """What a story's analysis takes from one report: the text is fixed by the id, the reading by
    the reader's version; outlet, title and date may still be filled in by a richer copy."""
    return "\x1f".join(str(part) for part in (report.id, reader_version, report.outlet, report.title,
                                                 report.published and report.published.isoformat(),
                                                 report.published_precision))


def _restored(assessment: Assessment, claim_ids: tuple[str, ...]) -> Assessment:
    return replace(assessment, claim_ids=claim_ids,
                   id=assessment_id(assessment.story_id, assessment.subject, assessment.event, claim_ids))


def _vessels(story: Story, vessels: dict[str, frozenset[str]]) -> frozenset[str]:
    return frozenset().union(*(vessels.get(r, frozenset()) for r in story.report_ids))


def _analyse(store: Store, pending: list[tuple[Story, str]], table: ReliabilityTable, corrections: Corrections,
             summary: AssessSummary, on_story: Tick, vessels: dict[str, frozenset[str]], meaning: Meaning | None) -> None:
    """Analyse and store a batch of stories, reading only their own reports."""
    if not pending:
        return
    ids = [r for story, _ in pending for r in story.report_ids]
    reports = {report.id: report for report in store.reports_in(ids)}
    readings = store.readings_of(ids)
    analysis = []
    for story, basis in pending:
        members = [reports[report_id] for report_id in story.report_ids]
        texts = [ReportText(r.id, r.text, r.published) for r in members]
        derived = derivations(texts)
        read, events = corrections.judged([c for r in members for c in readings[r.id].claims],
                                          [e for r in members for e in readings[r.id].events])
        edited = corrections.claims(read, {r.id: readings[r.id].mentions for r in members})
        mentions, claims = merge_entities({r.id: corrections.mentions(readings[r.id].mentions) for r in members}, edited)
        events = corrections.events(events)
        outlets = {r.id: r.outlet for r in members}
        dated = sorted(r.published.isoformat() for r in members if r.published)
        observations = store.observations_of(_vessels(story, vessels))
        observed = ObservationMatcher.of_story(observations, mentions, {r.id: r.published for r in members}) \
            if observations else None
        assessments = assess_story(story.id, claims, events, outlets, derived, table, mentions, observed, meaning)
        # Renaming an entity (the analyst's merge, or the story's: "Kim" is "Kim Jong Un") renames
        # the claims it is the origin of: judgements keep the stored ids, which pages, edits and
        # the dossier's quotations look up, and so their own ids.
        if stored := {new.id: old.id for old, new in zip(read, claims) if old.id != new.id}:
            assessments = [_restored(a, tuple(stored.get(c, c) for c in a.claim_ids)) for a in assessments]
        assessments = corrections.grades(assessments, story.report_ids)
        analysis.append(StoryAnalysis(story, story_title(members, readings), dated[0] if dated else None,
                                      dated[-1] if dated else None, derived, assessments, basis))
        summary.analysed += 1
        summary.judged += len(assessments)
        on_story(story.id)
    store.save_stories(analysis)


@dataclass
class ObserveSummary:
    rows: int = 0
    new: int = 0  # observations not stored before (a row seen again is kept once, by its content hash)
    errors: list[IngestError] = field(default_factory=list)


def observe(store: Store, path: Path, layout: str = "generic", vessels: Path | None = None,
            on_row: Tick = _quiet, on_error: Callable[[IngestError], None] = _quiet, batch: int = 500) -> ObserveSummary:
    """Store the observations of a CSV or GeoJSON file, a transaction per `batch` rows; a bad row
    is one error and the run goes on. Grading takes them up when the stories are assessed."""
    summary = ObserveSummary()
    table = load_vessels(vessels, layout) if vessels else {}
    pending: list[Observation] = []
    for item in read_observations(path, layout, table):
        summary.rows += 1
        on_row(str(path))
        if isinstance(item, IngestError):
            summary.errors.append(item)
            on_error(item)
            continue
        pending.append(item)
        if len(pending) >= batch:
            summary.new += store.add_observations(pending)
            pending = []
    summary.new += store.add_observations(pending)
    return summary


__all__ = ["AssessSummary", "IngestSummary", "ObserveSummary", "ReadSummary", "ReaderUnavailable", "ReadsReports", "assess", "expand", "ingest",
           "observe", "open_reader", "read"]
