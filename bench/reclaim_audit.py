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

from collections import Counter, defaultdict

from bench.audit import _chain, _flat, reread, reread_arguments
from firsthand.model.claim import Claim


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
    args = reread_arguments(__doc__.split("\n\n")[0], "claims", "list each item's fate and the claim now made")
    for corpus, judged in reread(args.audit, "claims", args.store):
        fates: dict[str, Counter] = defaultdict(Counter)
        for item, text, reading in judged:
            what, now = fate(item, reading.claims, text) if reading else ("gone", None)
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
