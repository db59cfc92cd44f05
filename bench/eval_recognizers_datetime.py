"""Microsoft Recognizers-Text English DateTimeModel cases: how many find_times passes, by type.

A case passes when every expected expression is found (our span overlaps theirs) with an
equal value and nothing else is found. Values are compared leniently where the two notations
differ only in form: their "XXXX-05" (year left open) accepts any year, their "T20" accepts a
time at 20:00 on any day, their "P3M" our "P1Q", and their ranges "(2016-11-01,2016-11-08,P1W)"
accept our value or our begin/end when the range starts there. Strict counts require the exact
same text too.

    PYTHONPATH=src python -m bench.eval_recognizers_datetime [--errors N]
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from datetime import datetime

from bench.common import shared_path
from firsthand.model.time_expression import TimeExpr
from firsthand.read.times import find_times

TYPES = {"date": "DATE", "daterange": "DATE", "datetime": "TIME", "datetimerange": "TIME",
         "time": "TIME", "timerange": "TIME", "duration": "DURATION", "set": "SET"}


def _candidates(result: dict) -> set[str]:
    """Every way the expected value may be written: timex, resolved values, range starts."""
    out = set()
    for v in result.get("Resolution", {}).get("values", []):
        for key in ("timex", "value", "start"):
            if v.get(key):
                out.add(str(v[key]).replace(" 00:00:00", "").replace(" ", "T"))
        timex = v.get("timex", "")
        if timex.startswith("("):
            out.add(timex[1:].split(",")[0])
    return out


def value_matches(found: TimeExpr, result: dict) -> bool:
    ours = {found.value, found.begin or ""} - {""}
    # TimeML writes a span of quarters in Q ("P1Q"), Recognizers in months ("P3M").
    ours |= {re.sub(r"(\d+)Q$", lambda q: f"{3 * int(q[1])}M", o) for o in ours if re.fullmatch(r"P\d+Q", o)}
    for want in _candidates(result):
        pattern = re.escape(want).replace("X", r"\d")
        if want.startswith("T"):
            pattern = r"(?:\d{4}-\d\d-\d\d)?" + pattern + r"(?::00)*"
        # Their times carry seconds (":00:00"); ours stop at the minute.
        want_short = re.sub(r"(T\d\d:\d\d):00$", r"\1", want)
        if any(re.fullmatch(pattern, o) or o == want_short or want.startswith(o + "T") for o in ours):
            return True
    return False


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--errors", type=int, default=0)
    args = ap.parse_args()
    path = shared_path("recognizers-specs", "DateTime_English_DateTimeModel.json")
    cases = json.loads(path.read_text(encoding="utf-8-sig"))
    total: Counter[str] = Counter()
    passed: Counter[str] = Counter()
    strict: Counter[str] = Counter()
    errors = []
    for case in cases:
        ref = case.get("Context", {}).get("ReferenceDateTime")
        anchor = datetime.fromisoformat(ref) if ref else datetime(2016, 11, 7)
        text = case["Input"]
        found = find_times(text, anchor)
        results = case["Results"]
        kind = results[0].get("TypeName", "other").split(".")[-1] if results else "none"
        total[kind] += 1
        used = set()
        ok = exact = True
        for r in results:
            hit = next((i for i, t in enumerate(found) if i not in used and t.start <= r["End"] and r["Start"] < t.end
                        and value_matches(t, r)), None)
            if hit is None:
                ok = exact = False
                break
            used.add(hit)
            exact &= found[hit].text.lower() == r["Text"].lower()
        ok &= len(used) == len(found)
        if ok:
            passed[kind] += 1
            strict[kind] += exact
        else:
            errors.append(f"{text!r} ref {ref}\n    want {[(r['Text'], sorted(_candidates(r))[:3]) for r in results]}"
                          f"\n    got  {[(t.text, t.value, t.begin) for t in found]}")
    print(f"Recognizers-Text DateTimeModel (English): {sum(total.values())} cases")
    print(f"  {'type':15} {'cases':>6} {'pass':>6} {'rate':>6} {'exact text':>10}")
    for kind in sorted(total, key=lambda k: -total[k]):
        print(f"  {kind:15} {total[kind]:6d} {passed[kind]:6d} {passed[kind] / total[kind]:6.1%} {strict[kind]:10d}")
    n = sum(total.values())
    print(f"  {'all':15} {n:6d} {sum(passed.values()):6d} {sum(passed.values()) / n:6.1%} {sum(strict.values()):10d}")
    for e in errors[: args.errors]:
        print(e)


if __name__ == "__main__":
    main()
