"""Where the reading time goes: each of our pipeline components against spaCy's own components,
on the same Reuters-21578 stories, in one process.

    PYTHONPATH=src python -m bench.bench_components [--reports 300] [--warm 20]

Every component of the Reader's pipeline is timed separately (each sees the Docs exactly as
the pipeline would); the figure that matters is our components' total as a share of spaCy's.
"""

from __future__ import annotations

import argparse
import time

from bench.corpus import reuters_reports, words
from firsthand.pipeline.reader import Reader


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=300)
    parser.add_argument("--warm", type=int, default=0,
                        help="first read this many other stories, so that caches filled on first use are left out "
                             "(the components' tables are built when the Reader is made)")
    args = parser.parse_args()
    stories = reuters_reports(args.reports + args.warm)
    reports = stories[: args.reports]
    reader = Reader()
    nlp = reader.nlp
    if args.warm:
        start = time.process_time()
        list(reader.read(stories[args.reports :]))
        print(f"warm-up: {args.warm} other stories read in {time.process_time() - start:.1f} s CPU )")
    docs = [reader.make_doc(report) for report in reports]
    spent = dict.fromkeys(nlp.pipe_names, 0.0)
    for name, component in nlp.pipeline:
        start = time.process_time()
        docs = list(component.pipe(docs, batch_size=reader.batch_size)) if hasattr(component, "pipe") else [component(d) for d in docs]
        spent[name] += time.process_time() - start
    ours = {name: t for name, t in spent.items() if name.startswith("fh_")}
    theirs = sum(t for name, t in spent.items() if name not in ours)
    per_k = 1000 / words(reports)
    print(f"{len(reports)} stories, {words(reports):,} words; CPU ms per 1,000 words")
    for name, t in spent.items():
        print(f"  {name:16s} {t * per_k * 1000:8.1f}")
    print(f"spaCy's components {theirs * per_k * 1000:8.1f}; ours {sum(ours.values()) * per_k * 1000:8.1f} "
          f"= {sum(ours.values()) / theirs:.0%} of spaCy's time")


if __name__ == "__main__":
    main()
