"""Amounts of time: "three years", "two weeks ago", "the past six months", "a minute and a
half", "years" — durations, or dates when counted back or on from the anchor."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from firsthand.read import timex as tx
from firsthand.read.timeres.sets import FREQUENCY, RATE
from firsthand.read.timeres.values import FIRST_YEAR, RANK, Parse, duration, fmt, precision_of, shift, unit_name

if TYPE_CHECKING:
    from firsthand.read.timeres.resolver import Resolver

# "a quarter of" what is not a span of time ("of 1990", "of the year", "of fiscal 1989" are)
_FRACTION_OF = re.compile(r"\s+of\s+(?!\d{4}|'\d\d|the\s+(?:fiscal\s+)?year|fiscal|this|last|next)", re.I)


def _age(r: Resolver, m: re.Match[str]) -> bool:
    """'6-year-old', '52 years old': an age, not a time."""
    return bool(re.match(r"[- ]old\b", r.text[m.end():m.end() + 5]))


def _span(r: Resolver, n: float | None, unit: str, direction: str) -> Parse:
    """A duration, with its begin and end when it reaches back from (or on from) the anchor."""
    p = Parse("DURATION", duration(n, unit), unit if unit in RANK else "day")
    if r.anchor is not None and n is not None and n == int(n) and direction in (
            "past", "last", "previous", "recent", "next", "coming", "following", "upcoming"):
        back = direction in ("past", "last", "previous", "recent")
        shift_unit = "day" if unit in tx.TIME_UNITS else unit
        count = int(n) if shift_unit != "day" or unit == "day" else 0
        other = shift(r.anchor, shift_unit, -count if back else count)
        precision = r.prec if r.coarse("day") else "day"
        ends = sorted((fmt(other, precision), fmt(r.anchor, precision)))
        p.begin, p.end = ends
    return p


def amount(r: Resolver, m: re.Match[str]) -> Parse | None:
    unit = unit_name(m["unit"])
    n = tx.parse_number(m["n"])
    if n is not None and m["half"]:
        n += 0.5  # "a minute and a half"
    rel = re.sub(r"\s+", " ", (m["rel"] or "").lower())
    word = m["n"].lower()
    if word in ("a", "an") and m["mod"] is None and not (m["dir"] or rel):
        before = r.text[max(0, m.start() - 40):m.start()]
        if FREQUENCY.search(before):
            return Parse("SET", duration(1, unit), unit if unit in RANK else "day")
        if RATE.search(before):
            return None
    if (n is not None and n > 10000) or _age(r, m):
        return None
    if unit == "quarter" and n is not None and n < 4 and _FRACTION_OF.match(r.text, m.end()):
        return None  # "three-quarters of its food", "a quarter of the market": a fraction
    if rel in ("ago", "earlier", "before", "back"):
        if n is None:
            return Parse("DATE", "PAST_REF", None)
        if rel == "earlier" and unit == "year" and n == int(n) and r.last_date:
            # "a year earlier" compares with the date just mentioned, at its precision
            v = r.last_date
            year = int(v[:4]) - int(n)
            return Parse("DATE", f"{year:04d}{v[4:]}", precision_of(v)) if year >= FIRST_YEAR else None
        if unit == "year" and n == int(n) and r.last_quarter:
            return r.quarter_shift(int(n))
        return r.relative(unit, -int(n)) if n == int(n) else Parse("DATE", "PAST_REF", None)
    if rel in ("later", "after", "from now", "hence"):
        if n is None or n != int(n):
            return Parse("DATE", "FUTURE_REF", None)
        return r.relative(unit, int(n))
    direction = (m["dir"] or "").lower()
    if direction in ("first", "initial", "final", "latest"):
        direction = ""
    return _span(r, n, unit, direction)


def vague_units(r: Resolver, m: re.Match[str]) -> Parse | None:
    if _age(r, m):
        return None
    unit = unit_name(m["unit"])
    rel = (m["rel"] or "").lower()
    if rel in ("ago", "earlier"):
        return Parse("DATE", "PAST_REF", None)
    if rel == "later":
        return Parse("DATE", "FUTURE_REF", None)
    return Parse("DURATION", duration(None, unit), unit)


HANDLERS = {"amount": amount, "vague_units": vague_units}
