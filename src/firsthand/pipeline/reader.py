"""The Reader: reports in, Readings out, through one spaCy pipeline run in batches."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from .. import __version__
from ..model.reading import Reading, Sentence
from ..model.report import Report
from ..read.component import Component
from ..read.doc import report_doc, trimmed
from ..read.nlp import load_model

# Our components in order, after the model's own; fh_paragraphs goes before the parser, which keeps
# the sentence starts it sets. Each declares what it requires and assigns (its Language.factory),
# so spaCy's analyze_pipes checks this order; the factories are found through the
# `spacy_factories` entry points (pyproject.toml).
COMPONENTS = ("fh_paragraphs", "fh_entities", "fh_quantities", "fh_times", "fh_attribution", "fh_claims", "fh_events")
BEFORE = {"fh_paragraphs": "parser"}

READABLE_LANGUAGES = {None, "en"}


class PipelineProblem(ValueError):
    """The pipeline lacks what a component requires (a model without a parser, a component left out)."""


class Reader:
    def __init__(self, nlp: Language | None = None, batch_size: int = 32) -> None:
        self.nlp = nlp or load_model()
        for name in COMPONENTS:
            if name not in self.nlp.pipe_names:
                before = BEFORE.get(name)
                self.nlp.add_pipe(name, before=before if before in self.nlp.pipe_names else None)
        problems = {name: missing for name, missing in self.nlp.analyze_pipes()["problems"].items() if missing}
        if problems:
            raise PipelineProblem("the reading pipeline is incomplete: " + "; ".join(
                f"{name} requires {', '.join(missing)}" for name, missing in problems.items()))
        # Gazetteers, lexicons and the tagger are loaded now, once, not on the first report.
        for _, component in self.nlp.pipeline:
            if isinstance(component, Component):
                component.initialize(nlp=self.nlp)
        self.batch_size = batch_size
        # A stored reading is redone when the code or the model that made it changes.
        self.version = f"{__version__}+{self.nlp.meta['name']}-{self.nlp.meta['version']}"

    def skip_reason(self, report: Report) -> str | None:
        if report.language not in READABLE_LANGUAGES:
            return f"not English (language {report.language}); firsthand reads English reports only"
        if len(report.text) > self.nlp.max_length:
            return f"too long to read ({len(report.text):,} characters; the reader takes {self.nlp.max_length:,})"
        return None

    def make_doc(self, report: Report) -> Doc:
        return report_doc(self.nlp, report)

    def read(self, reports: Iterable[Report]) -> Iterator[Reading]:
        """A Reading for every report, in the order given; unreadable ones say why they were skipped."""
        pending: list[Report] = []
        for report in reports:
            reason = self.skip_reason(report)
            if reason is None:
                pending.append(report)
                if len(pending) >= self.batch_size:
                    yield from self._read_batch(pending)
                    pending = []
            else:
                yield from self._read_batch(pending)
                pending = []
                yield Reading(report.id, skipped=reason)
        yield from self._read_batch(pending)

    def _read_batch(self, reports: list[Report]) -> Iterator[Reading]:
        if not reports:
            return
        try:
            docs = list(self.nlp.pipe((self.make_doc(r) for r in reports), batch_size=self.batch_size))
        except Exception:  # noqa: BLE001  one bad report must not cost the batch: read them one by one
            yield from (self._read_one(report) for report in reports)
            return
        yield from (reading_of(doc) for doc in docs)

    def _read_one(self, report: Report) -> Reading:
        try:
            return reading_of(self.nlp(self.make_doc(report)))
        except Exception as error:  # noqa: BLE001  reported as the report's reason, the run goes on
            return Reading(report.id, skipped=f"internal error while reading ({type(error).__name__}: {error}); please report it")


def reading_of(doc: Doc) -> Reading:
    return Reading(
        report_id=doc._.report_id,
        sentences=[Sentence(*trimmed(sent)) for sent in doc.sents if sent.text.strip()],
        mentions=list(doc._.mentions or []),
        quantities=list(doc._.quantities or []),
        times=list(doc._.times or []),
        claims=list(doc._.claims or []),
        events=list(doc._.events or []),
    )
