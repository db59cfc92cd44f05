"""The number and time grammars on generated codes, identifiers, exponent-like tokens, huge digit
runs, number and time words and text in any script: no exception, spans inside the text, values
finite (the properties of `bench/fuzz_grammars.py`, briefly; its long run is in RESULTS)."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import HealthCheck, given, settings

from bench.fuzz_grammars import ANCHOR_PRECISIONS, ANCHORS, TEXTS, check_numbers, check_quantities, check_times
from firsthand.read.numbers import find_numbers
from firsthand.read.times import find_times

brief = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@brief
@given(TEXTS)
def test_numbers_hold_on_any_text(text: str) -> None:
    check_numbers(text)


@brief
@given(TEXTS)
def test_quantities_hold_on_any_text(text: str) -> None:
    check_quantities(text)


@brief
@given(TEXTS, ANCHORS, ANCHOR_PRECISIONS)
def test_times_hold_on_any_text_and_anchor(text: str, anchor: datetime | None, precision: str) -> None:
    check_times(text, anchor, precision)


@pytest.mark.parametrize("text", [
    "ECCNs 3B001, 3B002, 3D992, 3E992",  # the report lost to 10.0 ** 992
    "1e400", "0x1F", "24703m212", "9" * 5000, "1" + ",000" * 200, "one " + "trillion " * 40, "10^400", "0^-1",
])
def test_codes_and_identifiers_are_not_numbers(text: str) -> None:
    assert find_numbers(text) == []


def test_scientific_notation_and_designations_still_read() -> None:
    found = {m.text: m.value for m in find_numbers("4e14 and 3x10^6 and 1.3e6, SCP-173, 3.5bn")}
    assert found == {"4e14": 4e14, "3x10^6": 3e6, "1.3e6": 1.3e6, "173": 173, "3.5bn": 3.5e9}


@pytest.mark.parametrize("text", ["5,000 years ago", "the past 9,000 years", "8,000 years from now",
                                  "2023-15-01, and the following month"])
def test_dates_past_the_calendar_are_no_crash(text: str) -> None:
    for anchor in (datetime(2024, 3, 1), datetime(1, 1, 1), datetime(9999, 12, 31)):
        find_times(text, anchor)
