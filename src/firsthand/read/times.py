"""Time expressions in news text, normalized to TIMEX3 values relative to publication time.

News reports narrate the past: a bare "Tuesday" or "August" is the most recent one unless
the clause around it speaks of the future ("will", "is to", "scheduled"). Expressions that
need a finer anchor than the publication date has (a report dated only "2023-11" saying
"yesterday") keep the anchor's coarser precision instead of inventing a day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from spacy.language import Language
from spacy.tokens import Doc, Token

from firsthand.model.time_expression import TimeExpr
from firsthand.read import timex as tx
from firsthand.read.doc import text_of  # also registers Doc._.published, set by the Reader

PRECISIONS = ("second", "minute", "hour", "day", "week", "month", "quarter", "season", "year",
              "decade", "century")
_RANK = {p: i for i, p in enumerate(PRECISIONS)}
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_REFS = {
    "PAST_REF": ("recently", "recent", "lately", "previously", "formerly", "the past"),
    "FUTURE_REF": ("soon", "the near future", "the future", "future"),
}
# Words before a bare month or season that make it a time ("in May", not "may").
_FRAME = re.compile(r"(?:\b(?:in|since|until|till|by|through|during|of|from|to|before|after|last|"
                    r"this|next|early|late|mid|and|or|between|starting|ending|each|every)\s+|-)$", re.I)
_SINCE = re.compile(r"\b(?:since|starting|beginning)\s+(?:the\s+)?$", re.I)
_UNTIL = re.compile(r"\b(?:until|till|through|by)\s+$", re.I)
# "twice a week" is a frequency (a SET); "$2 million a year", "700 seats a week" are rates of a
# quantity, which TimeML annotators leave alone (and a reader wants no time from).
_FREQUENCY = re.compile(r"\b(?:once|twice|thrice|times)\s+$", re.I)
_RATE = re.compile(r"(?:\d|percent|dollars|million|billion|%)\S*(?:\s+\S+){0,3}\s+$", re.I)
# A sentence ends at . ! ? ; before a capital, but not after "p.m." or "U.S.".
_SENTENCE_END = re.compile(r"(?<![.\s][a-zA-Z])[.!?;]\s+(?=[A-Z\"'])|\n")
_AHEAD_FACTOR = 1.5  # how much likelier a bare date lies in the past than equally far ahead
# Tense from the verb that governs a time expression in a parsed Doc (tags and arcs only, so a
# pipeline without a lemmatizer serves). Word stems, not lemmas, for the same reason.
_PLAN = re.compile(r"(?:plan|schedul|expect|intend|due$|hop|aim|prepar|propos|slat|await|going$|vow|promis|threaten)", re.I)
_SAY = re.compile(r"(?:say|said|tell|told|report|announc|claim|stat|add)", re.I)
# "could not be reached Tuesday" is past, "may meet Tuesday" ahead: only the plain future modals tell.
_WILL = {"will", "'ll", "shall", "wo"}
_PRESENT_BE = {"is", "are", "am", "'s", "'re", "'m"}
_PAST_AUX = {"was", "were", "had", "has", "have", "'ve", "did", "been"}
# Present forms spelled like the past ("hurt", "set"): the tagger's present is a guess.
_BARE_PAST = {"hurt", "set", "put", "cut", "hit", "let", "cost", "quit", "shut", "spread", "bid", "read", "beat"}
# Arcs by which a time expression modifies a clause (rather than a noun: "Friday's close").
_CLAUSAL = {"npadvmod", "tmod", "obl", "advmod", "pobj"}
# "as soon as Tuesday", "as early as next week": a hoped-for time is ahead.
_AS_EARLY_AS = re.compile(r"\bas\s+(?:soon|early)\s+as\s+(?:on\s+)?$", re.I)


def _verb_future(verb: Token, depth: int = 0) -> bool | None:
    """Whether a verb's tense and auxiliaries put its event ahead (True), behind (False), or neither."""
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if aux & _PAST_AUX and verb.tag_ == "VBN" and not _PLAN.match(verb.lower_):
        return False  # "has gained since Tuesday", "may have been responsible Wednesday"
    if aux & _WILL:
        return True
    if "to" in aux:  # an infinitive looks forward from its governing verb: "plans to meet Tuesday"
        head = verb.head
        if head is verb or depth > 2:
            return None
        return True if _PLAN.match(head.lower_) else _verb_future(head, depth + 1)
    tag = verb.tag_
    if tag == "VBD":
        return bool(_PLAN.match(verb.lower_))
    if tag == "VBN":
        if _PLAN.match(verb.lower_):
            return True if aux else None  # "is scheduled for Tuesday"; "a service planned for Saturday"
        return False if aux & _PAST_AUX or not aux else None  # "statements made Friday"
    if tag == "VBG":
        if aux & {"was", "were"}:
            return False
        return True if aux & _PRESENT_BE else None
    if tag in ("VBZ", "VBP") and verb.lower_ not in _BARE_PAST:
        # the present with a dated adverbial is a timetable ("meets Monday", "the vote is Tuesday");
        # "says Monday" is a reporting present and tells nothing
        return None if _SAY.match(verb.lower_) else True
    if tag == "VB" and "did" in aux:
        return False
    return None


def _parsed_future(doc: Doc, start: int, end: int) -> bool | None:
    """Tense of the clause a time expression modifies, from the dependency parse."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    tok = span.root
    if tok.dep_ not in _CLAUSAL or tok.head is tok:
        return None
    head = tok.head
    if tok.dep_ == "pobj":  # "on Tuesday": the preposition hangs from the verb
        if head.head is head:
            return None
        head = head.head
    return _verb_future(head) if head.pos_ in ("VERB", "AUX") else None


# Rules made of common words, which capitals mid-sentence turn into a name: ABC's "This Week",
# "60 Minutes", "VOA Today".
_COMMON_WORDS = frozenset({"relative", "the_unit", "amount", "vague_units", "ref", "deictic_day", "pod"})


def _titled(text: str, start: int, end: int) -> bool:
    """Every word capitalized, and not because a sentence starts there."""
    if not all(w[0].isupper() for w in re.findall(r"[A-Za-z]+", text[start:end])):
        return False
    before = text[max(0, start - 40):start].rstrip()
    before = before.rstrip("\"'`\u201c").rstrip()  # an opening quote may start a sentence or a title
    return bool(before) and before[-1].isalnum() and not re.search(r"(?:^|\n)\W*$", before)


# Rules whose match names its date outright, so later relative phrases can refer back to it.
_NAMED = frozenset({"iso", "slash", "month_day", "day_month", "month", "year_month", "year", "quarter"})
# "a quarter of" what is not a span of time ("of 1990", "of the year", "of fiscal 1989" are)
_FRACTION_OF = re.compile(r"\s+of\s+(?!\d{4}|'\d\d|the\s+(?:fiscal\s+)?year|fiscal|this|last|next)", re.I)
_NEAR_AHEAD = 45  # days: a date this close ahead is likelier the coming one whatever the verb's tense
_JOIN = re.compile(r"\s*(?:,\s*)?(?:on\s+|at\s+)?$", re.I)


@dataclass(slots=True)
class _Parse:
    type: str
    value: str
    precision: str | None
    begin: str | None = None
    end: str | None = None


# TIMEX3 values of a date that cannot be placed, by precision.
_UNRESOLVED = {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX", "quarter": "XXXX-QX", "year": "XXXX",
               "decade": "XXX", "century": "XX"}


def _fmt(d: date, precision: str) -> str:
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


def _precision_of(value: str) -> str:
    return {4: "year", 7: "quarter" if "Q" in value else "month", 10: "day"}[len(value)]


def _shift(d: date, unit: str, n: int) -> date:
    """Move a date by n calendar units (months clamp to the month's last day)."""
    if unit in ("day", "weekend"):
        return d + timedelta(days=n)
    if unit in ("week", "fortnight"):
        return d + timedelta(weeks=n * (2 if unit == "fortnight" else 1))
    months = {"month": 1, "quarter": 3, "season": 3, "year": 12, "decade": 120, "century": 1200}[unit] * n
    y, m = divmod(d.month - 1 + months, 12)
    year = d.year + y
    for day in (d.day, 30, 29, 28):
        try:
            return date(year, m + 1, day)
        except ValueError:
            continue
    raise ValueError(d)


def _unit_name(word: str) -> str:
    w = re.sub(r"\s+", " ", word.lower())
    if w == "fiscal year":
        return "year"
    if w == "centuries":
        return "century"
    return w[:-1] if w.endswith("s") and w[:-1] in tx.UNITS else w


# The next smaller TIMEX3 unit and how many of it make one: a fraction is written in it.
_SMALLER = {"Y": ("M", 12), "Q": ("M", 3), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("M", 60), "TM": ("S", 60)}


def _duration(n: float | None, unit: str) -> str:
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


def _holiday(name: str, year: int) -> date:
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


class _Resolver:
    """Turns grammar matches into TIMEX3 values for one text and one anchor."""

    def __init__(self, text: str, anchor: datetime | None, precision: str, doc: Doc | None = None,
                 probing: bool = False) -> None:
        self.text = text
        self.probing = probing
        self.doc = doc  # a parsed Doc of the same text, for tense; None to go by cue words
        self.anchor = anchor.date() if anchor else None
        self.prec = precision if precision in _RANK else "day"
        self.last_quarter: date | None = None  # discourse: "the quarter", "a year ago"
        self.last_date: str | None = None  # the last calendar date named: "a year earlier" than it,
        # "that year", "the following month"

    # -- context ------------------------------------------------------------------------
    def future(self, start: int, end: int) -> bool:
        """Whether the clause around [start, end) speaks of the future: from the governing verb when
        the text is parsed, else (or when the verb does not tell) the nearest tense cue word wins."""
        if _AS_EARLY_AS.search(self.text[max(0, start - 20):start]):
            return True
        if self.doc is not None:
            parsed = _parsed_future(self.doc, start, end)
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
        return _RANK[precision] < _RANK[self.prec]

    def relative(self, unit: str, n: int) -> _Parse | None:
        """The anchor moved by n units, written at that unit's precision; without an anchor (a report
        with no publication date), TIMEX3's unresolved value at that precision ("last month" is
        XXXX-XX), never a date resolved against some other time."""
        precision = {"weekend": "week", "fortnight": "week", "season": "quarter"}.get(unit, unit)
        if precision in tx.TIME_UNITS:
            precision = "day"
        if self.anchor is None:
            return _Parse("DATE", _UNRESOLVED.get(precision, "XXXX"), precision)
        if self.coarse(precision):
            # "yesterday" in a report dated only by month: the day is unknown, the month roughly is.
            return _Parse("DATE", _fmt(self.anchor, self.prec), self.prec)
        d = self.anchor if unit in tx.TIME_UNITS else _shift(self.anchor, unit, n)
        value = _fmt(d, precision) + ("-WE" if unit == "weekend" else "")
        return _Parse("DATE", value, precision)

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
        if ahead > _NEAR_AHEAD and self.doc is not None and _parsed_future(self.doc, start, end) is False:
            return a.year - 1  # "the year ended Jan. 31" in October: a past verb outweighs nearness
        if ahead <= 0:
            return a.year if ahead > -_AHEAD_FACTOR * (366 + ahead) else a.year + 1
        return a.year if _AHEAD_FACTOR * ahead < 372 - ahead else a.year - 1

    def day_value(self, y: int | None, month: int, day: int) -> _Parse:
        if y is None:
            return _Parse("DATE", f"XXXX-{month:02d}-{day:02d}", "day")
        try:
            return _Parse("DATE", date(y, month, day).isoformat(), "day")
        except ValueError:
            return _Parse("DATE", f"{y:04d}-{month:02d}", "month")

    # -- rules --------------------------------------------------------------------------
    def handle(self, rule: str, m: re.Match[str]) -> _Parse | None:
        if rule in _COMMON_WORDS and _titled(self.text, m.start(), m.end()):
            return None
        p = getattr(self, f"r_{rule}")(m)
        # Only a date named outright is a reference point; "a year earlier" than "a year ago" would
        # drift a year further back with every comparison in an earnings story.
        if p is not None and rule in _NAMED and re.fullmatch(r"\d{4}(?:-(?:Q\d|\d\d(?:-\d\d)?))?", p.value):
            self.last_date = p.value
        return p

    def _year(self, s: str | None) -> int | None:
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

    def _day(self, s: str) -> int:
        s = s.lower()
        return tx.ORDINALS[s] if s in tx.ORDINALS else int(re.sub(r"\D", "", s))

    def r_iso(self, m):
        p = self.day_value(int(m["y"]), int(m["m"]), int(m["d"]))
        if m["hh"]:
            return _Parse("TIME", f"{p.value}T{m['hh']}:{m['mi']}", "minute")
        return p

    def r_slash(self, m):
        if not m["y"]:
            return None  # "3/4" is as often a fraction as a date
        return self.day_value(self._year(m["y"]), int(m["m"]), int(m["d"]))

    def _month_day(self, m) -> _Parse | None:
        month = tx.MONTHS[m["month"].lower().rstrip(".")]
        day = self._day(m["d"])
        if day < 1 or day > 31:
            return None
        y = self._year(m["y"])
        if y is None and m.groupdict().get("dir") and self.anchor is not None:
            # "last Oct. 23": the latest one before now; "next March 5": the first one after
            a, later = self.anchor, (month, day) > (self.anchor.month, self.anchor.day)
            y = a.year + {"last": -1 if later else 0, "next": 0 if later else 1}.get(m["dir"].lower(), 0)
        y = y or self.pick_year(month, day, m.start(), m.end())
        if y is not None and m["y"] is None and self.coarse("day") and self.anchor and (self.anchor.year, self.anchor.month) == (y, month):
            return _Parse("DATE", f"{y:04d}-{month:02d}-{day:02d}", "day")
        return self.day_value(y, month, day)

    r_month_day = r_day_month = _month_day

    def r_month(self, m):
        word = m["month"].rstrip(".")
        month = tx.MONTHS[word.lower()]
        if not word[0].isupper() and (len(word) <= 5):
            return None  # "may", "march", "jan" in lower case are not months
        framed = m["y"] or m["rel"] or m["dir"] or m["edge"] or _FRAME.search(self.text[max(0, m.start() - 15):m.start()])
        if word.lower() in ("may", "march") and not framed:
            return None
        if word.lower() in tx.MONTH_ABBREVIATIONS and not m["month"].endswith(".") and not (m["y"] or m["rel"]):
            return None  # a bare "Jan" or "Dec" is a name more often than a month
        if m["y"]:
            return _Parse("DATE", f"{self._year(m['y']):04d}-{month:02d}", "month")
        if m["rel"]:
            if self.anchor is None:
                return None
            y = self.anchor.year + {"last": -1, "next": 1, "this": 0}[m["rel"].lower()]
            return _Parse("DATE", f"{y:04d}-{month:02d}", "month")
        if self.anchor is None:
            return _Parse("DATE", f"XXXX-{month:02d}", "month")
        direction = (m["dir"] or "").lower()
        a = self.anchor
        if direction == "last":
            y = a.year if month < a.month else a.year - 1
        elif direction == "next":
            y = a.year if month > a.month else a.year + 1
        elif direction == "this":
            y = a.year
        else:
            y = self.pick_year(month, None, m.start(), m.end())  # type: ignore[assignment]  # an anchor: a year
        return _Parse("DATE", f"{y:04d}-{month:02d}", "month")

    def r_year_month(self, m):
        return _Parse("DATE", f"{int(m['y']):04d}-{tx.MONTHS[m['month'].lower().rstrip('.')]:02d}", "month")

    def r_decade(self, m):
        if m["decw"]:
            if self.anchor is None:
                return None
            century = self.anchor.year // 100 - (tx.DECADE_WORDS[m["decw"].lower()] * 10 > self.anchor.year % 100)
            return _Parse("DATE", f"{century:02d}{tx.DECADE_WORDS[m['decw'].lower()]}", "decade")
        y = self._year(m["dec"].rstrip("s").rstrip("'")) if m["dec"].startswith("'") else int(m["dec"])
        return _Parse("DATE", f"{y // 10:03d}", "decade")  # type: ignore[operator]  # a matched group gives a year

    def r_century(self, m):
        n = m["n"].lower()
        c = tx.ORDINALS.get(n) or int(re.sub(r"\D", "", n))
        return _Parse("DATE", f"{c - 1:02d}", "century") if c > 0 else None

    def r_year(self, m):
        y = self._year(m["y"] or m["sy"])
        edge = (m["edge"] or "").lower()
        if not edge and self.anchor and y > self.anchor.year + 30:  # type: ignore[operator]  # a matched group gives a year
            return None  # a far-future bare number is more likely a count than a year
        if not edge and re.search(r"\d[\d,.]*\s*$|[$£€]\s*$|\bNo\.\s*$", self.text[max(0, m.start() - 12):m.start()]):
            return None
        return _Parse("DATE", f"{y:04d}", "year")

    def _quarter_year(self, q: int, start: int, end: int) -> int | None:
        if self.anchor is None:
            return None
        current = (self.anchor.month - 1) // 3 + 1
        if q > current and not self.future(start, end):
            return self.anchor.year - 1  # results for a quarter not yet begun are last year's
        return self.anchor.year

    def r_quarter(self, m):
        q = int(m["q"] or re.sub(r"\D", "", {"first": "1", "second": "2", "third": "3", "fourth": "4"}.get(m["ord"].lower(), m["ord"] or "")))
        y = self._year(m["y"] or m["y1"])
        if y is None and m["rel"] and self.anchor:
            y = self.anchor.year + {"last": -1, "next": 1, "this": 0}[m["rel"].lower()]
        if y is None:
            y = self._quarter_year(q, m.start(), m.end())
        if y is None:
            return _Parse("DATE", f"XXXX-Q{q}", "quarter")
        self.last_quarter = date(y, 3 * q - 2, 1)
        return _Parse("DATE", f"{y:04d}-Q{q}", "quarter")

    def r_year_period(self, m):
        """'the 1988 quarter', 'the 1989 period': that year's quarter under discussion."""
        y = int(m["y"])
        if self.last_quarter is None:
            return _Parse("DATE", f"{y:04d}" if m["unit"].lower() == "period" else f"{y:04d}-QX", "year")
        return _Parse("DATE", f"{y:04d}-Q{(self.last_quarter.month - 1) // 3 + 1}", "quarter")

    def r_half(self, m):
        h = 1 if m["ord"].lower() in ("first", "1st") else 2
        y = self._year(m["y"]) or (self.anchor.year if self.anchor else None)
        if y is None:
            return _Parse("DATE", f"XXXX-H{h}", "quarter")
        return _Parse("DATE", f"{y:04d}-H{h}", "quarter")

    def r_season(self, m):
        code = tx.SEASONS[m["season"].lower()]
        direction = (m["dir"] or "").lower()
        before = self.text[max(0, m.start() - 15):m.start()]
        if not (m["y"] or direction) and not _FRAME.search(before):
            return None  # "fall" and "spring" are verbs too
        if not (m["y"] or direction) and re.search(r"\bto\s+$", before) and not re.search(
                r"\bfrom\b", self.text[max(0, m.start() - 60):m.start()]):
            return None  # "to fall further" is the verb; "from spring to fall" the seasons
        if m["y"]:
            return _Parse("DATE", f"{self._year(m['y']):04d}-{code}", "season")
        if self.anchor is None:
            return _Parse("DATE", f"XXXX-{code}", "season")
        a = self.anchor
        # occurrences of this season around the anchor, as (year, first day, day after)
        starts = [(y, date(y, _SEASON_START[code], 1)) for y in range(a.year - 2, a.year + 2)]
        spans = [(y, s, _shift(s, "season", 1)) for y, s in starts]
        if direction in ("last", "previous", "past"):
            y = max(y for y, s, e in spans if e <= a)
        elif direction in ("next", "coming", "upcoming", "following"):
            y = min(y for y, s, e in spans if s > a)
        elif direction in ("this", "current") or direction in ("early", "late", "the") and not self.future(m.start(), m.end()):
            y = next((y for y, s, e in spans if s <= a < e), a.year)
        elif self.future(m.start(), m.end()):
            y = min(y for y, s, e in spans if e > a)
        else:
            y = max(y for y, s, e in spans if s <= a)
        return _Parse("DATE", f"{y:04d}-{code}", "season")

    def r_holiday(self, m):
        name = m["hol"]
        if name.lower().startswith("christmas") is False and not name[0].isupper():
            return None
        if m["y"]:
            return _Parse("DATE", _holiday(name, int(m["y"])).isoformat(), "day")
        if self.anchor is None:
            return None
        a = self.anchor
        direction = (m["dir"] or "").lower()
        this = _holiday(name, a.year)
        if direction == "last" or (not direction and not self.future(m.start(), m.end())):
            d = this if this <= a else _holiday(name, a.year - 1)
        elif direction == "this":
            d = this
        else:
            d = this if this >= a else _holiday(name, a.year + 1)
        return _Parse("DATE", _fmt(d, "day") if not self.coarse("day") else _fmt(d, self.prec), "day" if not self.coarse("day") else self.prec)

    def _quarter_shift(self, years: int) -> _Parse | None:
        """'a year earlier' in an earnings story: the same quarter one year back."""
        if self.last_quarter is None:
            return None
        d = _shift(self.last_quarter, "year", -years)
        return _Parse("DATE", _fmt(d, "quarter"), "quarter")

    def unresolved(self, unit: str) -> _Parse | None:
        """A phrase referring back to a date not (yet) named: kept while spans are chosen, whose
        order is not the reading order, and dropped when resolving in reading order."""
        return _Parse("DATE", "XXXX", unit) if self.probing else None

    def referred(self, unit: str, step: int, demonstrative: bool = False) -> _Parse | None:
        """'that year', 'the following month': the last date named, moved by `step` units, if it
        was named at least as finely as the unit; else the publication time so moved ("the same
        week"), but not for "that day", which without an antecedent is no time of its own."""
        if unit == "quarter" and self.last_quarter:
            return _Parse("DATE", _fmt(_shift(self.last_quarter, "quarter", step), "quarter"), "quarter")
        v = self.last_date
        if v is None or "Q" in v or _RANK[_precision_of(v)] > _RANK.get(unit, 99):
            return self.unresolved(unit) if demonstrative else self.relative(unit, step)
        d = date(int(v[:4]), int(v[5:7] or 1) if len(v) > 4 else 1, int(v[8:10]) if len(v) > 7 else 1)
        return _Parse("DATE", _fmt(_shift(d, unit, step), unit), unit)

    def latest_quarter(self) -> date | None:
        """The last quarter that has ended: the one under discussion if it has, else the one before now."""
        if self.anchor is None:
            return self.last_quarter
        previous = _shift(date(self.anchor.year, (self.anchor.month - 1) // 3 * 3 + 1, 1), "quarter", -1)
        return self.last_quarter if self.last_quarter and self.last_quarter <= previous else previous

    def r_relative(self, m):
        unit = _unit_name(m["unit"])
        direction = m["dir"].lower()
        if unit == "period":
            # "the latest period", "the year-ago period": the quarter of an earnings report
            if self.last_quarter is None and direction not in ("latest", "recent"):
                return self.unresolved("quarter")
            unit = "quarter"
        if unit == "year" and self._year_ended(m):
            return _Parse("DURATION", "P1Y", "year")
        step = {"last": -1, "previous": -1, "past": -1, "prior": -1, "next": 1, "coming": 1,
                "following": 1, "upcoming": 1}.get(direction, 0)
        if direction in ("that", "same", "following", "previous") or (unit == "day" and m["the"]):
            # narrative reference: "that year", "the following month", "the next day"
            return self.referred(unit, step, demonstrative=direction == "that")
        if direction in ("year-earlier", "year-ago", "prior") and unit == "quarter":
            return self._quarter_shift(1) or self.relative("year", -1)
        if unit == "quarter" and direction in ("latest", "recent"):
            latest = self.latest_quarter()
            return _Parse("DATE", _fmt(latest, "quarter"), "quarter") if latest else None
        p = self.relative(unit, step)
        if p and unit == "quarter" and self.anchor is not None:  # undated: "next quarter" stays XXXX-QX
            self.last_quarter = _shift(self.anchor, "quarter", step)
        return p

    def _year_ended(self, m) -> bool:
        """'the year ended Sept. 30': a fiscal year, reported as a stretch of twelve months."""
        return bool(re.match(r"\s+end(?:ed|ing)\b", self.text[m.end():m.end() + 8]))

    def r_the_unit(self, m):
        unit = _unit_name(m["unit"])
        if unit == "year" and self._year_ended(m):
            return _Parse("DURATION", "P1Y", "year")
        if unit == "quarter":
            if self.last_quarter:
                return _Parse("DATE", _fmt(self.last_quarter, "quarter"), "quarter")
            return self.relative("quarter", -1)
        if unit == "weekend":
            if self.anchor is None:
                return None
            back = 0 if self.anchor.isoweekday() >= 6 or self.future(m.start(), m.end()) else -1
            return self.relative("weekend", back)
        if unit in ("week", "decade"):
            return self.relative(unit, 0)
        return self.relative(unit, 0) if unit == "year" else None

    def _span(self, n: float | None, unit: str, direction: str) -> _Parse:
        """A duration, with its begin and end when it reaches back from (or on from) the anchor."""
        p = _Parse("DURATION", _duration(n, unit), unit if unit in _RANK else "day")
        if self.anchor is not None and n is not None and n == int(n) and direction in (
                "past", "last", "previous", "recent", "next", "coming", "following", "upcoming"):
            back = direction in ("past", "last", "previous", "recent")
            shift_unit = "day" if unit in tx.TIME_UNITS else unit
            count = int(n) if shift_unit != "day" or unit == "day" else 0
            other = _shift(self.anchor, shift_unit, -count if back else count)
            precision = self.prec if self.coarse("day") else "day"
            ends = sorted((_fmt(other, precision), _fmt(self.anchor, precision)))
            p.begin, p.end = ends
        return p

    def r_amount(self, m):
        unit = _unit_name(m["unit"])
        n = tx.parse_number(m["n"])
        if n is not None and m["half"]:
            n += 0.5  # "a minute and a half"
        rel = re.sub(r"\s+", " ", (m["rel"] or "").lower())
        word = m["n"].lower()
        if word in ("a", "an") and m["mod"] is None and not (m["dir"] or rel):
            before = self.text[max(0, m.start() - 40):m.start()]
            if _FREQUENCY.search(before):
                return _Parse("SET", _duration(1, unit), unit if unit in _RANK else "day")
            if _RATE.search(before):
                return None
        if (n is not None and n > 10000) or self._age(m):
            return None
        if unit == "quarter" and n is not None and n < 4 and _FRACTION_OF.match(self.text, m.end()):
            return None  # "three-quarters of its food", "a quarter of the market": a fraction
        if rel in ("ago", "earlier", "before", "back"):
            if n is None:
                return _Parse("DATE", "PAST_REF", None)
            if rel == "earlier" and unit == "year" and n == int(n) and self.last_date:
                # "a year earlier" compares with the date just mentioned, at its precision
                v = self.last_date
                return _Parse("DATE", f"{int(v[:4]) - int(n):04d}{v[4:]}", _precision_of(v))
            if unit == "year" and n == int(n) and self.last_quarter:
                return self._quarter_shift(int(n))
            return self.relative(unit, -int(n)) if n == int(n) else _Parse("DATE", "PAST_REF", None)
        if rel in ("later", "after", "from now", "hence"):
            if n is None or n != int(n):
                return _Parse("DATE", "FUTURE_REF", None)
            return self.relative(unit, int(n))
        direction = (m["dir"] or "").lower()
        if direction in ("first", "initial", "final", "latest"):
            direction = ""
        return self._span(n, unit, direction)

    def _age(self, m) -> bool:
        """'6-year-old', '52 years old': an age, not a time."""
        return bool(re.match(r"[- ]old\b", self.text[m.end():m.end() + 5]))

    def r_vague_units(self, m):
        if self._age(m):
            return None
        unit = _unit_name(m["unit"])
        rel = (m["rel"] or "").lower()
        if rel in ("ago", "earlier"):
            return _Parse("DATE", "PAST_REF", None)
        if rel == "later":
            return _Parse("DATE", "FUTURE_REF", None)
        return _Parse("DURATION", _duration(None, unit), unit)

    def r_year_adj(self, m):
        unit = _unit_name(m["unit"])
        rel = m["rel"].lower()
        if rel in ("long", "old"):
            return _Parse("DURATION", _duration(1, unit), unit)
        if rel == "end":
            if self.anchor is None:
                return None
            y = self.anchor.year
            last = {"year": f"{y:04d}-12-31", "month": None, "week": None, "quarter": None}[unit]
            return _Parse("DATE", last, "day") if last else self.relative(unit, 0)
        if unit == "year":
            return self._quarter_shift(1) or self.relative("year", -1)
        return self.relative(unit, -1)

    def _with_pod(self, p: _Parse | None, pod: str | None) -> _Parse | None:
        if p is None or not pod or p.precision != "day":
            return p
        return _Parse("TIME", f"{p.value}T{tx.PARTS_OF_DAY[pod.lower()]}", "hour")

    def r_deictic_day(self, m):
        w = m["w"].lower()
        if w == "tonight":
            return self._with_pod(self.relative("day", 0), "night")
        p = self.relative("day", {"today": 0, "yesterday": -1, "tomorrow": 1}[w])
        return self._with_pod(p, m["pod"])

    def _weekday_date(self, wd: int, direction: str, start: int, end: int) -> date:
        a = self.anchor
        assert a is not None  # callers resolve a weekday against the anchor only when there is one
        diff = wd - a.isoweekday()
        if direction == "this":
            return a + timedelta(days=diff)
        if direction in ("last", "previous", "past"):
            return a + timedelta(days=diff - 7 if diff >= 0 else diff)
        if direction in ("next", "coming"):
            return a + timedelta(days=diff + 7 if diff <= 0 else diff)
        if diff == 0:
            return a
        if self.future(start, end):
            return a + timedelta(days=diff if diff > 0 else diff + 7)
        return a + timedelta(days=diff if diff < 0 else diff - 7)

    def r_weekday(self, m):
        word = m["wd"].rstrip(".")
        if word.lower() not in tx.WEEKDAYS:
            return None
        if len(word) <= 5 and not (word[0].isupper() and m["wd"].endswith(".")):
            return None  # "sun", "sat", "wed" as words
        wd = tx.WEEKDAYS[word.lower()]
        if m["plural"]:
            return _Parse("SET", f"XXXX-WXX-{wd}" + (f"T{tx.PARTS_OF_DAY[m['pod'].lower()]}" if m["pod"] else ""), "day")
        if self.anchor is None:
            return _Parse("DATE", f"XXXX-WXX-{wd}", "day")
        if self.coarse("day"):
            return _Parse("DATE", _fmt(self.anchor, self.prec), self.prec)
        d = self._weekday_date(wd, (m["dir"] or "").lower(), m.start(), m.end())
        return self._with_pod(_Parse("DATE", d.isoformat(), "day"), m["pod"])

    def r_pod(self, m):
        direction = m["dir"].lower()
        offset = {"last": -1, "yesterday": -1, "tomorrow": 1}.get(direction, 0)
        pod = m["pod"].lower()
        if direction == "last" and pod not in ("night", "evening"):
            return None  # "last morning" is not a way to say yesterday morning
        if direction == "the" and pod == "night":
            return None
        return self._with_pod(self.relative("day", offset), pod)

    def r_clock(self, m):
        s = m["clock"].lower().replace(" ", "")
        seconds = None
        if s == "noon" and re.search(r"\bhigh\s+$", self.text[max(0, m.start() - 5):m.start()], re.I):
            return None  # "high noon" is a showdown
        if s in ("noon", "midday"):
            hh, mi = 12, 0
        elif s == "midnight":
            hh, mi = 0, 0
        else:
            parts = re.match(r"(\d+)(?::(\d+))?(?::(\d+))?", s)
            assert parts is not None  # the clock pattern starts with digits
            hh, mi = int(parts[1]), int(parts[2] or 0)
            seconds = parts[3]
            if "p" in s and hh < 12:
                hh += 12
            elif "a" in s and hh == 12:
                hh = 0
        clock = f"T{hh:02d}:{mi:02d}" + (f":{seconds}" if seconds else "")
        precision = "second" if seconds else "minute"
        day = self.relative("day", 0)
        if day is None or day.precision != "day":
            return _Parse("TIME", clock, precision)
        return _Parse("TIME", f"{day.value}{clock}", precision)

    def r_ref(self, m):
        word = re.sub(r"\s+", " ", m["ref"].lower())
        value = next((k for k, words in _REFS.items() if word in words), "PRESENT_REF")
        if word == "soon":
            # "as soon as", "soon after" relate two events; "was soon released" is no future
            if re.search(r"\bas\s+$", self.text[max(0, m.start() - 4):m.start()]) or re.match(
                    r"\s+(?:after|afterwards?|before|as|thereafter)\b", self.text[m.end():m.end() + 12]):
                return None
            if self.doc is not None and _parsed_future(self.doc, m.start(), m.end()) is False:
                return None
        # adjectives: a time only when they modify a noun, not in "the current of the river"
        if word in ("current", "future", "recent") and not re.match(r"\s+[a-z]", self.text[m.end():m.end() + 3]):
            return None
        return _Parse("DATE", value, None)

    def r_set(self, m):
        q = m["q"].lower()
        unit_word = m["unit"].lower().rstrip(".")
        if q in ("a", "an") and not _FREQUENCY.search(self.text[max(0, m.start() - 40):m.start()]):
            return None
        step = 2 if m["other"] else 1
        if unit_word in tx.WEEKDAYS:
            return _Parse("SET", f"XXXX-WXX-{tx.WEEKDAYS[unit_word]}", "day")
        if unit_word in tx.PARTS_OF_DAY:
            return _Parse("SET", f"T{tx.PARTS_OF_DAY[unit_word]}", "hour")
        return _Parse("SET", _duration(step, unit_word), unit_word if unit_word in _RANK else "day")

    def r_set_adv(self, m):
        if _RATE.search(self.text[max(0, m.start() - 40):m.start()]):
            return None  # "rise 8.5% annually": a rate of a quantity
        unit = {"daily": "day", "nightly": "day", "weekly": "week", "biweekly": "week", "monthly": "month",
                "quarterly": "quarter", "annually": "year", "yearly": "year", "hourly": "hour"}[m["adv"].lower()]
        return _Parse("SET", _duration(2 if m["adv"].lower() == "biweekly" else 1, unit), unit)


# Rule order breaks ties between equally long matches: the more specific rule first.
_ORDER = {name: i for i, name in enumerate(tx.RULES)}


def _candidates(text: str) -> list[tuple[int, int, str, re.Match[str]]]:
    found = []
    for name, pattern in tx.gated_patterns(text):
        for m in pattern.finditer(text):
            if m.end() > m.start():
                found.append((m.start(), m.end(), name, m))
    return found


def find_times(text: str, anchor: datetime | None, anchor_precision: str = "day",
               doc: Doc | None = None) -> list[TimeExpr]:
    """Every time expression in `text`, normalized relative to `anchor` (the publication time).

    `doc`, a dependency-parsed Doc of `text`, lets the governing verb decide the tense of a bare
    "Tuesday" or "August"; without it, cue words nearby do."""
    # Longest match first; a rule that rejects its match (an ambiguous word) frees the span.
    probe = _Resolver(text, anchor, anchor_precision, probing=True)
    cands = sorted(_candidates(text), key=lambda c: (c[0] - c[1], _ORDER[c[2]], c[0]))
    taken: list[tuple[int, int, str, re.Match[str]]] = []
    occupied = bytearray(len(text) + 1)
    for start, end, name, m in cands:
        if any(occupied[start:end]) or probe.handle(name, m) is None:
            continue
        taken.append((start, end, name, m))
        occupied[start:end] = b"\x01" * (end - start)
    # Resolve in reading order: "the quarter" and "a year earlier" refer back to what came before.
    resolver = _Resolver(text, anchor, anchor_precision, doc)
    handled = [(s, e, resolver.handle(name, m)) for s, e, name, m in sorted(taken, key=lambda c: c[0])]
    parsed = [(s, e, p) for s, e, p in handled if p is not None]
    return [_finish(text, s, e, p, resolver) for s, e, p in _merge_clock(text, parsed)]


def _day_of(p: _Parse) -> str | None:
    """The calendar day an expression names, if it names exactly one ("this morning" too)."""
    if p.type == "DATE" and p.precision == "day":
        return p.value
    if p.type == "TIME" and re.fullmatch(r"\d{4}-\d\d-\d\dT[A-Z]{2}", p.value):
        return p.value[:10]
    return None


def _merge_clock(text: str, parsed: list[tuple[int, int, _Parse]]) -> list[tuple[int, int, _Parse]]:
    """'10 p.m. Wednesday', 'Wednesday at 10 p.m.', '8am this morning' are one TIME on that day."""
    out: list[tuple[int, int, _Parse]] = []
    for s, e, p in parsed:
        if out:
            ps, pe, prev = out[-1]
            gap = text[pe:s]
            if len(gap) <= 6 and _JOIN.fullmatch(gap):
                pair = (prev, p) if re.search(r"T\d", prev.value) else (p, prev)
                clock, day = pair[0], _day_of(pair[1])
                if day and re.search(r"T\d", clock.value):
                    out[-1] = (ps, e, _Parse("TIME", day + clock.value[clock.value.index("T"):], clock.precision))
                    continue
        out.append((s, e, p))
    return out


def _finish(text: str, s: int, e: int, p: _Parse, resolver: _Resolver) -> TimeExpr:
    """Attach ranges that the words before the expression imply ("since August")."""
    before = text[max(0, s - 16):s]
    begin, end = p.begin, p.end
    if p.type == "DATE" and not p.value.endswith("_REF") and resolver.anchor is not None:
        if _SINCE.search(before):
            begin = p.value
            end = _fmt(resolver.anchor, resolver.prec if resolver.coarse("day") else "day")
        elif _UNTIL.search(before):
            end = p.value
    return TimeExpr(s, e, text[s:e], p.type, p.value, p.precision, begin, end)


Doc.set_extension("times", default=None, force=True)


@Language.component("fh_times")
def times_component(doc: Doc) -> Doc:
    """Set doc._.times from the text and doc._.published (the reader sets it before the pipeline)."""
    parsed = doc if doc.has_annotation("DEP") else None
    doc._.times = find_times(text_of(doc), doc._.published, doc._.published_precision or "day", parsed)
    return doc
