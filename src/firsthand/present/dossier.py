"""The Dossier: what the store knows, gathered into one object for the renderers (Markdown, HTML,
the web app): per story, key judgements, graded claims, a timeline of events and the sources."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..claims.claim import Claim
from ..grade.assessment import Assessment
from ..grade.reliability import Reliability, ReliabilityTable, default_table
from ..ingest.report import Report
from ..link.derivation import Derivation
from ..read.reading import Reading
from ..store import Store
from ..store.store import StoryRow

KEY_JUDGEMENTS = 8


@dataclass
class ReportView:
    report: Report
    reading: Reading
    reliability: Reliability

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

    @property
    def title(self) -> str:
        return self.row.title or f"Story {self.row.id}"

    @property
    def key_judgements(self) -> list[Assessment]:
        """The strongest findings: events and claims that have a judgeable origin, widest first."""
        found = [a for a in self.assessments if a.credibility <= 3 and (a.subject == "event" or len(a.report_ids) > 1
                                                                        or any(o.reliability.letter in "ABC" for o in a.origins))]
        return sorted(found, key=lambda a: (a.credibility, a.subject != "event", -len(a.origins), -len(a.report_ids)))[:KEY_JUDGEMENTS]

    @property
    def claim_assessments(self) -> list[Assessment]:
        return [a for a in self.assessments if a.subject == "claim"]

    @property
    def timeline(self) -> list[Assessment]:
        dated = [a for a in self.assessments if a.event is not None and a.event.date is not None]
        return sorted(dated, key=lambda a: (a.event.date.value, a.credibility))

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


@dataclass
class Dossier:
    title: str
    stories: list[StoryView] = field(default_factory=list)
    unread: list[ReportView] = field(default_factory=list)  # reports skipped by the reader, with why

    @property
    def reports(self) -> list[ReportView]:
        return [view for story in self.stories for view in story.reports]

    def top_entities(self, n: int = 15) -> list[tuple[str, str, int]]:
        counts = Counter((m.name, m.kind) for view in self.reports for m in view.reading.mentions if m.kind != "other")
        return [(name, kind, count) for (name, kind), count in counts.most_common(n)]


def gather(store: Store, title: str | None = None, table: ReliabilityTable | None = None) -> Dossier:
    table = table or default_table()
    reports = {report.id: report for report in store.reports()}
    views = {rid: ReportView(report, store.reading(rid), table.outlet(report.outlet)) for rid, report in reports.items()}
    stories = []
    for row in store.stories():
        members = [views[rid] for rid in row.report_ids if rid in views]
        claims = {c.id: c for view in members for c in view.reading.claims}
        stories.append(StoryView(row, members, store.assessments(row.id), store.derivations(row.id), claims))
    if title is None:
        title = stories[0].title if len(stories) == 1 else "Dossier"
    unread = [view for view in views.values() if view.reading.skipped]
    return Dossier(title, stories, unread)
