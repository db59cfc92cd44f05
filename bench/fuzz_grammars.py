"""Property-based fuzzing (hypothesis) of the number and time grammars, for a bounded time.

    python -m bench.fuzz_grammars --minutes 30

Texts are built from pieces that have broken grammars before or look like numbers without being
any: export-control codes ("3E992"), part numbers, hex, ISBN-like chains, exponent-like tokens
("1e400", "10^400"), digit runs thousands long, number and time words, and random text in any
script. Each text goes through `find_numbers`, `parse_number`, `scan_quantities` and
`find_times` (with a random anchor and precision); a crash is an exception or a broken promise:
a span outside the text or not its text, a value that is not finite. Rounds of examples run with
fresh seeds until the time is up, going on after a failure; prints the counts as JSON and exits
non-zero if anything failed. `tests/test_grammar_fuzz.py` runs the same properties briefly.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from datetime import datetime

from hypothesis import HealthCheck, given, settings, strategies as st

from firsthand.read import number_words as nw, timex as tx
from firsthand.read.numbers import find_numbers, parse_number
from firsthand.read.quantities import scan_quantities
from firsthand.read.timeres.values import PRECISIONS
from firsthand.read.times import find_times


def _regex(pattern: str) -> st.SearchStrategy[str]:
    return st.from_regex(pattern, fullmatch=True)


_NUMBER_WORDS = [*nw.UNITS, *nw.TEENS, *nw.TENS, *nw.SCALES, *nw.ORDINALS, *nw.FRACTION_NOUNS, *nw.DOZENS,
                 *nw.COUNT_WORDS, *nw.VAGUE_COUNTS, "and", "a", "of", "point", "over", "out of", "in", "minus",
                 "tens", "scores", "half", "hundreds"]
_TIME_WORDS = [*tx.MONTHS, *tx.WEEKDAYS, *tx.SEASONS, *tx.PARTS_OF_DAY, *tx.UNITS, *tx.HOLIDAYS, *tx.DECADE_WORDS,
               "years", "ago", "last", "next", "this", "the", "following", "previous", "earlier", "later", "since",
               "until", "today", "yesterday", "tomorrow", "tonight", "quarter", "fiscal", "century", "that",
               "year-earlier", "year-ago", "from now", "every", "each", "per", "daily", "Q3", "p.m.", "noon"]
PIECES = st.one_of(
    _regex(r"[0-9][A-E][0-9]{3}"),  # export-control classification numbers
    _regex(r"[A-Z0-9]{1,4}-[A-Z0-9]{1,6}(-[A-Z0-9]{1,4})?"),  # part numbers, designations
    _regex(r"[0-9a-zA-Z]{1,24}"),  # identifiers
    _regex(r"0[xX][0-9a-fA-F]{1,16}|[0-9a-f]{8,64}"),  # hex
    _regex(r"[0-9]{1,5}(-[0-9]{1,6}){1,5}"),  # ISBN-like, phone numbers, dates
    _regex(r"[0-9]{1,5}(\.[0-9]{1,4})?[eE][-+]?[0-9]{1,6}"),  # exponent-like
    _regex(r"[0-9]{1,4}\^[-+]{0,3}[0-9]{1,6}|[0-9]{1,3}(\.[0-9]+)? ?[x×] ?10\^?[-−]?[0-9]{1,5}"),
    _regex(r"[0-9]{1,7}/[0-9]{1,7}|[0-9]{1,4}-[0-9]{1,2}-[0-9]{1,2}(T[0-9]{2}:[0-9]{2})?"),  # fractions, ISO-ish dates
    st.integers(16, 6000).flatmap(lambda n: st.sampled_from(["9", "1", "0"]).map(lambda d: d * n)),  # digit runs
    st.integers(5, 400).map(lambda n: "1" + ",000" * n),  # digit groupings past a float
    st.lists(st.sampled_from(_NUMBER_WORDS), min_size=1, max_size=40).map(" ".join),
    st.lists(st.sampled_from(_TIME_WORDS), min_size=1, max_size=8).map(" ".join),
    st.sampled_from(list(nw.VULGAR_FRACTIONS) + list(nw.SUFFIX_SCALES) + ["%", "$", "−", "-", "±", "~", "<", ">="]),
    st.text(st.characters(max_codepoint=0x2FFFF, exclude_categories=("Cs",)), max_size=40),  # any script
)
SEPARATORS = st.sampled_from([" ", " ", ", ", "-", "", "\n", " and ", "/", ".", " to ", " between ", " of "])
TEXTS = st.lists(st.tuples(PIECES, SEPARATORS), max_size=25).map(lambda parts: "".join(p + s for p, s in parts))
ANCHORS = st.one_of(st.none(), st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31)))
ANCHOR_PRECISIONS = st.sampled_from(PRECISIONS)


def _span_ok(text: str, start: int, end: int, found: str) -> bool:
    return 0 <= start <= end <= len(text) and text[start:end] == found


def check_numbers(text: str) -> None:
    for m in find_numbers(text):
        assert _span_ok(text, m.start, m.end, m.text), m
        assert math.isfinite(m.value) and (m.upper is None or math.isfinite(m.upper)), m
    value = parse_number(text)
    assert value is None or math.isfinite(value), value


def check_quantities(text: str) -> None:
    for q in scan_quantities(text):
        assert _span_ok(text, q.start, q.end, q.text), q
        bounds = (q.value, q.interval.low, q.interval.high)
        assert all(x is None or math.isfinite(x) for x in bounds), q


def check_times(text: str, anchor: datetime | None, precision: str) -> None:
    for t in find_times(text, anchor, precision):
        assert _span_ok(text, t.start, t.end, t.text), t
        assert t.value and t.type in ("DATE", "TIME", "DURATION", "SET"), t


def properties(counter: list[int]):
    """The three properties as hypothesis tests, counting the inputs they are given."""

    @given(TEXTS)
    def numbers(text: str) -> None:
        counter[0] += 1
        check_numbers(text)

    @given(TEXTS)
    def quantities(text: str) -> None:
        counter[0] += 1
        check_quantities(text)

    @given(TEXTS, ANCHORS, ANCHOR_PRECISIONS)
    def times(text: str, anchor: datetime | None, precision: str) -> None:
        counter[0] += 1
        check_times(text, anchor, precision)

    return numbers, quantities, times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=5.0)
    parser.add_argument("--round", type=int, default=500, help="examples per property per round")
    args = parser.parse_args()
    counter = [0]
    failures: list[str] = []
    rounds = 0
    deadline = time.monotonic() + args.minutes * 60
    # No hypothesis deadline: a slow input is reported by the slowest-round figure, not as a failure.
    config = settings(max_examples=args.round, deadline=None, database=None, derandomize=False,
                      suppress_health_check=list(HealthCheck))
    while time.monotonic() < deadline:
        rounds += 1
        for prop in properties(counter):
            try:
                config(prop)()
            except Exception as error:  # a falsified property: record it and go on fuzzing
                failures.append(f"{prop.__name__}: {type(error).__name__}: {str(error)[:500]}")
                print(failures[-1], file=sys.stderr)
    print(json.dumps({"minutes": args.minutes, "rounds": rounds, "inputs": counter[0], "failures": len(failures),
                      "first_failures": failures[:5]}))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
