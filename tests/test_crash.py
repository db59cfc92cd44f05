"""Killing a build mid-ingest and running it again stores every story exactly once."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from firsthand.ingest.reuters import reports_from_sgml

from conftest import shared_path


def stored_ids(db: Path) -> list[str]:
    with sqlite3.connect(db) as connection:
        return [row[0] for row in connection.execute("SELECT id FROM reports")]


def test_sigkill_mid_ingest_then_rerun_stores_each_story_once(tmp_path: Path):
    files = [shared_path("reuters21578", name) for name in ("reut2-000.sgm", "reut2-001.sgm")]
    expected = {report.id for path in files for report in reports_from_sgml(path.read_text("latin-1"), str(path))}
    assert len(expected) > 1000
    db = tmp_path / "r.sqlite"
    command = [sys.executable, "-m", "firsthand", "ingest", *map(str, files), "--db", str(db)]

    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    count = 0
    while time.monotonic() < deadline and process.poll() is None:
        try:
            count = len(stored_ids(db))
        except sqlite3.OperationalError:  # the schema is not there yet
            count = 0
        if count >= 300:
            break
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL, "the ingest ended before it could be killed"
    assert 300 <= len(stored_ids(db)) < len(expected)

    rerun = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    ids = stored_ids(db)
    assert len(ids) == len(set(ids)) == len(expected)
    assert set(ids) == expected
