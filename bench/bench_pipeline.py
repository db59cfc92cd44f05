"""Reading throughput against bare spaCy: the Reader, as it stands, over the same texts as `nlp.pipe`.

    PYTHONPATH=src python -m bench.bench_pipeline [--reports 2000] [--chunk 250] [--attribution crf|encoder] [--stance features|encoder]

Both arms run in one process on the same Reuters-21578 stories, alternating chunk by chunk (the
order swapped each chunk) so load from elsewhere on the machine falls on both alike; both wall
and process CPU time are reported. The bare arm is `nlp.pipe` of a freshly loaded copy of the same
model, with the Reader's batch size; the Reader arm is whatever `Reader()`
holds (its components, Doc extensions, conversion to Readings), and the third arm adds saving
each Reading to a SQLite store, as `firsthand read` does.
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

from bench.corpus import reuters_reports, words
from firsthand.claims import stance
from firsthand.claims.attribution import BACKENDS, DEFAULT_BACKEND
from firsthand.pipeline.reader import Reader
from firsthand.read.nlp import load_model
from firsthand.store import Store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=2000)
    parser.add_argument("--chunk", type=int, default=250)
    parser.add_argument("--attribution", choices=BACKENDS, default=DEFAULT_BACKEND, help="the Reader's attribution tagger")
    parser.add_argument("--stance", choices=stance.BACKENDS, default=stance.DEFAULT_BACKEND, help="the Reader's stance head")
    args = parser.parse_args()

    reports = reuters_reports(args.reports)
    bare, reader = load_model(), Reader(attribution=args.attribution, stance=args.stance)
    total_words = words(reports)
    with tempfile.TemporaryDirectory() as folder:
        store = Store(str(Path(folder) / "bench.sqlite"))
        for report in reports:
            store.add_report(report)

        def run_bare(chunk):
            for _ in bare.pipe((report.text for report in chunk), batch_size=reader.batch_size):
                pass

        def run_reader(chunk):
            for _ in reader.read(chunk):
                pass

        def run_stored(chunk):
            for reading in reader.read(chunk):
                store.save_reading(reading, reader.version)

        arms = {"bare nlp.pipe": run_bare, "Reader": run_reader, "Reader + SQLite writes": run_stored}
        warm = reports[:20]
        for run in arms.values():
            run(warm)
        wall, cpu = dict.fromkeys(arms, 0.0), dict.fromkeys(arms, 0.0)
        for i in range(0, len(reports), args.chunk):
            chunk = reports[i:i + args.chunk]
            order = list(arms) if (i // args.chunk) % 2 == 0 else list(reversed(arms))
            for name in order:
                start, start_cpu = time.perf_counter(), time.process_time()
                arms[name](chunk)
                wall[name] += time.perf_counter() - start
                cpu[name] += time.process_time() - start_cpu
        store.close()

    print(f"{len(reports)} Reuters-21578 stories, {total_words:,} words; model {reader.nlp.meta['name']} "
          f"{reader.nlp.meta['version']}; Reader pipeline: {', '.join(reader.nlp.pipe_names)}; "
          f"attribution tagger {args.attribution}, stance head {args.stance}")
    print(f"{'':24} {'wall s':>7} {'words/s':>8} {'ratio':>5}   {'CPU s':>7} {'words/s':>8} {'ratio':>5}")
    bare_name = "bare nlp.pipe"
    for name in arms:
        print(f"{name:24} {wall[name]:7.1f} {total_words / wall[name]:8,.0f} {wall[bare_name] / wall[name]:5.2f}"
              f"   {cpu[name]:7.1f} {total_words / cpu[name]:8,.0f} {cpu[bare_name] / cpu[name]:5.2f}")
    # Both arms' models live in this process: an upper bound on one reading worker's memory.
    print(f"peak memory (max RSS) of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
