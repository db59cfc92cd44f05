"""Re-code the events an audit judged: is each judged event still coded, by verdict?

    PYTHONPATH=src .venv/bin/python -m bench.recode_audit docs/audits/2026-11-29-after \\
        --store reuters=/tmp/aa/reuters.sqlite --store polnear=/tmp/aa/polnear.sqlite

Each judged event's report is read again from the store the audit sampled (opened read only)
with the current Reader; the event counts as still coded when an event of its type and trigger
is stated in its cited sentence (with `--show`, a kept event whose status changed says so:
a condition or forecast once coded as done is kept, but no longer asserted). A fix for
precision should drop wrong events and keep the correct ones.
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict
from pathlib import Path

from bench.audit import read_items
from firsthand.model.event import Event
from firsthand.model.report import Report
from firsthand.pipeline.reader import Reader
from firsthand.store import Access, Store


def _flat(text: str) -> str:
    return " ".join(text.split())


def _still_coded(item: dict, events: list[Event], text: str) -> Event | None:
    states, cited = item["states"], _flat(item["evidence"][0]["sentences"][0]["sentence"])
    return next((e for e in events if e.type == states["type"] and e.trigger == states["trigger"]
                 and any(cited in _flat(text[s.start:s.end]) or _flat(text[s.start:s.end]) in cited for s in e.spans)),
                None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("audit", type=Path, help="an audit folder with <corpus>-events.jsonl")
    parser.add_argument("--store", action="append", default=[], help="corpus=path of the store it sampled")
    parser.add_argument("--show", action="store_true", help="list each item and whether it is still coded")
    args = parser.parse_args()
    reader = Reader()
    for corpus, db in (s.split("=", 1) for s in args.store):
        items = read_items(args.audit / f"{corpus}-events.jsonl")
        store = Store(db, access=Access.READ)
        reports: dict[str, Report] = {}
        for item in items:
            rid = item["evidence"][0]["report_id"]
            if rid not in reports and (report := store.report(rid)) is not None:
                reports[rid] = report
        events = {reading.report_id: reading.events for reading in reader.read(reports.values())}
        kept: dict[str, Counter] = defaultdict(Counter)
        for item in items:
            rid = item["evidence"][0]["report_id"]
            coded = _still_coded(item, events.get(rid, []), reports[rid].text) if rid in reports else None
            kept[item["verdict"]][coded is not None] += 1
            if args.show:
                was = item["states"]["status"]
                now = "GONE" if coded is None else "kept" if coded.status == was else f"kept, {was} → {coded.status}"
                print(f"{item['id']:20} {item['verdict']:8} {now}  {item['states']['event']}")
        for verdict in ("correct", "partly", "wrong"):
            total = sum(kept[verdict].values())
            print(f"{corpus}: {verdict:8} {kept[verdict][True]:3} of {total:3} still coded")


if __name__ == "__main__":
    main()
