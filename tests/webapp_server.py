"""The web app served for real by uvicorn on a free loopback port, in a thread, for the tests."""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import uvicorn

from firsthand import pipeline
from firsthand.model.assessment import Assessment
from firsthand.pipeline.reader import Reader
from firsthand.store import Store

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")  # Debian's, driven by Playwright
EXAMPLES = ROOT / "examples" / "reports.jsonl"  # written for the project: what the README screenshot shows

HOSTILE = (
    'A hostile page carried <script>alert("xss")</script> in its text and an image tag '
    '<img src=x onerror="alert(document.cookie)"> after it.\n\n'
    "Moscow said nothing about the markup."
)
REPORTS = [
    {"title": '<img src=x onerror="alert(1)">Hostile <b>title</b>', "outlet": "<script>alert(3)</script>",
     "published": "2023-11-03", "text": HOSTILE},
]


def build_store(folder: Path, reader: Reader, story: Path = EXAMPLES) -> str:
    """A store of one story's reports (the examples, or the seeds) and the hostile report above,
    ingested, read and assessed through the pipeline."""
    source = folder / "hostile.jsonl"
    source.write_text("".join(json.dumps(record) + "\n" for record in REPORTS), encoding="utf-8")
    db = str(folder / "web.sqlite")
    with Store(db) as store:
        summary = pipeline.ingest(store, [str(story), str(source)])
        assert not summary.errors, summary.errors
        pipeline.read(store, reader)
        pipeline.assess(store)
    return db


def million_shells(store: Store) -> Assessment:
    """The story's widest claim of about a million shells (or rounds) sent to Russia."""
    found = [a for a in store.assessments(subject="claim") if "million" in a.text and re.search(r"shells|rounds", a.text)]
    assert found, [a.text for a in store.assessments(subject="claim")]
    return max(found, key=lambda a: (len(a.report_ids), -a.credibility))


@contextmanager
def served(app) -> Iterator[str]:
    """Run `app` until the block ends; yields its base URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the web app did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        sock.close()


@contextmanager
def chromium() -> Iterator:
    """Headless Chromium for the browser tests, kept off the network but for the served app."""
    from playwright import sync_api

    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        try:
            yield launched
        finally:
            launched.close()


def bearer_client(url: str, token: str, timeout: float = 60) -> httpx.Client:
    """An HTTP client that sends the token as a bearer, as a script or the API's users do."""
    return httpx.Client(base_url=url, timeout=timeout, headers={"Authorization": f"Bearer {token}"})
