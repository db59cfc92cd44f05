"""Whole-build cost as the corpus grows: time and peak memory of ingest, read and assess (link and grade).

    PYTHONPATH=src python -m bench.bench_build [--sizes 1000 10000] [--dask local:2] [--dossier]

For each size, the Reuters-21578 stories are written (untimed) as JSONL files of 1,000 reports
into a folder, then `firsthand ingest`, `firsthand read` and `firsthand assess` run on it (and
`firsthand dossier` with --dossier), each as its own process, so each stage's wall time, CPU time
and peak resident memory (rusage from wait4, which covers the process and the children it waited
for, Dask's worker processes included) are its own. CPU time is the steadier figure on a shared
machine. Beyond the ~19,000 distinct stories
the corpus repeats them with a numbered closing line, so every report is still a distinct text.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from itertools import count, islice
from pathlib import Path

from bench.common import ROOT
from bench.corpus import reuters_stories
from firsthand.model.report import Report

SHARD = 1000


def corpus() -> Iterator[Report]:
    stories = list(reuters_stories())
    yield from stories
    for copy in count(2):
        for story in stories:
            yield story.with_(text=f"{story.text}\n\nRepeat {copy}.")


def write_corpus(folder: Path, size: int) -> None:
    reports = islice(corpus(), size)
    for shard in count():
        rows = list(islice(reports, SHARD))
        if not rows:
            return
        with open(folder / f"shard-{shard:04d}.jsonl", "w") as out:
            for report in rows:
                out.write(json.dumps({"text": report.text, "title": report.title, "outlet": report.outlet,
                                      "published": report.published.isoformat() if report.published else None,
                                      "language": report.language}) + "\n")


def stage(*args: str, cwd: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak resident memory (MB) of one firsthand command."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "firsthand", *args], cwd=cwd, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"error: firsthand {' '.join(args)} failed: {process.stderr.read().decode()[-2000:]}")  # type: ignore[union-attr]  # stderr=PIPE
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--dask", help="read on this Dask cluster (local:N or tcp://host:port)")
    parser.add_argument("--dossier", action="store_true", help="also time writing the dossier of the whole store")
    args = parser.parse_args()

    results = {}
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as work:
            folder = Path(work)
            (folder / "in").mkdir()
            write_corpus(folder / "in", size)
            db = "firsthand.sqlite"
            read_args = ["--dask", args.dask] if args.dask else []
            commands = {"ingest": ("ingest", "in"), "read": ("read", *read_args), "assess": ("assess",)}
            if args.dossier:
                commands["dossier"] = ("dossier", "--out", "out")
            stages = {}
            for name, command in commands.items():
                stages[name] = stage(*command, "--db", db, cwd=folder)
                print(f"  {size:,} reports, {name}: {stages[name][0]:.1f} s wall, {stages[name][1]:.1f} s CPU, "
                      f"{stages[name][2]:.0f} MB", flush=True)
            results[size] = [sum(column) for column in zip(*stages.values())]
            wall, cpu, _ = results[size]
            peak = max(mb for *_, mb in stages.values())
            detail = "; ".join(f"{name} {w:.1f} s wall, {c:.1f} s CPU, {mb:.0f} MB" for name, (w, c, mb) in stages.items())
            print(f"{size:>7,} reports: {wall:7.1f} s wall, {cpu:7.1f} s CPU, peak {peak:.0f} MB  ({detail})", flush=True)
    sizes = sorted(results)
    for small, large in zip(sizes, sizes[1:]):
        print(f"{large:,} / {small:,} reports (x{large / small:.0f}): wall time x{results[large][0] / results[small][0]:.1f}, "
              f"CPU time x{results[large][1] / results[small][1]:.1f}")


if __name__ == "__main__":
    main()
