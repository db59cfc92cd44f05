"""Every Reading of a fixed corpus, dumped one report per line: run before and after a speed
change and `cmp` the two files; the outputs must not move.

    PYTHONPATH=src python -m bench.snapshot_readings OUT [--reports 200]

The corpus is the first N Reuters-21578 stories plus the two seed reports.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from bench.common import shared_path
from bench.corpus import reuters_reports
from firsthand.ingest.sources import reports_from
from firsthand.model.report import Report
from firsthand.pipeline.reader import Reader
from firsthand.store.codec import dumps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--reports", type=int, default=200)
    args = parser.parse_args()
    seeds = [r for r in reports_from(str(shared_path("seeds", "seeds.jsonl"))) if isinstance(r, Report)]
    reports = reuters_reports(args.reports) + seeds
    with args.out.open("w", encoding="utf-8") as out:
        for reading in Reader().read(reports):
            fields = (reading.mentions, reading.claims, reading.events, reading.quantities, reading.times)
            out.write(dumps([reading.report_id, reading.skipped, *fields]) + "\n")
    print(f"{len(reports)} readings ({len(seeds)} seeds) written to {args.out}")


if __name__ == "__main__":
    main()
