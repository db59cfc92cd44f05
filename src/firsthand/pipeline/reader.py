"""The Reader: reports in, Readings out, through one spaCy pipeline run in batches."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from .. import __version__
from ..claims.attribution import DEFAULT_BACKEND
from ..claims.stance import DEFAULT_BACKEND as DEFAULT_STANCE
from ..model.offsets import shifted
from ..model.reading import Reading, Sentence
from ..model.report import Report
from ..read.component import Component
from ..read.doc import report_doc, trimmed
from ..read.nlp import load_model
from ..read.sections import SECTION, sections

# Our components in order, after the model's own; fh_paragraphs goes before the parser, which keeps
# the sentence starts it sets. Each declares what it requires and assigns (its Language.factory),
# so spaCy's analyze_pipes checks this order; the factories are found through the
# `spacy_factories` entry points (pyproject.toml).
COMPONENTS = ("fh_paragraphs", "fh_entities", "fh_quantities", "fh_times", "fh_attribution", "fh_checkworthy",
              "fh_claims", "fh_events")
BEFORE = {"fh_paragraphs": "parser"}

READABLE_LANGUAGES = {None, "en"}
# Characters in one nlp.pipe batch: a batch of 32 news reports stays well under it, and a long
# report's sections go a few at a time, so that memory stays bounded.
BATCH_CHARS = 4 * SECTION


class PipelineProblem(ValueError):
    """The pipeline lacks what a component requires (a model without a parser, a component left out)."""


class Reader:
    def __init__(self, nlp: Language | None = None, batch_size: int = 32, section_size: int = SECTION,
                 batch_chars: int = BATCH_CHARS, attribution: str = DEFAULT_BACKEND, stance: str = DEFAULT_STANCE) -> None:
        """attribution: the attribution tagger, "crf" (fast) or "encoder" (claims/attribution.py BACKENDS);
        stance: the stance head, "features" (fast) or "encoder" (claims/stance.py BACKENDS)."""
        self.nlp = nlp or load_model()
        configs = {"fh_attribution": {"backend": attribution}, "fh_claims": {"stance": stance}}
        for name in COMPONENTS:
            if name not in self.nlp.pipe_names:
                before = BEFORE.get(name)
                self.nlp.add_pipe(name, before=before if before in self.nlp.pipe_names else None, config=configs.get(name, {}))
        analysis = self.nlp.analyze_pipes()
        assert analysis is not None  # None only when asked to pretty-print
        problems = {name: missing for name, missing in analysis["problems"].items() if missing}
        if problems:
            raise PipelineProblem("the reading pipeline is incomplete: " + "; ".join(
                f"{name} requires {', '.join(missing)}" for name, missing in problems.items()))
        # Gazetteers, lexicons and the tagger are loaded now, once, not on the first report.
        for name in COMPONENTS:
            component = self.nlp.get_pipe(name)
            if isinstance(component, Component) and not component.initialized:
                component.initialize(nlp=self.nlp)
        self.batch_size, self.section_size, self.batch_chars = batch_size, section_size, batch_chars
        # A stored reading is redone when the code or the model that made it changes.
        # The taggers are named whatever the default, so that a change of default reads again.
        self.version = f"{__version__}+{self.nlp.meta['name']}-{self.nlp.meta['version']}+{attribution}+stance-{stance}"

    def skip_reason(self, report: Report) -> str | None:
        if report.language not in READABLE_LANGUAGES:
            return f"not English (language {report.language}); firsthand reads English reports only"
        return None

    def make_doc(self, report: Report) -> Doc:
        return report_doc(self.nlp, report)

    def read(self, reports: Iterable[Report]) -> Iterator[Reading]:
        """A Reading for every report, in the order given; unreadable ones say why they were skipped.

        A report longer than a section is read section by section (read/sections.py), each section
        a Doc with the report's facts, its reading moved to where the section starts; the readings
        of its sections make the report's."""
        parts: list[Reading] = []
        for section, reading in self._read_sections(self._sections(reports)):
            if section is None:
                yield reading
                continue
            parts.append(reading)
            if section.last:
                yield _joined(section.report.id, parts)
                parts = []

    def _sections(self, reports: Iterable[Report]) -> Iterator[_Section | Reading]:
        for report in reports:
            reason = self.skip_reason(report)
            if reason is not None:
                yield Reading(report.id, skipped=reason)
                continue
            bounds = sections(report.text, self.section_size)
            for n, (start, end) in enumerate(bounds, 1):
                yield _Section(report, start, end, last=n == len(bounds))

    def _read_sections(self, items: Iterable[_Section | Reading]) -> Iterator[tuple[_Section | None, Reading]]:
        """Sections read in batches of at most `batch_size` Docs and `batch_chars` characters (the
        memory a batch takes grows with its text); a skipped report passes through in its place."""
        batch: list[_Section] = []
        chars = 0
        for item in items:
            if isinstance(item, Reading):
                yield from self._read_batch(batch)
                batch, chars = [], 0
                yield None, item
                continue
            if batch and (len(batch) >= self.batch_size or chars + item.length > self.batch_chars):
                yield from self._read_batch(batch)
                batch, chars = [], 0
            batch.append(item)
            chars += item.length
        yield from self._read_batch(batch)

    def _read_batch(self, batch: list[_Section]) -> Iterator[tuple[_Section, Reading]]:
        if not batch:
            return
        try:
            docs = list(self.nlp.pipe((self._doc(section) for section in batch), batch_size=self.batch_size))
        except Exception:  # noqa: BLE001  one bad report must not cost the batch: read them one by one
            yield from ((section, self._read_one(section)) for section in batch)
            return
        yield from ((section, shifted(reading_of(doc), section.start)) for section, doc in zip(batch, docs))

    def _read_one(self, section: _Section) -> Reading:
        try:
            return shifted(reading_of(self.nlp(self._doc(section))), section.start)
        except Exception as error:  # noqa: BLE001  reported as the report's reason, the run goes on
            return Reading(section.report.id,
                           skipped=f"internal error while reading ({type(error).__name__}: {error}); please report it")

    def _doc(self, section: _Section) -> Doc:
        return report_doc(self.nlp, section.report, section.start, section.end)


@dataclass(frozen=True)
class _Section:
    report: Report
    start: int
    end: int
    last: bool  # the report's last section

    @property
    def length(self) -> int:
        return self.end - self.start


def _joined(report_id: str, parts: list[Reading]) -> Reading:
    """The reading of a report from the readings of its sections; one that failed fails it."""
    if len(parts) == 1:
        return parts[0]
    failed = next((part.skipped for part in parts if part.skipped), None)
    if failed:
        return Reading(report_id, skipped=failed)
    return Reading(
        report_id=report_id,
        sentences=[s for part in parts for s in part.sentences],
        mentions=[m for part in parts for m in part.mentions],
        quantities=[q for part in parts for q in part.quantities],
        times=[t for part in parts for t in part.times],
        claims=[c for part in parts for c in part.claims],
        events=[e for part in parts for e in part.events],
    )


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
