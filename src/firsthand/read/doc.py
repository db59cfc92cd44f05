"""The report-level facts every pipeline component may read from a Doc, set by the Reader.

A Doc holds a report's text, or a stretch of it: a section of a long report, or one sentence read
on its own when a component failed on the whole. `doc._.offset` says where that stretch starts in
the report's text, so that what is logged about it points into the report.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..model.report import Report
from .wrap import unbracket, unwrap

Doc.set_extension("report_id", default=None, force=True)
Doc.set_extension("published", default=None, force=True)  # timezone-aware datetime
Doc.set_extension("published_precision", default=None, force=True)  # "year" | "month" | "day" | "second"
Doc.set_extension("outlet", default=None, force=True)
Doc.set_extension("dateline", default=None, force=True)  # "SEOUL, South Korea", "HOUSTON, Feb 26"
Doc.set_extension("offset", default=0, force=True)  # where the Doc's text starts in the report's text

_FACTS = ("report_id", "published", "published_precision", "outlet", "dateline")
_TEXT = ("firsthand", "text")


def report_doc(nlp: Language, report: Report, start: int = 0, end: int | None = None) -> Doc:
    """An unprocessed Doc of the report's text from `start` to `end` (the whole text by default),
    carrying the report's facts."""
    # Hard-wrapped lines joined and name brackets blanked by spaces: the same length, so every
    # span is the report's.
    doc = nlp.make_doc(unbracket(unwrap(report.text[start:end])))
    doc._.report_id = report.id
    doc._.published = report.published
    doc._.published_precision = report.published_precision
    doc._.outlet = report.outlet
    doc._.dateline = report.dateline
    doc._.offset = start
    return doc


def sentence_doc(doc: Doc, sent: Span) -> Doc:
    """One sentence of a processed Doc as a Doc of its own (its parse and entities kept, offsets
    from the sentence's start), carrying the report's facts and none of the components' results."""
    own = sent.as_doc()
    for fact in _FACTS:
        own._.set(fact, doc._.get(fact))
    own._.offset = doc._.offset + sent.start_char
    return own


def trimmed(sent: Span) -> tuple[int, int]:
    """A sentence's character span without the spaces and line breaks around it."""
    text = text_of(sent.doc)[sent.start_char : sent.end_char]
    start = sent.start_char + (len(text) - len(text.lstrip()))
    return start, sent.start_char + len(text.rstrip())


def text_of(doc: Doc) -> str:
    """`doc.text`, built once per Doc: spaCy rebuilds it from every token on each access, which
    cost more than some of our components' own work when they read it per claim or mention."""
    data: dict = doc.user_data  # keyed by tuples, as spaCy's own entries are; its stub says str
    text = data.get(_TEXT)
    if text is None:
        text = data[_TEXT] = doc.text
    return text
