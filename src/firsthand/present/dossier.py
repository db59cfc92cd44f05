"""The Dossier: what the store knows, gathered into one object for the renderers."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..ingest.report import Report
from ..read.reading import Reading
from ..store import Store


@dataclass
class ReportView:
    report: Report
    reading: Reading

    def sentences(self) -> list[tuple[str, list[str]]]:
        """Each sentence's text with the entities it mentions."""
        out = []
        for sentence in self.reading.sentences:
            names = [m.text for m in self.reading.mentions if sentence.start <= m.start < sentence.end]
            out.append((self.report.text[sentence.start:sentence.end], names))
        return out


@dataclass
class Dossier:
    title: str
    reports: list[ReportView] = field(default_factory=list)

    def top_entities(self, n: int = 15) -> list[tuple[str, str, int]]:
        counts = Counter((m.text, m.label) for view in self.reports for m in view.reading.mentions)
        return [(text, label, count) for (text, label), count in counts.most_common(n)]


def gather(store: Store, title: str | None = None) -> Dossier:
    views = [ReportView(report, store.reading(report.id)) for report in store.reports()]
    if title is None:
        title = views[0].report.title if len(views) == 1 and views[0].report.title else "Dossier"
    return Dossier(title=title, reports=views)
