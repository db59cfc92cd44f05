"""Long reports on one subject built end to end: time and peak memory of ingest, read and assess.

    python -m bench.bench_long [--corpora polnear reuters] [--sizes 50 200] [--keep DIR]
    python -m bench.bench_long --keep DIR --stages read     # ingest and read only

With --keep, each corpus's read store stays in DIR (with its times) and a later run reuses it and
times assess again on a fresh copy, so a change to linking or grading is measured without reading
again.

Each corpus (bench/long_corpus.py: PolNeAR articles naming one person, or Reuters-21578 stories of
one topic, ten joined into each report) is written as one JSONL file, then `firsthand ingest`,
`firsthand read` and `firsthand assess` run on it as their own processes (bench_build.stage: wall
and CPU time and peak resident memory from wait4). Then, untimed, the store is counted: stories,
claims, claim and event groups, and per story what claim grouping compares: the pairs of claims
sharing an entity (what grouping scored before blocking on rarer keys; a sum over entity blocks,
so an upper bound on distinct pairs), the pairs met in the kept blocks, and the candidates scored.
The bars (issue 14): assess time <= read time, assess memory <= 2 GB, 4x the reports <= 5x the time.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from bench.bench_build import stage
from bench.common import ROOT
from bench.long_corpus import write
from firsthand.link.claim_groups import Matcher, candidate_pairs
from firsthand.link.entity_merging import merge_entities
from firsthand.store import Store


def counts(db: str) -> dict:
    """What the assessed store holds, and the claim pairs grouping met in each story."""
    store = Store(db)
    found = {"stories": 0, "largest_story": 0, "claims": 0, "entity_pairs": 0, "probed": 0, "candidates": 0}
    for story in store.stories():
        readings = store.readings_of(story.report_ids)
        _, claims = merge_entities({r: readings[r].mentions for r in story.report_ids},
                                   [c for r in story.report_ids for c in readings[r].claims])
        blocks = Counter(e for c in claims for e in set(c.entity_ids))
        pairs = candidate_pairs(Matcher(claims), [story.id] * len(claims))
        found["stories"] += 1
        found["largest_story"] = max(found["largest_story"], len(story.report_ids))
        found["claims"] += len(claims)
        found["entity_pairs"] += sum(n * (n - 1) // 2 for n in blocks.values())
        found["probed"] += pairs.probed
        found["candidates"] += len(pairs)
    kinds = Counter(a.subject for a in store.assessments())
    return {**found, "claim_groups": kinds["claim"], "event_groups": kinds["event"]}


def run(kind: str, size: int, folder: Path, stages: list[str]) -> dict | None:
    """Build one corpus in `folder`; a read store left there by an earlier run (with its times) is
    reused, and assess always runs on a fresh copy of it."""
    folder.mkdir(parents=True, exist_ok=True)
    record = folder / "times.json"
    times = json.loads(record.read_text()) if record.exists() else {}
    if "read" not in times:
        times = {"words": write(kind, size, folder / "in.jsonl")}
        (folder / "read.sqlite").unlink(missing_ok=True)
        for name, command in (("ingest", ("ingest", "in.jsonl")), ("read", ("read",))):
            times[name] = stage(*command, "--db", "read.sqlite", cwd=folder)
        record.write_text(json.dumps(times))
    if "assess" not in stages:
        return None
    (folder / "assessed.sqlite").unlink(missing_ok=True)
    with sqlite3.connect(folder / "read.sqlite") as source, sqlite3.connect(folder / "assessed.sqlite") as copy:
        source.backup(copy)  # the write-ahead log too
    times["assess"] = stage("assess", "--db", "assessed.sqlite", cwd=folder)
    counted = subprocess.run([sys.executable, "-m", "bench.bench_long", "--count", str(folder / "assessed.sqlite")],
                             capture_output=True, text=True, check=True, cwd=ROOT)
    return {"corpus": kind, "reports": size, "words": times["words"], **json.loads(counted.stdout.splitlines()[-1]),
            **{f"{name}_{part}": round(value, 1) for name in ("ingest", "read", "assess")
               for part, value in zip(("wall_s", "cpu_s", "mb"), times[name], strict=True)}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", nargs="+", choices=("polnear", "reuters"), default=["polnear", "reuters"])
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 200])
    parser.add_argument("--keep", type=Path, help="keep each corpus's read store in this folder, and reuse it when there")
    parser.add_argument("--stages", nargs="+", choices=("read", "assess"), default=["read", "assess"],
                        help="'read' alone ingests and reads (into --keep) without assessing")
    parser.add_argument("--count", help=argparse.SUPPRESS)  # child process: count a store
    args = parser.parse_args()
    if args.count:
        print(json.dumps(counts(args.count)))
        return
    rows = []
    for kind in args.corpora:
        for size in args.sizes:
            with tempfile.TemporaryDirectory() as work:
                row = run(kind, size, Path(args.keep / f"{kind}-{size}" if args.keep else work), args.stages)
                if row:
                    rows.append(row)
                    print(json.dumps(row), flush=True)
    print("\n| corpus | reports | words | claims | entity-block pairs | met | scored | claim groups | read wall / CPU s "
          "| assess wall / CPU s | assess MB | assess / read (CPU) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['corpus']} | {r['reports']} | {r['words']:,} | {r['claims']:,} | {r['entity_pairs']:,} | {r['probed']:,} "
              f"| {r['candidates']:,} | {r['claim_groups']:,} | {r['read_wall_s']} / {r['read_cpu_s']} "
              f"| {r['assess_wall_s']} / {r['assess_cpu_s']} | {r['assess_mb']:.0f} | {r['assess_cpu_s'] / r['read_cpu_s']:.2f} |")
    for small, large in zip(rows, rows[1:]):
        if small["corpus"] == large["corpus"]:
            x = large["reports"] / small["reports"]
            print(f"{large['corpus']} {large['reports']}/{small['reports']} reports (x{x:.0f}): assess CPU "
                  f"x{large['assess_cpu_s'] / small['assess_cpu_s']:.1f}, wall x{large['assess_wall_s'] / small['assess_wall_s']:.1f}; "
                  f"read CPU x{large['read_cpu_s'] / small['read_cpu_s']:.1f}")


if __name__ == "__main__":
    main()
