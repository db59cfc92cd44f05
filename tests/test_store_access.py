"""Which databases a command may open, and how: a foreign or broken --db gets one line and is left
untouched, a missing one is created only by ingest and build, and a read-only store can be read.

The commands run as a user runs them (a subprocess, its stderr and exit code). Read-only is
exercised for real: SQLite's own `mode=ro`, and, since root ignores file permissions, the command
run as an unprivileged user (setpriv) over a store in a folder it cannot write.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from firsthand.cli import app as cli
from firsthand.model.report import Report
from firsthand.store import Access, Store, StoreError, schema

from conftest import ROOT
from hostile import StoreCase, hostile_stores

FIRSTHAND = [sys.executable, "-m", "firsthand"]
EXAMPLES = ROOT / "examples" / "reports.jsonl"
READ_COMMANDS = [["reports"], ["claims"], ["events"], ["dossier", "--out", "{out}"], ["export", "--format", "json", "--out", "{out}/x.json"]]
WRITE_COMMANDS = [["read"], ["assess"], ["ingest", str(EXAMPLES)], ["build", str(EXAMPLES), "--out", "{out}"]]
NOBODY = 65534


def run(*args: str, cwd: Path, user: int | None = None) -> subprocess.CompletedProcess:
    prefix = []
    if user is not None and os.geteuid() == 0:
        prefix = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups", "--"]
    env = {key: value for key, value in os.environ.items() if not key.startswith("FIRSTHAND_")}
    return subprocess.run([*prefix, *FIRSTHAND, *args], cwd=cwd, capture_output=True, text=True, timeout=300, env=env)


def one_error_line(result: subprocess.CompletedProcess) -> str:
    """The single line a refused command prints; no traceback, exit code 2."""
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2, (result.returncode, result.stderr[-2000:])
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr[-2000:]
    return lines[0]


def snapshot(folder: Path) -> dict[str, str]:
    """Every file below a folder by its hash: what a refused command must leave as it was."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "folder"
            for p in sorted(folder.rglob("*"))}


def commands(out: Path) -> list[list[str]]:
    return [[part.format(out=out) for part in command] for command in READ_COMMANDS + WRITE_COMMANDS]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A store of the project's three example reports, read and assessed."""
    folder = tmp_path_factory.mktemp("built")
    result = run("build", str(EXAMPLES), "--db", "t.sqlite", "--out", "out", cwd=folder)
    assert result.returncode == 0, result.stderr
    return folder / "t.sqlite"


# -- a database that is not firsthand's -----------------------------------------------------------


def invoke(*args: str) -> Result:
    """The command in this process (fast enough to try every command on every case)."""
    return CliRunner().invoke(cli, list(args), env={"FIRSTHAND_DB": None})


def one_line(result: Result) -> str:
    lines = result.output.strip().splitlines()
    assert result.exit_code == 2 and len(lines) == 1 and lines[0].startswith("error: "), result.output[-2000:]
    return lines[0]


@pytest.mark.parametrize("case", hostile_stores(), ids=lambda case: case.name)
def test_a_database_that_is_not_a_store_is_refused_in_one_line_and_left_untouched(case: StoreCase, tmp_path: Path):
    place = tmp_path / "place"
    place.mkdir()
    db = case.make(place)
    before = snapshot(place)
    for command in commands(tmp_path / "out") + [["serve", "--port", "1"]]:
        line = one_line(invoke(*command, "--db", str(db)))
        assert str(db) in line and case.reason in line, (command, line)
        assert snapshot(place) == before, command
    assert not (tmp_path / "out").exists()


def test_a_refusal_is_one_line_from_the_real_command(tmp_path: Path):
    db = hostile_stores()[0].make(tmp_path)
    before = snapshot(tmp_path)
    for command in (["reports"], ["ingest", str(EXAMPLES)]):
        assert "not a firsthand store" in one_error_line(run(*command, "--db", str(db), cwd=tmp_path))
    assert snapshot(tmp_path) == before


def test_a_missing_store_is_refused_by_every_command_but_ingest_and_build(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for command in READ_COMMANDS + [["read"], ["assess"], ["serve", "--port", "1"]]:
        command = [part.format(out=tmp_path / "out") for part in command]
        line = one_line(invoke(*command, "--db", "mistyped/store.sqlite"))
        assert "mistyped/store.sqlite" in line and "no store" in line, line
        assert list(tmp_path.iterdir()) == [], command  # neither the file nor its folder was made
    assert "no store at firsthand.sqlite" in one_line(invoke("reports"))  # the default --db
    created = run("ingest", str(EXAMPLES), "--db", "new/store.sqlite", cwd=tmp_path)
    assert created.returncode == 0, created.stderr
    assert (tmp_path / "new" / "store.sqlite").exists()


def test_a_url_of_another_kind_of_database_is_refused_without_its_password():
    for command in (["reports"], ["ingest", str(EXAMPLES)]):
        line = one_line(invoke(*command, "--db", "mysql://analyst:secret@db.example/news"))
        assert "mysql://" in line and "secret" not in line


def test_an_empty_database_file_may_become_a_store(tmp_path: Path):
    (tmp_path / "empty.sqlite").write_bytes(b"")
    line = one_error_line(run("reports", "--db", "empty.sqlite", cwd=tmp_path))
    assert "empty" in line
    assert run("ingest", str(EXAMPLES), "--db", "empty.sqlite", cwd=tmp_path).returncode == 0
    assert run("reports", "--db", "empty.sqlite", cwd=tmp_path).returncode == 0


def test_store_refuses_foreign_postgresql_databases(postgres_url: str):
    import psycopg

    with psycopg.connect(postgres_url, autocommit=True) as connection:
        connection.execute("CREATE TABLE reports (id serial PRIMARY KEY, body text)")
        connection.execute("INSERT INTO reports (body) VALUES ('quarterly figures')")

    def tables() -> list[tuple]:
        with psycopg.connect(postgres_url) as connection:
            return connection.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
                                      "ORDER BY table_name").fetchall()

    before = tables()
    for access in Access:
        with pytest.raises(StoreError, match="not a firsthand store"):
            Store(postgres_url, access)
    assert tables() == before


def test_store_refuses_an_empty_or_absent_postgresql_database_to_read(postgres_url: str):
    for access in (Access.READ, Access.WRITE):
        with pytest.raises(StoreError, match="empty database"):
            Store(postgres_url, access)
    absent = postgres_url.rsplit("/", 1)[0] + "/no_such_database"
    with pytest.raises(StoreError, match="no_such_database") as raised:
        Store(absent, Access.CREATE)
    assert "\n" not in str(raised.value)
    with Store(postgres_url, Access.CREATE) as store:
        assert store.version() == schema.LATEST
    with Store(postgres_url, Access.READ) as store:
        assert store.count_reports() == 0
        with pytest.raises(Exception, match="read-only transaction"):
            store.add_report(Report(text="x"))


# -- read-only stores ------------------------------------------------------------------------------


@pytest.fixture
def locked(built: Path) -> Iterator[Path]:
    """A copy of the built store in a folder no one but root may write, the file read-only too.
    Not under pytest's tmp_path: its parents are root's alone, and the unprivileged user must reach it."""
    folder = Path(tempfile.mkdtemp(prefix="firsthand-ro-"))
    shutil.copy(built, folder / "t.sqlite")
    (folder / "t.sqlite").chmod(0o444)
    folder.chmod(0o555)
    try:
        yield folder / "t.sqlite"
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)


@pytest.fixture
def outside() -> Iterator[Path]:
    """A folder the unprivileged user may write to, for what read commands write (dossier, exports)."""
    folder = Path(tempfile.mkdtemp(prefix="firsthand-out-"))
    folder.chmod(0o777)
    try:
        yield folder
    finally:
        shutil.rmtree(folder)


@pytest.mark.skipif(os.geteuid() == 0 and shutil.which("setpriv") is None, reason="as root, needs setpriv to drop privileges")
def test_a_store_in_a_read_only_folder_is_read_and_exported_by_an_unprivileged_user(locked: Path, outside: Path, built: Path):
    before = snapshot(locked.parent)
    listed = run("reports", "--db", str(locked), "--json", cwd=outside, user=NOBODY)
    assert listed.returncode == 0, listed.stderr[-2000:]
    assert listed.stdout == run("reports", "--db", str(built), "--json", cwd=outside).stdout
    assert len(listed.stdout.splitlines()) == 3
    for fmt in ("json", "csv", "stix", "ftm", "plover"):
        exported = run("export", "--db", str(locked), "--format", fmt, "--out", str(outside / f"x.{fmt}"), cwd=outside, user=NOBODY)
        assert exported.returncode == 0, exported.stderr[-2000:]
    assert (outside / "x.json").stat().st_size > 1000
    assert run("dossier", "--db", str(locked), "--out", str(outside / "d"), cwd=outside, user=NOBODY).returncode == 0
    assert "Vostochny" in "".join(page.read_text() for page in (outside / "d").rglob("*.md"))  # an index, or one story
    for command in (["claims"], ["events", "--plover"]):
        assert run(*command, "--db", str(locked), cwd=outside, user=NOBODY).returncode == 0
    # A command that writes says so in one line.
    line = one_error_line(run("assess", "--db", str(locked), cwd=outside, user=NOBODY))
    assert str(locked) in line and "read-only" in line
    assert snapshot(locked.parent) == before


def test_a_store_opened_with_sqlite_mode_ro_is_read_without_a_write(built: Path, tmp_path: Path):
    copy = tmp_path / "t.sqlite"
    shutil.copy(built, copy)
    before = hashlib.sha256(copy.read_bytes()).hexdigest()
    uri = f"file:{copy}?mode=ro"
    listed = run("reports", "--db", uri, "--json", cwd=tmp_path)
    assert listed.returncode == 0 and len(listed.stdout.splitlines()) == 3, listed.stderr[-2000:]
    assert run("export", "--db", uri, "--format", "csv", "--out", "csv", cwd=tmp_path).returncode == 0
    line = one_error_line(run("assess", "--db", uri, cwd=tmp_path))
    assert "read-only" in line
    assert hashlib.sha256(copy.read_bytes()).hexdigest() == before
    with Store(uri, Access.READ) as store, pytest.raises(Exception, match="readonly"), \
            store.engine.begin() as connection:
        connection.exec_driver_sql("DELETE FROM reports")


def _make_older(db: Path) -> None:
    """Take a store back to the schema before the last migration, as an older firsthand left it."""
    with sqlite3.connect(db) as connection:
        connection.execute(f"DELETE FROM schema_version WHERE version = {schema.LATEST}")


@pytest.mark.skipif(os.geteuid() == 0 and shutil.which("setpriv") is None, reason="as root, needs setpriv to drop privileges")
def test_an_older_read_only_store_says_so_in_one_line(built: Path, outside: Path, tmp_path: Path):
    folder = Path(tempfile.mkdtemp(prefix="firsthand-old-"))
    try:
        shutil.copy(built, folder / "t.sqlite")
        _make_older(folder / "t.sqlite")
        folder.chmod(0o555)
        (folder / "t.sqlite").chmod(0o444)
        line = one_error_line(run("reports", "--db", str(folder / "t.sqlite"), cwd=outside, user=NOBODY))
        assert "older" in line and "read-only" in line and f"v{schema.LATEST - 1}" in line
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)
    # Writable, the same store is migrated and read.
    shutil.copy(built, tmp_path / "t.sqlite")
    _make_older(tmp_path / "t.sqlite")
    assert run("reports", "--db", "t.sqlite", cwd=tmp_path).returncode == 0
    with Store(str(tmp_path / "t.sqlite"), Access.READ) as store:
        assert store.version() == schema.LATEST
