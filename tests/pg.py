"""A real PostgreSQL server for the tests: started once per session on loopback, one database per test.

The server comes from the Debian packages (`apt-get install postgresql`); tests that need it skip
with the reason when the binaries are absent. As root (CI containers), the server runs as the
`postgres` user, since PostgreSQL refuses to run as root.
"""

from __future__ import annotations

import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

PG_BIN = Path(os.environ.get("FIRSTHAND_PG_BIN", "/usr/lib/postgresql/15/bin"))
_SUPERUSER = "postgres"
_databases = itertools.count(1)


def _bin_dir() -> Path | None:
    """The folder holding initdb and pg_ctl: FIRSTHAND_PG_BIN, the newest Debian install, or PATH."""
    candidates = [PG_BIN, *sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)]
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(Path(on_path).parent)
    return next((c for c in candidates if (c / "initdb").exists() and (c / "pg_ctl").exists()), None)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PostgresServer:
    def __init__(self, bin_dir: Path, run_as: list[str]) -> None:
        self.bin_dir = bin_dir
        self.run_as = run_as
        # Not under pytest's tmp_path: its parents are root-only, and the server user must reach it.
        self.root = Path(tempfile.mkdtemp(prefix="firsthand-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()

    def _run(self, *args: str) -> None:
        subprocess.run([*self.run_as, *args], check=True, capture_output=True, text=True, timeout=60)

    def start(self) -> None:
        if self.run_as:
            shutil.chown(self.root, user=_SUPERUSER, group=_SUPERUSER)
        self._run(str(self.bin_dir / "initdb"), "-D", str(self.data), "-U", _SUPERUSER,
                  "--auth=trust", "--encoding=UTF8", "--no-sync")
        # fsync off: a test database need not survive a power cut, and it starts and writes faster.
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
        self._run(str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-l", str(self.root / "log"),
                  "-o", options, "-w", "-t", "30", "start")

    def stop(self) -> None:
        try:
            self._run(str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{_SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def create_database(self) -> str:
        import psycopg

        name = f"t{os.getpid()}_{next(_databases)}"
        with psycopg.connect(self.url(), autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    bin_dir = _bin_dir()
    if bin_dir is None:
        pytest.skip("needs PostgreSQL server binaries (initdb, pg_ctl): apt-get install postgresql")
    pytest.importorskip("psycopg", reason="needs psycopg to talk to PostgreSQL: pip install 'psycopg[binary]'")
    run_as: list[str] = []
    if os.geteuid() == 0:
        # PostgreSQL will not run as root; the Debian package creates this user.
        runuser = shutil.which("runuser")
        try:
            import pwd

            pwd.getpwnam(_SUPERUSER)
        except KeyError:
            runuser = None
        if runuser is None:
            pytest.skip("running as root needs the 'postgres' user and runuser to start PostgreSQL")
        run_as = [runuser, "-u", _SUPERUSER, "--"]
    server = PostgresServer(bin_dir, run_as)
    try:
        server.start()
    except subprocess.CalledProcessError as error:
        log = server.root / "log"
        detail = log.read_text()[-2000:] if log.exists() else error.stderr
        shutil.rmtree(server.root, ignore_errors=True)
        pytest.fail(f"PostgreSQL did not start: {detail}")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> str:
    """A postgresql:// URL of a new, empty database."""
    return postgres_server.create_database()
