"""Who may do what, and the guards every response passes through.

Bound to loopback with no token, the app is one person's: everyone is an analyst. With tokens,
a request proves its role by a bearer token or by the session cookie that logging in with a token
sets; sessions live on the server, so logging out ends one, and each expires. Writes need the
analyst role and, unless the request carries a bearer token, a CSRF token (double submit: a form
field or header that must equal the `fh_csrf` cookie, which another site can neither read nor
set). A browser never adds an Authorization header on its own, so a bearer token is proof enough.

Every request must name an allowed host: a page elsewhere that rebinds its own name to 127.0.0.1
(DNS rebinding) is same-origin to itself, so only its Host header tells it apart.
"""

from __future__ import annotations

import hmac
import ipaddress
import re
import secrets
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import IntEnum

from fastapi import Depends, HTTPException, Request
from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import cookie_parser
from starlette.types import ASGIApp, Message, Receive, Scope, Send

SESSION_COOKIE = "fh_session"
CSRF_COOKIE = "fh_csrf"
CSRF_FIELD = "csrf"
CSRF_HEADER = "x-csrf-token"

# No inline script or style anywhere: every script and stylesheet is a file under /static.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
}


# The names of this machine that no one else's DNS can stand for.
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")
ANY_HOST = "*"
# Tokens of a server shared beyond loopback must not be guessable in any number of tries.
MIN_TOKEN_LENGTH = 16


class Role(IntEnum):
    READER = 1
    ANALYST = 2


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


# A Host header as RFC 9110 allows it, strictly: a name or a bracketed IPv6 address, then at most
# one port. Anything else (user info, blanks, a path, "[::1]0") names no host.
_HOST = re.compile(r"(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::([0-9]{1,5}))?", re.I)


def host_and_port(value: str) -> tuple[str, int | None] | None:
    """The name (lower case, IPv6 without brackets) and port of a Host header or an allowed-host
    entry; None when it is not one."""
    found = _HOST.fullmatch(value)
    if not found or found[2] and int(found[2]) > 65535:
        return None
    return found[1].lower().strip("[]"), int(found[2]) if found[2] else None


@dataclass(frozen=True)
class AllowedHosts:
    """The Host headers the app answers: entries `name` (any port) or `name:port`, or "*" for any."""

    entries: tuple[str, ...]

    def __post_init__(self) -> None:
        bad = [entry for entry in self.entries if entry != ANY_HOST and host_and_port(entry) is None]
        if bad:
            raise ValueError(f"not a host name or host:port: {bad[0]!r}")

    def allows(self, header: str) -> bool:
        given = host_and_port(header)
        if given is None:
            return False
        for entry in self.entries:
            if entry == ANY_HOST:
                return True
            name, port = host_and_port(entry)  # type: ignore[misc]  # every entry was checked on creation
            if name == given[0] and port in (None, given[1]):
                return True
        return False


def allowed_hosts(host: str, port: int, extra: Iterable[str] = ()) -> AllowedHosts:
    """What `firsthand serve --host HOST --port PORT` answers to: the loopback names at its port,
    the address it was given, and the `extra` names; bound to every address (0.0.0.0, ::) with no
    names given, any (a token guards such a server, and the names it is reached by are unknown)."""
    entries = [f"{name}:{port}" for name in LOOPBACK_NAMES]
    names = [name.strip() for value in extra for name in value.split(",") if name.strip()]
    if host in ("0.0.0.0", "::", "") and not names:
        entries.append(ANY_HOST)
    elif not is_loopback(host) and host not in ("0.0.0.0", "::", ""):
        entries.append(f"[{host}]:{port}" if ":" in host else f"{host}:{port}")
    return AllowedHosts((*entries, *names))


def tokens_for(analyst: str | None, reader: str | None) -> dict[str, Role]:
    tokens = {}
    if reader:
        tokens[reader] = Role.READER
    if analyst:
        tokens[analyst] = Role.ANALYST
    return tokens


def role_of_token(given: str, tokens: Mapping[str, Role]) -> Role | None:
    found = None
    for token, role in tokens.items():  # every token compared, in constant time each
        if hmac.compare_digest(given.encode(), token.encode()):
            found = role
    return found


class Sessions:
    """Logged-in sessions, kept on the server: the cookie holds only a random id. A session ends at
    logout, `lifetime` seconds after login, or (when `idle` is set) after that long unused; a
    restart ends them all."""

    def __init__(self, lifetime: float, idle: float | None = None, clock: Callable[[], float] = time.monotonic) -> None:
        self.lifetime, self.idle, self.clock = lifetime, idle, clock
        self._open: dict[str, tuple[Role, float, float]] = {}  # id -> role, started, last used
        self._lock = threading.Lock()

    def start(self, role: Role) -> str:
        session_id = secrets.token_urlsafe(32)
        with self._lock:
            now = self.clock()
            self._open = {key: found for key, found in self._open.items() if self._alive(found, now)}
            self._open[session_id] = (role, now, now)
        return session_id

    def role(self, session_id: str) -> Role | None:
        """The role of a live session, which this use keeps alive; None for any other id."""
        with self._lock:
            found = self._open.get(session_id)
            now = self.clock()
            if found is None or not self._alive(found, now):
                self._open.pop(session_id, None)
                return None
            self._open[session_id] = (found[0], found[1], now)
            return found[0]

    def end(self, session_id: str | None) -> None:
        with self._lock:
            self._open.pop(session_id or "", None)

    def _alive(self, found: tuple[Role, float, float], now: float) -> bool:
        _, started, used = found
        return now - started < self.lifetime and (self.idle is None or now - used < self.idle)


def current_role(request: Request) -> Role:
    """The caller's role, or 401. Also left on request.state for the templates."""
    state = request.app.state
    role: Role | None = Role.ANALYST if not state.config.tokens else None
    if role is None:
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() == "bearer" and given:
            role = role_of_token(given.strip(), state.config.tokens)
            request.state.bearer = role is not None
        elif SESSION_COOKIE in request.cookies:
            role = state.sessions.role(request.cookies[SESSION_COOKIE])
    if role is None:
        raise HTTPException(401, "log in with a token to use this firsthand")
    request.state.role = role
    return role


async def check_csrf(request: Request) -> None:
    origin = request.headers.get("origin")
    if origin and origin != "null" and origin.split("://", 1)[-1] != request.headers.get("host"):
        raise HTTPException(403, "cross-site request refused")
    given = request.headers.get(CSRF_HEADER)
    if given is None and "form" in request.headers.get("content-type", ""):
        field = (await request.form()).get(CSRF_FIELD)
        given = field if isinstance(field, str) else None
    expected = request.cookies.get(CSRF_COOKIE)
    if not given or not expected or not hmac.compare_digest(given.encode(), expected.encode()):
        raise HTTPException(403, "the form's security token is missing or stale: reload the page and try again")


def require_analyst(request: Request, role: Role = Depends(current_role)) -> Role:
    if role < Role.ANALYST:
        raise HTTPException(403, "this needs the analyst token; the token you used is read-only")
    if request.app.state.store.read_only:
        raise HTTPException(403, "this store is open read-only: reports cannot be added to it here")
    return role


async def analyst_write(request: Request, role: Role = Depends(require_analyst)) -> Role:
    if not getattr(request.state, "bearer", False):
        await check_csrf(request)
    return role


class Guard:
    """ASGI middleware: the Host allow-list, security headers on every response, the CSRF cookie,
    and the body size cap."""

    def __init__(self, app: ASGIApp, max_body: int, hosts: AllowedHosts) -> None:
        self.app = app
        self.max_body = max_body
        self.hosts = hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        if not self.hosts.allows(headers.get("host", "")):
            # The name given is not repeated: it may be a hostile page's.
            names = ", ".join(self.hosts.entries)
            await self._plain(send, 400, f"Host not allowed: this firsthand answers to {names} (add a name with --allowed-host)")
            return
        csrf = cookie_parser(headers.get("cookie", "")).get(CSRF_COOKIE)
        fresh = None
        if not csrf or len(csrf) < 32:
            csrf = fresh = secrets.token_urlsafe(32)
        scope.setdefault("state", {})["csrf"] = csrf
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_body:
            await self._too_large(receive, send)
            return
        received = 0

        async def capped_receive() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.max_body:
                raise HTTPException(413, f"upload is over the {self.max_body / 1_000_000:.1f} MB limit")
            return message

        async def guarded_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                out = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    out[name] = value
                if fresh:
                    out.append("set-cookie", f"{CSRF_COOKIE}={fresh}; Path=/; HttpOnly; SameSite=Strict")
            await send(message)

        await self.app(scope, capped_receive, guarded_send)

    async def _too_large(self, receive: Receive, send: Send) -> None:
        # Read what the client is sending (into nothing) so it gets the answer rather than a reset
        # connection; past a bound, stop and let the connection close.
        drained = 0
        while drained <= 4 * self.max_body:
            message = await receive()
            drained += len(message.get("body", b""))
            if not message.get("more_body"):
                break
        await self._plain(send, 413, f"upload is over the {self.max_body / 1_000_000:.1f} MB limit")

    @staticmethod
    async def _plain(send: Send, status: int, message: str) -> None:
        body = message.encode()
        headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode()),
                   (b"connection", b"close"), *((k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items())]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})
