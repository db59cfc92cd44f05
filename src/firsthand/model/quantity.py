"""An amount stated in a text, and the Interval of values it allows: bounds with their
inclusiveness, and whether it is a hedge ("about", "nearly")."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

# How far a hedged number may stray: "about 100" covers 90..110; "nearly 100" is 90..100.
APPROX_TOLERANCE = 0.1
INF = "∞"


def _fmt(x: float) -> str:
    if x == int(x) and abs(x) < 1e16:
        return str(int(x))
    return repr(x)


@dataclass(frozen=True, slots=True)
class Interval:
    """A set of values: bounds (None for ±∞), their inclusiveness, and whether it is a hedge."""

    low: float | None = None
    high: float | None = None
    low_inclusive: bool = True
    high_inclusive: bool = True
    approximate: bool = False

    def __post_init__(self) -> None:
        # An infinite side is never included; keeping that canonical makes equality meaningful.
        if self.low is None and self.low_inclusive:
            object.__setattr__(self, "low_inclusive", False)
        if self.high is None and self.high_inclusive:
            object.__setattr__(self, "high_inclusive", False)
        if self.low is not None and self.high is not None and (
                self.low > self.high or (self.low == self.high and not (
                    self.low_inclusive and self.high_inclusive))):
            raise ValueError(f"empty interval: {self.low}, {self.high}")

    @classmethod
    def point(cls, x: float, approximate: bool = False) -> Interval:
        return cls(x, x, True, True, approximate)

    @property
    def is_point(self) -> bool:
        return self.low is not None and self.low == self.high

    @property
    def midpoint(self) -> float | None:
        if self.low is None or self.high is None:
            return None
        return (self.low + self.high) / 2

    def _effective(self) -> tuple[float, float, bool, bool]:
        low = -math.inf if self.low is None else self.low
        high = math.inf if self.high is None else self.high
        if self.approximate and self.is_point:
            spread = abs(low) * APPROX_TOLERANCE
            return low - spread, high + spread, True, True
        return low, high, self.low_inclusive, self.high_inclusive

    def contains(self, x: float) -> bool:
        low, high, li, hi = self._effective()
        return (low < x or (li and low == x)) and (x < high or (hi and x == high))

    def overlaps(self, other: Interval) -> bool:
        a_low, a_high, a_li, a_hi = self._effective()
        b_low, b_high, b_li, b_hi = other._effective()
        # The larger low and the smaller high bound the intersection.
        if a_low > b_low or (a_low == b_low and not a_li):
            low, li = a_low, a_li
        else:
            low, li = b_low, b_li
        if a_high < b_high or (a_high == b_high and not a_hi):
            high, hi = a_high, a_hi
        else:
            high, hi = b_high, b_hi
        return low < high or (low == high and li and hi)

    def touches(self, other: Interval) -> bool:
        """Overlapping, or meeting at a bound: "more than 1 million" and "1 million" say nearly the same."""
        if self.overlaps(other):
            return True
        bounds = {b for b in (self.low, self.high) if b is not None}
        return any(b in bounds for b in (other.low, other.high) if b is not None)

    def phrase(self) -> str:
        """The interval in words: "about 1,000,000", "more than 1,000,000", "between 5 and 10"."""
        number = lambda x: f"{x:,.0f}" if float(x).is_integer() else f"{x:,.3g}"  # noqa: E731
        if self.is_point:
            return ("about " if self.approximate else "") + number(self.low)
        if self.high is None and self.low is not None:
            return ("at least " if self.low_inclusive else "more than ") + number(self.low)
        if self.low is None and self.high is not None:
            return ("up to " if self.high_inclusive else "fewer than ") + number(self.high)
        if self.low is not None and self.high is not None:
            return ("roughly " if self.approximate else "") + f"between {number(self.low)} and {number(self.high)}"
        return "an unknown number"

    def render(self) -> str:
        prefix = "≈" if self.approximate else ""
        if self.is_point and self.low is not None:
            return prefix + _fmt(self.low)
        low = "-" + INF if self.low is None else _fmt(self.low)
        high = INF if self.high is None else _fmt(self.high)
        return (f"{prefix}{'[' if self.low_inclusive else '('}{low}, {high}"
                f"{']' if self.high_inclusive else ')'}")

    @classmethod
    def parse(cls, text: str) -> Interval:
        s = text.strip()
        approximate = s.startswith("≈")
        s = s.lstrip("≈").strip()
        m = _INTERVAL_RE.fullmatch(s)
        if m is None:
            return cls.point(float(s), approximate)
        low = None if m.group("low").lstrip("-+") in ("", INF, "inf") else float(m.group("low"))
        high = None if m.group("high").lstrip("+") in ("", INF, "inf") else float(m.group("high"))
        return cls(low, high, m.group("lb") == "[", m.group("hb") == "]", approximate)


_INTERVAL_RE = re.compile(r"(?P<lb>[\[(])\s*(?P<low>[^,]*?)\s*,\s*(?P<high>[^,\])]*?)\s*(?P<hb>[\])])")


@dataclass(slots=True)
class Quantity:
    """An amount stated in the text; start/end are character offsets into the document text."""

    start: int
    end: int
    text: str
    value: float | None
    interval: Interval
    approximate: bool = False
    unit: str | None = None
    kind: str = "number"  # number | count | percent | money | dimension | ordinal | time

