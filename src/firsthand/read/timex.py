"""The lexicon and regular grammar for English time expressions, compiled once.

The grammar only recognises spans and names their parts; turning a match into a TIMEX3 value
relative to the publication date is `times.py`'s job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from firsthand.read import number_words as nw

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
MONTH_ABBREVIATIONS = {k for k, v in MONTHS.items() if len(k) <= 4 and k not in ("may", "june", "july")}
WEEKDAYS = {
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
    "sunday": 7, "mon": 1, "tue": 2, "tues": 2, "wed": 3, "thu": 4, "thur": 4, "thurs": 4,
    "fri": 5, "sat": 6, "sun": 7,
}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI"}
# TIMEX3 unit letters; decades and centuries are written in years, quarters in the TimeML
# quarter unit (TimeBank writes "the past two quarters" P2Q, "several quarters" PXQ).
UNITS = {
    "second": ("S", 1), "minute": ("M", 1), "hour": ("H", 1), "day": ("D", 1),
    "week": ("W", 1), "fortnight": ("W", 2), "weekend": ("D", 2), "month": ("M", 1),
    "quarter": ("Q", 1), "year": ("Y", 1), "decade": ("Y", 10), "century": ("Y", 100),
}
TIME_UNITS = {"second", "minute", "hour"}
# Ordinals that can name a day of the month ("the fifth of May") or a century.
ORDINALS = {word: int(value) for word, value in nw.ORDINALS.items() if value <= 31}
SMALL = {**nw.UNITS, **nw.TEENS, **nw.COUNT_WORDS}
TENS = nw.TENS
# "the nineties": the decade of the century being written in
DECADE_WORDS = {word[:-1] + "ies": value // 10 for word, value in TENS.items()}
HOLIDAYS = {
    "christmas eve": (12, 24), "christmas day": (12, 25), "christmas": (12, 25),
    "new year's eve": (12, 31), "new year's day": (1, 1), "new year": (1, 1),
    "independence day": (7, 4), "halloween": (10, 31), "valentine's day": (2, 14),
    "boxing day": (12, 26), "veterans day": (11, 11),
}


def _alt(words) -> str:
    """A regex alternation, longest first so that 'sept' wins over 'sep'."""
    return "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in words), key=len, reverse=True))


_UNITS_PLURAL = "centuries|" + "|".join(f"{u}s" for u in UNITS if u != "century")
UNIT = rf"(?:{_UNITS_PLURAL}|{_alt(UNITS)})"
MONTH = rf"(?:{_alt(k for k in MONTHS if len(k) > 3)}|(?:{_alt(k for k in MONTHS if len(k) <= 4)})\.?)(?![a-z])"
WEEKDAY = rf"(?:{_alt(k for k in WEEKDAYS if len(k) > 5)}|(?:{_alt(k for k in WEEKDAYS if len(k) <= 5)})\.?)(?![a-z])"
SEASON = _alt(SEASONS)
POD = _alt(PARTS_OF_DAY)
ORD = _alt(ORDINALS)
HOLIDAY = _alt(HOLIDAYS)
_WORDNUM = rf"(?:(?:{_alt(TENS)})(?:[- ](?:{_alt(k for k in SMALL if len(k) > 2)}))?|{_alt(SMALL)})"
NUM = (
    rf"(?:\d+(?:,\d{{3}})*(?:\.\d+)?(?:\s+1/2)?|{_WORDNUM}(?:\s+hundred)?(?:\s+and\s+a\s+half)?"
    rf"|{_alt(nw.VAGUE_COUNTS)}|a\s+couple(?:\s+of)?|a\s+pair\s+of|half\s+an?|a\s+half|dozens\s+of|hundreds\s+of)"
)
DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)"
YEAR4 = r"(?:1[6-9]\d\d|20\d\d)(?![\d%])"
_UNIT_WORD = _alt(k for k in SMALL if len(k) > 2 and " " not in k and SMALL[k] < 10)
SPOKEN_YEAR = (
    rf"(?:nineteen[\s-]+(?:(?:{_alt(TENS)})(?:[\s-]+(?:{_UNIT_WORD}))?|oh[\s-]+(?:{_UNIT_WORD})|{_alt(nw.TEENS)})"
    rf"|two\s+thousand(?:\s+and)?(?:[\s-]+(?:{_UNIT_WORD}|ten|eleven|twelve))?)(?![\w-])"
)
YEAR = rf"(?:{YEAR4}|'\d\d(?!\d)|{SPOKEN_YEAR})"
# "nineteen ninety-six": a count is not said this way, so no "year" is needed before it
SPOKEN_CENTURY_YEAR = rf"nineteen[\s-]+(?:{_alt(TENS)})(?:[\s-]+(?:{_UNIT_WORD}))?(?![\w-])"
MOD = (
    r"(?:about|around|roughly|approximately|nearly|almost|more\s+than|less\s+than|fewer\s+than|"
    r"over|under|up\s+to|at\s+least|at\s+most|only|just|barely|some|well\s+over|the\s+better\s+part\s+of)"
)
EDGE = r"(?:early|late|mid|the\s+(?:end|beginning|start|middle)\s+of|end\s+of|beginning\s+of)"
DIRECTION = r"(?:last|next|this|past|previous|coming|following|current|upcoming|same)"
CLOCK = (
    r"(?:(?:[01]?\d|2[0-3])(?::[0-5]\d(?::[0-5]\d)?)?\s*(?:[ap]\.?\s?m\.?|o'clock)(?![a-z])"
    r"|(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?![\d.])|noon|midnight|midday)"
)
TZ = r"(?:\s+(?:[ECMP][SD]T|GMT|UTC|local\s+time))?"

# One named group per meaning; `times.py` has a handler per rule name.
RULES: dict[str, str] = {
    # 2023-09-13, 9/13/2023, 13.09.2023 is not English news usage and is left out.
    "iso": r"(?P<y>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:T(?P<hh>\d\d):(?P<mi>\d\d))?(?!\d)",
    "slash": r"(?<![\d/])(?P<m>1[0-2]|0?[1-9])/(?P<d>[12]\d|3[01]|0?[1-9])(?:/(?P<y>\d{4}|\d\d))?(?![\d/])",
    # Monday, Sept. 13, 2023 / Sept. 13 / Sept. 13th of 2023
    "month_day": rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?:(?P<dir>last|next|this)\s+)?(?P<month>{MONTH})\s+(?P<d>{DAYNUM})(?:(?:,\s*|\s+|\s+of\s+)(?P<y>{YEAR}))?",
    # 13 September 2023 / the 13th of September
    "day_month": rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?:the\s+)?(?P<d>{DAYNUM}|(?:{ORD}))(?:\s+of)?\s+(?P<month>{MONTH})(?:,?\s+(?P<y>{YEAR}))?",
    # (early) September (of) 2023, September last year, late November
    "month": rf"(?:(?P<edge>{EDGE})[\s-]+)?(?:(?P<dir>last|next|this|early|late|mid)[\s-]+)?(?P<month>{MONTH})(?:(?:,?\s+|\s+of\s+)(?P<y>{YEAR})|\s+(?P<rel>last|next|this)\s+year)?",
    "year_month": rf"(?P<y>{YEAR4})\s+(?P<month>{MONTH})",
    # the late 1970s, the '90s, the 1990s
    "decade": rf"(?:the\s+)?(?:(?P<edge>early|late|mid)[\s-]+)?(?:(?P<dec>1[6-9]\d0|20[0-9]0|'\d0)'?s|(?<=the\s)(?P<decw>{_alt(DECADE_WORDS)}))(?![a-z])",
    "century": rf"(?:the\s+)?(?:(?P<edge>early|late|mid)[\s-]+)?(?P<n>\d{{1,2}}(?:st|nd|rd|th)|{ORD})[\s-]+century",
    "year": rf"(?:(?P<edge>{EDGE}|fiscal|calendar|the\s+year|fy)[\s-]*)?(?:(?P<sy>(?<=year\s){SPOKEN_YEAR}|{SPOKEN_CENTURY_YEAR})|(?<![\d$£€.,/])(?<!\d-)(?P<y>{YEAR4}))(?![\d.,]\d|\s*(?:%|percent|people|troops|[a-z]*meters?|km|miles|tons|dollars|yen|euros?|members|soldiers|votes))",
    # Q3 2023, the third quarter (of 2023), third-quarter, the fiscal first quarter, this year's third quarter
    "quarter": rf"(?:(?P<rel>this|last|next)\s+year's\s+|the\s+)?(?:(?:fiscal|calendar)\s+)?(?:(?P<y1>{YEAR4})\s+)?(?:(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+quarter|q(?P<q>[1-4])(?![a-z\d]))(?:(?:\s+of|,)?\s+(?:fiscal\s+)?(?P<y>{YEAR4}))?",
    "half": rf"(?:the\s+)?(?P<ord>first|second|1st|2nd)[\s-]+half(?:\s+of(?:\s+the\s+year)?(?:\s+(?P<y>{YEAR4}))?)?",
    "season": rf"(?:(?P<dir>{DIRECTION}|early|late|the)[\s-]+)?(?P<season>{SEASON})(?:\s+(?:of\s+)?(?P<y>{YEAR4}|{SPOKEN_CENTURY_YEAR}))?",
    "holiday": rf"(?:(?P<dir>last|next|this)\s+)?(?P<hol>{HOLIDAY}|thanksgiving(?:\s+day)?|easter(?:\s+sunday)?|election\s+day)(?:\s+(?P<y>{YEAR4}))?",
    # last week, the past year, this month, the current quarter, the week, earlier this year
    "relative": rf"(?:(?P<edge>{EDGE}|earlier|later)[\s-]+)?(?:(?P<the>the)\s+)?(?P<dir>{DIRECTION}|that|full|latest|recent|year-earlier|year-ago|prior)\s+(?P<unit>week|weekend|month|year|quarter|decade|century|fiscal\s+year|period|day)(?![a-z])",
    "the_unit": r"(?P<the>the)\s+(?P<unit>weekend|week|month|quarter|year|fiscal\s+year|decade)(?![a-z-])",
    # the 1988 quarter, the 1989 period (earnings reports)
    "year_period": rf"(?:the\s+)?(?P<y>{YEAR4})\s+(?:fiscal\s+)?(?P<unit>quarter|period)(?![a-z])",
    # N years ago / a year earlier / two weeks from now / the past three months / five-year
    "amount": rf"(?:(?P<mod>{MOD})\s+)?(?:(?P<the>the)\s+)?(?:(?P<dir>{DIRECTION}|first|recent|final|latest|initial)\s+)?(?P<n>{NUM})(?:\s+|-)(?:(?:more|additional|further|extra)\s+)?(?P<unit>{UNIT})(?P<half>\s+and\s+a\s+half)?(?:\s+(?P<rel>ago|earlier|later|from\s+now|hence|back))?(?![a-z])",
    "vague_units": rf"(?:(?P<mod>{MOD}|the\s+past|the\s+last|the\s+next|the\s+coming|recent|in\s+recent|coming|past)\s+)?(?P<unit>years|months|weeks|days|decades|hours|minutes)(?:\s+(?P<rel>ago|earlier|later))?(?![a-z-])",
    "year_adj": r"(?P<unit>year|month|week|quarter)-(?P<rel>earlier|ago|end|long|old)(?![a-z])",
    "deictic_day": rf"(?P<w>today|yesterday|tomorrow|tonight)(?:'s)?(?:\s+(?P<pod>{POD}))?",
    "weekday": rf"(?:(?P<dir>last|next|this|previous|coming|past)\s+)?(?P<wd>{WEEKDAY})(?:\s+(?P<pod>{POD}))?(?P<plural>s)?",
    "pod": rf"(?P<dir>this|that|the|last|yesterday|tomorrow)\s+(?P<pod>{POD})",
    "clock": rf"(?P<clock>{CLOCK}){TZ}",
    "ref": (
        r"(?P<ref>right\s+now|just\s+now|now|nowadays|currently|current|presently|at\s+present|at\s+the\s+moment|"
        r"these\s+days|at\s+this\s+time|recently|recent|lately|the\s+past|"
        r"soon|the\s+near\s+future|the\s+future|for\s+now|the\s+(?:short|near|long)\s+term)(?![a-z-])"
    ),
    "set": rf"(?P<q>every|each|per|a|an)\s+(?:(?P<other>other)\s+)?(?P<unit>{_alt(UNITS)}|{WEEKDAY}|{POD})(?![a-z-])",
    "set_adv": r"(?P<adv>daily|weekly|monthly|annually|yearly|hourly|nightly|biweekly)(?![a-z-])",
}

# Ambiguous words that are only times in a fitting frame; the rest is in times.py.

PATTERNS = {name: re.compile(rf"(?<![\w'-])(?:{rx})(?![\w])" if name not in ("clock",) else rf"(?<![\w:])(?:{rx})", re.I) for name, rx in RULES.items()}


# Gates: scanning a text with every rule's regex is most of the reading time, and most rules
# cannot match most texts. A gate names what every match of its rule must contain: a word (a
# run of letters of `fold(text)`) or a literal substring. Each is the mandatory part of the
# rule's regex above, always bounded by non-letters there (spaces, hyphens, the (?![a-z])
# and (?![\w]) lookarounds), so a text lacking all of a gate's items has no match of that rule.
# Rules without a gate (year, clock) need only digits, which nearly every text has.
@dataclass(frozen=True, slots=True)
class Gate:
    words: frozenset[str] = frozenset()
    strings: tuple[str, ...] = ()

    def admits(self, words: set[str], folded: str) -> bool:
        return not self.words.isdisjoint(words) or any(s in folded for s in self.strings)


_MONTH_GATE = Gate(frozenset(MONTHS))
_UNIT_WORDS = frozenset(UNITS) | {f"{u}s" for u in UNITS} | {"centuries"}
GATES: dict[str, Gate] = {
    "iso": Gate(strings=("-",)),
    "slash": Gate(strings=("/",)),
    "month_day": _MONTH_GATE,
    "day_month": _MONTH_GATE,
    "month": _MONTH_GATE,
    "year_month": _MONTH_GATE,
    "decade": Gate(frozenset(DECADE_WORDS), ("0s", "0's")),
    "century": Gate(frozenset({"century"})),
    "quarter": Gate(frozenset({"quarter", "q"})),
    "half": Gate(frozenset({"half"})),
    "season": Gate(frozenset(SEASONS)),
    # the first word of each holiday name ("valentine" of "valentine's day")
    "holiday": Gate(frozenset(re.split(r"[\s']", h)[0] for h in HOLIDAYS) | {"thanksgiving", "easter", "election"}),
    "relative": Gate(frozenset({"week", "weekend", "month", "year", "quarter", "decade", "century", "period", "day"})),
    "the_unit": Gate(frozenset({"weekend", "week", "month", "quarter", "year", "decade"})),
    "year_period": Gate(frozenset({"quarter", "period"})),
    "amount": Gate(_UNIT_WORDS),
    "vague_units": Gate(frozenset({"years", "months", "weeks", "days", "decades", "hours", "minutes"})),
    "year_adj": Gate(strings=("-earlier", "-ago", "-end", "-long", "-old")),
    "deictic_day": Gate(frozenset({"today", "yesterday", "tomorrow", "tonight"})),
    "weekday": Gate(frozenset(WEEKDAYS)),
    "pod": Gate(frozenset(PARTS_OF_DAY)),
    # the last word of each alternative
    "ref": Gate(frozenset({"now", "nowadays", "currently", "current", "presently", "present", "moment", "days",
                           "time", "recently", "recent", "lately", "past", "soon", "future", "term"})),
    "set": Gate(frozenset(UNITS) | frozenset(WEEKDAYS) | frozenset(PARTS_OF_DAY)),
    "set_adv": Gate(frozenset({"daily", "weekly", "monthly", "annually", "yearly", "hourly", "nightly", "biweekly"})),
}
# Under re.I these four non-ASCII letters match an ASCII one ("ſ" matches "s"); nothing else does.
_FOLD = str.maketrans("\u0130\u0131\u017f\u212a", "iisk")
_WORD = re.compile(r"[a-z]+")


def fold(text: str) -> str:
    """The text as the case-insensitive patterns see it: every letter they match as an ASCII
    letter is that lowercase letter, and each character stays one character."""
    return text.lower() if text.isascii() else text.translate(_FOLD).lower()


def gated_patterns(text: str) -> list[tuple[str, re.Pattern[str]]]:
    """The rules whose gate admits `text` (with their patterns), in rule order."""
    folded = fold(text)
    words = set(_WORD.findall(folded))
    return [(name, pattern) for name, pattern in PATTERNS.items()
            if (gate := GATES.get(name)) is None or gate.admits(words, folded)]

FUTURE_CUE = re.compile(
    r"\b(?:will|won't|shall|'ll|going\s+to|is\s+to|are\s+to|scheduled|plans?\s+to|planned|expected\s+to|"
    r"set\s+to|intends?\s+to|ahead|due)\b",
    re.I,
)
PAST_CUE = re.compile(r"\b(?:said|was|were|had|did|ago|last|ended|announced|reported|told|\w+ed)\b", re.I)


def parse_number(text: str) -> float | None:
    """'twenty four' → 24, '1,000' → 1000, 'a' → 1; None for a vague count ('several')."""
    t = re.sub(r"[\s-]+", " ", text.lower().strip())
    if t in nw.VAGUE_COUNTS or t in ("dozens of", "hundreds of"):
        return None
    if t in SMALL:
        return SMALL[t]
    if t in ("half a", "half an", "a half"):
        return 0.5
    half = t.endswith(" and a half")
    t = t.removesuffix(" and a half")
    if t.endswith(" 1/2"):  # "5 1/2 hours"
        half, t = True, t.removesuffix(" 1/2")
    if re.fullmatch(r"[\d,]+(?:\.\d+)?", t):
        return float(t.replace(",", "")) + (0.5 if half else 0)
    total = 0
    for word in t.split():
        if word in SMALL:
            total += SMALL[word]
        elif word in TENS:
            total += TENS[word]
        elif word in nw.SCALES:
            total = max(total, 1) * nw.SCALES[word]
        elif word == "oh" or word == "and":
            continue
        else:
            return None
    return total + (0.5 if half else 0)


def parse_year(text: str) -> int | None:
    """'1996' → 1996; spoken 'nineteen ninety-six' → 1996, 'two thousand and one' → 2001."""
    t = re.sub(r"[\s-]+", " ", text.lower().strip())
    if t.isdigit():
        return int(t)
    if t.startswith("nineteen "):
        rest = parse_number(t.removeprefix("nineteen "))
        return None if rest is None else 1900 + int(rest)
    n = parse_number(t)
    return None if n is None else int(n)
