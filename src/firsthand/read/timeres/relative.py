"""Times relative to the anchor or to the last date named: "last week", "the following month",
"that year", "the quarter", "year-earlier", "yesterday evening", clock times, "now"."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from firsthand.read.timeres.tense import parsed_future
from firsthand.read.timeres.values import RANK, Parse, duration, fmt, precision_of, shift, unit_name

if TYPE_CHECKING:
    from firsthand.read.timeres.resolver import Resolver

_REFS = {
    "PAST_REF": ("recently", "recent", "lately", "previously", "formerly", "the past"),
    "FUTURE_REF": ("soon", "the near future", "the future", "future"),
}


def _year_ended(r: Resolver, m: re.Match[str]) -> bool:
    """'the year ended Sept. 30': a fiscal year, reported as a stretch of twelve months."""
    return bool(re.match(r"\s+end(?:ed|ing)\b", r.text[m.end():m.end() + 8]))


def _unresolved(r: Resolver, unit: str) -> Parse | None:
    """A phrase referring back to a date not (yet) named: kept while spans are chosen, whose
    order is not the reading order, and dropped when resolving in reading order."""
    return Parse("DATE", "XXXX", unit) if r.probing else None


def _referred(r: Resolver, unit: str, step: int, demonstrative: bool = False) -> Parse | None:
    """'that year', 'the following month': the last date named, moved by `step` units, if it
    was named at least as finely as the unit; else the publication time so moved ("the same
    week"), but not for "that day", which without an antecedent is no time of its own."""
    if unit == "quarter" and r.last_quarter:
        return Parse("DATE", fmt(shift(r.last_quarter, "quarter", step), "quarter"), "quarter")
    v = r.last_date
    if v is None or "Q" in v or RANK[precision_of(v)] > RANK.get(unit, 99):
        return _unresolved(r, unit) if demonstrative else r.relative(unit, step)
    d = date(int(v[:4]), int(v[5:7] or 1) if len(v) > 4 else 1, int(v[8:10]) if len(v) > 7 else 1)
    return Parse("DATE", fmt(shift(d, unit, step), unit), unit)


def _latest_quarter(r: Resolver) -> date | None:
    """The last quarter that has ended: the one under discussion if it has, else the one before now."""
    if r.anchor is None:
        return r.last_quarter
    previous = shift(date(r.anchor.year, (r.anchor.month - 1) // 3 * 3 + 1, 1), "quarter", -1)
    return r.last_quarter if r.last_quarter and r.last_quarter <= previous else previous


def relative(r: Resolver, m: re.Match[str]) -> Parse | None:
    unit = unit_name(m["unit"])
    direction = m["dir"].lower()
    if unit == "period":
        # "the latest period", "the year-ago period": the quarter of an earnings report
        if r.last_quarter is None and direction not in ("latest", "recent"):
            return _unresolved(r, "quarter")
        unit = "quarter"
    if unit == "year" and _year_ended(r, m):
        return Parse("DURATION", "P1Y", "year")
    step = {"last": -1, "previous": -1, "past": -1, "prior": -1, "next": 1, "coming": 1,
            "following": 1, "upcoming": 1}.get(direction, 0)
    if direction in ("that", "same", "following", "previous") or (unit == "day" and m["the"]):
        # narrative reference: "that year", "the following month", "the next day"
        return _referred(r, unit, step, demonstrative=direction == "that")
    if direction in ("year-earlier", "year-ago", "prior") and unit == "quarter":
        return r.quarter_shift(1) or r.relative("year", -1)
    if unit == "quarter" and direction in ("latest", "recent"):
        latest = _latest_quarter(r)
        return Parse("DATE", fmt(latest, "quarter"), "quarter") if latest else None
    p = r.relative(unit, step)
    if p and unit == "quarter":
        r.last_quarter = shift(r.anchor, "quarter", step)
    return p


def the_unit(r: Resolver, m: re.Match[str]) -> Parse | None:
    unit = unit_name(m["unit"])
    if unit == "year" and _year_ended(r, m):
        return Parse("DURATION", "P1Y", "year")
    if unit == "quarter":
        if r.last_quarter:
            return Parse("DATE", fmt(r.last_quarter, "quarter"), "quarter")
        return r.relative("quarter", -1)
    if unit == "weekend":
        if r.anchor is None:
            return None
        back = 0 if r.anchor.isoweekday() >= 6 or r.future(m.start(), m.end()) else -1
        return r.relative("weekend", back)
    if unit in ("week", "decade"):
        return r.relative(unit, 0)
    return r.relative(unit, 0) if unit == "year" else None


def year_adj(r: Resolver, m: re.Match[str]) -> Parse | None:
    unit = unit_name(m["unit"])
    rel = m["rel"].lower()
    if rel in ("long", "old"):
        return Parse("DURATION", duration(1, unit), unit)
    if rel == "end":
        if r.anchor is None:
            return None
        y = r.anchor.year
        last = {"year": f"{y:04d}-12-31", "month": None, "week": None, "quarter": None}[unit]
        return Parse("DATE", last, "day") if last else r.relative(unit, 0)
    if unit == "year":
        return r.quarter_shift(1) or r.relative("year", -1)
    return r.relative(unit, -1)


def deictic_day(r: Resolver, m: re.Match[str]) -> Parse | None:
    w = m["w"].lower()
    if w == "tonight":
        return r.with_pod(r.relative("day", 0), "night")
    p = r.relative("day", {"today": 0, "yesterday": -1, "tomorrow": 1}[w])
    return r.with_pod(p, m["pod"])


def pod(r: Resolver, m: re.Match[str]) -> Parse | None:
    direction = m["dir"].lower()
    offset = {"last": -1, "yesterday": -1, "tomorrow": 1}.get(direction, 0)
    part = m["pod"].lower()
    if direction == "last" and part not in ("night", "evening"):
        return None  # "last morning" is not a way to say yesterday morning
    if direction == "the" and part == "night":
        return None
    return r.with_pod(r.relative("day", offset), part)


def clock(r: Resolver, m: re.Match[str]) -> Parse | None:
    s = m["clock"].lower().replace(" ", "")
    seconds = None
    if s == "noon" and re.search(r"\bhigh\s+$", r.text[max(0, m.start() - 5):m.start()], re.I):
        return None  # "high noon" is a showdown
    if s in ("noon", "midday"):
        hh, mi = 12, 0
    elif s == "midnight":
        hh, mi = 0, 0
    else:
        parts = re.match(r"(\d+)(?::(\d+))?(?::(\d+))?", s)
        hh, mi = int(parts[1]), int(parts[2] or 0)
        seconds = parts[3]
        if "p" in s and hh < 12:
            hh += 12
        elif "a" in s and hh == 12:
            hh = 0
    time = f"T{hh:02d}:{mi:02d}" + (f":{seconds}" if seconds else "")
    precision = "second" if seconds else "minute"
    day = r.relative("day", 0)
    if day is None or day.precision != "day":
        return Parse("TIME", time, precision)
    return Parse("TIME", f"{day.value}{time}", precision)


def ref(r: Resolver, m: re.Match[str]) -> Parse | None:
    word = re.sub(r"\s+", " ", m["ref"].lower())
    value = next((k for k, words in _REFS.items() if word in words), "PRESENT_REF")
    if word == "soon":
        # "as soon as", "soon after" relate two events; "was soon released" is no future
        if re.search(r"\bas\s+$", r.text[max(0, m.start() - 4):m.start()]) or re.match(
                r"\s+(?:after|afterwards?|before|as|thereafter)\b", r.text[m.end():m.end() + 12]):
            return None
        if r.doc is not None and parsed_future(r.doc, m.start(), m.end()) is False:
            return None
    # adjectives: a time only when they modify a noun, not in "the current of the river"
    if word in ("current", "future", "recent") and not re.match(r"\s+[a-z]", r.text[m.end():m.end() + 3]):
        return None
    return Parse("DATE", value, None)


HANDLERS = {
    "relative": relative, "the_unit": the_unit, "year_adj": year_adj, "deictic_day": deictic_day,
    "pod": pod, "clock": clock, "ref": ref,
}
