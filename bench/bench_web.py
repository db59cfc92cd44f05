"""Load benchmark of the web app: a store of 10k Reuters-21578 reports served by `firsthand serve`
and driven by wrk from another process on loopback.

    PYTHONPATH=src python -m bench.bench_web [--reports 10000] [--read 1000] [--duration 10] [--connections 2 16] [--only api]

All reports are ingested through the pipeline (so all are searchable); only the first `--read`
are read with spaCy (2 cores make reading 10k slow), then all are linked into stories and graded
(`pipeline.assess`). The report, entity, story and claim pages are driven over what was read.
The JSON endpoints (/api/…) are driven over the same paths as their pages, and the lists over
their pages. The built store is kept in out/bench_web/ and reused by the next run.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from itertools import islice
from pathlib import Path
from urllib.parse import quote

from bench.common import ROOT, shared_path
from firsthand import pipeline
from firsthand.pipeline.reader import Reader
from firsthand.store import Store

WRK_SCRIPT = """
local paths = {%s}
local i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
done = function(summary, latency, requests)
  io.write(string.format('RESULT {"requests": %%d, "errors": %%d, "p50_ms": %%.2f, "p95_ms": %%.2f, "p99_ms": %%.2f, "seconds": %%.2f}\\n',
    summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, summary.duration / 1e6))
end
"""


def build(db: str, want: int, to_read: int) -> None:
    with Store(db) as store:
        for sgm in sorted(shared_path("reuters21578").glob("reut2-*.sgm")):
            if store.count_reports() >= want:
                break
            pipeline.ingest(store, [str(sgm)])
        reader = Reader()
        done = store.count_reports() - store.count_unread(reader.version)
        if done < to_read:
            started = time.perf_counter()
            for reading in reader.read(islice(store.unread_reports(reader.version), to_read - done)):
                store.save_reading(reading, reader.version)
            print(f"read {to_read - done} reports in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        if done < to_read or not store.stories():
            started = time.perf_counter()
            pipeline.assess(store)
            print(f"linked and graded in {time.perf_counter() - started:.0f} s", file=sys.stderr)


def targets(db: str, rng: random.Random) -> dict[str, list[str]]:
    """Paths to request per endpoint: read reports, entities of varied frequency, words from titles."""
    with Store(db) as store:
        read_ids = [r.id for r in store.reports_page(0, 100_000) if store.reading(r.id).sentences][:2000]
        entities = [e.key for e in store.top_entities(400)]
        titles = [r.title for r in store.reports_page(0, 2000) if r.title]
        stories = [row.id for row in store.stories() if row.size > 1]
        claims = [a.id for a in store.assessments()]
        pages = {"stories": -(-store.count_stories() // 50), "reports": -(-store.count_reports() // 50),
                 "events": -(-store.count_assessments(subject="event") // 50)}
    words = [w for title in titles for w in title.split() if w.isalpha() and len(w) > 4]
    pages_paths = {
        "report page": [f"/reports/{i}" for i in rng.sample(read_ids, min(300, len(read_ids)))],
        "entity page": [f"/entities/{quote(e)}" for e in rng.sample(entities, min(100, len(entities)))],
        "search": [f"/search?q={quote(w.lower())}" for w in rng.sample(words, min(100, len(words)))],
        "story page": [f"/stories/{i}" for i in rng.sample(stories, min(100, len(stories)))],
        "claim page": [f"/claims/{i}" for i in rng.sample(claims, min(300, len(claims)))],
    }
    lists = {name: [f"/api/{name}?page={n}" for n in rng.sample(range(1, count + 1), min(100, count))]
             for name, count in pages.items()}
    return {
        **pages_paths,
        **{f"api {name.split()[0]}": ["/api" + path for path in paths] for name, paths in pages_paths.items()},
        "api stories list": lists["stories"], "api reports list": lists["reports"], "api events list": lists["events"],
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wrk(base: str, paths: list[str], duration: int, connections: int) -> dict:
    script = WRK_SCRIPT % ", ".join(json.dumps(p) for p in paths)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    try:
        out = subprocess.run(["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--timeout", "10s", "-s", handle.name, base + "/"],
                             capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(handle.name)
    return json.loads(next(line for line in out.splitlines() if line.startswith("RESULT "))[7:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--read", type=int, default=1000)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, nargs="+", default=[2])
    parser.add_argument("--only", default="", help="Only the endpoints whose name starts with this ('api': the JSON ones).")
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "bench_web")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("error: wrk not found (apt-get install wrk)")
    args.out.mkdir(parents=True, exist_ok=True)
    db = str(args.out / "store.sqlite")
    build(db, args.reports, args.read)
    with Store(db) as store:
        total = store.count_reports()
    rng = random.Random(0)
    paths = {name: urls for name, urls in targets(db, rng).items() if name.startswith(args.only)}
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    server = subprocess.Popen([sys.executable, "-m", "firsthand", "serve", "--db", db, "--port", str(port)], env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        results = {(name, c): wrk(base, urls, args.duration, c) for c in args.connections for name, urls in paths.items()}
    finally:
        server.terminate()
        server.wait(timeout=20)
    print(f"store: {total} reports, {args.read} read; wrk -t1 -d{args.duration}s per endpoint and connection count")
    print(f"{'endpoint':<18} {'conns':>5} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'req/s':>8} {'errors':>7} {'paths':>6}")
    for (name, c), r in results.items():
        print(f"{name:<18} {c:>5} {r['p50_ms']:>8.1f} {r['p95_ms']:>8.1f} {r['p99_ms']:>8.1f} "
              f"{r['requests'] / r['seconds']:>8.0f} {r['errors']:>7} {len(paths[name]):>6}")


if __name__ == "__main__":
    main()
