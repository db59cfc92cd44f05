"""How the two attribution taggers change the claims of real reports, and a fixed-seed sample of
the changes to judge by hand.

    PYTHONPATH=src python -m bench.compare_attribution ../shared/data/reuters21578/reut2-000.sgm \
        [--sample 40 --seed 1207 --out /tmp/attribution-sample.md]

Each tagger reads the same reports through its own Reader (`Reader(attribution=...)`). A claim is
matched across the two by its report and its span; counted: claims only one tagger makes (no
overlapping claim from the other), claims whose span changed (an overlapping one), and claims both
make whose origin differs (name or kind). The sample draws from those four groups
alike and writes each change with its sentence and the claims' offsets, for the audit's judgement
(docs/audits/2026-12-07-attribution); it quotes the reports, so it is written outside the
repository when they may not be redistributed (Reuters-21578).
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from firsthand.claims.attribution import BACKENDS
from firsthand.ingest.sources import reports_from
from firsthand.model.claim import Claim
from firsthand.model.report import Report
from firsthand.pipeline.reader import Reader

Key = tuple[str, int, int]


def origin(claim: Claim) -> str:
    return f"{claim.origin.name} ({claim.origin.kind})"


def overlaps(a: Key, b: Key) -> bool:
    return a[0] == b[0] and a[1] < b[2] and b[1] < a[2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", help="an input firsthand ingests (a Reuters-21578 .sgm file, say)")
    parser.add_argument("--sample", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1207)
    parser.add_argument("--out", type=Path, help="where to write the sample as a Markdown table to judge")
    args = parser.parse_args()
    reports = {r.id: r for r in reports_from(args.source) if isinstance(r, Report)}
    claims: dict[str, dict[Key, list[Claim]]] = {}
    for backend in BACKENDS:
        found = claims[backend] = {}
        for reading in Reader(attribution=backend).read(list(reports.values())):
            for claim in reading.claims:
                found.setdefault((claim.report_id, claim.start, claim.end), []).append(claim)
        print(f"{backend}: {len(reports)} reports, {sum(map(len, found.values()))} claims")
    crf, encoder = (claims[b] for b in BACKENDS)
    only_crf, only_encoder = crf.keys() - encoder.keys(), encoder.keys() - crf.keys()
    moved = {k for k in only_crf if any(overlaps(k, other) for other in only_encoder)}
    groups = {
        "only crf": sorted(only_crf - moved),
        "only encoder": sorted(k for k in only_encoder if not any(overlaps(k, other) for other in only_crf)),
        "span changed": sorted(moved),
        "origin changed": sorted(k for k in crf.keys() & encoder.keys()
                                 if sorted(map(origin, crf[k])) != sorted(map(origin, encoder[k]))),
    }
    for name, keys in groups.items():
        print(f"{name}: {len(keys)} claims")
    if not args.out:
        return
    rng = random.Random(args.seed)
    rows: list[str] = []
    for name, keys in groups.items():
        for key in rng.sample(keys, min(len(keys), args.sample // len(groups))):
            report = reports[key[0]]
            first = (crf.get(key) or encoder[key])[0]
            sentence = " ".join(report.text[first.sentence_start : first.sentence_end].split()).replace("|", "/")
            readings = []
            for found in (crf, encoder):
                near = [c for k, cs in found.items() if overlaps(k, key) for c in cs]
                readings.append("; ".join(f"{c.start}–{c.end} «{c.text}» {origin(c)}" for c in near) or "—")
            rows.append(f"| {len(rows) + 1} | {name} | `{key[0]}` | {sentence} | {' / '.join(readings)} | |")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        "| # | change | report | sentence | claim and origin: crf / encoder | judgement |\n|---|---|---|---|---|---|\n"
        + "\n".join(rows) + "\n", encoding="utf-8")
    print(f"sample of {len(rows)} written to {args.out}")


if __name__ == "__main__":
    main()
