"""Scope: which part of the store a listing, dossier, export or page covers. Built once (from the
command line or a page's query; `present/scope.py` parses it) and applied by the store's queries
and by the dossier."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime


@dataclass(frozen=True)
class Scope:
    story: str | None = None  # a story's id
    since: datetime | None = None  # published at or after (UTC)
    until: datetime | None = None  # published before (UTC): the end of the day, month or year the user named
    outlet: str | None = None  # an outlet's name, as stored, any case
    entity: str | None = None  # a canonical entity id ("PRK", "person:kim-jong-un") or a mention's text
    min_grade: int | None = None  # Admiralty credibility: keep judgements graded 1 … min_grade (1 confirmed, 6 cannot be judged)
    limit: int | None = None  # at most this many items (stories in a dossier, rows in a listing)

    @property
    def of_reports(self) -> bool:
        """Whether the scope narrows the reports (not only the grades or the count)."""
        return any(value is not None for value in (self.story, self.since, self.until, self.outlet, self.entity))

    @property
    def everything(self) -> bool:
        return all(getattr(self, f.name) is None for f in fields(self))

    def admits(self, credibility: int) -> bool:
        return self.min_grade is None or credibility <= self.min_grade


EVERYTHING = Scope()
