"""The Dossier: what the store knows, gathered into one object for the renderers (Markdown, HTML,
the web app): per story, key judgements, graded claims, a timeline of events and the sources."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property
from itertools import islice

from ..grade.edits import Corrections
from ..grade.key import is_key, strength
from ..grade.reliability import ReliabilityTable, default_table
from ..model.assessment import Assessment, Reliability
from ..model.claim import Claim
from ..model.edit import Edit
from ..model.observation import Observation
from ..model.reading import Reading
from ..model.report import Report
from ..model.scope import EVERYTHING, Scope
from ..model.screening import SanctionsList
from ..model.story import Derivation, StoryRow
from ..store import Store
from .screening import EntityScreening, Screening

KEY_JUDGEMENTS = 8
MORE_KEY_JUDGEMENTS = 100


@dataclass
class ReportView:
    report: Report
    reading: Reading | None  # None where a page needs only the report and its outlet (story_view)
    reliability: Reliability

    @property
    def known_reading(self) -> Reading:
        """The reading, which every view of a whole dossier has (gather); story_view's have none."""
        if self.reading is None:
            raise ValueError(f"report {self.report.id} was gathered without its reading")
        return self.reading

    @property
    def outlet(self) -> str:
        return self.report.outlet or "unnamed outlet"


@dataclass
class StoryView:
    row: StoryRow
    reports: list[ReportView]
    assessments: list[Assessment]
    derivations: list[Derivation]
    claims: dict[str, Claim]  # by claim id: every claim the assessments rest on
    screening: list[EntityScreening] = field(default_factory=list)  # its entities screened against the lists in force
    observations: dict[str, Observation] = field(default_factory=dict)  # by id: those the assessments rest on

    @property
    def title(self) -> str:
        return self.row.title or f"Story {self.row.id}"

    @property
    def key_judgements(self) -> list[Assessment]:
        """The strongest findings (the rule is grade/key.py), strongest first."""
        return self._ranked_key[:KEY_JUDGEMENTS]

    @property
    def more_key_judgements(self) -> list[Assessment]:
        """The key findings past the first KEY_JUDGEMENTS, up to MORE_KEY_JUDGEMENTS more: a page
        lists them folded; the rest are in its claims table."""
        return self._ranked_key[KEY_JUDGEMENTS:KEY_JUDGEMENTS + MORE_KEY_JUDGEMENTS]

    @cached_property
    def _ranked_key(self) -> list[Assessment]:
        return sorted(filter(is_key, self.assessments), key=strength)

    @property
    def claim_assessments(self) -> list[Assessment]:
        return [a for a in self.assessments if a.subject == "claim"]

    @property
    def timeline(self) -> list[Assessment]:
        return timeline(self.assessments)

    def report(self, report_id: str) -> ReportView | None:
        return next((view for view in self.reports if view.report.id == report_id), None)

    def instances(self, assessment: Assessment) -> list[tuple[ReportView, Claim]]:
        """Each report's wording of an assessed claim, for quoting and highlighting."""
        out = []
        for claim_id in assessment.claim_ids:
            claim = self.claims.get(claim_id)
            view = self.report(claim.report_id) if claim else None
            if claim and view:
                out.append((view, claim))
        return out


def timeline(assessments: Iterable[Assessment]) -> list[Assessment]:
    """The dated events among assessments, earliest first (a month sorts before its days); an
    event whose date no origin that can be judged states is not placed in time."""
    dated = [a for a in assessments if a.date_code is not None]
    return sorted(dated, key=lambda a: (a.event.date.value, a.credibility))  # type: ignore[union-attr]  # dated, above


@dataclass
class Dossier:
    title: str
    stories: list[StoryView] = field(default_factory=list)
    unread: list[ReportView] = field(default_factory=list)  # reports skipped by the reader, with why
    edits: list[Edit] = field(default_factory=list)  # the analyst's edits in force, in the order made
    lists: list[SanctionsList] = field(default_factory=list)  # every sanctions list version stored

    @property
    def marked_wrong(self) -> list[Edit]:
        """Claims and events the analyst marked wrong: left out of grading, listed apart."""
        return [e for e in self.edits if e.kind == "mark-wrong"]

    @property
    def reports(self) -> list[ReportView]:
        return [view for story in self.stories for view in story.reports]

    def top_entities(self, n: int = 15) -> list[tuple[str, str, int]]:
        counts = Counter((m.name, m.kind) for view in self.reports for m in view.known_reading.mentions if m.kind != "other")
        return [(name, kind, count) for (name, kind), count in counts.most_common(n)]


def gather(store: Store, title: str | None = None, table: ReliabilityTable | None = None, scope: Scope = EVERYTHING) -> Dossier:
    """The dossier of the stories in scope (each whole: its grades rest on all its reports), their
    judgements graded min_grade or better, at most `limit` stories, largest first."""
    corrections = Corrections(store.edits())
    table = corrections.table(table or default_table())
    views: dict[str, ReportView] = {}
    rows = store.stories(scope=scope)
    if scope.everything:
        reports = store.reports()
    else:
        members = list(dict.fromkeys(rid for row in rows for rid in row.report_ids))
        reports = (report for lo in range(0, len(members), 500) for report in store.reports_in(members[lo:lo + 500]))
    while page := list(islice(reports, 500)):  # readings a page at a time: a query per table, not per report
        readings = store.readings_of([report.id for report in page])
        for report in page:
            reading = readings[report.id]
            if corrections:
                # Entities as the analyst merged and split them (what assess graded with).
                reading = replace(reading, mentions=corrections.mentions(reading.mentions))
            views[report.id] = _view(report, reading, table)
    stories = [_story(store, row, [views[rid] for rid in row.report_ids if rid in views], scope=scope) for row in rows]
    if title is None:
        title = stories[0].title if len(stories) == 1 else "Dossier"
    unread = [view for view in views.values() if view.known_reading.skipped]
    screening = Screening(store)
    if screening.versions:
        for story in stories:
            story.screening = screened(screening, story.reports)
    return Dossier(title, stories, unread, corrections.edits, screening.versions)


_SCREENED_KINDS = frozenset({"person", "organization", "vessel"})


def screened(screening: Screening, reports: Iterable[ReportView]) -> list[EntityScreening]:
    """A story's people, organisations and vessels on the list versions in force when its reports
    that name each were published."""
    entities: dict[str, tuple[str, str, str]] = {}
    days: dict[str, set[str]] = {}
    for view in reports:
        for m in view.known_reading.mentions:
            if m.kind in _SCREENED_KINDS:
                entities.setdefault(m.id, (m.id, m.name, m.kind))
                if view.report.published:
                    days.setdefault(m.id, set()).add(view.report.published.date().isoformat())
    return screening.of(entities.values(), days)


def story_view(store: Store, story_id: str, table: ReliabilityTable | None = None,
               claim_ids: Collection[str] = ()) -> StoryView | None:
    """One story, for a page that shows one: every report with its outlet's reliability, without
    the readings (a large story's would cost more than the page), and of the claims only those
    in `claim_ids`, the ones `instances` will quote."""
    row = store.story(story_id)
    if row is None:
        return None
    table = Corrections(store.edits()).table(table or default_table())
    members = [_view(report, None, table) for report in store.reports_in(row.report_ids)]
    return _story(store, row, members, store.claims_in(tuple(claim_ids)) if claim_ids else {})


def _view(report: Report, reading: Reading | None, table: ReliabilityTable) -> ReportView:
    return ReportView(report, reading, table.outlet(report.outlet))


def _story(store: Store, row: StoryRow, members: list[ReportView], claims: dict[str, Claim] | None = None,
           scope: Scope = EVERYTHING) -> StoryView:
    if claims is None:
        claims = {c.id: c for view in members for c in view.known_reading.claims}
    graded = [a for a in store.assessments(row.id) if scope.admits(a.credibility)]
    observed = store.observations_in(tuple(dict.fromkeys(o for a in graded for o in a.observations)))
    return StoryView(row, members, graded, store.derivations(row.id), claims, observations={o.id: o for o in observed})
