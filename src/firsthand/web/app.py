"""The web app: `create_app(WebConfig(...))` gives an ASGI app over one store."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles

from ..grade.reliability import ReliabilityTable
from ..ingest.decode import MAX_BYTES
from ..ingest.fetch import FetchPolicy
from ..ingest.sources import IngestOptions
from ..pipeline.reader import Reader
from ..store import Access, Store, writable
from .jobs import Jobs
from .render import render
from .routes import add, analysis, api, api_writes, auth, browse, downloads, edits, evidence
from .security import LOOPBACK_NAMES, AllowedHosts, Guard, Role, Sessions, current_role

STATIC = Path(__file__).parent / "static"


@dataclass(frozen=True)
class WebConfig:
    db: str
    tokens: Mapping[str, Role] = field(default_factory=dict)  # none: no login (loopback only)
    max_upload: int = MAX_BYTES  # the largest request body, and the largest fetched URL
    page_size: int = 50
    allowed_hosts: tuple[str, ...] = LOOPBACK_NAMES  # Host headers answered: `name` (any port), `name:port`, "*"
    session_lifetime: float = 12 * 3600.0  # seconds from logging in
    session_idle: float | None = None  # seconds unused after which a session ends; None: no limit
    table: ReliabilityTable | None = None  # the source-reliability table to grade with; None: the packaged one


def create_app(config: WebConfig, reader: Callable[[], Reader] = Reader) -> FastAPI:
    """The app over `config.db`; `reader` makes the Reader for reports added through the app."""

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        app.state.jobs.close()
        app.state.store.close()

    # No /docs: FastAPI's documentation pages load their scripts from a CDN. /openapi.json (below)
    # documents the API.
    app = FastAPI(title="firsthand", docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan)
    app.state.config = config
    app.state.store = Store(config.db, Access.WRITE if writable(config.db) else Access.READ)
    app.state.sessions = Sessions(config.session_lifetime, config.session_idle)
    # URL ingest keeps the private-address refusal: a shared server must not fetch its own network.
    options = IngestOptions(max_bytes=config.max_upload, fetch=FetchPolicy(
        allow_private=False, max_bytes=config.max_upload,
        private_hint="this server does not fetch from its own network: save the page and upload it as a file"))
    app.state.jobs = Jobs(app.state.store, reader, options, config.table)

    app.add_middleware(Guard, max_body=config.max_upload, hosts=AllowedHosts(config.allowed_hosts))
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(auth.router)
    for router in (analysis.router, browse.router, add.router, evidence.router, edits.router, downloads.router, api.router,
                   api_writes.router):
        app.include_router(router, dependencies=[Depends(current_role)])

    @app.get("/openapi.json", include_in_schema=False, dependencies=[Depends(current_role)])
    def openapi() -> JSONResponse:
        """The API's OpenAPI document, for whoever may read the pages."""
        return JSONResponse(app.openapi())

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException):
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": error.detail}, status_code=error.status_code)
        if error.status_code == 401 and request.method == "GET":
            return RedirectResponse(f"/login?next={quote(request.url.path)}", status_code=303)
        return render(request, "error.html", status=error.status_code, status_code=error.status_code, message=error.detail)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, error: RequestValidationError):
        message = "; ".join(f"{'.'.join(map(str, e['loc'][1:]))}: {e['msg']}" for e in error.errors())
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": message}, status_code=400)
        return render(request, "error.html", status=400, status_code=400, message=message)

    return app
