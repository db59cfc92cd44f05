"""What an analyst's edit costs on a store of Reuters-21578 reports: the assess it triggers
re-analyses only the stories the edit touches (a reliability edit: all of them), and a deletion.

    PYTHONPATH=src python -m bench.bench_edits                      # 1,000 reports
    PYTHONPATH=src python -m bench.bench_edits --reports 200 --db /tmp/b.sqlite
    PYTHONPATH=src python -m bench.bench_edits --web                # the same edits posted to the web app

The store is built as bench_dossier builds it (and shared with it at the same --db), then copied,
so the edits never touch it. Each line: the edit, the stories analysed anew, CPU and wall seconds;
with --web, how long the form's request takes and how long the job it names takes to assess again."""

from __future__ import annotations

import argparse
import re
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


def through_the_web(db: str) -> None:
    """Post edits to the web app's form (in process, one store as `serve` opens it): the request
    returns once the edit is recorded; the job it names assesses the store again."""
    from fastapi.testclient import TestClient

    from firsthand.web import WebConfig, create_app

    with Store(db) as store:
        largest = max(store.stories(), key=lambda row: row.size)
        judged = store.assessments(largest.id)[0]
        entities = Counter(e for _, ids, _ in store.reports_for_linking() for e in ids if e.startswith("org:"))
        (first, _), (second, _) = entities.most_common(2)
    edits = [(f"overrule one grade (a story of {largest.size} reports)", {"kind": "override-grade", "target": judged.id, "grade": "C3"}),
             (f"merge {second} into {first}", {"kind": "merge-entities", "target": second, "into": first}),
             ("one outlet's reliability", {"kind": "reliability", "target": "Reuters", "section": "outlets", "grade": "C"})]
    with TestClient(create_app(WebConfig(db=db)), base_url="http://localhost") as client:
        csrf = re.search(r'name="csrf-token" content="([^"]+)"', client.get("/edits").text)[1]  # type: ignore[index]
        for label, form in edits:
            wall = time.perf_counter()
            posted = client.post("/edits", data={"csrf": csrf, **form}, follow_redirects=False)
            answered = time.perf_counter() - wall
            job_id = posted.headers["location"].rsplit("assessing=", 1)[1]
            while not (job := client.get(f"/api/jobs/{job_id}").json())["finished"]:
                time.sleep(0.05)
            print(f"{label}: request {answered:.2f} s wall ({posted.status_code}); job {job['state']} "
                  f"after {time.perf_counter() - wall:.2f} s wall")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--db", default=str(Path(tempfile.gettempdir()) / "firsthand-bench-dossier.sqlite"))
    parser.add_argument("--web", action="store_true", help="post the edits to the web app instead")
    args = parser.parse_args()
    with Store(args.db) as store:
        build(store, args.reports)
    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "edits.sqlite")
        shutil.copyfile(args.db, db)
        with Store(db) as store:
            timed("assess, nothing changed", lambda: pipeline.assess(store))
        if args.web:
            through_the_web(db)
            return
        with Store(db) as store:
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
