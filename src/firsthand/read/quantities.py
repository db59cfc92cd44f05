"""Quantities: numbers with their bounds ("more than", "up to", "between ... and"), hedges
("approximately"), units ("km", "%", "USD") and, through the parse, the thing counted
("approximately 1 million artillery shells" → unit "artillery shells").

The text-level reading (`scan_quantities`) works on a skeleton of the text in which every number
is replaced by a placeholder, so the bound and range patterns are plain compiled regexes.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc

from firsthand.model.quantity import APPROX_TOLERANCE, Interval, Quantity
from firsthand.read.component import Component
from firsthand.read.doc import text_of
from firsthand.read.number_words import SCALES, SUFFIX_SCALES
from firsthand.read.numbers import NumberMention, find_numbers

# --- bound and range phrases over the skeleton -------------------------------------------

N = r"(?:the\s+)?\x00(\d+)\x01"
_LOW_EX = (r"(?:more|greater|larger|bigger|higher)\s+than|over|above|exceed(?:s|ed|ing)?"
           r"|surpass(?:es|ed|ing)?|in\s+excess\s+of|upwards\s+of|north\s+of|(?<![<>=])>(?![<>=])")
_LOW_IN = (r"at\s+least(?:\s+or\s+equal\s+to)?|no[t]?\s+(?:less|fewer)\s+than|(?:a\s+)?minimum\s+of"
           r"|(?:greater|more|larger|bigger|higher)\s+(?:than\s+)?or\s+equal\s+(?:to|than)"
           r"|equal\s+to\s+or\s+(?:more|greater|larger|bigger|higher)\s+than|>\s*=|≥")
_UP_EX = r"(?:less|fewer|smaller|lower)\s+than|below|under|beneath|(?<![<>=])<(?![<>=])"
_UP_IN = (r"at\s+most|no[t]?\s+more\s+than|up\s+to|(?:a\s+)?maximum\s+of"
          r"|(?:less|fewer|smaller|lower)\s+(?:than\s+)?or\s+equal\s+(?:to|than)"
          r"|equal\s+to\s+or\s+(?:less|fewer|smaller|lower)\s+than|<\s*=|≤")
_EQ = r"equals?(?:\s+to)?|equaling(?:\s+to)?"
_OP = (rf"(?P<{{g}}lowin>{_LOW_IN})|(?P<{{g}}upin>{_UP_IN})|(?P<{{g}}lowex>{_LOW_EX})"
       rf"|(?P<{{g}}upex>{_UP_EX})|(?P<{{g}}eq>{_EQ})")
_B = r"(?:(?<![\w<>=])|(?=[<>≤≥]))"  # an operator starts at a word edge (or is a bare symbol)
# A postfix bound must not be the start of another bound: "200 or greater than 190".
_NOT_NUM_NEXT = r"(?!\s*(?:the\s+)?\x00|\s+or\s+equal)"
_MORE = r"more|greater|larger|bigger|higher|above|over"
_LESS = r"less|fewer|smaller|lower|below|under"
# A unit between the two ends of a range: "44 mg to 50 mg", "20% to 30%".
_MID_UNIT = r"(?:\s*(?:%|[A-Za-z°]{1,3}\b))?"
_CURRENCY_SYM = r"(?:US\$|C\$|A\$|HK\$|\$|€|£|¥|₩|₽|₹)"
# "was up 4p to 90", "rose 46 pct to 6,360,000 dlrs", "fell 2 to 35": a change and the level it
# reached, not a range from 4 to 90; "down 20 to 24 pct" is a range of changes (one unit, after both).
_CHANGED = re.compile(r"\b(?:up|down|rose|fell|gained|lost|added|dropped|climbed|slipped|eased|jumped|shed"
                      r"|firmed|declined|rallied|advanced|slumped|soared|plunged|tumbled|grew|slid|widened"
                      r"|narrowed|(?:increas|decreas|ris|fall|gain|los|climb|dropp|grow|widen|narrow)ing"
                      r"|increased|decreased)\s+$", re.I)
_UNIT_NEXT = re.compile(r"\s*(?:%|(?!(?:in|on|at|from|after|a|an|the|and|or|but|by|for|with|as|while|against"
                        r"|since|to|this|last|of|its|their)\b)[A-Za-z])", re.I)

_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("pair", re.compile(
        rf"{_B}(?:{_OP.format(g='a')})\s*{N}(?:\s+(?:and|but)\s+|\s*,\s*(?:and\s+|but\s+)?)"
        rf"{_B}(?:{_OP.format(g='b')})\s*{N}", re.I)),
    ("between", re.compile(
        rf"\b(?:between|from)\s+{_CURRENCY_SYM}?{N}{_MID_UNIT}\s*(?P<sep>and|&|to|through|till|until|-|–)"
        rf"\s*{_CURRENCY_SYM}?{N}", re.I)),
    ("dash", re.compile(  # not inside a chain like a phone number "1-222-2222"
        rf"(?<!\x01[-/.])(?<!\x01\s[-/])(?<!\x01\s[-/]\s){_CURRENCY_SYM}?{N}{_MID_UNIT}-?\s*(?P<sep>-|–|—|~|to|through|thru)\s*{_CURRENCY_SYM}?{N}"
        r"(?!\s?[-/]\s?\x00)", re.I)),
    ("orequal", re.compile(
        rf"{_B}(?:(?P<lowex>{_LOW_EX})|(?P<upex>{_UP_EX}))\s*{N}\s+or\s+equal(?:\s+to)?+(?:\s+it)?+"
        rf"{_NOT_NUM_NEXT}", re.I)),
    ("postfix", re.compile(
        rf"(?:(?<!\bor\s)\b(?:{_EQ})\s+)?{N}\s+(?:or|and)\s+(?:(?P<more>{_MORE})|(?P<less>{_LESS}))"
        rf"\b(?:\s+than)?+{_NOT_NUM_NEXT}", re.I)),
    ("single", re.compile(rf"{_B}(?:{_OP.format(g='')})\s*{N}", re.I)),
]
_NUMREF = re.compile(r"\x00(\d+)\x01")
_APPROX_BEFORE = re.compile(
    r"(?:\b(?P<word>about|around|approximately|approx\.|roughly|some|an\s+estimated|estimated"
    r"|circa|ca\.|close\s+to|nearly|almost|just\s+(?:under|over|below|above)|nearly|upward\s+of"
    r"|more\s+or\s+less|give\s+or\s+take)|(?P<sym>~|≈|c\.))\s*$", re.I)
_APPROX_AFTER = re.compile(r"(?:\s+or\s+so\b|-?ish\b|-odd\b)", re.I)
# The scales the number reader knows, so "5 to 10 mln" shares its scale as "5 to 10 million" does.
_SCALE_OF = {w.lower(): v for w, v in (SCALES | SUFFIX_SCALES | {"mn": 1e6}).items() if v >= 1e3}
_SCALE_END = re.compile(rf"(?:{'|'.join(sorted(_SCALE_OF, key=len, reverse=True))})$", re.I)


@dataclass(slots=True)
class _Span:
    start: int  # skeleton offsets
    end: int
    idx: list[int]
    interval: Interval


def _interval_for(op: str, x: float) -> Interval:
    match op:
        case "lowex":
            return Interval(x, None, False, False)
        case "lowin":
            return Interval(x, None, True, False)
        case "upex":
            return Interval(None, x, False, False)
        case "upin":
            return Interval(None, x, False, True)
    return Interval.point(x)


def _op_of(m: re.Match, prefix: str) -> str:
    for op in ("lowin", "upin", "lowex", "upex", "eq"):
        if m.group(prefix + op):
            return op
    raise AssertionError("pattern matched without an operator")


def _scale_shared(low: NumberMention, high: NumberMention) -> float:
    """ "between 5 and 10 million": the scale written once applies to both ends."""
    m = _SCALE_END.search(high.text)
    if m is None or _SCALE_END.search(low.text):
        return low.value
    scale = _SCALE_OF[m.group().lower()]
    return low.value * scale if abs(low.value) < abs(high.value) / scale * 1000 else low.value


def _change_and_level(m: re.Match, first: NumberMention) -> bool:
    """ "X to Y" after a change word whose first end has a unit or scale of its own ("200 mln to
    7.2 billion dlrs"), or whose second has no unit after it; and a percentage to anything but a
    percentage ("lowered its profit nine pct to 15.9 mln"), wherever it stands."""
    first_end = m.string.index("\x01", m.start()) + 1
    own_unit = m.string[first_end:m.start("sep")].strip(" -")
    if _percent_at(m.string, first_end) and not _percent_at(m.string, m.end()):
        return True
    if not _CHANGED.search(m.string, max(0, m.start() - 12), m.start()):
        return False
    return bool(own_unit) or bool(_SCALE_END.search(first.text)) or not _UNIT_NEXT.match(m.string, m.end())


def _build(kind: str, m: re.Match, nums: list[NumberMention]) -> Interval | None:
    refs = [int(x) for x in _NUMREF.findall(m.group())]
    vals = [nums[i].value for i in refs]
    if any(nums[i].kind == "vague" for i in refs):
        return None
    if kind == "pair":
        a, b = _interval_for(_op_of(m, "a"), vals[0]), _interval_for(_op_of(m, "b"), vals[1])
        lower, upper = (a, b) if a.high is None else (b, a)
        if lower.high is not None or upper.low is not None or lower.low is None \
                or upper.high is None or lower.low >= upper.high:
            return None  # both bounds on one side, or "more than 40 and less than 10"
        return Interval(lower.low, upper.high, lower.low_inclusive, upper.high_inclusive)
    if kind in ("between", "dash"):
        low_m, high_m = nums[refs[0]], nums[refs[1]]
        low = _scale_shared(low_m, high_m)
        high = vals[1]
        sep = m.group("sep")
        if kind == "dash" and sep in ("-", "–", "—") and (
                high_m.text.startswith("0") or nums[refs[1]].kind == "ordinal"):
            return None  # "1995-01": a date, not a range
        if not low < high:
            return None
        if kind == "dash" and sep.lower() == "to" and _change_and_level(m, low_m):
            return None
        return Interval(low, high, True, True)
    if kind == "orequal":
        return Interval(vals[0], None, True, False) if m.group("lowex") else Interval(
            None, vals[0], False, True)
    if kind == "postfix":
        return Interval(vals[0], None, True, False) if m.group("more") else Interval(
            None, vals[0], False, True)
    return _interval_for(_op_of(m, ""), vals[0])


class _Skeleton:
    """The text with each number replaced by \\x00<index>\\x01, and the map back to offsets."""

    def __init__(self, text: str, nums: list[NumberMention]):
        parts, self.marks = [], []  # marks: (skeleton start, skeleton end, text start, text end)
        pos = length = 0
        for i, n in enumerate(nums):
            parts.append(text[pos:n.start])
            length += n.start - pos
            ph = f"\x00{i}\x01"
            self.marks.append((length, length + len(ph), n.start, n.end))
            parts.append(ph)
            length += len(ph)
            pos = n.end
        parts.append(text[pos:])
        self.text = "".join(parts)
        self._starts = [mk[0] for mk in self.marks]

    def windows(self, margin: int) -> list[tuple[int, int]]:
        """Merged skeleton ranges reaching `margin` characters around each number."""
        out: list[tuple[int, int]] = []
        for s0, s1, _, _ in self.marks:
            a, b = max(0, s0 - margin), min(len(self.text), s1 + margin)
            if out and a <= out[-1][1]:
                out[-1] = (out[-1][0], b)
            else:
                out.append((a, b))
        return out

    def to_text(self, p: int) -> int:
        k = bisect_right(self._starts, p) - 1
        if k < 0:
            return p
        s0, s1, t0, t1 = self.marks[k]
        if p < s1:
            return t0 if p == s0 else t1
        return t1 + (p - s1)


# Bound and range phrases lie within this many characters of a number; the patterns only
# search those windows of the skeleton, not the whole text.
_WINDOW = 60


def _match_all(kind: str, pattern: re.Pattern, skel: str, w0: int, w1: int,
               nums: list[NumberMention], taken: set[int], spans: list[_Span]) -> None:
    pos = w0
    while (m := pattern.search(skel, pos, w1)) is not None:
        refs = [int(x) for x in _NUMREF.findall(m.group())]
        interval = None if taken.intersection(refs) else _build(kind, m, nums)
        if interval is None:
            # retry just after the first number: a rejected pair may hide a valid one
            pos = m.start() + m.group().index("\x01") + 1
            continue
        taken.update(refs)
        spans.append(_Span(m.start(), m.end(), refs, interval))
        pos = m.end()


def scan_quantities(text: str) -> list[Quantity]:
    """Quantities in plain text: numbers, bounds, ranges, hedges and units (no parse needed)."""
    nums = find_numbers(text)
    if not nums:
        return []
    sk = _Skeleton(text, nums)
    taken: set[int] = set()
    spans: list[_Span] = []
    windows = sk.windows(_WINDOW)
    for kind, pattern in _PATTERNS:
        for w0, w1 in windows:
            _match_all(kind, pattern, sk.text, w0, w1, nums, taken, spans)
    for i, n in enumerate(nums):

        if i not in taken:
            iv = (Interval(n.value, n.upper, True, False, True) if n.upper is not None
                  else Interval.point(n.value))
            s0, s1 = sk.marks[i][0], sk.marks[i][1]
            spans.append(_Span(s0, s1, [i], iv))
    spans.sort(key=lambda s: s.start)
    return [_quantity(text, sk, s, nums) for s in spans]


def _quantity(text: str, sk: _Skeleton, s: _Span, nums: list[NumberMention]) -> Quantity:
    start, end = sk.to_text(s.start), sk.to_text(s.end)
    iv = s.interval
    approximate = iv.approximate
    hedge = _APPROX_BEFORE.search(text, max(0, start - 24), start)
    if hedge is not None:
        approximate = True
        start = hedge.start()
        word = (hedge.group("word") or "").lower()
        # nearly/just under/just over keep the stated figure as the value, with a one-sided band
        if iv.is_point and iv.low is not None and iv.low != 0 and (word in ("nearly", "almost") or word.startswith("just under")
                            or word.startswith("just below")):
            x = iv.low
            iv = Interval(min(x * (1 - APPROX_TOLERANCE), x), max(x * (1 - APPROX_TOLERANCE), x),
                          True, False, True)
        elif iv.is_point and iv.low is not None and iv.low != 0 and word.startswith("just"):
            x = iv.low
            iv = Interval(min(x, x * (1 + APPROX_TOLERANCE)), max(x, x * (1 + APPROX_TOLERANCE)),
                          False, True, True)
        else:
            iv = replace(iv, approximate=True)
    elif (after := _APPROX_AFTER.match(text, end)) is not None:
        approximate = True
        end = after.end()
        iv = replace(iv, approximate=True)
    first = nums[s.idx[0]]
    kind = "ordinal" if first.kind == "ordinal" else "number"
    if iv.is_point:
        value: float | None = iv.low
    elif hedge is not None and s.interval.is_point:
        value = s.interval.low
    elif first.kind == "vague":
        value = None
    else:
        value = iv.midpoint
    q = Quantity(start, end, text[start:end], value, iv, approximate, None, kind)
    _attach_unit(text, q)
    return q


# --- units --------------------------------------------------------------------------------

# canonical symbol → surface forms (matched case-insensitively unless listed in _CASED)
UNITS: dict[str, list[str]] = {
    "%": ["%", "percent", "percents", "percentage", "per cent", "pct"],
    "km2": ["km2", "km²", "km^2", "sq km", "square kilometres", "square kilometers",
            "square kilometre", "square kilometer"],
    "mi2": ["sq mi", "square miles", "square mile"],
    "km3": ["km3", "km³", "km^3", "cubic kilometres", "cubic kilometers"],
    "km/h": ["km/h", "kph", "kmh", "kilometres per hour", "kilometers per hour"],
    "mph": ["mph", "miles per hour"],
    "km": ["km", "kilometres", "kilometers", "kilometre", "kilometer", "kms"],
    "m": ["m", "metres", "meters", "metre", "meter"],
    "cm": ["cm", "centimetres", "centimeters", "centimetre", "centimeter"],
    "mm": ["mm", "millimetres", "millimeters", "millimetre", "millimeter"],
    "nm": ["nm", "nanometres", "nanometers", "nanometre", "nanometer"],
    "mi": ["miles", "mile", "mi"],
    "ft": ["ft", "feet", "foot"],
    "in": ["inches", "inch", '"', "″", "in"],
    "ha": ["hectares", "hectare", "ha"],
    "acre": ["acres", "acre"],
    "kg": ["kg", "kilograms", "kilogrammes", "kilogram", "kilos"],
    "g": ["grams", "gram", "g"],
    "mg": ["mg", "milligrams", "milligram"],
    "t": ["tonnes", "tonne", "tons", "ton", "metric tons", "t"],
    "lb": ["lbs", "lb", "pounds of", "pound"],
    "L": ["litres", "liters", "litre", "liter", "l", "L"],
    "mL": ["ml", "mL", "millilitres", "milliliters"],
    "cL": ["cl", "centilitres", "centiliters"],
    "gal": ["gallons", "gallon", "gal"],
    "bbl": ["barrels", "barrel", "bbl", "bpd"],
    "°C": ["°C", "degrees Celsius", "degree Celsius", "degrees C", "C"],
    "°F": ["°F", "degrees Fahrenheit", "degree Fahrenheit", "degrees F", "F"],
    "K": ["kelvin", "K"],
    "s": ["seconds", "second", "secs", "sec"],
    "min": ["minutes", "minute", "mins", "min"],
    "h": ["hours", "hour", "hrs", "hr", "h"],
    "day": ["days", "day"],
    "week": ["weeks", "week"],
    "month": ["months", "month"],
    "year": ["years", "year", "yrs", "yr"],
    "kWh": ["kWh", "kilowatt hours", "kilowatt-hours"],
    "MWh": ["MWh", "megawatt hours", "megawatt-hours"],
    "GWh": ["GWh"],
    "Wh": ["Wh", "watt hours"],
    "GW": ["GW", "gigawatts", "gigawatt"],
    "MW": ["MW", "megawatts", "megawatt"],
    "kW": ["kW", "kilowatts", "kilowatt"],
    "W": ["W", "watts", "watt"],
    "TeV": ["TeV"],
    "GeV": ["GeV"],
    "MeV": ["MeV"],
    "eV": ["eV", "electronvolts"],
    "GHz": ["GHz", "gigahertz"],
    "MHz": ["MHz", "megahertz"],
    "Hz": ["Hz", "hertz"],
    "TB": ["TB", "terabytes"],
    "GB": ["GB", "gigabytes"],
    "MB": ["MB", "megabytes"],
    "kB": ["KB", "kB", "kilobytes"],
    "EB": ["EB", "exabytes"],
    "B": ["bytes", "byte"],
    "bit": ["bits", "bit"],
    "mGy": ["mGy"],
    "Gy": ["Gy"],
    "BTU": ["British thermal units", "BTU"],
}
# Symbols that are only units when written in this exact case (and are glued or short).
_CASED = {"C", "F", "K", "L", "W", "B", "t", "s", "h", "g", "m", "l", "mi", "in", "ha", "T"}
CURRENCIES: dict[str, list[str]] = {
    "USD": ["US dollars", "U.S. dollars", "dollars", "dollar", "USD", "bucks"],
    "EUR": ["euros", "euro", "EUR"],
    "GBP": ["pounds sterling", "pounds", "pound", "GBP", "sterling"],
    "JPY": ["yen", "JPY"],
    "CNY": ["yuan", "renminbi", "CNY", "RMB"],
    "KRW": ["won", "KRW"],
    "RUB": ["roubles", "rubles", "rouble", "ruble", "RUB"],
    "INR": ["rupees", "rupee", "INR"],
    "SEK": ["kronor", "SEK"],
    "CHF": ["Swiss francs", "CHF"],
    "UAH": ["hryvnias", "hryvnia", "UAH"],
}
_SYMBOL_CURRENCY = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₩": "KRW",
                    "₽": "RUB", "₹": "INR", "C$": "CAD", "A$": "AUD", "HK$": "HKD"}
_SCALE_WORD = r"(?:\s+(?:thousand|million|billion|trillion))?"


def _surface_alt(forms: dict[str, list[str]], cased: bool) -> str:
    pairs = [(f, sym) for sym, fs in forms.items() for f in fs if (f in _CASED) == cased]
    pairs.sort(key=lambda p: len(p[0]), reverse=True)
    return "|".join(re.escape(f).replace(r"\ ", r"\s+") for f, _ in pairs)


def _lookup(forms: dict[str, list[str]]) -> dict[str, str]:
    return {re.sub(r"\s+", " ", f.lower()) if f not in _CASED else f: sym
            for sym, fs in forms.items() for f in fs}


_UNIT_LOOKUP = _lookup(UNITS)
_CURRENCY_LOOKUP = _lookup(CURRENCIES)
_END = r"(?![\w°²³])"
_UNIT_AFTER = re.compile(
    rf"(?P<sep>\s?|-)(?:(?P<u>{_surface_alt(UNITS, False)})|(?-i:(?P<uc>{_surface_alt(UNITS, True)})))"
    rf"{_END}(?P<per>\s*(?:/|per\s+)(?:hour|h|hr|day|week|month|year|kg|km|min|s))?", re.I)
_CURRENCY_AFTER = re.compile(
    rf"{_SCALE_WORD}\s?(?P<c>{_surface_alt(CURRENCIES, False)}){_END}(?!\s+of\b)", re.I)
_CURRENCY_BEFORE = re.compile(
    r"(?P<sym>US\$|C\$|A\$|HK\$|\$|€|£|¥|₩|₽|₹)\s?$|(?P<code>\b(?:USD|EUR|GBP|JPY|CNY|KRW|RUB|INR))\s?$")
_PERCENT_BEFORE = re.compile(r"\b(?:percents?|per\s*cent|percentage)\s+of\s+$", re.I)
_CURRENCY_SYMBOL_AFTER = re.compile(r"\s?(?P<sym>€|£|\$)")


def _percent_at(text: str, pos: int) -> bool:
    """Whether a percentage's unit ("%", "pct", "per cent") follows pos."""
    m = _UNIT_AFTER.match(text, pos)
    return m is not None and m.group("u") is not None and _UNIT_LOOKUP.get(re.sub(r"\s+", " ", m.group("u").lower())) == "%"


def _attach_unit(text: str, q: Quantity) -> None:
    """Set unit and kind from the words next to the number: "$5 million", "10 km", "35%"."""
    before = text[max(0, q.start - 5):q.start]
    if (m := _CURRENCY_BEFORE.search(before)) is not None:
        q.unit = _SYMBOL_CURRENCY.get(m.group("sym") or "", m.group("code"))
        q.kind = "money"
        q.start -= len(m.group())
        q.text = text[q.start:q.end]
        return
    if (m := _PERCENT_BEFORE.search(text, max(0, q.start - 24), q.start)) is not None:
        q.unit, q.kind, q.start = "%", "percent", m.start()
        q.text = text[q.start:q.end]
        return
    if q.kind == "ordinal":
        return
    if (m := _CURRENCY_AFTER.match(text, q.end)) is not None:
        q.unit = _CURRENCY_LOOKUP.get(re.sub(r"\s+", " ", m.group("c").lower())) or \
            _CURRENCY_LOOKUP.get(m.group("c"))
        q.kind = "money"
    elif (m := _CURRENCY_SYMBOL_AFTER.match(text, q.end)) is not None:
        q.unit, q.kind = _SYMBOL_CURRENCY[m.group("sym")], "money"
    elif (m := _UNIT_AFTER.match(text, q.end)) is not None and (
            m.group("u") or m.group("sep") == "" or not _lowercase_word_follows(text, m.end())):
        if m.group("u"):
            unit = _UNIT_LOOKUP[re.sub(r"\s+", " ", m.group("u").lower())] \
                if m.group("u") not in ('"', "″") else "in"
        else:
            unit = _UNIT_LOOKUP[m.group("uc")]
        if m.group("per"):
            unit += "/" + _UNIT_LOOKUP.get(re.split(r"/|per\s+", m.group("per").strip())[-1],
                                           re.split(r"/|per\s+", m.group("per").strip())[-1])
        q.unit = unit
        q.kind = "percent" if unit == "%" else "dimension"
    else:
        return
    q.end = m.end()
    q.text = text[q.start:q.end]


def _lowercase_word_follows(text: str, pos: int) -> bool:
    """A one-letter unit ("5 C") is only read as one when no ordinary word follows it."""
    return re.match(r"\s+[a-z]", text[pos:pos + 3]) is not None


# --- the parse: what is counted -----------------------------------------------------------

_COUNTED_DEPS = {"nummod", "quantmod", "compound", "amod", "nmod", "npadvmod", "appos"}


def _counted_noun(doc: Doc, q: Quantity) -> str | None:
    """The noun a number counts: "1 million artillery shells" → "artillery shells";
    "tens of thousands of troops" → "troops"."""
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    root = span.root
    head = root.head
    if root.dep_ in _COUNTED_DEPS and head.pos_ in ("NOUN", "PROPN") and head.i >= span.end:
        return _noun_phrase(head, span.end)
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and nxt.lower_ == "of" and nxt.head.i >= span.start - 1:
        for child in nxt.children:
            if child.dep_ == "pobj" and child.pos_ in ("NOUN", "PROPN"):
                return _noun_phrase(child, nxt.i + 1)
    if nxt is not None and nxt.pos_ == "NOUN" and nxt.head.i > nxt.i:
        return _noun_phrase(nxt.head, span.end) if nxt.head.pos_ == "NOUN" else None
    if nxt is not None and nxt.pos_ == "NOUN":
        return _noun_phrase(nxt, span.end)
    return None


def _noun_phrase(noun, after: int) -> str:
    """A noun with its compound modifiers after the number: "arms transfers"."""
    while noun.dep_ == "compound" and noun.head.i > noun.i and noun.head.pos_ in ("NOUN", "PROPN"):
        noun = noun.head  # the parse may hang the number on the modifier ("artillery rounds")
    first = noun
    for child in noun.lefts:
        if child.dep_ == "compound" and after <= child.i < first.i:
            first = child
    doc = noun.doc
    return doc[first.i:noun.i + 1].text


def find_quantities(doc: Doc) -> list[Quantity]:
    """Quantities in a parsed document, with counted nouns from the dependency parse."""
    found = scan_quantities(text_of(doc))
    for q in found:
        if q.unit is not None or q.kind == "ordinal":
            continue
        ent = doc.char_span(q.start, q.end, alignment_mode="expand")
        if ent is not None and len(ent) and ent.root.ent_type_ in ("DATE", "TIME"):
            q.kind = "time"
            continue
        noun = _counted_noun(doc, q)
        if noun is not None:
            q.unit, q.kind = noun, "count"
    return found


Doc.set_extension("quantities", default=None, force=True)


class Quantities(Component):
    """Sets `doc._.quantities` (list[Quantity])."""

    extension = "quantities"

    def read(self, doc: Doc) -> list[Quantity]:
        return find_quantities(doc)


@Language.factory("fh_quantities", requires=["token.dep", "token.head", "token.ent_type"], assigns=["doc._.quantities"])
def make_quantities(nlp: Language, name: str) -> Quantities:
    return Quantities(nlp, name)
