"""Who may do what, and the guards every response passes through.

Bound to loopback with no token, the app is one person's: everyone is an analyst. With tokens,
a request proves its role by a bearer token or by the signed session cookie that logging in with
a token sets. Writes need the analyst role and a CSRF token (double submit: a form field or
header that must equal the `fh_csrf` cookie, which another site can neither read nor set).
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
from collections.abc import Mapping
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


def session_value(role: Role, secret: bytes) -> str:
    nonce = secrets.token_urlsafe(12)
    payload = f"{role.name}.{nonce}"
    return f"{payload}.{hmac.new(secret, payload.encode(), hashlib.sha256).hexdigest()}"


def role_of_session(value: str, secret: bytes) -> Role | None:
    payload, _, signature = value.rpartition(".")
    expected = hmac.new(secret, payload.encode(), hashlib.sha256).hexdigest()
    if not payload or not hmac.compare_digest(signature, expected):
        return None
    return Role.__members__.get(payload.split(".", 1)[0])


def current_role(request: Request) -> Role:
    """The caller's role, or 401. Also left on request.state for the templates."""
    state = request.app.state
    role: Role | None = Role.ANALYST if not state.config.tokens else None
    if role is None:
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() == "bearer" and given:
            role = role_of_token(given.strip(), state.config.tokens)
        elif SESSION_COOKIE in request.cookies:
            role = role_of_session(request.cookies[SESSION_COOKIE], state.secret)
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


def require_analyst(role: Role = Depends(current_role)) -> Role:
    if role < Role.ANALYST:
        raise HTTPException(403, "this needs the analyst token; the token you used is read-only")
    return role


async def analyst_write(request: Request, role: Role = Depends(require_analyst)) -> Role:
    await check_csrf(request)
    return role


class Guard:
    """ASGI middleware: security headers on every response, the CSRF cookie, and the body size cap."""

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
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
        body = f"upload is over the {self.max_body / 1_000_000:.1f} MB limit".encode()
        headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode()),
                   (b"connection", b"close"), *((k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items())]
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": body})
