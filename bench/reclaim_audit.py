"""Read again the claims an audit judged: is each judged claim still made, the same, changed or gone?

    PYTHONPATH=src .venv/bin/python -m bench.reclaim_audit docs/audits/2026-11-29-after \\
        --store reuters=/tmp/aa/reuters.sqlite --store polnear=/tmp/aa/polnear.sqlite [--show]

Each judged claim's report is read again from the store the audit sampled (opened read only)
with the current Reader. Its fate is the claim now made in the same cited sentence that shares
most words with it: `same` (same words and attribution chain), `changed` (to be judged again;
`--show` prints it) or `gone` (none shares half its words). A fix for precision should make the
wrong ones go or change and keep the correct ones.
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict
from pathlib import Path

from bench.audit import _chain, _flat, read_items
from firsthand.model.claim import Claim
from firsthand.model.report import Report
from firsthand.pipeline.reader import Reader
from firsthand.store import Access, Store


def _words(text: str) -> set[str]:
    return {w.strip(".,;:\"'“”‘’()").lower() for w in text.split()} - {""}


def fate(item: dict, claims: list[Claim], text: str) -> tuple[str, Claim | None]:
    """(same | changed | gone, the claim now made in its place)."""
    states, cited = item["states"], _flat(item["evidence"][0]["sentences"][0]["sentence"])
    here = [c for c in claims if cited in _flat(text[c.sentence_start:c.sentence_end])
            or _flat(text[c.sentence_start:c.sentence_end]) in cited]
    before = _words(states["claim"])
    best = max(here, key=lambda c: len(before & _words(c.text)), default=None)
    if best is None or 2 * len(before & _words(best.text)) < len(before):
        return "gone", None
    same = _flat(best.text) == states["claim"] and _chain(best) == states["attribution"]
    return ("same" if same else "changed"), best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("audit", type=Path, help="an audit folder with <corpus>-claims.jsonl")
    parser.add_argument("--store", action="append", default=[], help="corpus=path of the store it sampled")
    parser.add_argument("--show", action="store_true", help="list each item's fate and the claim now made")
    args = parser.parse_args()
    reader = Reader()
    for corpus, db in (s.split("=", 1) for s in args.store):
        items = read_items(args.audit / f"{corpus}-claims.jsonl")
        store = Store(db, access=Access.READ)
        reports: dict[str, Report] = {}
        for item in items:
            rid = item["evidence"][0]["report_id"]
            if rid not in reports and (report := store.report(rid)) is not None:
                reports[rid] = report
        claims = {reading.report_id: reading.claims for reading in reader.read(reports.values())}
        fates: dict[str, Counter] = defaultdict(Counter)
        for item in items:
            rid = item["evidence"][0]["report_id"]
            what, now = fate(item, claims.get(rid, []), reports[rid].text) if rid in reports else ("gone", None)
            fates[item["verdict"]][what] += 1
            if args.show:
                print(f"{item['id']:20} {item['verdict']:8} {what:8} {item['category'] or ''}")
                if now is not None and what == "changed":
                    print(f"    was: {item['states']['claim']}  [{item['states']['attribution']}]")
                    print(f"    now: {_flat(now.text)}  [{_chain(now)}]")
        for verdict in ("correct", "partly", "wrong"):
            counts = fates[verdict]
            print(f"{corpus}: {verdict:8} of {sum(counts.values()):3}: same {counts['same']:3}, "
                  f"changed {counts['changed']:3}, gone {counts['gone']:3}")


if __name__ == "__main__":
    main()
