"""Our components against another version of themselves, in one process on the same Docs.

On a shared machine the CPU time of one component moves by ±30 % from run to run, more than
a speed change is worth; running both versions interleaved, on the same parsed Docs, in one
process, cancels most of that. The other version is a copy of the package renamed
`firsthand_base` (so both import side by side):

    git archive BASE_COMMIT src/firsthand | tar -x -C /tmp/base
    mkdir -p /tmp/basepkg && cp -r /tmp/base/src/firsthand /tmp/basepkg/firsthand_base
    sed -i -E 's/\\bfirsthand\\./firsthand_base./g; s/from firsthand import/from firsthand_base import/g' \\
        $(grep -rl firsthand --include='*.py' /tmp/basepkg)
    PYTHONPATH=src python -m bench.bench_components_ab /tmp/basepkg [--reports 200] [--runs 5]

The Docs are read once by this checkout's Reader; then each component of each version runs
over all of them, the two versions alternating (which goes first swaps every run).
"""

from __future__ import annotations

import argparse
import importlib
import statistics
import sys
import time

from bench.corpus import reuters_reports, words
from firsthand.pipeline.reader import Reader

# component name → (module, factory) in either package
COMPONENTS = {
    "fh_quantities": ("read.quantities", "make_quantities"),
    "fh_times": ("read.times", "make_times"),
    "fh_attribution": ("claims.attribution", "make_attributions"),
    "fh_claims": ("claims.extract", "make_claims"),
    "fh_events": ("events.coder", "make_events"),
}


def _initialized(component):
    component.initialize()
    return component


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", help="folder holding the renamed copy `firsthand_base`")
    parser.add_argument("--reports", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    reports = reuters_reports(args.reports)
    reader = Reader()
    docs = list(reader.nlp.pipe((reader.make_doc(r) for r in reports), batch_size=reader.batch_size))
    sys.path.insert(0, args.base)
    arms = {
        name: tuple(_initialized(getattr(importlib.import_module(f"{package}.{module}"), factory)(reader.nlp, name))
                    for package in ("firsthand_base", "firsthand"))
        for name, (module, factory) in COMPONENTS.items()
    }
    per_k = 1000 / words(reports)
    spent: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name in arms}
    for run in range(args.runs):
        for name, versions in arms.items():
            order = (0, 1) if run % 2 == 0 else (1, 0)
            for arm in order:
                start = time.process_time()
                for doc in docs:
                    versions[arm](doc)
                spent[name][arm].append((time.process_time() - start) * per_k * 1000)
            for doc in docs:  # leave this checkout's results on the Docs for the next component
                versions[1](doc)
    print(f"{len(reports)} stories, {words(reports):,} words; CPU ms per 1,000 words, "
          f"median of {args.runs} alternating runs")
    totals = [0.0, 0.0]
    for name, (base, this) in spent.items():
        medians = statistics.median(base), statistics.median(this)
        totals = [totals[0] + medians[0], totals[1] + medians[1]]
        print(f"  {name:15s} base {medians[0]:6.1f}   this {medians[1]:6.1f}   {medians[1] - medians[0]:+6.1f}")
    print(f"  {'total':15s} base {totals[0]:6.1f}   this {totals[1]:6.1f}   {totals[1] - totals[0]:+6.1f}")


if __name__ == "__main__":
    main()
