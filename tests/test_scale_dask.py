"""Reading on a local Dask cluster of two worker processes ends in the same store as reading here."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest

from firsthand import pipeline
from firsthand.ingest.sources import reports_from
from firsthand.model.report import Report
from firsthand.pipeline.reader import Reader
from firsthand.store import Store

from conftest import ROOT

pytest.importorskip("distributed", reason="needs dask[distributed]")

from firsthand.pipeline.distributed import DaskReader, _worker_reader, dask_client  # noqa: E402

EXAMPLES = ROOT / "examples"
PLACES = ["North Korea", "Russia", "the United Nations", "South Korea's spy agency", "Ukraine", "Japan"]


def reports() -> list[Report]:
    """The examples plus short reports written here: enough partitions for both workers."""
    rows = [json.loads(line) for line in (EXAMPLES / "reports.jsonl").read_text().splitlines() if line.strip()]
    written = [Report(text=f"{a} said on Monday that {b} had sent {n} shipments.\nOfficials in {b} denied it. "
                           f"A spokesman for {a} declined to comment.", language="en")
               for n, (a, b) in enumerate(zip(PLACES, PLACES[1:] + PLACES[:1]), start=2)]
    return [Report(text=row["text"], title=row.get("title")) for row in rows] + written


@pytest.fixture(scope="module")
def client():
    # The same cluster `--dask local:2` starts: two single-threaded worker processes.
    with dask_client("local:2") as opened:
        yield opened


@pytest.fixture(scope="module")
def reader() -> Reader:
    return Reader()


def read_into(db: str, items: Iterable[Report], reader: pipeline.ReadsReports) -> dict:
    """Store and read the reports; every reading stored, by report id."""
    with Store(db) as store:
        for report in items:
            store.add_report(report)
        summary = pipeline.read(store, reader)
        assert store.count_unread(reader.version) == 0
        readings = {report.id: store.reading(report.id) for report in store.reports()}
    assert summary.read == len(readings)
    return readings


def test_dask_reading_matches_a_local_build(tmp_path: Path, client, reader: Reader):
    here = read_into(str(tmp_path / "here.sqlite"), reports(), reader)
    # Partitions of two reports, so that both workers get some.
    on_dask = read_into(str(tmp_path / "dask.sqlite"), reports(), DaskReader(client, partition_size=2))
    assert len(on_dask) == len(reports()) and on_dask == here
    assert sum(len(reading.mentions) for reading in here.values()) > len(here)
    loaded = client.run(lambda: _worker_reader.cache_info().currsize)
    assert len(loaded) == 2 and all(loaded.values()), "each worker process holds its own model"


def test_build_command_on_a_running_scheduler(tmp_path: Path, client, reader: Reader):
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}  # this checkout's code, not an installed copy
    command = [sys.executable, "-m", "firsthand", "build", str(EXAMPLES), "--out", "out"]
    dask = subprocess.run([*command, "--db", "dask.sqlite", "--dask", client.scheduler.address],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert dask.returncode == 0 and "read 3 reports" in dask.stderr, dask.stderr
    with Store(str(tmp_path / "dask.sqlite")) as store:
        on_dask = {report.id: store.reading(report.id) for report in store.reports()}
    assert on_dask == read_into(str(tmp_path / "here.sqlite"), reports_from(str(EXAMPLES / "reports.jsonl")), reader)

    bad = subprocess.run([*command, "--db", "bad.sqlite", "--dask", "local:0"],
                         cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert bad.returncode == 2 and "error: --dask local:0: a local cluster needs at least one worker" in bad.stderr


def test_the_reader_s_taggers_go_to_the_workers(tmp_path: Path, client):
    here = read_into(str(tmp_path / "here.sqlite"), reports(), Reader(attribution="crf"))
    on_dask = DaskReader(client, partition_size=2, attribution="crf")
    assert on_dask.version.endswith("+crf+stance-features")
    assert read_into(str(tmp_path / "dask.sqlite"), reports(), on_dask) == here
