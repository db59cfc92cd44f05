"""What an analyst's edit costs on a store of Reuters-21578 reports: the assess it triggers
re-analyses only the stories the edit touches (a reliability edit: all of them), and a deletion.

    PYTHONPATH=src python -m bench.bench_edits                      # 1,000 reports
    PYTHONPATH=src python -m bench.bench_edits --reports 200 --db /tmp/b.sqlite

The store is built as bench_dossier builds it (and shared with it at the same --db), then copied,
so the edits never touch it. Each line: the edit, the stories analysed anew, CPU and wall seconds."""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from collections import Counter
from pathlib import Path

from bench.bench_dossier import build
from firsthand import pipeline
from firsthand.pipeline import edits as editing
from firsthand.present.dossier import gather
from firsthand.store import Store


def timed(label: str, work) -> None:
    cpu, wall = time.process_time(), time.perf_counter()
    summary = work()
    analysed = f"{summary.analysed} of {summary.stories} stories analysed anew" if summary else ""
    print(f"{label}: {analysed} {time.process_time() - cpu:.2f} s CPU, {time.perf_counter() - wall:.2f} s wall")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--db", default=str(Path(tempfile.gettempdir()) / "firsthand-bench-dossier.sqlite"))
    args = parser.parse_args()
    with Store(args.db) as store:
        build(store, args.reports)
    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "edits.sqlite")
        shutil.copyfile(args.db, db)
        with Store(db) as store:
            timed("assess, nothing changed", lambda: pipeline.assess(store))
            largest = max(store.stories(), key=lambda row: row.size)
            judged = store.assessments(largest.id)[0]
            editing.record(store, "override-grade", judged.id, "bench", "a note", grade="C3")
            timed(f"assess after overruling one grade (a story of {largest.size} reports)", lambda: pipeline.assess(store))
            entities = Counter(e for _, ids, _ in store.reports_for_linking() for e in ids if e.startswith("org:"))
            (first, _), (second, _) = entities.most_common(2)
            editing.record(store, "merge-entities", second, "bench", into=first)
            touched = len(store.reports_mentioning(first)) + len(store.reports_mentioning(second))
            timed(f"assess after merging {second} into {first} ({touched} reports mention them)", lambda: pipeline.assess(store))
            editing.record(store, "reliability", "Reuters", "bench", section="outlets", grade="C")
            timed("assess after setting one outlet's reliability", lambda: pipeline.assess(store))
            report = largest.report_ids[0]
            timed("delete one report", lambda: editing.delete_reports(store, [report], "bench") and None)
            timed("assess after the deletion", lambda: pipeline.assess(store))
            timed("gather the dossier with 4 edits in force", lambda: gather(store) and None)


if __name__ == "__main__":
    main()
