"""What a change to the claims or the linking stage does to real reports: a snapshot before, one
after, and the differences to read one by one.

    PYTHONPATH=src python -m bench.claim_changes claims ../shared/data/reuters21578/reut2-003.sgm /tmp/before.json
    PYTHONPATH=src python -m bench.claim_changes groups STORE.sqlite /tmp/before.json   # after `firsthand assess --fresh`
    ... make the change, snapshot again to /tmp/after.json ...
    PYTHONPATH=src python -m bench.claim_changes compare /tmp/before.json /tmp/after.json

`claims` reads an input with the default Reader: each claim by report and span, with its origin
and text. `groups` takes a store's claim groups carried by more than one report: each by its claims,
with their texts. `compare` prints what is only in one snapshot and, for claims, whose origin
changed (docs/RESULTS.md: the inserted cue of 2026-12-07 and the claim groups sharing only their
subject's name were measured so).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from firsthand.ingest.sources import reports_from
from firsthand.model.report import Report
from firsthand.pipeline.reader import Reader
from firsthand.store import Store


def claims(source: str) -> dict[str, list[str]]:
    reports = [r for r in reports_from(source) if isinstance(r, Report)]
    return {f"{c.report_id}:{c.start}:{c.end}": [c.origin.name, c.origin.kind, c.text]
            for reading in Reader().read(reports) for c in reading.claims}


def groups(db: str) -> dict[str, list[str]]:
    with Store(db) as store:
        shared = [a for a in store.assessments(subject="claim") if len(a.report_ids) > 1]
        texts = {i: f"{c.report_id}: {c.text}" for i, c in store.claims_in([i for a in shared for i in a.claim_ids]).items()}
    # A store assessed before 2026-12-08 may grade a claim whose origin an entity merge rewrote
    # under an id it does not hold.
    return {"+".join(sorted(a.claim_ids)): [texts.get(i, f"{i} (not stored): {a.text}") for i in sorted(a.claim_ids)]
            for a in shared}


def compare(before: dict[str, list[str]], after: dict[str, list[str]]) -> None:
    print(f"{len(before)} before, {len(after)} after")
    for name, keys, side in (("only before", before.keys() - after.keys(), before),
                             ("only after", after.keys() - before.keys(), after)):
        print(f"{name}: {len(keys)}")
        for key in sorted(keys):
            print("  " + " ## ".join(side[key]))
    changed = sorted(k for k in before.keys() & after.keys() if before[k] != after[k])
    print(f"changed: {len(changed)}")
    for key in changed:
        print(f"  {' '.join(before[key][:2])} -> {' '.join(after[key][:2])}: {after[key][-1]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=("claims", "groups", "compare"))
    parser.add_argument("first", help="an input (claims), a store (groups), or the snapshot before (compare)")
    parser.add_argument("second", type=Path, help="where to write the snapshot, or the snapshot after (compare)")
    args = parser.parse_args()
    if args.mode == "compare":
        compare(json.loads(Path(args.first).read_text()), json.loads(args.second.read_text()))
        return
    found = claims(args.first) if args.mode == "claims" else groups(args.first)
    args.second.write_text(json.dumps(found, ensure_ascii=False))
    print(f"{len(found)} {args.mode} written to {args.second}")


if __name__ == "__main__":
    main()
