"""Dossier generation time for a store of 1k reports (Reuters-21578 through the whole pipeline).

    PYTHONPATH=src python -m bench.bench_dossier                      # 1,000 reports
    PYTHONPATH=src python -m bench.bench_dossier --reports 200 --db /tmp/b.sqlite

The store is built once (ingest, read, link and grade: about two minutes per 1k reports on two
cores) and kept at --db, so a rerun times only the dossier. Timed, best of --repeat runs each:
gathering the Dossier from the store, rendering the Markdown dossier, rendering the HTML dossier
(the first HTML render also reads the Natural Earth shapes, reported apart), and each export.
The dossier as `firsthand dossier` writes it (an index and a page per story, present/pages.py) is
timed once, with its files' count, total size and largest page.

    PYTHONPATH=src python -m bench.bench_dossier --db STORE --paged-only   # any built store
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TypeVar

from bench.common import shared_path
from firsthand import pipeline
from firsthand.ingest.sources import IngestOptions, reports_from
from firsthand.model.report import Report
from firsthand.pipeline.reader import Reader
from firsthand.present.dossier import gather
from firsthand.present.exports import FORMATS, export
from firsthand.present.html import render_html
from firsthand.present.markdown import render_markdown
from firsthand.present.pages import write_dossier
from firsthand.present.worldmap import countries
from firsthand.store import Access, Store

T = TypeVar("T")


def build(store: Store, limit: int) -> None:
    if store.count_reports() < limit:
        added = store.count_reports()
        for path in sorted(shared_path("reuters21578").glob("*.sgm")):
            for item in reports_from(str(path), IngestOptions()):
                if isinstance(item, Report):  # not an error, nor a note on a report
                    added += store.add_report(item) is pipeline.Added.NEW
                if added >= limit:
                    break
            if added >= limit:
                break
    start = time.perf_counter()
    summary = pipeline.read(store, Reader())
    if summary.read:
        print(f"read {summary.read} reports in {time.perf_counter() - start:.0f} s")
    if not store.stories():
        start = time.perf_counter()
        pipeline.assess(store)
        print(f"linked and graded in {time.perf_counter() - start:.1f} s")


def best(repeat: int, work: Callable[[], T]) -> tuple[float, T]:
    times: list[float] = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--db", default=str(Path(tempfile.gettempdir()) / "firsthand-bench-dossier.sqlite"))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--paged-only", action="store_true", help="Time only the dossier as written, on the store at --db.")
    args = parser.parse_args()
    with Store(args.db, Access.READ if args.paged_only else Access.CREATE) as store:
        if not args.paged_only:
            build(store, args.reports)
        shapes, _ = best(1, countries)
        gathered, dossier = best(1 if args.paged_only else args.repeat, lambda: gather(store))
    print(f"{len(dossier.reports)} reports, {len(dossier.stories)} stories; gathered in {gathered:.2f} s")
    with tempfile.TemporaryDirectory() as folder:
        took, _ = best(1, partial(write_dossier, dossier, Path(folder)))
        files = [p for p in Path(folder).rglob("*") if p.is_file()]
        pages = [p for p in files if p.suffix == ".html"]
        largest = max(pages, key=lambda p: p.stat().st_size)
        print(f"dossier as written: {took:.2f} s, {len(files):,} files, {sum(p.stat().st_size for p in files) / 1e6:.1f} MB; "
              f"dossier.html {(Path(folder) / 'dossier.html').stat().st_size / 1e6:.2f} MB, "
              f"largest page {largest.relative_to(folder)} {largest.stat().st_size / 1e6:.2f} MB")
    if args.paged_only:
        return
    markdown, md = best(args.repeat, lambda: render_markdown(dossier))
    html_time, page = best(args.repeat, lambda: render_html(dossier))
    stories = len(dossier.stories)
    claims = sum(len(s.claim_assessments) for s in dossier.stories)
    print(f"{len(dossier.reports)} reports, {stories} stories, {claims} graded claim groups")
    print(f"Natural Earth shapes, read once per process: {shapes:.2f} s")
    print(f"gather the dossier from the store: {gathered:.2f} s")
    print(f"Markdown dossier: {markdown:.2f} s ({len(md) / 1e6:.1f} MB)")
    print(f"HTML dossier: {html_time:.2f} s ({len(page) / 1e6:.1f} MB)")
    with tempfile.TemporaryDirectory() as folder:
        for fmt in FORMATS:
            took, path = best(1, partial(export, dossier, fmt, Path(folder) / f"export.{fmt}"))
            size = sum(p.stat().st_size for p in path.rglob("*")) if path.is_dir() else path.stat().st_size
            print(f"export {fmt}: {took:.2f} s ({size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
