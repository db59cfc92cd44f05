"""How the stance heads read the claims of real reports: each head's count of each stance, the
"disputes" no denial or negation backs (those a grade counting the head would hold against a
claim), and the reading of each claim a judged audit names.

    PYTHONPATH=src python -m bench.compare_stance ../shared/data/reuters21578/reut2-000.sgm \
        --audit docs/audits/2026-12-07-stance/README.md

Each head reads the same reports through its own Reader (`Reader(stance=...)`); claims are matched
by id, which the stance does not enter.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

from firsthand.claims.stance import BACKENDS, STANCES
from firsthand.ingest.sources import reports_from
from firsthand.model.report import Report
from firsthand.pipeline.reader import Reader

AUDIT_ROW = re.compile(r"^\| \d+ \| `([0-9a-f]+)` \| (\w+) \|")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", help="an input firsthand ingests (a Reuters-21578 .sgm file, say)")
    parser.add_argument("--audit", type=Path, help="a judged audit whose table names claim ids")
    args = parser.parse_args()
    reports = [r for r in reports_from(args.source) if isinstance(r, Report)]
    audited = {}
    if args.audit:
        audited = {m[1]: m[2] for line in args.audit.read_text(encoding="utf-8").splitlines() if (m := AUDIT_ROW.match(line))}
    readings: dict[str, dict[str, str]] = {}
    for backend in BACKENDS:
        found = readings[backend] = {}
        unbacked = 0
        for reading in Reader(stance=backend).read(reports):
            for claim in reading.claims:
                found[claim.id] = claim.certainty.stance
                if claim.certainty.stance == "disputes" and not claim.certainty.denial and claim.certainty.polarity != "negative":
                    unbacked += 1
        counts = Counter(found.values())
        print(f"{backend}: {len(reports)} reports, {len(found)} claims: "
              + ", ".join(f"{s} {counts[s]}" for s in STANCES) + f"; disputes without a denial or negation: {unbacked}")
    if audited:
        print("audited claims (judgement: " + " / ".join(BACKENDS) + ")")
        for claim_id, judged in audited.items():
            print(f"  {claim_id} {judged}: " + " / ".join(readings[b].get(claim_id, "(not a claim now)") for b in BACKENDS))


if __name__ == "__main__":
    main()
