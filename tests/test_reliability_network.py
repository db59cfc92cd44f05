"""Network safety of URL and feed ingest, against a server on loopback only.

No request reaches loopback, private, link-local or metadata addresses unless allowed: not
directly, not after a redirect, not through a DNS answer, and not through a second DNS answer
(rebinding). Responses are capped in size (decoded, so gzip bombs stop) and in total time (so a
server that drips a byte at a time is cut off). Public-looking hosts are simulated by replacing
the resolver and the socket connector; no packet leaves the machine.
"""

from __future__ import annotations

import gzip
import socket
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from firsthand.ingest.fetch import FetchPolicy, fetch
from firsthand.ingest.problem import IngestError
from firsthand.ingest.sources import IngestOptions, reports_from
from firsthand.model.report import Report

from conftest import article

PUBLIC_IP = "93.184.216.34"  # a global address: passes the check; connections to it are faked
PUBLIC_HOST = "news.example-public.test"  # an invented name only the fake resolver knows
PAGE = article("A public story").encode()


def _gzip_bomb(expanded_mb: int) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)  # wbits 31: a gzip stream
    block = bytes(1_000_000)
    return b"".join(compressor.compress(block) for _ in range(expanded_mb)) + compressor.flush()


class Server:
    """Loopback HTTP server with a few hostile behaviours, recording every request it gets."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, str]] = []  # (path, Host header)
        self.redirects: dict[str, str] = {}
        self.bomb = _gzip_bomb(200)
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802
                server.requests.append((self.path, self.headers.get("Host", "")))
                if self.path in server.redirects:
                    self._send(302, b"", Location=server.redirects[self.path])
                elif self.path == "/bomb":
                    self._send(200, server.bomb, **{"Content-Encoding": "gzip"})
                elif self.path == "/drip":
                    self._drip()
                elif self.path == "/silent":
                    time.sleep(5)
                else:
                    self._send(200, PAGE)

            def _send(self, status: int, body: bytes, **headers: str) -> None:
                self.send_response(status)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

            def _drip(self) -> None:
                # A byte every 0.1 s: no single read ever waits long, so only a total deadline stops it.
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", "100000")
                self.end_headers()
                try:
                    for _ in range(100):
                        self.wfile.write(b"x")
                        self.wfile.flush()
                        time.sleep(0.1)
                except OSError:
                    pass

            def log_message(self, *args) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.httpd.handle_error = lambda *args: None  # clients hanging up early is the point here
        self.port = self.httpd.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="module")
def server():
    started = Server()
    yield started
    started.close()


@pytest.fixture
def net(server: Server, monkeypatch):
    """A fake internet: names resolve by `net.answers` (a list per name, one answer per lookup,
    the last one repeating), and connections to PUBLIC_IP land on the loopback server."""

    class Net:
        answers: dict[str, list[str]] = {}
        lookups: list[str] = []
        connects: list[str] = []

    real_getaddrinfo, real_connect = socket.getaddrinfo, socket.create_connection

    def getaddrinfo(host, port, *args, **kwargs):
        if host in Net.answers:
            Net.lookups.append(host)
            queue = Net.answers[host]
            address = queue.pop(0) if len(queue) > 1 else queue[0]
            family = socket.AF_INET6 if ":" in address else socket.AF_INET
            return [(family, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (address, port))]
        return real_getaddrinfo(host, port, *args, **kwargs)

    def create_connection(address, *args, **kwargs):
        Net.connects.append(address[0])
        if address[0] == PUBLIC_IP:
            return real_connect(("127.0.0.1", server.port), *args, **kwargs)
        if address[0] not in ("127.0.0.1", "::1"):
            raise ConnectionRefusedError(f"test network: no route to {address[0]}")
        return real_connect(address, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(socket, "create_connection", create_connection)
    server.requests.clear()
    server.redirects.clear()
    return Net


def error_of(items: list) -> IngestError:
    assert len(items) == 1 and isinstance(items[0], IngestError), items
    return items[0]


def public_url(server: Server, path: str) -> str:
    return f"http://{PUBLIC_HOST}:{server.port}{path}"


def test_a_public_host_is_fetched_at_the_checked_address_with_its_own_host_header(server, net):
    net.answers[PUBLIC_HOST] = [PUBLIC_IP]
    items = list(reports_from(public_url(server, "/story")))
    assert len(items) == 1 and isinstance(items[0], Report), items
    assert items[0].url == public_url(server, "/story")
    assert net.connects == [PUBLIC_IP] and net.lookups == [PUBLIC_HOST]
    assert server.requests == [("/story", f"{PUBLIC_HOST}:{server.port}")]


@pytest.mark.parametrize("address", ["127.0.0.1", "10.1.2.3", "192.168.0.10", "169.254.169.254", "::1", "fe80::1", "::ffff:127.0.0.1", "0.0.0.0"])
def test_dns_answers_pointing_inside_are_refused(server, net, address):
    net.answers[PUBLIC_HOST] = [address]
    error = error_of(list(reports_from(public_url(server, "/story"))))
    assert error.reason.startswith("refused:") and PUBLIC_HOST in error.reason
    assert net.connects == [] and server.requests == []


def test_dns_rebinding_cannot_reach_loopback(server, net):
    # Public when checked, loopback on any later lookup: the connection must go to the checked address.
    net.answers[PUBLIC_HOST] = [PUBLIC_IP, "127.0.0.1"]
    items = list(reports_from(public_url(server, "/story")))
    assert isinstance(items[0], Report), items
    assert net.connects == [PUBLIC_IP] and net.lookups == [PUBLIC_HOST]


@pytest.mark.parametrize("target", ["http://127.0.0.1:{port}/secret", "http://169.254.169.254/latest/meta-data/",
                                    "http://[::1]:{port}/secret", "http://inside.example-public.test:{port}/secret",
                                    "file:///etc/passwd"])
def test_redirects_into_the_private_network_are_refused(server, net, target):
    net.answers[PUBLIC_HOST] = [PUBLIC_IP]
    net.answers["inside.example-public.test"] = ["192.168.1.1"]
    server.redirects["/moved"] = target.format(port=server.port)
    error = error_of(list(reports_from(public_url(server, "/moved"))))
    assert "refused" in error.reason or "only http and https" in error.reason
    assert [path for path, _ in server.requests] == ["/moved"]
    assert net.connects == [PUBLIC_IP]


def test_a_feed_cannot_point_its_entries_inside(tmp_path, server, net):
    feed = tmp_path / "feed.xml"
    feed.write_text(f"""<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>
        <item><title>in</title><link>http://127.0.0.1:{server.port}/secret</link></item>
        <item><title>meta</title><link>http://169.254.169.254/latest/meta-data/</link></item></channel></rss>""")
    errors = list(reports_from(str(feed)))
    assert len(errors) == 2 and all(isinstance(e, IngestError) and "refused" in e.reason for e in errors)
    assert server.requests == [] and net.connects == []


def test_allow_private_reaches_loopback(server, net):
    items = list(reports_from(f"{server.base}/story", IngestOptions(fetch=FetchPolicy(allow_private=True))))
    assert isinstance(items[0], Report)


def test_gzip_bomb_stops_at_the_decoded_size_cap(server, net):
    net.answers[PUBLIC_HOST] = [PUBLIC_IP]
    assert len(server.bomb) < 1_000_000  # 200 MB of zeros, compressed
    started = time.monotonic()
    with pytest.raises(IngestError, match=r"over the 20.0 MB limit \(decoded\)"):
        fetch(public_url(server, "/bomb"))
    assert time.monotonic() - started < 10


def test_a_gzip_response_within_the_cap_is_decoded(server, net, monkeypatch):
    net.answers[PUBLIC_HOST] = [PUBLIC_IP]
    monkeypatch.setattr(server, "bomb", gzip.compress(PAGE))
    assert fetch(public_url(server, "/bomb")).content == PAGE


def test_a_dripping_server_is_cut_off_at_the_total_timeout(server, net):
    net.answers[PUBLIC_HOST] = [PUBLIC_IP]
    started = time.monotonic()
    with pytest.raises(IngestError, match="timed out after 1.5 s"):
        fetch(public_url(server, "/drip"), FetchPolicy(timeout=1.5))
    assert 1.4 < time.monotonic() - started < 2.2


def test_a_silent_server_times_out(server, net):
    net.answers[PUBLIC_HOST] = [PUBLIC_IP]
    started = time.monotonic()
    with pytest.raises(IngestError, match="timed out"):
        fetch(public_url(server, "/silent"), FetchPolicy(timeout=1))
    assert time.monotonic() - started < 1.8


def test_redirect_loops_end(server, net):
    net.answers[PUBLIC_HOST] = [PUBLIC_IP]
    server.redirects["/loop"] = "/loop"
    with pytest.raises(IngestError, match="more than 5 redirects"):
        fetch(public_url(server, "/loop"))
    assert len(server.requests) == 6
