"""Numbers in running text: digits ("1,234", "3.5bn", "1.3e6", "2 1/2") and words ("one hundred
and six", "five and a half million", "two thirds", "a dozen"), plus vague amounts ("tens of
thousands", "dozens").

The scan is regex-first: one compiled pattern finds runs of number vocabulary in the raw text,
and only those runs (a few per cent of the text) are parsed token by token in Python.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from firsthand.read.number_words import (
    DOZENS,
    FRACTION_NOUNS,
    ORDINALS,
    SCALES,
    SUFFIX_SCALES,
    TEENS,
    TENS,
    UNITS,
    VULGAR_FRACTIONS,
)

# Ordinal words too ambiguous to stand alone as positions ("a second", "first class").
LONE_ORDINAL_STOP = {"first", "second"}
# Words that make a following "one" a pronoun ("the one you mentioned").
PRONOUN_ONE_BEFORE = {"the", "this", "that", "which", "each", "every", "any", "no", "another",
                      "other", "some", "what", "whichever", "one"}


@dataclass(frozen=True, slots=True)
class NumberMention:
    """A number found in text; `upper` is set (exclusive) for vague amounts like "dozens"."""

    start: int
    end: int
    text: str
    value: float
    kind: str  # integer | decimal | fraction | power | ordinal | vague
    upper: float | None = None
    glued: bool = False  # digits run straight into letters ("29km"): a unit, not a bare number


def _alt(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


_ORD_WORDS = [w for o in ORDINALS for w in (o, o + "s")]
_WORD_VOCAB = (list(UNITS) + list(TEENS) + list(TENS) + list(SCALES) + [s + "s" for s in SCALES]
               + list(DOZENS) + _ORD_WORDS + list(FRACTION_NOUNS) + ["tens", "scores"])
_WORD = rf"(?:{_alt(_WORD_VOCAB)})"

_DIGITS = r"""
(?:\d{1,3}(?:,\d{3})+(?![,\d])(?:\.\d+)?        # 1,234,567.89
 |\d{1,2}(?:,\d{2})+,\d{3}(?!\d)(?:\.\d+)?        # Indian grouping 12,34,567.89
 |\d{1,3}(?:\.\d{3})+,\d+                         # 1.111,11
 |\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:\.\d+)?(?![\d,.]?\d)   # 1 234 567 (space grouping)
 |(?<!\d,)\d+,\d{1,2}(?![,.]?\d)                  # decimal comma 1,3
 |\d+(?:\.\d+)?(?!\.\d)
 |(?<!\d)\.\d+)
"""
_NUMERIC = rf"""
(?P<chain>\d+(?:\.\d+){{2,}}(?!\.?\d)|\d+(?:/\d+){{2,}}(?!/?\d)|\d+(?:-\d+){{2,}}(?:/\d+)*)   # IPs, dates, phone numbers
|(?P<frac>(?:\d+(?:\s{{1,2}}|-))?\d+/\d+(?!/))
|(?P<digits>{_DIGITS})
 (?P<power>[eE][-+]?\d+|\^[-+]*\d+|\s?[x×]\s?10\^?[-−]?\d+)?
 (?P<vulgar>[{''.join(VULGAR_FRACTIONS)}])?
 (?P<ordsuf>st|nd|rd|th)?
 (?:\s{{0,2}}(?P<suffix>{_alt(SUFFIX_SCALES)})(?![A-Za-z]))?
|(?P<lonevulgar>[{''.join(VULGAR_FRACTIONS)}])
"""
_CONNECT = (r"(?:\s*[-–]\s*|(?:\s+(?:(?:and|point|of|an?|over|out\s+of|in)\b|&))*\s+"
            r"|,\s+(?=(?:and\s+)?" + _WORD + r"\b))")
# The same literal pattern without group names, to repeat inside the run pattern.
_NUMERIC_ANON = re.sub(r"\(\?P<\w+>", "(?:", _NUMERIC)
_ITEM = rf"(?:(?<![\w.^])(?:{_NUMERIC_ANON})|\b{_WORD}\b)"
_RUN_SRC = (rf"(?:\b(?:negative|minus)\s+|(?<![\w\d])[-−+]\s?|\b(?:an?|half)\s+(?=(?:{_WORD})\b))?"
            rf"{_ITEM}(?:{_CONNECT}{_ITEM})*")
assert not re.search(r"\\[A-Z]", _RUN_SRC)  # so that lowercasing the pattern keeps its meaning
# Runs are found in lowercased text with a lowercased pattern: the same matches as IGNORECASE,
# several times faster over this large alternation. The tokenizer then reads the original case.
_RUN_LOWER = re.compile(_RUN_SRC.lower(), re.VERBOSE)
_RUN = re.compile(_RUN_SRC, re.IGNORECASE | re.VERBOSE)
_TOKEN = re.compile(
    rf"(?P<num>(?<![\w.])(?:{_NUMERIC_ANON}))|(?P<word>[A-Za-z]+)|(?P<hy>-|–)|(?P<amp>&)|(?P<sign>[−+])",
    re.VERBOSE,
)
# "a third attempt": an ordinal when a word other than "of" follows it.
_RANK_NOUN_NEXT = re.compile(r"[ \t]+(?!of\b)[a-z]")
_URL = re.compile(r"\b(?:https?://|www\.)\S+", re.IGNORECASE)
# Codes and identifiers are not numbers: digits around letters (the ECCNs "3B001", "3E992",
# "24703m212"; not scientific notation "4e14", "3x10^6"), hex ("0x1F"), and runs of more than
# 15 digits (serial and account numbers, past a float's precision), and a vessel's IMO number or
# MMSI after its label ("IMO 8905490", read/vessels.py). Letters and digits alternate, so each
# match is found in one pass.
_IDENTIFIER = re.compile(
    r"(?<![\w.,])(?!\d+(?:[eE][-+]?\d{1,2}(?![0-9A-Za-z])|x10[\^\-−]))\d+(?:[A-Za-z]+\d+)+[A-Za-z]*"
    r"|(?<![\w.,])0[xX][0-9A-Fa-f]+|\d{16,}"
    r"|(?:(?<=\bIMO )|(?<=\bIMO: )|(?<=\bIMO number )|(?<=\bIMO No\. )|(?<=\bMMSI )|(?<=\bMMSI: ))\d{7,9}(?!\d)")
# The largest decimal exponent a float holds; "1.5e400" is no number.
_MAX_EXPONENT = 308
_GLUED = re.compile(r"[A-Za-z]")


@dataclass(slots=True)
class _Tok:
    kind: str  # num unit teen tens scale dozen ord art and point over outof in of neg hy
    start: int
    end: int
    value: float = 0.0
    text: str = ""
    plural: bool = False
    subkind: str = "integer"
    glued: bool = False
    spaced_before: bool = True  # whitespace (not a bare hyphen) separates it from the previous


def _numeric_value(m: re.Match) -> tuple[float, str] | None:
    """The value and subtype of a numeric literal match (groups of _NUMERIC)."""
    if m.group("lonevulgar"):
        return VULGAR_FRACTIONS[m.group("lonevulgar")], "fraction"
    if m.group("frac"):
        parts = re.split(r"\s+|-", m.group("frac"))  # "1 7/8", and "1-7/8" as market prices write it
        num, den = (int(x) for x in parts[-1].split("/"))
        if den == 0:
            return None
        whole = int(parts[0]) if len(parts) == 2 else 0
        return whole + num / den, "fraction"
    raw = m.group("digits")
    kind = "integer"
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+,\d+", raw):
        raw = raw.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d+,\d{1,2}", raw):
        raw = raw.replace(",", ".")
    raw = re.sub(r"[,\s\u00a0\u202f]", "", raw)
    value = float(raw)
    if not math.isfinite(value):
        return None  # a digit grouping longer than a float holds
    if "." in raw and value != int(value):
        kind = "decimal"
    elif "." in raw:
        kind = "decimal" if not m.group("suffix") else "integer"
    power = m.group("power")
    if power:
        kind = "power"
        raised = _raised(value, power)
        if raised is None:
            return None
        value = raised
    if m.group("vulgar"):
        value += VULGAR_FRACTIONS[m.group("vulgar")]
        kind = "fraction"
    if m.group("suffix"):
        value *= SUFFIX_SCALES[m.group("suffix")]
        if not math.isfinite(value):
            return None
        kind = "integer" if value == int(value) else "decimal"
    if m.group("ordsuf"):
        kind = "ordinal"
    return value, kind


def _raised(value: float, power: str) -> float | None:
    """A number with its power ("e6", "^2", " x 10^-4"); None past a float's range."""
    found = re.search(r"\d+$", power)
    assert found is not None  # a power ends in digits
    digits = found.group()
    if len(digits) > 3 or int(digits) > _MAX_EXPONENT:
        return None
    exponent = int(digits) * (-1 if (power.count("-") + power.count("−")) % 2 else 1)
    if power.startswith("^"):
        try:
            raised = value ** exponent
        except (OverflowError, ZeroDivisionError):  # "1000^300", "0^-1"
            return None
    else:
        raised = value * 10.0 ** exponent
    return raised if math.isfinite(raised) else None


def _tokenize(text: str, start: int, end: int) -> list[_Tok]:
    toks: list[_Tok] = []
    prev_end = start
    for m in _TOKEN.finditer(text, start, end):
        spaced = m.start() > prev_end
        prev_end = m.end()
        if m.group("num"):
            nm = _NUMERIC_RE.match(text, m.start("num"))
            assert nm is not None  # the token's num group is this pattern
            if nm.group("chain"):
                for part in re.finditer(r"\d+", nm.group("chain")):
                    s = m.start() + part.start()
                    toks.append(_Tok("num", s, s + len(part.group()), float(part.group()),
                                     part.group(), spaced_before=True))
                    toks.append(_Tok("break", s, s))
                continue
            parsed = _numeric_value(nm)
            if parsed is None:
                toks.append(_Tok("break", m.start(), m.end()))
                continue
            value, sub = parsed
            glued = (sub != "ordinal" and m.end() < len(text) and _GLUED.match(text, m.end())
                     is not None)
            toks.append(_Tok("num", m.start(), m.end(), value, m.group(), subkind=sub,
                             glued=glued, spaced_before=spaced))
        elif m.group("hy"):
            toks.append(_Tok("hy", m.start(), m.end(), spaced_before=spaced))
        elif m.group("amp"):
            toks.append(_Tok("and", m.start(), m.end()))
        elif m.group("sign"):
            toks.append(_Tok("neg" if m.group() == "−" else "plus", m.start(), m.end()))
        else:
            toks.append(_word_token(m.group().lower(), m.start(), m.end(), spaced))
    # A hyphen glues its neighbours ("sixty-one"); record it on the token after.
    for i, t in enumerate(toks):
        if t.kind == "hy" and i + 1 < len(toks):
            toks[i + 1].spaced_before = False
    toks = [t for t in toks if t.kind != "hy" or t is toks[0]]
    # "twenty-first", "thirty-fifths": one compound ordinal.
    merged: list[_Tok] = []
    for t in toks:
        p = merged[-1] if merged else None
        if (p is not None and p.kind == "ty" and t.kind == "ord" and not t.spaced_before
                and t.value < 10):
            merged[-1] = _Tok("ord", p.start, t.end, p.value + t.value, p.text + "-" + t.text,
                              t.plural, spaced_before=p.spaced_before)
        else:
            merged.append(t)
    return merged


def _word_token(w: str, start: int, end: int, spaced: bool) -> _Tok:
    def tok(kind: str, value: float = 0.0, plural: bool = False) -> _Tok:
        return _Tok(kind, start, end, value, w, plural, spaced_before=spaced)

    if w in UNITS:
        return tok("unit", UNITS[w])
    if w in TEENS:
        return tok("teen", TEENS[w])
    if w in TENS:
        return tok("ty", TENS[w])
    if w in SCALES or (w.endswith("s") and w[:-1] in SCALES):
        return tok("scale", SCALES[w.rstrip("s")], w.endswith("s"))
    if w in DOZENS:
        return tok("dozen", 12, w.endswith("s"))
    if w in ORDINALS or (w.endswith("s") and w[:-1] in ORDINALS):
        return tok("ord", ORDINALS[w.rstrip("s")] if w in ORDINALS else ORDINALS[w[:-1]],
                   w not in ORDINALS)
    if w in FRACTION_NOUNS:
        return tok("ord", FRACTION_NOUNS[w], w in ("halves", "quarters"))
    if w in ("a", "an"):
        return tok("art")
    if w in ("negative", "minus"):
        return tok("neg")
    if w in ("and", "point", "over", "in", "of", "out", "tens", "scores"):
        return tok(w)
    return tok("break")


_NUMERIC_RE = re.compile(_NUMERIC, re.VERBOSE)


class _Cardinal:
    """Left-to-right integer reading: total (completed thousands groups) + hundreds + rest."""

    __slots__ = ("total", "h", "r", "last", "big", "j", "any", "and_at", "last_scale")

    def __init__(self, j: int):
        self.total = 0.0
        self.h = 0.0
        self.r = 0.0
        self.last = ""
        self.big = float("inf")
        self.j = j
        self.any = False
        # (value before each "and", the scale it ended on): "one million and three fifths"
        self.and_at: list[tuple[float, float]] = []
        self.last_scale = 0.0

    @property
    def value(self) -> float:
        return self.total + self.h + self.r


def _read_cardinal(toks: list[_Tok], i: int) -> _Cardinal | None:
    """The longest well-formed cardinal starting at toks[i], or None."""
    c = _Cardinal(i)
    saved: _Cardinal | None = None  # state before the latest "and", to roll back to
    j = i
    n = len(toks)
    while j < n:
        t = toks[j]
        k = t.kind
        nxt = toks[j + 1] if j + 1 < n else None
        if k == "art" and not c.any:
            if nxt is None or nxt.kind not in ("scale", "dozen") or nxt.plural:
                break
            c.r, c.last, c.any = 1, "art", True
        elif k == "num":
            if t.subkind in ("ordinal", "power", "fraction") or t.glued:
                if c.any:
                    break
                c.r, c.last, c.any, c.j = t.value, "numx", True, j + 1
                return c
            if c.any and not (c.last in ("hundred", "scale", "and") and c.r == 0
                              and t.value == int(t.value) and t.value < (c.last_scale or 1e18)):
                break
            if c.last == "and" and t.value == 0:
                break
            c.r, c.last, c.any = c.r + t.value, "num", True
        elif k == "unit":
            if t.value == 0:
                if c.any:
                    break
                c.r, c.last, c.any, c.j = 0, "zero", True, j + 1
                return c
            if c.last == "ty" and c.r % 10 == 0:
                c.r += t.value
                c.last = "unit"
            elif c.last in ("", "hundred", "scale", "and") and c.r == 0:
                c.r, c.last = t.value, "unit"
            else:
                break
            c.any = True
        elif k in ("teen", "ty"):
            if not t.spaced_before and c.any:
                break
            if c.last in ("", "hundred", "scale", "and") and c.r == 0:
                c.r, c.last, c.any = t.value, k, True
            else:
                break
        elif k == "scale" and (not t.plural or c.last in ("unit", "num", "ty", "teen")):
            # a plural scale only after a multiplier: "five hundreds", not "hundreds"
            if t.value == 100:
                if c.h or c.last in ("", "and", "hundred") or c.r == 0 or (
                        c.r >= 100 and c.last != "num"):
                    if saved and c.last != "and":
                        c = saved
                    break
                c.h, c.r, c.last = c.r * 100, 0, "hundred"
            else:
                cur = c.h + c.r
                if cur == 0 and c.last == "scale":
                    c.total *= t.value  # "three lakh crore"
                elif cur and t.value < c.big and c.last != "and":
                    c.total += cur * t.value
                    c.h = c.r = 0
                    c.big = t.value
                    c.last = "scale"
                else:
                    if saved and c.last != "and":
                        c = saved
                    break
            c.last_scale = t.value
            c.last = "hundred" if t.value == 100 else "scale"
        elif k == "dozen":
            if c.r == 0 or c.last == "dozen":
                break
            c.r *= 12
            c.last = "dozen"
        elif k == "and" and c.last in ("hundred", "scale") and nxt is not None and nxt.kind in (
                "unit", "teen", "ty", "num"):
            saved = _copy(c)
            c.and_at.append((c.value, c.last_scale if c.last == "scale" else 0.0))
            c.last = "and"
            j += 1
            continue
        else:
            break
        c.j = j + 1
        j += 1
    if not c.any or c.last in ("art",):
        return None
    if c.last == "and":
        c.and_at.pop()
    return c


def _copy(c: _Cardinal) -> _Cardinal:
    d = _Cardinal(c.j)
    for s in _Cardinal.__slots__:
        setattr(d, s, getattr(c, s))
    d.and_at = list(c.and_at)
    return d


def _fraction_at(toks: list[_Tok], c: _Cardinal, i: int) -> tuple[float, int] | None:
    """A fraction whose numerator is the cardinal c (starting at toks[i]): "two thirds",
    "one hundred and three quarters", "one hundred thirty-fifths", "a hundredth"."""
    j = c.j
    n = len(toks)
    if j >= n or toks[i].kind == "num":
        return None  # "100 millionths", "2 thirds": digits do not take spelled-out denominators
    o = toks[j]
    num, before, scale = c.value, 0.0, 0.0
    if c.and_at:
        before, scale = c.and_at[-1]
    last = num - before
    if o.kind == "ty" and j + 1 < n and toks[j + 1].kind == "ord" and toks[j + 1].value < 10:
        # "three twenty firsts": a tens word and a unit ordinal make one denominator
        den, plural, end = o.value + toks[j + 1].value, toks[j + 1].plural, j + 2
    elif o.kind == "ord":
        den, plural, end = o.value, o.plural, j + 1
        prev = toks[j - 1]
        # "one hundred thirty fifths": a spaced tens word before a unit ordinal joins it.
        if den < 10 and prev.kind == "ty" and j - 1 > i and toks[j - 2].kind != "and" \
                and prev.spaced_before:
            head = _read_cardinal(toks[: j - 1], i)
            if head is not None and head.j == j - 1 and not head.and_at:
                den += prev.value
                num, last, before = head.value, head.value, 0.0
    else:
        return None
    if not plural and last != 1:
        return None  # "two millionth" is a rank, not a fraction
    if before and last < den:
        # proper: "one hundred and three quarters" is 100 + 3/4, but "one billion and three
        # quarters million" and "six million and two thirds" scale the fraction
        if end < n and toks[end].kind == "scale" and not toks[end].plural:
            return before + last / den * toks[end].value, end + 1
        return before + last / den * (scale if scale >= 1e6 else 1), end
    return num / den, end


def _scaled(toks: list[_Tok], j: int, value: float) -> tuple[float, int]:
    """A fraction or mixed number followed by a scale: "half a million", "two thirds of a
    million", "five and a half million", "half a dozen"."""
    k = j
    while k < len(toks) and toks[k].kind in ("of", "art"):
        k += 1
    if k < len(toks) and toks[k].kind in ("scale", "dozen") and not toks[k].plural:
        return value * toks[k].value, k + 1
    return value, j


def _parse_at(toks: list[_Tok], i: int, text: str) -> tuple[float, str, int, float | None] | None:
    """One number starting at toks[i]: (value, kind, end token index, vague upper)."""
    sign = 1.0
    if toks[i].kind == "neg":
        sign, i = -1.0, i + 1
        if i >= len(toks):
            return None
    elif toks[i].kind == "plus":
        i += 1
        if i >= len(toks):
            return None
    t = toks[i]
    # Vague magnitudes: "tens of thousands", "dozens", "hundreds of millions".
    if t.kind in ("tens", "scores") or (t.kind in ("scale", "dozen") and t.plural):
        base = {"tens": 10.0, "scores": 20.0}.get(t.kind, t.value)
        j = i + 1
        if j + 1 < len(toks) and toks[j].kind == "of" and toks[j + 1].kind == "scale" \
                and toks[j + 1].plural:
            base *= toks[j + 1].value
            j += 2
        elif t.kind in ("tens", "scores"):
            return None
        low = base * 2 if t.kind == "dozen" else base
        return low, "vague", j, base * (12 if t.kind == "dozen" else 10)
    # "half", "half a million", "a quarter", "a half"
    if t.kind == "ord" and t.value in (2, 4) and not t.plural and t.text in ("half", "quarter"):
        value, j = _scaled(toks, i + 1, 1 / t.value)
        if t.text == "quarter" and j == i + 1:
            return None
        return sign * value, "fraction", j, None
    if t.kind == "art" and i + 1 < len(toks) and toks[i + 1].kind == "ord" \
            and not toks[i + 1].plural:
        o = toks[i + 1]
        if o.text in FRACTION_NOUNS or (o.value >= 3 and o.text not in LONE_ORDINAL_STOP):
            value, j = _scaled(toks, i + 2, 1 / o.value)
            if j == i + 2 and o.text not in FRACTION_NOUNS and _RANK_NOUN_NEXT.match(text, o.end):
                return o.value, "ordinal", j, None  # "a third attempt" is a rank
            return sign * value, "fraction", j, None
        return None
    if t.kind == "ord":
        if t.plural or t.text in LONE_ORDINAL_STOP or t.text in FRACTION_NOUNS:
            return None
        return t.value, "ordinal", i + 1, None
    c = _read_cardinal(toks, i)
    if c is None or not math.isfinite(c.value):
        return None  # "a trillion trillion ... trillion" past a float's range
    if c.last == "numx":
        tk = toks[i]
        return sign * tk.value, tk.subkind, c.j, None
    value, j, kind = c.value, c.j, "integer"
    frac = _fraction_at(toks, c, i)
    if frac is not None:
        value, j = frac
        kind = "fraction"
        value, j = _scaled(toks, j, value)
    elif j < len(toks) and toks[j].kind == "point":
        dec = _decimal_digits(toks, j + 1)
        if dec is not None:
            digits, j = dec
            value = float(f"{int(value)}.{digits}")
            kind = "decimal"
    elif j + 1 < len(toks) and toks[j].kind == "and":
        mixed = _mixed(toks, j + 1, c)
        if mixed is not None:
            value, j = mixed
            kind = "fraction"
    elif j < len(toks) and toks[j].kind in ("over", "in", "out"):
        ratio = _ratio(toks, j, value, text)
        if ratio is not None:
            value, j = ratio
            kind = "fraction"
    if not math.isfinite(value):
        return None
    if kind == "integer" and value != int(value):
        kind = "decimal"
    if kind == "integer" and toks[i].kind == "num" and toks[i].subkind == "decimal" and c.j == i + 1:
        kind = "decimal"
    return sign * value, kind, j, None


def _decimal_digits(toks: list[_Tok], j: int) -> tuple[str, int] | None:
    digits = ""
    while j < len(toks) and toks[j].kind in ("unit", "teen", "ty"):
        t = toks[j]
        if t.kind == "ty" and j + 1 < len(toks) and toks[j + 1].kind == "unit" \
                and not toks[j + 1].spaced_before:
            digits += str(int(t.value + toks[j + 1].value))
            j += 2
            continue
        digits += str(int(t.value))
        j += 1
    return (digits, j) if digits else None


def _mixed(toks: list[_Tok], j: int, c: _Cardinal) -> tuple[float, int] | None:
    """ "one and a half", "twenty and three and three fifths", "one million and a half",
    "one billion and three quarters million"."""
    base = c.value
    while True:
        if j < len(toks) and toks[j].kind == "art":
            if j + 1 >= len(toks) or toks[j + 1].kind != "ord" or toks[j + 1].plural:
                return None
            o = toks[j + 1]
            frac, k = 1 / o.value, j + 2
        else:
            d = _read_cardinal(toks, j)
            if d is None or d.last == "numx":
                return None
            f = _fraction_at(toks, d, j)
            if f is None:
                if d.j + 1 < len(toks) and toks[d.j].kind == "and":
                    base += d.value
                    j = d.j + 1
                    continue
                return None
            frac, k = f
        if k < len(toks) and toks[k].kind == "scale" and not toks[k].plural:
            scale = toks[k].value
            if c.last != "scale":
                return (base + frac) * scale, k + 1
            return base + frac * scale, k + 1
        if c.last == "scale" and c.last_scale >= 1e6 and frac < 1:
            return base + frac * c.last_scale, k  # "one million and a half" is 1.5 million
        return base + frac, k


def _ratio(toks: list[_Tok], j: int, num: float, text: str) -> tuple[float, int] | None:
    """ "one over three" (when nothing is counted after it), "one out of three", "1 in 21"."""
    kind = toks[j].kind
    k = j + 1
    if kind == "out":
        if k >= len(toks) or toks[k].kind != "of":
            return None
        k += 1
    if k >= len(toks):
        return None
    d = _read_cardinal(toks, k)
    if d is None or d.last == "numx" or d.value == 0:
        return None
    if kind == "over":
        after = text[toks[d.j - 1].end:]
        if re.match(r"\s*[A-Za-z]", after):
            return None  # "$2000 over 3 years" is a duration, not a ratio
    elif num >= d.value:
        return None  # "12 out of 10", "8 in 5": not a proportion
    elif kind == "in" and toks[k].kind == "num" and 1000 <= d.value <= 2100 and d.j == k + 1:
        return None  # "Voyager 2 in 1979": a year
    return num / d.value, d.j


def _one_is_pronoun(text: str, start: int) -> bool:
    before = text[max(0, start - 12):start].split()
    return bool(before) and before[-1].lower() in PRONOUN_ONE_BEFORE


def _blank(m: re.Match[str]) -> str:
    return " " * len(m.group())


def find_numbers(text: str) -> list[NumberMention]:
    """Every number mention in `text`, in order, with offsets into `text`."""
    masked = _URL.sub(_blank, text) if "/" in text else text
    masked = _IDENTIFIER.sub(_blank, masked)
    out: list[NumberMention] = []
    lowered = masked.lower()
    runs = (_RUN_LOWER.finditer(lowered) if len(lowered) == len(masked)
            else _RUN.finditer(masked))
    for run in runs:
        toks = _tokenize(masked, run.start(), run.end())
        i = 0
        while i < len(toks):
            parsed = None
            if toks[i].kind not in ("and", "point", "over", "in", "of", "out", "hy", "break"):
                parsed = _parse_at(toks, i, masked)
            if parsed is None:
                i += 1
                continue
            value, kind, j, upper = parsed
            first, last = toks[i], toks[j - 1]
            start, end = first.start, last.end
            if first.kind == "plus":
                start = toks[i + 1].start
            if first.kind == "num" and start > 0 and masked[start - 1] in "-−" and _is_sign(
                    masked, start - 1):
                start -= 1
                value = -value
            elif first.kind == "num" and start > 1 and masked[start - 2] in "-−" \
                    and masked[start - 1] == " " and _is_sign(masked, start - 2):
                start -= 2
                value = -value
            if (j - i == 1 and first.kind == "unit" and first.value == 1
                    and _one_is_pronoun(masked, start)):
                i = j
                continue
            out.append(NumberMention(start, end, text[start:end], value, kind, upper,
                                     glued=first.kind == "num" and first.glued))
            i = j
    return out


def _is_sign(text: str, k: int) -> bool:
    """Whether the minus at text[k] is a sign: "from -18", "(-5)"; not "10-20" or "SCP-173"."""
    before = text[:k].rstrip()
    if text[k + 1:k + 2] == " ":  # "- 1 4/5": a spaced minus only opens a text or a comparison
        return not before or before[-1] in "(<>=:"
    if k > 0 and text[k - 1].isalnum():
        return False
    return not before or not before[-1].isdigit()


def parse_number(text: str) -> float | None:
    """The value of a text that is one number ("1 million", "a third", "3.5bn"), else None.
    Vague amounts give their lower bound ("dozens" → 24)."""
    found = find_numbers(text.strip())
    if len(found) != 1:
        return None
    m = found[0]
    if m.end - m.start < len(text.strip()) - 1 and m.kind != "vague":
        # Allow a trailing unit-less remainder only if it is punctuation.
        rest = text.strip()[m.end:]
        if rest.strip(" .,;") or text.strip()[: m.start].strip():
            return None
    return m.value

