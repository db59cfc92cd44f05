"""HTML through Jinja2 with autoescaping on: report text is always data, never markup."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.requests import Request
from starlette.responses import HTMLResponse

from ..model.assessment import CREDIBILITY
from ..model.event import event_id
from ..present.links import web_link
from ..present.summary import tally
from .security import CSRF_FIELD, Role

TEMPLATES = Path(__file__).parent / "templates"

env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
                  trim_blocks=True, lstrip_blocks=True)
env.globals["credibility"] = CREDIBILITY  # the words for each credibility grade, for every page
env.globals["event_id"] = event_id  # an event's id, for the forms that mark one wrong
env.filters["web_link"] = web_link
env.filters["tally"] = tally


def render(request: Request, template: str, status: int = 200, **context) -> HTMLResponse:
    role = getattr(request.state, "role", None)
    page = env.get_template(template).render(
        request=request, role=role,
        analyst=role is not None and role >= Role.ANALYST and not request.app.state.store.read_only,
        csrf=request.state.csrf, csrf_field=CSRF_FIELD, q=context.pop("q", ""),
        tokens=bool(request.app.state.config.tokens),
        assessing=request.app.state.jobs.get(request.query_params.get("assessing", "")),  # after an edit (routes/edits.py)
        **context,
    )
    return HTMLResponse(page, status_code=status)
