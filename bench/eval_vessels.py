"""Vessel identifiers on real text (read/vessels.py): `python -m bench.eval_vessels`.

- Reuters-21578 (every distinct story): the vessel mentions found, which should be none (the corpus
  states no IMO number or MMSI), and the bare seven-digit numbers a rule without the "IMO" label
  would have to judge.
- OFAC's SDN list (2024-05-03), the remarks column: a vessel's entry states "Vessel Registration
  Identification IMO 9756573" (and often its MMSI), a company's "Company Number IMO …" or
  "Identification Number IMO …" (IMO numbers of companies). Recall: the IMO numbers of vessel
  entries found as `vessel:imo-…`; precision: the mentions that are the entry's own vessel.
"""

from __future__ import annotations

import csv
import re
from collections import Counter

from bench.common import shared_path
from bench.corpus import reuters_stories
from firsthand.model.mention import imo_valid
from firsthand.read.vessels import find_vessels

_IMO = re.compile(r"\bIMO +(\d{7})\b")
_MMSI = re.compile(r"\bMMSI +(\d{9})\b")


def reuters() -> None:
    stories = mentions = seven = valid = 0
    for report in reuters_stories():
        stories += 1
        mentions += len(find_vessels(report.text))
        numbers = re.findall(r"(?<![\d.,])\d{7}(?![\d.,])", report.text)
        seven += len(numbers)
        valid += sum(imo_valid(n) for n in numbers)
    print(f"Reuters-21578: {stories} stories, {mentions} vessel mentions; {seven} bare seven-digit numbers "
          f"({valid} of them pass the IMO check digit)")


def ofac() -> None:
    """The list's own type column is the truth: every IMO number in a vessel's entry is a vessel's,
    every one in another entry (a company's) is not."""
    path = shared_path("sanctions", "ofac", "sdn_2024-05-03.csv")
    counts: Counter[str] = Counter()
    with path.open(encoding="latin-1", newline="") as handle:
        for row in csv.reader(handle):
            if len(row) < 12:
                continue
            remarks, vessel = row[-1], row[2].strip() == "vessel"
            found = {m.id for m in find_vessels(remarks)}
            numbers = _IMO.findall(remarks)
            kind = "vessel" if vessel else "other"
            counts[f"{kind} IMO stated"] += len(numbers)
            counts[f"{kind} IMO valid"] += sum(imo_valid(n) for n in numbers)
            counts[f"{kind} IMO found"] += sum(f"vessel:imo-{n}" in found for n in numbers)
            own = {f"vessel:imo-{n}" for n in numbers} | {f"vessel:mmsi-{n}" for n in _MMSI.findall(remarks)}
            counts["mentions"] += len(found)
            counts["right"] += len(found & own) if vessel else 0
            counts["vessel entries"] += vessel
            counts["vessel entries found"] += vessel and bool(found)
    stated, hits = counts["vessel IMO stated"], counts["vessel IMO found"]
    print(f"OFAC SDN: {counts['vessel entries']} vessel entries, {stated} IMO numbers in them "
          f"({counts['vessel IMO valid']} with a valid check digit), {hits} found: recall {hits / stated:.3f}; "
          f"{counts['vessel entries found']} entries with a vessel found")
    print(f"  precision {counts['right']}/{counts['mentions']} vessel mentions are the entry's own vessel; "
          f"{counts['other IMO stated']} IMO numbers in other entries (companies'), {counts['other IMO valid']} "
          f"passing the check digit, {counts['other IMO found']} taken for a vessel")


if __name__ == "__main__":
    reuters()
    ofac()
