"""Speed-up of reading from one Dask worker to two (or more), readings written to a store as a build does.

    PYTHONPATH=src python -m bench.bench_dask [--reports 2000] [--workers 1 2] [--chunk 500]

Each arm is a local cluster of N single-threaded worker processes (what `--dask local:N` starts),
up and with its models loaded before timing. The arms take the same Reuters-21578 stories chunk by
chunk in turn, the order swapped each chunk, so load from elsewhere falls on all alike. Each arm
writes its Readings into its own SQLite store, one transaction per report.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

from bench.corpus import reuters_reports, words
from firsthand.pipeline.distributed import DaskReader, dask_client
from firsthand.store import Store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=2000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--chunk", type=int, default=500)
    args = parser.parse_args()

    reports = reuters_reports(args.reports)
    with ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        arms = {}
        for n in args.workers:
            reader = DaskReader(stack.enter_context(dask_client(f"local:{n}")))
            store = stack.enter_context(Store(str(folder / f"{n}.sqlite")))
            for report in reports:
                store.add_report(report)
            arms[n] = (reader, store)
        seconds = dict.fromkeys(arms, 0.0)
        for i in range(0, len(reports), args.chunk):
            chunk = reports[i:i + args.chunk]
            order = list(arms) if (i // args.chunk) % 2 == 0 else list(reversed(arms))
            for n in order:
                reader, store = arms[n]
                start = time.perf_counter()
                for reading in reader.read(chunk):
                    store.save_reading(reading, reader.version)
                seconds[n] += time.perf_counter() - start

    total_words = words(reports)
    print(f"{len(reports)} Reuters-21578 stories, {total_words:,} words; {os.cpu_count()} cores; "
          f"load average at the end {os.getloadavg()[0]:.1f}")
    first = args.workers[0]
    for n, spent in seconds.items():
        print(f"{n} worker(s): {spent:7.1f} s  {total_words / spent:8,.0f} words/s  "
              f"speed-up over {first}: {seconds[first] / spent:.2f}x")


if __name__ == "__main__":
    main()
