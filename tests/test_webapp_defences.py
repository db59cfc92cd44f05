"""The web app's defences through real HTTP: the Host allow-list against DNS rebinding, links only
to http(s), sessions that logout ends and that expire, token rules off loopback, read-only stores."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from html import unescape

import httpx
import pytest
from typer.testing import CliRunner

from firsthand import pipeline
from firsthand.cli import app as cli
from firsthand.store import Store
from firsthand.web import Role, WebConfig, create_app

from hostile import HostCase, LinkCase, hostile_hosts, hostile_links
from webapp_server import EXAMPLES, served

ANALYST, READER = "analyst-token-for-tests", "reader-token-for-tests"
LINKS = hostile_links()


def _text(case: LinkCase) -> str:
    return f"Report {case.name}: North Korea shipped artillery shells to Russia, the agency said."


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    """The example reports and one report per hostile URL, stored (not read: the report page
    shows an unread report too)."""
    folder = tmp_path_factory.mktemp("defences")
    source = folder / "links.jsonl"
    source.write_text("".join(json.dumps({"text": _text(case), "url": case.url, "title": case.name}) + "\n" for case in LINKS),
                      encoding="utf-8")
    db = str(folder / "web.sqlite")
    with Store(db) as store:
        summary = pipeline.ingest(store, [str(EXAMPLES), str(source)])
        assert not summary.errors, summary.errors
    return db


@pytest.fixture(scope="module")
def base(db) -> Iterator[str]:
    with served(create_app(WebConfig(db=db))) as url:
        yield url


def port_of(url: str) -> int:
    return int(url.rsplit(":", 1)[1])


# -- Host allow-list -------------------------------------------------------------------------------


@pytest.mark.parametrize("case", hostile_hosts(), ids=lambda case: case.name)
def test_only_loopback_names_are_answered_by_default(case: HostCase, base: str):
    host = case.host.format(port=port_of(base))
    with httpx.Client(base_url=base, timeout=30) as client:
        for method, path in (("GET", "/"), ("GET", "/api/jobs/x"), ("POST", "/add")):
            answer = client.request(method, path, headers={"Host": host})
            if case.allowed:
                assert answer.status_code != 400, (method, path, answer.text)
            else:
                assert answer.status_code == 400, (method, path, answer.status_code)
                assert answer.headers["content-type"].startswith("text/plain")
                assert "Host" in answer.text and "--allowed-host" in answer.text
                assert "evil" not in answer.text  # the forged name is not echoed


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _serve(db: str, *args: str, env: dict[str, str] | None = None) -> tuple[subprocess.Popen, int]:
    """`firsthand serve` as a user starts it, on a free loopback port; waits until it answers."""
    port = _free_port()
    clean = {key: value for key, value in os.environ.items() if not key.startswith("FIRSTHAND_")}
    process = subprocess.Popen([sys.executable, "-m", "firsthand", "serve", "--db", db, "--port", str(port), *args],
                               env={**clean, **(env or {})}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process, port
        except OSError:
            if process.poll() is not None:
                raise AssertionError(process.stderr.read()) from None
            time.sleep(0.2)
    process.kill()
    raise AssertionError("firsthand serve did not start")


def _status(port: int, host: str) -> int:
    return httpx.get(f"http://127.0.0.1:{port}/", headers={"Host": host}, timeout=30).status_code


def test_the_command_allows_loopback_at_its_port_and_the_hosts_it_is_given(db: str):
    process, port = _serve(db)
    try:
        assert _status(port, f"localhost:{port}") == 200 and _status(port, f"127.0.0.1:{port}") == 200
        assert _status(port, f"localhost:{port + 1}") == 400  # another port is another origin
        assert _status(port, f"evil.example:{port}") == 400
    finally:
        process.terminate()
        process.wait(30)
    process, port = _serve(db, "--allowed-host", "analyst.example", "--allowed-host", f"desk.example:{_free_port()}")
    try:
        assert _status(port, f"analyst.example:{port}") == 200 and _status(port, "analyst.example") == 200
        assert _status(port, f"desk.example:{port}") == 400  # given with another port
        assert _status(port, f"localhost:{port}") == 200  # loopback stays allowed
    finally:
        process.terminate()
        process.wait(30)
    process, port = _serve(db, env={"FIRSTHAND_ALLOWED_HOSTS": "one.example, two.example"})
    try:
        assert _status(port, "two.example") == 200 and _status(port, "three.example") == 400
    finally:
        process.terminate()
        process.wait(30)


# -- links -----------------------------------------------------------------------------------------


def _report_ids(db: str) -> dict[str, str]:
    with Store(db) as store:
        return {report.title: report.id for report in store.reports() if report.title in {case.name for case in LINKS}}


@pytest.mark.parametrize("case", LINKS, ids=lambda case: case.name)
def test_a_report_url_is_a_link_only_when_it_is_http_or_https(case: LinkCase, base: str, db: str):
    page = httpx.get(f"{base}/reports/{_report_ids(db)[case.name]}", timeout=30).text
    shown = re.search(r"<dt>URL</dt><dd>(.*?)</dd>", page, re.S)[1]
    hrefs = re.findall(r'href="([^"]*)"', shown)
    if case.link:
        assert [unescape(href) for href in hrefs] == [case.url], shown
    else:
        assert hrefs == [], shown
    assert unescape(re.sub(r"<[^>]+>", "", shown)) == case.url  # the URL is still shown, as text
    assert "<script" not in shown and 'onmouseover="' not in shown


# -- sessions --------------------------------------------------------------------------------------


def _login(client: httpx.Client, token: str = ANALYST) -> str:
    csrf = re.search(r'name="csrf-token" content="([^"]+)"', client.get("/login").text)[1]
    answer = client.post("/login", data={"csrf": csrf, "token": token})
    assert answer.status_code == 303, answer.text
    return answer.headers["set-cookie"]


def _tokens(**settings) -> WebConfig:
    return WebConfig(db=settings.pop("db"), tokens={ANALYST: Role.ANALYST, READER: Role.READER}, **settings)


def test_logout_ends_the_session_on_the_server(db: str):
    with served(create_app(_tokens(db=db))) as url, httpx.Client(base_url=url) as client:
        _login(client)
        session = client.cookies["fh_session"]
        assert client.get("/add").status_code == 200
        csrf = re.search(r'name="csrf-token" content="([^"]+)"', client.get("/add").text)[1]
        assert client.post("/logout", data={"csrf": csrf}).status_code == 303
        with httpx.Client(base_url=url, cookies={"fh_session": session}) as replay:
            answer = replay.get("/add")
            assert answer.status_code == 303 and answer.headers["location"].startswith("/login")


def test_sessions_expire_after_their_lifetime_and_when_idle(db: str):
    with served(create_app(_tokens(db=db, session_lifetime=2.0))) as url, httpx.Client(base_url=url) as client:
        cookie = _login(client)
        assert "Max-Age=2" in cookie and "HttpOnly" in cookie
        assert client.get("/add").status_code == 200
        time.sleep(2.5)
        assert client.get("/add").status_code == 303
    with served(create_app(_tokens(db=db, session_idle=2.0))) as url, httpx.Client(base_url=url) as client:
        _login(client)
        for _ in range(4):  # busy for longer than the idle limit: still logged in
            time.sleep(0.8)
            assert client.get("/add").status_code == 200
        time.sleep(2.5)
        assert client.get("/add").status_code == 303


def test_a_session_cookie_that_was_never_issued_is_refused(db: str):
    with served(create_app(_tokens(db=db))) as url, httpx.Client(base_url=url) as client:
        for forged in ("ANALYST", "ANALYST.x.0000", "", "a" * 43):
            client.cookies.set("fh_session", forged)
            assert client.get("/add").status_code == 303


# -- tokens off loopback ---------------------------------------------------------------------------


def test_short_tokens_are_refused_off_loopback(db: str):
    runner = CliRunner()
    for env, args in (({"FIRSTHAND_TOKEN": "short-token"}, []), ({}, ["--token", "x" * 15]),
                      ({"FIRSTHAND_TOKEN": "a-long-enough-analyst-token", "FIRSTHAND_READ_TOKEN": "reader"}, [])):
        result = runner.invoke(cli, ["serve", "--db", db, "--host", "0.0.0.0", *args], env={"FIRSTHAND_TOKEN": "", **env})
        assert result.exit_code == 2, result.output
        assert "at least 16 characters" in result.output and len(result.output.strip().splitlines()) == 1


def test_help_says_argv_is_visible_and_names_the_environment_variables():
    text = " ".join(CliRunner().invoke(cli, ["serve", "--help"], terminal_width=200).output.split())
    assert "FIRSTHAND_TOKEN" in text and "FIRSTHAND_READ_TOKEN" in text and "visible to other users" in text


# -- a read-only store ---------------------------------------------------------------------------


def test_a_read_only_store_is_served_and_adding_is_refused(db: str):
    with served(create_app(WebConfig(db=f"file:{db}?mode=ro"))) as url, httpx.Client(base_url=url) as client:
        home = client.get("/")
        assert home.status_code == 200 and 'href="/add"' not in home.text
        assert client.get("/reports").status_code == 200
        refused = client.get("/add")
        assert refused.status_code == 403 and "read-only" in refused.text
        csrf = re.search(r'name="csrf-token" content="([^"]+)"', home.text)[1]
        assert client.post("/add", data={"csrf": csrf, "url": "https://example.org/"}).status_code == 403
    with Store(db) as store:
        assert not any(report.url == "https://example.org/" for report in store.reports())
