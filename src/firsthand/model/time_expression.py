"""A time expression normalized to TIMEX3, relative to the report's publication."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TimeExpr:
    """One time expression: offsets into the text, TIMEX3 type and value, and a range if known."""

    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION, SET
    value: str
    precision: str | None
    begin: str | None = None  # for ranges: ISO begin and end ("since August" → 2023-08 .. today)
    range_end: str | None = None
