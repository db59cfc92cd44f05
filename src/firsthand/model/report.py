"""The Report: one news text with its provenance, identified by its content."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field, fields, replace
from datetime import datetime

# Fields that a later, richer copy of the same text may fill in (see Store.add_report).
METADATA_FIELDS = ("title", "outlet", "url", "byline", "published", "published_precision", "dateline", "language")

_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANKS = re.compile(r"\n{3,}")


def normalize_text(text: str) -> str:
    """The canonical form of a report's text: NFC, LF line ends, trimmed lines, at most one blank line."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()


def content_id(text: str) -> str:
    """A report's id: the hash of its normalized text, so the same text ingested twice is one report."""
    return hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Report:
    """A news report. `text` is stored normalized; character spans everywhere refer to it."""

    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    byline: str | None = None
    published: datetime | None = None  # timezone-aware
    published_precision: str | None = None  # "day", "month", "year", "second"
    dateline: str | None = None
    language: str | None = None
    source: str = ""  # the file, URL or feed it came from, for messages
    id: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", normalize_text(self.text))
        object.__setattr__(self, "id", content_id(self.text))

    @classmethod
    def stored(cls, report_id: str, text: str, **metadata) -> Report:
        """A report as the store keeps it: its text normalized and its id computed when it was
        stored, so neither is done again (on a list of 50 reports that cost more than the query)."""
        report = object.__new__(cls)
        values = {f.name: f.default for f in fields(cls) if f.init} | metadata | {"text": text, "id": report_id}
        for name, value in values.items():
            object.__setattr__(report, name, value)
        return report

    @property
    def published_label(self) -> str:
        """The publication time as precise as it is known: "2023-11", "2023-11-01", "2023-11-01 08:00 UTC"."""
        if self.published is None:
            return "no publication date"
        precision = self.published_precision or "second"
        return {"year": self.published.strftime("%Y"), "month": self.published.strftime("%Y-%m"),
                "day": self.published.strftime("%Y-%m-%d")}.get(precision, self.published.strftime("%Y-%m-%d %H:%M %Z"))

    def with_(self, **changes) -> Report:
        return replace(self, **changes)
