"""Reporting periods: quarters, halves, and "the 1988 quarter" of an earnings story, which
become the quarter later phrases ("the quarter", "a year earlier") refer back to."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from firsthand.read.timeres.values import Parse

if TYPE_CHECKING:
    from firsthand.read.timeres.resolver import Resolver


def _quarter_year(r: Resolver, q: int, start: int, end: int) -> int | None:
    if r.anchor is None:
        return None
    current = (r.anchor.month - 1) // 3 + 1
    if q > current and not r.future(start, end):
        return r.anchor.year - 1  # results for a quarter not yet begun are last year's
    return r.anchor.year


def quarter(r: Resolver, m: re.Match[str]) -> Parse | None:
    q = int(m["q"] or re.sub(r"\D", "", {"first": "1", "second": "2", "third": "3", "fourth": "4"}.get(m["ord"].lower(), m["ord"] or "")))
    y = r.year(m["y"] or m["y1"])
    if y is None and m["rel"] and r.anchor:
        y = r.anchor.year + {"last": -1, "next": 1, "this": 0}[m["rel"].lower()]
    if y is None:
        y = _quarter_year(r, q, m.start(), m.end())
    if y is None:
        return Parse("DATE", f"XXXX-Q{q}", "quarter")
    r.last_quarter = date(y, 3 * q - 2, 1)
    return Parse("DATE", f"{y:04d}-Q{q}", "quarter")


def year_period(r: Resolver, m: re.Match[str]) -> Parse | None:
    """'the 1988 quarter', 'the 1989 period': that year's quarter under discussion."""
    y = int(m["y"])
    if r.last_quarter is None:
        return Parse("DATE", f"{y:04d}" if m["unit"].lower() == "period" else f"{y:04d}-QX", "year")
    return Parse("DATE", f"{y:04d}-Q{(r.last_quarter.month - 1) // 3 + 1}", "quarter")


def half(r: Resolver, m: re.Match[str]) -> Parse | None:
    h = 1 if m["ord"].lower() in ("first", "1st") else 2
    y = r.year(m["y"]) or (r.anchor.year if r.anchor else None)
    if y is None:
        return Parse("DATE", f"XXXX-H{h}", "quarter")
    return Parse("DATE", f"{y:04d}-H{h}", "quarter")


HANDLERS = {"quarter": quarter, "year_period": year_period, "half": half}
