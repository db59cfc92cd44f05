"""Fetching URLs the user asked for: time and size capped, private addresses refused."""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from .decode import MAX_BYTES, megabytes
from .problem import IngestError

MAX_REDIRECTS = 5


@dataclass(frozen=True)
class FetchPolicy:
    allow_private: bool = False
    timeout: float = 20.0
    max_bytes: int = MAX_BYTES
    user_agent: str = "firsthand/0.1 (+news claim tracing)"
    private_hint: str = "use --allow-private"  # what the user can do about a refused address, in the front end's terms


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    content: bytes
    content_type: str


def _refused(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone ("fe80::1%eth0")
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return not ip.is_global or ip.is_multicast


def _check_url(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise IngestError(url, f"only http and https URLs are fetched, not {parts.scheme or 'a bare path'}")
    if not parts.hostname:
        raise IngestError(url, "URL has no host")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as error:
        raise IngestError(url, f"bad port ({error})") from None
    return parts.hostname, port


def resolve(url: str, policy: FetchPolicy) -> str:
    """The address to connect to for a URL's host, after refusing loopback, private, link-local,
    metadata and reserved addresses (every address the name has must be public)."""
    host, port = _check_url(url)
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as error:
        raise IngestError(url, f"host not found ({getattr(error, 'strerror', None) or error})") from None
    addresses = [str(info[4][0]) for info in infos]  # always a str for TCP over IPv4/IPv6
    if not addresses:
        raise IngestError(url, "host not found (no addresses)")
    if not policy.allow_private and any(_refused(address) for address in addresses):
        raise IngestError(url, f"refused: {host} is a private or local address ({policy.private_hint})")
    return addresses[0]


class PinnedTransport(httpx.BaseTransport):
    """Connects to the address `resolve` checked, not to whatever a second DNS lookup returns.

    Resolving once to check and letting the HTTP library resolve again would let a name answer
    with a public address first and 127.0.0.1 the second time (DNS rebinding). So the request's
    host is replaced by the checked address, while the Host header (set from the original URL)
    and the TLS server name (SNI, which is also the name the certificate is verified against)
    keep the original name.
    """

    def __init__(self, policy: FetchPolicy) -> None:
        self.policy = policy
        # No connection reuse: a pooled TLS connection is keyed by address, and must not carry a
        # second host name. No proxies from the environment: a proxy would resolve names itself.
        self.inner = httpx.HTTPTransport(trust_env=False, limits=httpx.Limits(max_keepalive_connections=0))

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        host = request.url.host
        address = resolve(str(request.url), self.policy)
        request.url = request.url.copy_with(host=address)
        request.extensions = {**request.extensions, "sni_hostname": host}
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()


def fetch(url: str, policy: FetchPolicy = FetchPolicy()) -> Fetched:
    """GET a URL, following redirects by hand so that every hop passes the address check.

    `policy.timeout` bounds the whole fetch, redirects and a server that drips bytes included:
    each network wait is given what is left of it, and the body is cut off when it runs out.
    `policy.max_bytes` counts decoded bytes, so a gzip bomb stops at the limit, not at its size.
    """
    deadline = time.monotonic() + policy.timeout
    transport = PinnedTransport(policy)
    with httpx.Client(transport=transport, follow_redirects=False, headers={"User-Agent": policy.user_agent}) as client:
        for _ in range(MAX_REDIRECTS + 1):
            _check_url(url)
            try:
                with client.stream("GET", url, timeout=_left(deadline, url, policy)) as response:
                    if response.is_redirect:
                        url = urljoin(url, response.headers["location"])
                        continue
                    if response.status_code >= 400:
                        raise IngestError(url, f"HTTP {response.status_code}")
                    declared = response.headers.get("content-length", "")
                    if declared.isdigit() and int(declared) > policy.max_bytes:
                        raise IngestError(url, f"response is {megabytes(int(declared))}, over the {megabytes(policy.max_bytes)} limit")
                    body = bytearray()
                    waits = response.request.extensions.get("timeout", {})
                    for chunk in response.iter_bytes():
                        body += chunk
                        if len(body) > policy.max_bytes:
                            raise IngestError(url, f"response is over the {megabytes(policy.max_bytes)} limit (decoded)")
                        # httpcore reads this dict before each socket read: the next wait gets only what is left.
                        waits["read"] = _left(deadline, url, policy)
                    return Fetched(url, bytes(body), response.headers.get("content-type", ""))
            except httpx.TimeoutException:
                raise IngestError(url, f"timed out after {policy.timeout:g} s") from None
            except httpx.HTTPError as error:
                raise IngestError(url, f"unreachable ({type(error).__name__}: {str(error)[:200]})") from None
    raise IngestError(url, f"more than {MAX_REDIRECTS} redirects")


def _left(deadline: float, url: str, policy: FetchPolicy) -> float:
    """Seconds left before the deadline, or the one-line error once there are none."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise IngestError(url, f"timed out after {policy.timeout:g} s")
    return left
