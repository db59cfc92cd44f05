"""How many claims one Reuters-21578 file makes, and of what origin kinds: the outlet's own
reporting, a named organisation, an anonymous source ... (to count what a precision change costs
in recall and where origins moved).

    python -m bench.claim_origins [--file reut2-000.sgm]
"""

from __future__ import annotations

import argparse
from collections import Counter

from bench.common import shared_path
from firsthand.ingest.reuters import reports_from_sgml
from firsthand.pipeline.reader import Reader


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", default="reut2-000.sgm")
    args = parser.parse_args()
    path = shared_path("reuters21578", args.file)
    reports = {r.id: r for r in reports_from_sgml(path.read_text("latin-1"), str(path))}
    kinds: Counter[str] = Counter()
    for reading in Reader().read(list(reports.values())):
        kinds.update(claim.origin.kind for claim in reading.claims)
    shown = ", ".join(f"{kind} {n:,}" for kind, n in kinds.most_common())
    print(f"{args.file}: {len(reports):,} reports, {sum(kinds.values()):,} claims; origins: {shown}")


if __name__ == "__main__":
    main()
