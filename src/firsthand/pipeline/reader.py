"""The Reader: reports in, Readings out, through one spaCy pipeline run in batches."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, datetime

from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import __version__
from ..claims import attribution as _attribution, extract as _claims  # noqa: F401  (register components)
from ..events import coder as _events  # noqa: F401
from ..model.reading import Reading, Sentence
from ..model.report import Report
from ..read import (  # noqa: F401  (the imports register the components and Doc extensions)
    doc as _doc_extensions,
    entities as _entities,
    paragraphs,
    quantities as _quantities,
    times as _times,
)
from ..read.nlp import load_model

# Our components, in order, after the model's own: each reads what the ones before it set.
COMPONENTS = ("fh_entities", "fh_quantities", "fh_times", "fh_attribution", "fh_checkworthy", "fh_claims", "fh_events")


READABLE_LANGUAGES = {None, "en"}

# Touches every gazetteer: a person, a country, a city and a date, attributed.
WARM_UP = "Kim Jong Un met Vladimir Putin in Vladivostok, Russia, on Sept. 13, officials said."


class Reader:
    def __init__(self, nlp: Language | None = None, batch_size: int = 32) -> None:
        self.nlp = nlp or load_model()
        if "fh_paragraphs" not in self.nlp.pipe_names:
            self.nlp.add_pipe("fh_paragraphs", before="parser" if "parser" in self.nlp.pipe_names else None)
        for name in COMPONENTS:
            if name not in self.nlp.pipe_names:
                self.nlp.add_pipe(name)
        self.batch_size = batch_size
        # A stored reading is redone when the code or the model that made it changes.
        self.version = f"{__version__}+{self.nlp.meta['name']}-{self.nlp.meta['version']}"

    def warm(self) -> None:
        """Build now what the components build once per process on first use (the gazetteers:
        a few seconds), so that a worker's first reports do not pay for it."""
        list(self.read([Report(text=WARM_UP, published=datetime(2023, 9, 14, tzinfo=UTC))]))

    def skip_reason(self, report: Report) -> str | None:
        if report.language not in READABLE_LANGUAGES:
            return f"not English (language {report.language}); firsthand reads English reports only"
        if len(report.text) > self.nlp.max_length:
            return f"too long to read ({len(report.text):,} characters; the reader takes {self.nlp.max_length:,})"
        return None

    def make_doc(self, report: Report) -> Doc:
        # Hard-wrapped lines joined by spaces: the same length, so every span is the report's.
        doc = self.nlp.make_doc(paragraphs.unwrap(report.text))
        doc._.report_id = report.id
        doc._.published = report.published
        doc._.published_precision = report.published_precision
        doc._.outlet = report.outlet
        return doc

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
        sentences=[Sentence(*_trimmed(sent)) for sent in doc.sents if sent.text.strip()],
        mentions=list(doc._.mentions or []),
        quantities=list(doc._.quantities or []),
        times=list(doc._.times or []),
        claims=list(doc._.claims or []),
        events=list(doc._.events or []),
    )


def _trimmed(span: Span) -> tuple[int, int]:
    """A sentence's character span without the spaces and line breaks around it."""
    text = span.text
    start = span.start_char + (len(text) - len(text.lstrip()))
    return start, span.start_char + len(text.rstrip())
