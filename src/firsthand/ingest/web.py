"""Fetching URLs the user asked for: time and size capped, private addresses refused."""

from __future__ import annotations

import ipaddress
import socket
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


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    content: bytes
    content_type: str


def _refused(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return not ip.is_global or ip.is_multicast


def check_host(url: str, policy: FetchPolicy) -> None:
    """Refuse URLs whose host resolves to loopback, private, link-local or reserved addresses."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise IngestError(url, f"only http and https URLs are fetched, not {parts.scheme or 'a bare path'}")
    if not parts.hostname:
        raise IngestError(url, "URL has no host")
    if policy.allow_private:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except socket.gaierror as error:
        raise IngestError(url, f"host not found ({error.strerror})") from error
    for info in infos:
        if _refused(info[4][0]):
            raise IngestError(url, f"refused: {parts.hostname} is a private or local address (use --allow-private)")


def fetch(url: str, policy: FetchPolicy = FetchPolicy()) -> Fetched:
    """GET a URL, following redirects by hand so that every hop passes the address check."""
    with httpx.Client(timeout=policy.timeout, follow_redirects=False, headers={"User-Agent": policy.user_agent}) as client:
        for _ in range(MAX_REDIRECTS + 1):
            check_host(url, policy)
            try:
                with client.stream("GET", url) as response:
                    if response.is_redirect:
                        url = urljoin(url, response.headers["location"])
                        continue
                    if response.status_code >= 400:
                        raise IngestError(url, f"HTTP {response.status_code}")
                    declared = int(response.headers.get("content-length") or 0)
                    if declared > policy.max_bytes:
                        raise IngestError(url, f"response is {megabytes(declared)}, over the {megabytes(policy.max_bytes)} limit")
                    body = bytearray()
                    for chunk in response.iter_bytes():
                        body += chunk
                        if len(body) > policy.max_bytes:
                            raise IngestError(url, f"response is over the {megabytes(policy.max_bytes)} limit")
                    return Fetched(str(response.url), bytes(body), response.headers.get("content-type", ""))
            except httpx.TimeoutException as error:
                raise IngestError(url, f"timed out after {policy.timeout:g} s") from error
            except httpx.HTTPError as error:
                raise IngestError(url, f"unreachable ({type(error).__name__}: {error})") from error
    raise IngestError(url, f"more than {MAX_REDIRECTS} redirects")
