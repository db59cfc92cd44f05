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

from collections import Counter, defaultdict

from bench.audit import _flat, reread, reread_arguments
from firsthand.model.event import Event


def _still_coded(item: dict, events: list[Event], text: str) -> Event | None:
    states, cited = item["states"], _flat(item["evidence"][0]["sentences"][0]["sentence"])
    return next((e for e in events if e.type == states["type"] and e.trigger == states["trigger"]
                 and any(cited in _flat(text[s.start:s.end]) or _flat(text[s.start:s.end]) in cited for s in e.spans)),
                None)


def main() -> None:
    args = reread_arguments(__doc__.split("\n\n")[0], "events", "list each item and whether it is still coded")
    for corpus, judged in reread(args.audit, "events", args.store):
        kept: dict[str, Counter] = defaultdict(Counter)
        for item, text, reading in judged:
            coded = _still_coded(item, reading.events, text) if reading else None
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
