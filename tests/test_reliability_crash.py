"""Crash safety: a build SIGKILLed at random points (while migrating, ingesting and reading), then
run again, ends in the same store as a build never interrupted: same content digest."""

from __future__ import annotations

import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from firsthand.store import Store

from conftest import shared_path

STORIES = 120  # ~40 s of CPU for the reference build and the killed ones
SEED = 87


@pytest.fixture(scope="module")
def reuters(tmp_path_factory) -> Path:
    """The first stories of reut2-000.sgm as one file (written to a temporary folder)."""
    text = shared_path("reuters21578", "reut2-000.sgm").read_text("latin-1")
    stories = re.findall(r"<REUTERS\b.*?</REUTERS>", text, re.S)
    path = tmp_path_factory.mktemp("reuters") / "r200.sgm"
    path.write_text("\n".join(stories[:STORIES]), "latin-1")
    return path


def build(source: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "firsthand", "build", str(source), "--db", str(db), "--out", str(db.parent / "out")]


def count(db: Path, table: str) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as connection:
            return connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    except sqlite3.OperationalError:  # no file or no table yet
        return 0


def kill_when(command: list[str], db: Path, table: str | None, at_least: float) -> bool:
    """Start the build and SIGKILL it once `table` holds `at_least` rows (or after `at_least`
    seconds when table is None); False if it finished first."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    started = time.monotonic()
    while process.poll() is None:
        if (time.monotonic() - started >= at_least) if table is None else count(db, table) >= at_least:
            process.send_signal(signal.SIGKILL)
            process.wait()
            return True
        time.sleep(0.01)
    return False


def test_sigkill_at_random_points_then_rerun_gives_the_same_store(reuters: Path, tmp_path: Path):
    reference = tmp_path / "reference" / "r.sqlite"
    reference.parent.mkdir()
    subprocess.run(build(reuters, reference), check=True, capture_output=True, timeout=300)
    with Store(str(reference)) as store:
        expected = store.digest()
        stored = store.count_reports()  # about 10% of Reuters stories have no body
        assert stored >= STORIES * 0.8 and store.count_unread("none") == stored

    rng = random.Random(SEED)
    # Random points in each phase: start-up and migration, ingest, reading (saved in batches).
    points = [(None, rng.uniform(0.0, 1.5)), ("reports", rng.randint(1, stored - 5)),
              ("readings", rng.randint(1, stored // 2)), ("readings", rng.randint(stored // 2, stored - 5))]
    db = tmp_path / "killed" / "r.sqlite"
    db.parent.mkdir()
    killed = sum(kill_when(build(reuters, db), db, table, at) for table, at in points)
    assert killed >= 3, "the builds ended before they could be killed"
    rerun = subprocess.run(build(reuters, db), capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    with Store(str(db)) as store:
        assert store.digest() == expected
