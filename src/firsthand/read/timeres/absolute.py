"""Dates named outright: ISO and slashed dates, month and day, year and month, decades,
centuries, years."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from firsthand.read import timex as tx
from firsthand.read.timeres.values import Parse

if TYPE_CHECKING:
    from firsthand.read.timeres.resolver import Resolver


def iso(r: Resolver, m: re.Match[str]) -> Parse | None:
    p = r.day_value(int(m["y"]), int(m["m"]), int(m["d"]))
    if p is not None and m["hh"]:
        return Parse("TIME", f"{p.value}T{m['hh']}:{m['mi']}", "minute")
    return p


def slash(r: Resolver, m: re.Match[str]) -> Parse | None:
    if not m["y"]:
        return None  # "3/4" is as often a fraction as a date
    return r.day_value(r.year(m["y"]), int(m["m"]), int(m["d"]))


def month_day(r: Resolver, m: re.Match[str]) -> Parse | None:
    month = tx.MONTHS[m["month"].lower().rstrip(".")]
    day = r.day(m["d"])
    if day < 1 or day > 31:
        return None
    y = r.year(m["y"])
    if y is None and m.groupdict().get("dir") and r.anchor is not None:
        # "last Oct. 23": the latest one before now; "next March 5": the first one after
        a, later = r.anchor, (month, day) > (r.anchor.month, r.anchor.day)
        y = a.year + {"last": -1 if later else 0, "next": 0 if later else 1}.get(m["dir"].lower(), 0)
    y = y or r.pick_year(month, day, m.start(), m.end())
    if y is not None and m["y"] is None and r.coarse("day") and (r.anchor.year, r.anchor.month) == (y, month):
        return Parse("DATE", f"{y:04d}-{month:02d}-{day:02d}", "day")
    return r.day_value(y, month, day)


def year_month(r: Resolver, m: re.Match[str]) -> Parse | None:
    return Parse("DATE", f"{int(m['y']):04d}-{tx.MONTHS[m['month'].lower().rstrip('.')]:02d}", "month")


def decade(r: Resolver, m: re.Match[str]) -> Parse | None:
    if m["decw"]:
        if r.anchor is None:
            return None
        century = r.anchor.year // 100 - (tx.DECADE_WORDS[m["decw"].lower()] * 10 > r.anchor.year % 100)
        return Parse("DATE", f"{century:02d}{tx.DECADE_WORDS[m['decw'].lower()]}", "decade")
    y = r.year(m["dec"].rstrip("s").rstrip("'")) if m["dec"].startswith("'") else int(m["dec"])
    return Parse("DATE", f"{y // 10:03d}", "decade")


def century(r: Resolver, m: re.Match[str]) -> Parse | None:
    n = m["n"].lower()
    c = tx.ORDINALS.get(n) or int(re.sub(r"\D", "", n))
    return Parse("DATE", f"{c - 1:02d}", "century") if c > 0 else None


def year(r: Resolver, m: re.Match[str]) -> Parse | None:
    y = r.year(m["y"] or m["sy"])
    edge = (m["edge"] or "").lower()
    if not edge and r.anchor and y > r.anchor.year + 30:
        return None  # a far-future bare number is more likely a count than a year
    if not edge and re.search(r"\d[\d,.]*\s*$|[$£€]\s*$|\bNo\.\s*$", r.text[max(0, m.start() - 12):m.start()]):
        return None
    return Parse("DATE", f"{y:04d}", "year")


HANDLERS = {
    "iso": iso, "slash": slash, "month_day": month_day, "day_month": month_day,
    "year_month": year_month, "decade": decade, "century": century, "year": year,
}
