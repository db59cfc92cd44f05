"""Event dates as spans of days: a TIMEX value at its precision ("2023" is a year, "2023-W44" a
week) or a period ("since August"), for drawing and exporting them."""

from __future__ import annotations

import re
from datetime import date, timedelta

from ..model.event import EventDate

_YEAR = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])")
_HALF = re.compile(r"^(\d{4})-H([12])")


def _month_end(year: int, month: int) -> date:
    return (date(year + month // 12, month % 12 + 1, 1)) - timedelta(days=1)


def _bounds(value: str | None) -> tuple[date, date] | None:
    """The first and last day a TIMEX value covers: "2023" is the whole year, "2023-W44" a week."""
    if not value:
        return None
    try:
        if found := _WEEK.match(value):
            start = date.fromisocalendar(int(found[1]), int(found[2]), 1)
            return start, start + timedelta(days=6)
        if found := _QUARTER.match(value):
            year, quarter = int(found[1]), int(found[2])
            return date(year, 3 * quarter - 2, 1), _month_end(year, 3 * quarter)
        if found := _HALF.match(value):
            year, half = int(found[1]), int(found[2])
            return date(year, 6 * half - 5, 1), _month_end(year, 6 * half)
        if found := _YEAR.match(value):
            year = int(found[1])
            if found[3]:
                day = date(year, int(found[2]), int(found[3]))
                return day, day
            if found[2]:
                return date(year, int(found[2]), 1), _month_end(year, int(found[2]))
            return date(year, 1, 1), date(year, 12, 31)
    except ValueError:  # "2023-13", a week 54: not a date
        return None
    return None


def period(when: EventDate) -> tuple[date, date] | None:
    """The span of days an event date covers, a "since August" period included."""
    if when.begin or when.end:
        first, last = _bounds(when.begin or when.value), _bounds(when.end or when.value)
        if first and last and first[0] <= last[1]:
            return first[0], last[1]
    return _bounds(when.value)
