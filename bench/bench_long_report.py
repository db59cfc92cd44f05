"""Reading long reports in sections: time and peak memory at 100 KB, 1 MB and 10 MB, against the same
text read as the short reports it was made of, in the same run.

    python -m bench.bench_long_report [--sizes 100000 1000000 10000000]
    python -m bench.bench_long_report --sweep 1000000 [--sections 20000 50000 100000 200000 0]

A long report is Reuters-21578 bodies (distinct stories in file order, a blank line between them)
joined until it has the size in characters. Each arm runs in a process of its own (a fresh Reader,
its data loaded before the clock starts), so that its peak resident memory (getrusage) is its own:

- `long`: the joined text as one report, read in sections of `--section` characters (0: the whole
  text as one Doc, as before sections; only up to spaCy's limit of 1,000,000 characters);
- `short`: the same bodies as separate reports (the baseline).

Printed per size: CPU seconds, CPU seconds per MB, peak RSS and RSS once the Reader is ready, and
the long/short CPU ratio. `--sweep SIZE` reads one text with each section size and compares each
reading with the first one's (claims and mentions found at the same offsets with the same text).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.corpus import reuters_stories
from firsthand.model.report import Report

JOIN = "\n\n"
MB = 1_000_000


def bodies(size: int) -> list[str]:
    """Reuters bodies, in order, until joined they hold `size` characters (the last one cut)."""
    found: list[str] = []
    length = 0
    for story in reuters_stories():
        text = story.text.strip()
        found.append(text[: size - length])
        length += len(found[-1]) + len(JOIN)
        if length >= size:
            return found
    raise SystemExit(f"error: the Reuters bodies hold only {length:,} characters; asked for {size:,}")


def child(arm: str, size: int, section: int | None, dump: Path | None) -> dict:
    from firsthand.pipeline.reader import Reader
    from firsthand.read.sections import SECTION

    texts = bodies(size)
    if arm == "long":
        reports = [Report(text=JOIN.join(texts), outlet="Reuters")]
    else:
        reports = [Report(text=text, outlet="Reuters") for text in texts]
    longest = max(len(r.text) for r in reports)
    reader = Reader(section_size=SECTION if section is None else section or longest)
    reader.nlp.max_length = max(reader.nlp.max_length, longest)  # a whole text as one Doc, as before sections
    ready = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    cpu, wall = time.process_time(), time.perf_counter()
    readings = list(reader.read(reports))
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    skipped = [r.skipped for r in readings if r.skipped]
    if dump is not None:
        dump.write_text(json.dumps({
            "claims": [[c.start, c.end, c.text] for r in readings for c in r.claims],
            "mentions": [[m.start, m.end, m.id] for r in readings for m in r.mentions],
        }))
    return {
        "chars": sum(len(r.text) for r in reports), "reports": len(reports), "cpu": cpu, "wall": wall,
        "ready_mb": ready / 1024, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "claims": sum(len(r.claims) for r in readings), "skipped": skipped,
    }


def run(arm: str, size: int, section: int | None = None, dump: Path | None = None) -> dict:
    command = [sys.executable, "-m", "bench.bench_long_report", "--child", arm, "--size", str(size)]
    command += (["--section", str(section)] if section is not None else []) + (["--dump", str(dump)] if dump else [])
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(out.splitlines()[-1])


def sizes(args: argparse.Namespace) -> None:
    print(f"{'size':>10} {'arm':5} {'reports':>7} {'CPU s':>8} {'s/MB':>7} {'wall s':>8} {'ready MB':>8} "
          f"{'peak MB':>8} {'claims':>7} {'long/short':>10}")
    for size in args.sizes:
        results = {arm: run(arm, size, args.section if arm == "long" else None) for arm in ("short", "long")}
        for arm, r in results.items():
            ratio = f"{results['long']['cpu'] / results['short']['cpu']:.2f}" if arm == "long" else ""
            print(f"{r['chars']:>10,} {arm:5} {r['reports']:>7,} {r['cpu']:>8.1f} {r['cpu'] / r['chars'] * MB:>7.1f} "
                  f"{r['wall']:>8.1f} {r['ready_mb']:>8.0f} {r['peak_mb']:>8.0f} {r['claims']:>7,} {ratio:>10}"
                  + (f"  skipped: {r['skipped']}" if r["skipped"] else ""), flush=True)


def sweep(args: argparse.Namespace) -> None:
    print(f"one report of {args.sweep:,} characters; agreement with the first section size's reading")
    print(f"{'section':>9} {'CPU s':>8} {'s/MB':>7} {'peak MB':>8} {'claims':>7} {'same claims':>11} {'same mentions':>13}")
    first = None
    with tempfile.TemporaryDirectory() as tmp:
        for section in args.sections:
            dump = Path(tmp) / f"{section}.json"
            r = run("long", args.sweep, section, dump)
            found = json.loads(dump.read_text())
            keys = {kind: {tuple(item) for item in found[kind]} for kind in ("claims", "mentions")}
            first = first or keys
            same = {kind: len(keys[kind] & first[kind]) / max(len(first[kind]), 1) for kind in keys}
            print(f"{section or 'whole':>9} {r['cpu']:>8.1f} {r['cpu'] / r['chars'] * MB:>7.1f} {r['peak_mb']:>8.0f} "
                  f"{r['claims']:>7,} {same['claims']:>11.1%} {same['mentions']:>13.1%}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, MB, 10 * MB])
    parser.add_argument("--section", type=int, help="section size of the long arm (default: the Reader's; 0: the whole text)")
    parser.add_argument("--sweep", type=int, help="compare section sizes on one report of this many characters")
    parser.add_argument("--sections", type=int, nargs="+", default=[0, 20_000, 50_000, 100_000, 200_000],
                        help="section sizes to sweep (0: the whole text as one Doc)")
    parser.add_argument("--child", choices=["long", "short"], help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--dump", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.size, args.section, args.dump)))
    elif args.sweep:
        sweep(args)
    else:
        sizes(args)


if __name__ == "__main__":
    main()
