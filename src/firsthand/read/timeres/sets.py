"""Sets of times (TIMEX3 SET): "every week", "twice a month", "Tuesdays", "annually" — and the
rates of a quantity that look like them ("$2 million a year") but are none."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from firsthand.read import timex as tx
from firsthand.read.timeres.values import RANK, Parse, duration

if TYPE_CHECKING:
    from firsthand.read.timeres.resolver import Resolver

# "twice a week" is a frequency (a SET); "$2 million a year", "700 seats a week" are rates of a
# quantity, which TimeML annotators leave alone (and a reader wants no time from).
FREQUENCY = re.compile(r"\b(?:once|twice|thrice|times)\s+$", re.I)
RATE = re.compile(r"(?:\d|percent|dollars|million|billion|%)\S*(?:\s+\S+){0,3}\s+$", re.I)
_ADVERB_UNITS = {"daily": "day", "nightly": "day", "weekly": "week", "biweekly": "week", "monthly": "month",
                 "quarterly": "quarter", "annually": "year", "yearly": "year", "hourly": "hour"}


def every(r: Resolver, m: re.Match[str]) -> Parse | None:
    q = m["q"].lower()
    unit_word = m["unit"].lower().rstrip(".")
    if q in ("a", "an") and not FREQUENCY.search(r.text[max(0, m.start() - 40):m.start()]):
        return None
    step = 2 if m["other"] else 1
    if unit_word in tx.WEEKDAYS:
        return Parse("SET", f"XXXX-WXX-{tx.WEEKDAYS[unit_word]}", "day")
    if unit_word in tx.PARTS_OF_DAY:
        return Parse("SET", f"T{tx.PARTS_OF_DAY[unit_word]}", "hour")
    return Parse("SET", duration(step, unit_word), unit_word if unit_word in RANK else "day")


def adverb(r: Resolver, m: re.Match[str]) -> Parse | None:
    if RATE.search(r.text[max(0, m.start() - 40):m.start()]):
        return None  # "rise 8.5% annually": a rate of a quantity
    unit = _ADVERB_UNITS[m["adv"].lower()]
    return Parse("SET", duration(2 if m["adv"].lower() == "biweekly" else 1, unit), unit)


HANDLERS = {"set": every, "set_adv": adverb}
