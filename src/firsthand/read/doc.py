"""The report-level facts every pipeline component may read from a Doc, set by the Reader."""

from __future__ import annotations

from spacy.tokens import Doc

Doc.set_extension("report_id", default=None, force=True)
Doc.set_extension("published", default=None, force=True)  # timezone-aware datetime
Doc.set_extension("published_precision", default=None, force=True)  # "year" | "month" | "day" | "second"
Doc.set_extension("outlet", default=None, force=True)
Doc.set_extension("dateline", default=None, force=True)  # "SEOUL, South Korea", "HOUSTON, Feb 26"

_TEXT = ("firsthand", "text")


def text_of(doc: Doc) -> str:
    """`doc.text`, built once per Doc: spaCy rebuilds it from every token on each access, which
    cost more than some of our components' own work when they read it per claim or mention."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text
