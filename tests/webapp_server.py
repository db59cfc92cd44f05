"""The web app served for real by uvicorn on a free loopback port, in a thread, for the tests."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn

from firsthand import pipeline
from firsthand.read.reader import Reader
from firsthand.store import Store

SHELLS = (
    "SEOUL, South Korea — North Korea has shipped about one million artillery shells to Russia, "
    "South Korea's spy agency said on Wednesday.\n\n"
    "The National Intelligence Service told lawmakers in Seoul that the shipments began in August.\n\n"
    "Russia has not confirmed the deliveries."
)
SHELLS_AGAIN = (
    "North Korea has sent more than a million shells to Russia since August, lawmaker Yoo Sang-bum said, "
    "citing the National Intelligence Service.\n\n"
    "In return, Pyongyang is receiving help with satellite launches, analysts said."
)
HOSTILE = (
    'A hostile page carried <script>alert("xss")</script> in its text and an image tag '
    '<img src=x onerror="alert(document.cookie)"> after it.\n\n'
    "Moscow said nothing about the markup."
)
REPORTS = [
    {"title": "North Korea shipped a million shells to Russia, spy agency says", "outlet": "The Example Times",
     "published": "2023-11-01", "text": SHELLS},
    {"title": "Lawmaker: a million shells sent to Russia", "outlet": "Daily Example", "published": "2023-11-02",
     "text": SHELLS_AGAIN},
    {"title": '<img src=x onerror="alert(1)">Hostile <b>title</b>', "outlet": "<script>alert(3)</script>",
     "published": "2023-11-03", "text": HOSTILE},
]


def build_store(folder: Path, reader: Reader) -> str:
    """A store of the reports above, ingested and read through the pipeline."""
    source = folder / "reports.jsonl"
    source.write_text("".join(json.dumps(record) + "\n" for record in REPORTS), encoding="utf-8")
    db = str(folder / "web.sqlite")
    with Store(db) as store:
        summary = pipeline.ingest(store, [str(source)])
        assert not summary.errors, summary.errors
        pipeline.read(store, reader)
    return db


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
