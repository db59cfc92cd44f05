"""Concurrency: builds writing to one database at once finish without errors, duplicates or lost
reports, and leave the same store as one build alone."""

from __future__ import annotations

import json
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from firsthand.store import Store

CITIES = ["Seoul", "Kyiv", "Moscow", "Pyongyang", "Vladivostok", "Washington", "Beijing", "Tokyo"]


def write_inputs(folder: Path, count: int) -> Path:
    """`count` short reports written for the test: a JSONL file and ten text files."""
    rng = random.Random(5)
    rows = [{"text": f"Report {i}: officials in {rng.choice(CITIES)} said {rng.randint(2, 10**6):,} shells were shipped "
                     f"on {rng.randint(1, 28)} October, the agency said.",
             "outlet": f"Outlet {i % 7}", "published": f"2023-11-{i % 28 + 1:02d}"} for i in range(count - 10)]
    (folder / "reports.jsonl").write_text("\n".join(json.dumps(row) for row in rows))
    for i in range(10):
        (folder / f"story-{i}.txt").write_text(f"{rng.choice(CITIES).upper()} — Story {i} says the railway carried {i} trains.")
    return folder


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    return write_inputs(tmp_path_factory.mktemp("concurrent"), 150)


@pytest.fixture
def postgres(request) -> str:
    """A new PostgreSQL database from tests/pg.py (the `postgres_url` fixture), or a skip."""
    try:
        return request.getfixturevalue("postgres_url")
    except pytest.FixtureLookupError:
        pytest.skip("needs the postgres_url fixture of tests/pg.py")


def run_together(commands: list[list[str]]) -> None:
    processes = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for command in commands]
    for process in processes:
        _, stderr = process.communicate(timeout=600)
        assert process.returncode == 0, stderr
        assert "error" not in stderr.lower() and "locked" not in stderr.lower(), stderr


def build(folder: Path, db: str) -> list[str]:
    return [sys.executable, "-m", "firsthand", "build", str(folder), "--db", db, "--out", str(Path(db).parent / "out")]


def test_two_builds_on_one_sqlite_file(inputs: Path, tmp_path: Path):
    reference = tmp_path / "ref.sqlite"
    subprocess.run(build(inputs, str(reference)), check=True, capture_output=True, timeout=300)
    db = tmp_path / "shared.sqlite"
    run_together([build(inputs, str(db))] * 2)
    with sqlite3.connect(db) as connection:
        ids = [row[0] for row in connection.execute("SELECT id FROM reports")]
        versions = [row[0] for row in connection.execute("SELECT version FROM schema_version")]
    assert len(ids) == len(set(ids)) == 150
    assert len(versions) == len(set(versions))  # the schema was migrated once, not by both
    with Store(str(db)) as store, Store(str(reference)) as alone:
        assert store.digest() == alone.digest()


def test_four_builds_on_one_postgresql_database(postgres: str, tmp_path: Path):
    (tmp_path / "in").mkdir()
    inputs = write_inputs(tmp_path / "in", 40)
    reference = tmp_path / "ref.sqlite"
    subprocess.run(build(inputs, str(reference)), check=True, capture_output=True, timeout=300)
    run_together([build(inputs, postgres)] * 4)
    with Store(postgres) as store, Store(str(reference)) as alone:
        assert store.count_reports() == 40
        assert store.digest() == alone.digest()
