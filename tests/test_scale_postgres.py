"""The whole command on PostgreSQL: a build ends in the same store and dossier as on SQLite."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from firsthand import pipeline
from firsthand.store import Store

from conftest import ROOT


def firsthand(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    # This checkout's code, not whichever copy of firsthand the environment has installed.
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    result = subprocess.run([sys.executable, "-m", "firsthand", *args], cwd=cwd, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return result


def stored(db: str) -> dict:
    """Everything a build stores, keyed by report id, comparable across databases."""
    with Store(db) as store:
        return {report.id: (report, store.reading(report.id)) for report in store.reports()}


def test_build_on_postgresql_matches_sqlite_and_resumes(tmp_path: Path, postgres_url: str):
    examples = str(ROOT / "examples")
    firsthand("build", examples, "--db", "t.sqlite", "--out", "sqlite", cwd=tmp_path)
    first = firsthand("build", examples, "--db", postgres_url, "--out", "pg", cwd=tmp_path)
    assert "3 new" in first.stderr and "read 3 reports" in first.stderr

    on_postgres, on_sqlite = stored(postgres_url), stored(str(tmp_path / "t.sqlite"))
    assert len(on_postgres) == 3 and on_postgres == on_sqlite
    assert all(reading.sentences and reading.mentions for _, reading in on_postgres.values())
    for page in [Path("dossier.md"), *(p.relative_to(tmp_path / "sqlite") for p in (tmp_path / "sqlite").rglob("*.md"))]:
        assert (tmp_path / "pg" / page).read_text() == (tmp_path / "sqlite" / page).read_text(), page

    again = firsthand("build", examples, "--db", postgres_url, "--out", "pg", cwd=tmp_path)
    assert "0 new" in again.stderr and "read 0 reports" in again.stderr
    listed = [json.loads(line) for line in firsthand("reports", "--db", postgres_url, "--json", cwd=tmp_path).stdout.splitlines()]
    assert sorted(row["id"] for row in listed) == sorted(on_sqlite)
    assert "0 stories anew" in again.stderr  # nothing changed, so no story is graded again

    # Two analyses at once (two analysts pressing "assess") take turns writing stories.
    with Store(postgres_url) as store, ThreadPoolExecutor(2) as pool:
        before = store.stories(), store.assessments()
        for run in [pool.submit(pipeline.assess, store, fresh=True) for _ in range(2)]:
            assert run.result().analysed == len(before[0])
        assert (store.stories(), store.assessments()) == before
