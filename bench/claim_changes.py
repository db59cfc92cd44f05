"""What a change to the claims or the linking stage does to real reports: a snapshot before, one
after, and the differences to read one by one.

    PYTHONPATH=src python -m bench.claim_changes claims ../shared/data/reuters21578/reut2-003.sgm /tmp/before.json
    PYTHONPATH=src python -m bench.claim_changes groups STORE.sqlite /tmp/before.json   # after `firsthand assess --fresh`
    ... make the change, snapshot again to /tmp/after.json ...
    PYTHONPATH=src python -m bench.claim_changes compare /tmp/before.json /tmp/after.json

`claims` reads an input with the default Reader (`--fast`: the CRF): each claim by report and
span, with its origin and text; `figures` the same claims with the quantities read in them.
`groups` takes a store's claim groups carried by more than one report: each by its claims, with
their texts, and counts the judgements naming a claim the store does not hold; `confirmed` its
claim groups graded credibility 1; `notes` the quantity notes (disagreements) of its claim groups.
`compare` prints what is only in one snapshot and what changed (docs/RESULTS.md: the inserted cue
of 2026-12-07, the claim groups sharing only their subject's name, and the changes of 2026-12-08
were measured so).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from pathlib import Path

from firsthand.ingest.sources import reports_from
from firsthand.model.claim import Claim
from firsthand.model.report import Report
from firsthand.pipeline.reader import Reader
from firsthand.store import Store


def _read(source: str, fast: bool) -> Iterator[Claim]:
    reports = [r for r in reports_from(source) if isinstance(r, Report)]
    reader = Reader(attribution="crf") if fast else Reader()
    return (c for reading in reader.read(reports) for c in reading.claims)


def claims(source: str, fast: bool = False) -> dict[str, list[str]]:
    return {f"{c.report_id}:{c.start}:{c.end}": [c.origin.name, c.origin.kind, c.text] for c in _read(source, fast)}


def figures(source: str, fast: bool = False) -> dict[str, list[str]]:
    return {f"{c.report_id}:{c.start}:{c.end}": [c.text, "; ".join(f"{q.text} = {q.interval.render()} {q.unit or ''}".rstrip()
                                                                 for q in c.quantities)]
            for c in _read(source, fast)}


def confirmed(db: str) -> dict[str, list[str]]:
    with Store(db) as store:
        found = [a for a in store.assessments(subject="claim") if a.credibility == 1]
        texts = {i: f"{c.report_id}: {c.text}" for i, c in store.claims_in([i for a in found for i in a.claim_ids]).items()}
    return {"+".join(sorted(a.claim_ids)): [texts.get(i, f"{i} (not stored)") for i in sorted(a.claim_ids)] for a in found}


def notes(db: str) -> dict[str, list[str]]:
    with Store(db) as store:
        return {f"{a.id}:{d.text}": [a.text, d.text, d.label] for a in store.assessments(subject="claim")
                for d in a.disagreements if d.kind == "quantity"}


def groups(db: str) -> dict[str, list[str]]:
    with Store(db) as store:
        judged = store.assessments()
        shared = [a for a in judged if a.subject == "claim" and len(a.report_ids) > 1]
        texts = {i: f"{c.report_id}: {c.text}" for i, c in store.claims_in([i for a in shared for i in a.claim_ids]).items()}
        stored = {c.id for c in store.claims()}
    links = [i for a in judged for i in a.claim_ids]
    print(f"{sum(i not in stored for i in links)} of {len(links):,} judgement-claim links name no stored claim")
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


READS = {"claims": claims, "figures": figures}
STORES = {"groups": groups, "confirmed": confirmed, "notes": notes}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=(*READS, *STORES, "compare"))
    parser.add_argument("first", help="an input (claims, figures), a store (groups, confirmed, notes), or the snapshot before (compare)")
    parser.add_argument("second", type=Path, help="where to write the snapshot, or the snapshot after (compare)")
    parser.add_argument("--fast", action="store_true", help="read with the CRF tagger (claims, figures)")
    args = parser.parse_args()
    if args.mode == "compare":
        compare(json.loads(Path(args.first).read_text()), json.loads(args.second.read_text()))
        return
    found = READS[args.mode](args.first, args.fast) if args.mode in READS else STORES[args.mode](args.first)
    args.second.write_text(json.dumps(found, ensure_ascii=False))
    print(f"{len(found)} {args.mode} written to {args.second}")


if __name__ == "__main__":
    main()
