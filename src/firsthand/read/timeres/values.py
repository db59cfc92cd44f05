"""TIMEX3 values and the calendar arithmetic behind them: precisions, formatting a date at a
precision, moving a date by calendar units, durations, and holidays."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from firsthand.read import timex as tx

PRECISIONS = ("second", "minute", "hour", "day", "week", "month", "quarter", "season", "year",
              "decade", "century")
RANK = {p: i for i, p in enumerate(PRECISIONS)}
# The years a TIMEX3 calendar value writes (and a Python date holds).
FIRST_YEAR, LAST_YEAR = 1, 9999
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
# TIMEX3 values of a date that cannot be placed, by precision.
UNRESOLVED = {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX", "quarter": "XXXX-QX", "year": "XXXX",
              "decade": "XXX", "century": "XX"}


@dataclass(slots=True)
class Parse:
    """A resolved match: TIMEX3 type, value and precision, and the range it spans if any."""

    type: str
    value: str
    precision: str | None
    begin: str | None = None
    end: str | None = None


def fmt(d: date, precision: str) -> str:
    """A calendar date written at a precision as a TIMEX3 value."""
    if precision in ("day", "hour", "minute", "second"):
        return d.isoformat()
    if precision == "week":
        y, w, _ = d.isocalendar()
        return f"{y}-W{w:02d}"
    if precision == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if precision == "quarter":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if precision == "decade":
        return f"{d.year // 10:03d}"
    if precision == "century":
        return f"{d.year // 100:02d}"
    return f"{d.year:04d}"


_YEAR = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])")
_HALF = re.compile(r"^(\d{4})-H([12])")
_DECADE = re.compile(r"^(\d{2,3})$")  # "202" the 2020s, "20" the 21st century


def _month_end(year: int, month: int) -> date:
    return (date(year + month // 12, month % 12 + 1, 1)) - timedelta(days=1)


def bounds(value: str | None) -> tuple[date, date] | None:
    """The first and last day a TIMEX value covers: "2023" is the whole year, "2023-W44" a week,
    "202" the 2020s; None for what is no calendar span ("PRESENT_REF", "P3D")."""
    if not value:
        return None
    try:
        if found := _DECADE.match(value):
            first = int(found[1]) * 10 ** (4 - len(found[1]))
            return date(max(first, FIRST_YEAR), 1, 1), date(first + 10 ** (4 - len(found[1])) - 1, 12, 31)
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


def precision_of(value: str) -> str:
    return {4: "year", 7: "quarter" if "Q" in value else "month", 10: "day"}[len(value)]


class OutOfCalendar(ValueError):
    """A date moved past the years a calendar value writes ("5,000 years ago")."""


def shift(d: date, unit: str, n: int) -> date:
    """Move a date by n calendar units (months clamp to the month's last day)."""
    try:
        if unit in ("day", "weekend"):
            return d + timedelta(days=n)
        if unit in ("week", "fortnight"):
            return d + timedelta(weeks=n * (2 if unit == "fortnight" else 1))
    except OverflowError:
        raise OutOfCalendar(f"{d} moved {n} {unit}s") from None
    months = {"month": 1, "quarter": 3, "season": 3, "year": 12, "decade": 120, "century": 1200}[unit] * n
    y, m = divmod(d.month - 1 + months, 12)
    year = d.year + y
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise OutOfCalendar(f"{d} moved {n} {unit}s")
    for day in (d.day, 30, 29, 28):
        try:
            return date(year, m + 1, day)
        except ValueError:
            continue
    raise ValueError(d)


def unit_name(word: str) -> str:
    w = re.sub(r"\s+", " ", word.lower())
    if w == "fiscal year":
        return "year"
    if w == "centuries":
        return "century"
    return w[:-1] if w.endswith("s") and w[:-1] in tx.UNITS else w


# The next smaller TIMEX3 unit and how many of it make one: a fraction is written in it.
_SMALLER = {"Y": ("M", 12), "Q": ("M", 3), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("M", 60), "TM": ("S", 60)}


def duration(n: float | None, unit: str) -> str:
    """'2 1/2 years' → P2Y6M, 'half an hour' → PT30M, 'a minute and a half' → PT1M30S."""
    letter, mult = tx.UNITS[unit]
    time = unit in tx.TIME_UNITS
    if n is None:
        return f"{'PT' if time else 'P'}X{'DE' if unit == 'decade' else 'CE' if unit == 'century' else letter}"
    amount = n * mult
    whole, rest = int(amount), amount - int(amount)
    parts = [(whole, letter, time)] if whole else []
    if rest:
        small, factor = _SMALLER[("T" if time and letter == "M" else "") + letter]
        parts.append((round(rest * factor), small, time or letter == "D"))
    date_part = "".join(f"{k}{u}" for k, u, t in parts if not t)
    time_part = "".join(f"{k}{u}" for k, u, t in parts if t)
    return f"P{date_part}" + (f"T{time_part}" if time_part else "")


def _easter(year: int) -> date:
    """Gregorian Easter Sunday (anonymous algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


def holiday(name: str, year: int) -> date:
    name = re.sub(r"\s+", " ", name.lower())
    if name.startswith("thanksgiving"):
        first = date(year, 11, 1)
        return first + timedelta(days=(3 - first.weekday()) % 7 + 21)
    if name.startswith("election"):  # US: the Tuesday after the first Monday in November
        first = date(year, 11, 2)
        return first + timedelta(days=(1 - first.weekday()) % 7)
    if name.startswith("easter"):
        return _easter(year)
    month, day = tx.HOLIDAYS[name]
    return date(year, month, day)
