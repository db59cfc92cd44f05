"""The web app's list and observation uploads, timed end to end over HTTP: the seeds' store served
with an analyst token, the OFAC and UN lists uploaded (each a job storing the list and screening
the store), then the whole GFW encounter file with its vessel table (a job storing and grading).

    PYTHONPATH=src python -m bench.evidence_upload

Prints each job's wall time from the upload's start to its end, with its outcome lines."""

from __future__ import annotations

import re
import socket
import tempfile
import threading
import time
from pathlib import Path

import httpx
import uvicorn

from bench.common import shared_path
from firsthand import pipeline
from firsthand.pipeline.reader import Reader
from firsthand.store import Store
from firsthand.web import Role, WebConfig, create_app

TOKEN = "bench-analyst-token"


def _job(client: httpx.Client, path: str, data: dict, files: dict) -> tuple[float, dict]:
    found = re.search(r'name="csrf-token" content="([^"]+)"', client.get("/add/evidence").text)
    assert found is not None, "the form carries no CSRF token"
    token = found[1]
    started = time.perf_counter()
    posted = client.post(path, data={"csrf": token, **data}, files=files)
    while not (job := client.get("/api" + posted.headers["location"]).json())["finished"]:
        time.sleep(0.1)
    return time.perf_counter() - started, job


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="bench-evidence-"))
    db = str(folder / "fh.sqlite")
    reader = Reader()
    with Store(db) as store:
        pipeline.ingest(store, [str(shared_path("seeds"))])
        pipeline.read(store, reader)
        pipeline.assess(store)
    app = create_app(WebConfig(db=db, tokens={TOKEN: Role.ANALYST}), reader=lambda: reader)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    gfw = shared_path("observations", "gfw-encounters")
    uploads = [
        ("/add/list", {}, {"list": shared_path("sanctions", "ofac", "sdn_2024-05-03.csv")}),
        ("/add/list", {}, {"list": shared_path("sanctions", "un", "UN_consolidated_2025-04-19.xml")}),
        ("/add/observations", {"layout": "gfw-encounters"},
         {"observations": gfw / "encounter-events.csv", "vessels": gfw / "transshipment-vessels.csv"}),
    ]
    with httpx.Client(base_url=url, timeout=600, headers={"Authorization": f"Bearer {TOKEN}"}) as client:
        for path, data, files in uploads:
            seconds, job = _job(client, path, data, {k: (p.name, p.read_bytes()) for k, p in files.items()})
            print(f"{path} {', '.join(p.name for p in files.values())}: {job['state']} in {seconds:.1f} s")
            for line in job["outcome"] + job["errors"][:3]:
                print(f"  {line}")
    server.should_exit = True
    thread.join(timeout=15)


if __name__ == "__main__":
    main()
