"""Logging in with a token, for a server shared beyond loopback."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from ..render import render
from ..security import SESSION_COOKIE, check_csrf, role_of_token

router = APIRouter()


def _local(path: str) -> str:
    # Only a path on this site: never an absolute or protocol-relative URL.
    return path if path.startswith("/") and not path.startswith(("//", "/\\")) else "/"


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/"):
    return render(request, "login.html", next=_local(next), error=None)


@router.post("/login", dependencies=[Depends(check_csrf)])
async def login(request: Request):
    form = await request.form()
    target = _local(str(form.get("next") or "/"))
    role = role_of_token(str(form.get("token") or ""), request.app.state.config.tokens)
    if role is None:
        return render(request, "login.html", status=401, next=target, error="That token is not valid here.")
    response = RedirectResponse(target, status_code=303)
    sessions = request.app.state.sessions
    response.set_cookie(SESSION_COOKIE, sessions.start(role), max_age=int(sessions.lifetime), httponly=True,
                        samesite="strict", secure=request.url.scheme == "https")
    return response


@router.post("/logout", dependencies=[Depends(check_csrf)])
def logout(request: Request):
    request.app.state.sessions.end(request.cookies.get(SESSION_COOKIE))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response
