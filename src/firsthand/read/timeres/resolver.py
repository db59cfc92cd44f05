"""One text's resolver: the anchor (publication time) and what the text has named so far, the
context questions every rule asks (is this clause about the future? can the anchor place a day?),
and the table of grammar rule → handler, by family."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime

from spacy.tokens import Doc

from firsthand.read import timex as tx
from firsthand.read.timeres import absolute, durations, named, periods, relative, sets
from firsthand.read.timeres.tense import parsed_future
from firsthand.read.timeres.values import (
    FIRST_YEAR,
    LAST_YEAR,
    RANK,
    UNRESOLVED,
    OutOfCalendar,
    Parse,
    fmt,
    shift,
)

_AHEAD_FACTOR = 1.5  # how much likelier a bare date lies in the past than equally far ahead
_NEAR_AHEAD = 45  # days: a date this close ahead is likelier the coming one whatever the verb's tense
# A sentence ends at . ! ? ; before a capital, but not after "p.m." or "U.S.".
_SENTENCE_END = re.compile(r"(?<![.\s][a-zA-Z])[.!?;]\s+(?=[A-Z\"'])|\n")
# "as soon as Tuesday", "as early as next week": a hoped-for time is ahead.
_AS_EARLY_AS = re.compile(r"\bas\s+(?:soon|early)\s+as\s+(?:on\s+)?$", re.I)
# Rules made of common words, which capitals mid-sentence turn into a name: ABC's "This Week",
# "60 Minutes", "VOA Today".
_COMMON_WORDS = frozenset({"relative", "the_unit", "amount", "vague_units", "ref", "deictic_day", "pod"})
# Rules whose match names its date outright, so later relative phrases can refer back to it.
_NAMED = frozenset({"iso", "slash", "month_day", "day_month", "month", "year_month", "year", "quarter"})

Handler = Callable[["Resolver", re.Match[str]], Parse | None]
# Every rule of the grammar (timex.RULES) and the handler that resolves its matches.
HANDLERS: dict[str, Handler] = {
    **absolute.HANDLERS, **periods.HANDLERS, **named.HANDLERS,
    **relative.HANDLERS, **durations.HANDLERS, **sets.HANDLERS,
}


def _titled(text: str, start: int, end: int) -> bool:
    """Every word capitalized, and not because a sentence starts there."""
    if not all(w[0].isupper() for w in re.findall(r"[A-Za-z]+", text[start:end])):
        return False
    before = text[max(0, start - 40):start].rstrip()
    before = before.rstrip("\"'`\u201c").rstrip()  # an opening quote may start a sentence or a title
    return bool(before) and before[-1].isalnum() and not re.search(r"(?:^|\n)\W*$", before)


class Resolver:
    """Turns grammar matches into TIMEX3 values for one text and one anchor."""

    def __init__(self, text: str, anchor: datetime | None, precision: str, doc: Doc | None = None,
                 probing: bool = False) -> None:
        self.text = text
        self.probing = probing
        self.doc = doc  # a parsed Doc of the same text, for tense; None to go by cue words
        # The resolver looks up to two years either side of the anchor without counting units
        # ("last winter", "next Christmas"); an anchor nearer the calendar's ends is no anchor.
        self.anchor = anchor.date() if anchor and FIRST_YEAR + 2 <= anchor.year < LAST_YEAR else None
        self.prec = precision if precision in RANK else "day"
        self.last_quarter: date | None = None  # discourse: "the quarter", "a year ago"
        self.last_date: str | None = None  # the last calendar date named: "a year earlier" than it,
        # "that year", "the following month"

    def handle(self, rule: str, m: re.Match[str]) -> Parse | None:
        if rule in _COMMON_WORDS and _titled(self.text, m.start(), m.end()):
            return None
        try:
            p = HANDLERS[rule](self, m)
        except OutOfCalendar:
            return None  # no calendar value to write
        # Only a date named outright is a reference point; "a year earlier" than "a year ago" would
        # drift a year further back with every comparison in an earnings story.
        if p is not None and rule in _NAMED and re.fullmatch(r"\d{4}(?:-(?:Q\d|\d\d(?:-\d\d)?))?", p.value):
            self.last_date = p.value
        return p

    # -- context ------------------------------------------------------------------------
    def future(self, start: int, end: int) -> bool:
        """Whether the clause around [start, end) speaks of the future: from the governing verb when
        the text is parsed, else (or when the verb does not tell) the nearest tense cue word wins."""
        if _AS_EARLY_AS.search(self.text[max(0, start - 20):start]):
            return True
        if self.doc is not None:
            parsed = parsed_future(self.doc, start, end)
            if parsed is not None:
                return parsed
        left = _SENTENCE_END.split(self.text[max(0, start - 90):start])[-1]
        right = _SENTENCE_END.split(self.text[end:end + 60])[0]
        best: tuple[int, bool] | None = None
        for cue, is_future in ((tx.FUTURE_CUE, True), (tx.PAST_CUE, False)):
            for m in cue.finditer(left):
                dist = len(left) - m.end()
                if best is None or dist < best[0]:
                    best = (dist, is_future)
            for m in cue.finditer(right):
                if best is None or m.start() < best[0]:
                    best = (m.start(), is_future)
        return bool(best and best[1])

    def coarse(self, precision: str) -> bool:
        """The anchor cannot place something of this precision exactly."""
        return RANK[precision] < RANK[self.prec]

    # -- values -------------------------------------------------------------------------
    def relative(self, unit: str, n: int) -> Parse | None:
        """The anchor moved by n units, written at that unit's precision; without an anchor (a report
        with no publication date), TIMEX3's unresolved value at that precision ("last month" is
        XXXX-XX), never a date resolved against some other time."""
        precision = {"weekend": "week", "fortnight": "week", "season": "quarter"}.get(unit, unit)
        if precision in tx.TIME_UNITS:
            precision = "day"
        if self.anchor is None:
            return Parse("DATE", UNRESOLVED.get(precision, "XXXX"), precision)
        if self.coarse(precision):
            # "yesterday" in a report dated only by month: the day is unknown, the month roughly is.
            return Parse("DATE", fmt(self.anchor, self.prec), self.prec)
        d = self.anchor if unit in tx.TIME_UNITS else shift(self.anchor, unit, n)
        value = fmt(d, precision) + ("-WE" if unit == "weekend" else "")
        return Parse("DATE", value, precision)

    def pick_year(self, month: int, day: int | None, start: int, end: int) -> int | None:
        """The year of a month (and day) given without one: the latest past one, or next if future."""
        if self.anchor is None:
            return None
        a = self.anchor
        exact = day is not None and not self.coarse("day")
        here = (month, day) if exact else (month, 0)
        now = (a.month, a.day) if exact else (a.month, 0)
        if self.future(start, end):
            return a.year if here >= now else a.year + 1
        # News looks back, but a date a little ahead is nearer than one almost a year ago.
        ahead = (month - a.month) * 31 + ((day or 0) - a.day if exact else 0)
        if ahead > _NEAR_AHEAD and self.doc is not None and parsed_future(self.doc, start, end) is False:
            return a.year - 1  # "the year ended Jan. 31" in October: a past verb outweighs nearness
        if ahead <= 0:
            return a.year if ahead > -_AHEAD_FACTOR * (366 + ahead) else a.year + 1
        return a.year if _AHEAD_FACTOR * ahead < 372 - ahead else a.year - 1

    def day_value(self, y: int | None, month: int, day: int) -> Parse | None:
        """A day's value; its month's if there is no such day ("February 30"); None if there is no
        such month or year ("2023-15-01", "0000-01-01")."""
        if not 1 <= month <= 12:
            return None
        if y is None:
            return Parse("DATE", f"XXXX-{month:02d}-{day:02d}", "day")
        if not FIRST_YEAR <= y <= LAST_YEAR:
            return None
        try:
            return Parse("DATE", date(y, month, day).isoformat(), "day")
        except ValueError:
            return Parse("DATE", f"{y:04d}-{month:02d}", "month")

    def year(self, s: str | None) -> int | None:
        if not s:
            return None
        if s.startswith("'"):
            yy = int(s[1:])
            base = self.anchor.year if self.anchor else 2000
            return 2000 + yy if 2000 + yy <= base + 10 else 1900 + yy
        y = tx.parse_year(s)
        if y is None:
            return None
        return y + (2000 if y < 50 else 1900) if y < 100 else y

    def day(self, s: str) -> int:
        s = s.lower()
        return tx.ORDINALS[s] if s in tx.ORDINALS else int(re.sub(r"\D", "", s))

    def with_pod(self, p: Parse | None, pod: str | None) -> Parse | None:
        if p is None or not pod or p.precision != "day":
            return p
        return Parse("TIME", f"{p.value}T{tx.PARTS_OF_DAY[pod.lower()]}", "hour")

    def quarter_shift(self, years: int) -> Parse | None:
        """'a year earlier' in an earnings story: the same quarter one year back."""
        if self.last_quarter is None:
            return None
        d = shift(self.last_quarter, "year", -years)
        return Parse("DATE", fmt(d, "quarter"), "quarter")
