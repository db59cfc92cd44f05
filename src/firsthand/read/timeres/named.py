"""Months, weekdays, seasons and holidays named without a year (or week): which one is meant
depends on the anchor and on whether the clause looks ahead or back."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import TYPE_CHECKING

from firsthand.read import timex as tx
from firsthand.read.timeres.values import SEASON_START, Parse, fmt, holiday as holiday_date, shift

if TYPE_CHECKING:
    from firsthand.read.timeres.resolver import Resolver

# Words before a bare month or season that make it a time ("in May", not "may").
_FRAME = re.compile(r"(?:\b(?:in|since|until|till|by|through|during|of|from|to|before|after|last|"
                    r"this|next|early|late|mid|and|or|between|starting|ending|each|every)\s+|-)$", re.I)


def month(r: Resolver, m: re.Match[str]) -> Parse | None:
    word = m["month"].rstrip(".")
    number = tx.MONTHS[word.lower()]
    if not word[0].isupper() and (len(word) <= 5):
        return None  # "may", "march", "jan" in lower case are not months
    framed = m["y"] or m["rel"] or m["dir"] or m["edge"] or _FRAME.search(r.text[max(0, m.start() - 15):m.start()])
    if word.lower() in ("may", "march") and not framed:
        return None
    if word.lower() in tx.MONTH_ABBREVIATIONS and not m["month"].endswith(".") and not (m["y"] or m["rel"]):
        return None  # a bare "Jan" or "Dec" is a name more often than a month
    if m["y"]:
        return Parse("DATE", f"{r.year(m['y']):04d}-{number:02d}", "month")
    if m["rel"]:
        if r.anchor is None:
            return None
        y = r.anchor.year + {"last": -1, "next": 1, "this": 0}[m["rel"].lower()]
        return Parse("DATE", f"{y:04d}-{number:02d}", "month")
    if r.anchor is None:
        return Parse("DATE", f"XXXX-{number:02d}", "month")
    direction = (m["dir"] or "").lower()
    a = r.anchor
    if direction == "last":
        y = a.year if number < a.month else a.year - 1
    elif direction == "next":
        y = a.year if number > a.month else a.year + 1
    elif direction == "this":
        y = a.year
    else:
        y = r.pick_year(number, None, m.start(), m.end())
    return Parse("DATE", f"{y:04d}-{number:02d}", "month")


def _weekday_date(r: Resolver, wd: int, direction: str, start: int, end: int) -> date:
    a = r.anchor
    diff = wd - a.isoweekday()
    if direction == "this":
        return a + timedelta(days=diff)
    if direction in ("last", "previous", "past"):
        return a + timedelta(days=diff - 7 if diff >= 0 else diff)
    if direction in ("next", "coming"):
        return a + timedelta(days=diff + 7 if diff <= 0 else diff)
    if diff == 0:
        return a
    if r.future(start, end):
        return a + timedelta(days=diff if diff > 0 else diff + 7)
    return a + timedelta(days=diff if diff < 0 else diff - 7)


def weekday(r: Resolver, m: re.Match[str]) -> Parse | None:
    word = m["wd"].rstrip(".")
    if word.lower() not in tx.WEEKDAYS:
        return None
    if len(word) <= 5 and not (word[0].isupper() and m["wd"].endswith(".")):
        return None  # "sun", "sat", "wed" as words
    wd = tx.WEEKDAYS[word.lower()]
    if m["plural"]:
        return Parse("SET", f"XXXX-WXX-{wd}" + (f"T{tx.PARTS_OF_DAY[m['pod'].lower()]}" if m["pod"] else ""), "day")
    if r.anchor is None:
        return Parse("DATE", f"XXXX-WXX-{wd}", "day")
    if r.coarse("day"):
        return Parse("DATE", fmt(r.anchor, r.prec), r.prec)
    d = _weekday_date(r, wd, (m["dir"] or "").lower(), m.start(), m.end())
    return r.with_pod(Parse("DATE", d.isoformat(), "day"), m["pod"])


def season(r: Resolver, m: re.Match[str]) -> Parse | None:
    code = tx.SEASONS[m["season"].lower()]
    direction = (m["dir"] or "").lower()
    before = r.text[max(0, m.start() - 15):m.start()]
    if not (m["y"] or direction) and not _FRAME.search(before):
        return None  # "fall" and "spring" are verbs too
    if not (m["y"] or direction) and re.search(r"\bto\s+$", before) and not re.search(
            r"\bfrom\b", r.text[max(0, m.start() - 60):m.start()]):
        return None  # "to fall further" is the verb; "from spring to fall" the seasons
    if m["y"]:
        return Parse("DATE", f"{r.year(m['y']):04d}-{code}", "season")
    if r.anchor is None:
        return Parse("DATE", f"XXXX-{code}", "season")
    a = r.anchor
    # occurrences of this season around the anchor, as (year, first day, day after)
    spans = [(y, date(y, SEASON_START[code], 1)) for y in range(a.year - 2, a.year + 2)]
    spans = [(y, s, shift(s, "season", 1)) for y, s in spans]
    if direction in ("last", "previous", "past"):
        y = max(y for y, s, e in spans if e <= a)
    elif direction in ("next", "coming", "upcoming", "following"):
        y = min(y for y, s, e in spans if s > a)
    elif direction in ("this", "current") or direction in ("early", "late", "the") and not r.future(m.start(), m.end()):
        y = next((y for y, s, e in spans if s <= a < e), a.year)
    elif r.future(m.start(), m.end()):
        y = min(y for y, s, e in spans if e > a)
    else:
        y = max(y for y, s, e in spans if s <= a)
    return Parse("DATE", f"{y:04d}-{code}", "season")


def holiday(r: Resolver, m: re.Match[str]) -> Parse | None:
    name = m["hol"]
    if name.lower().startswith("christmas") is False and not name[0].isupper():
        return None
    if m["y"]:
        return Parse("DATE", holiday_date(name, int(m["y"])).isoformat(), "day")
    if r.anchor is None:
        return None
    a = r.anchor
    direction = (m["dir"] or "").lower()
    this = holiday_date(name, a.year)
    if direction == "last" or (not direction and not r.future(m.start(), m.end())):
        d = this if this <= a else holiday_date(name, a.year - 1)
    elif direction == "this":
        d = this
    else:
        d = this if this >= a else holiday_date(name, a.year + 1)
    return Parse("DATE", fmt(d, "day") if not r.coarse("day") else fmt(d, r.prec), "day" if not r.coarse("day") else r.prec)


HANDLERS = {"month": month, "weekday": weekday, "season": season, "holiday": holiday}
