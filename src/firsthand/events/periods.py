"""Event dates as spans of days: a TIMEX value at its precision ("2023" is a year, "2023-W44" a
week) or a period ("since August"), for drawing and exporting them."""

from __future__ import annotations

from datetime import date

from ..model.event import EventDate
from ..read.timeres.values import bounds


def period(when: EventDate) -> tuple[date, date] | None:
    """The span of days an event date covers, a "since August" period included."""
    if when.begin or when.end:
        first, last = bounds(when.begin or when.value), bounds(when.end or when.value)
        if first and last and first[0] <= last[1]:
            return first[0], last[1]
    return bounds(when.value)
