"""The analyst's edits from the browser: each form posts one edit (analyst token and CSRF, as
adding reports), recorded through `pipeline.edits` at once; the store is assessed again by a
background job (web/jobs.py), which the page it returns to names until it is done. Anyone signed
in may list the edits."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from ...model.edit import KINDS, EditError, active
from ...pipeline import edits as editing
from ..render import render
from ..security import analyst_write

router = APIRouter()

WHO = "web analyst"  # tokens are shared, not personal: the edit says it came through the web app


def _back(given: object) -> str:
    """Where a form returns to: a path of this site only (never another site's URL)."""
    path = str(given or "")
    return path if path.startswith("/") and not path.startswith(("//", "/\\")) else "/edits"


def _reassessed(request: Request, path: str, label: str) -> RedirectResponse:
    """Back to `path`, which names the job assessing the store again after the edit."""
    job = request.app.state.jobs.reassess(label)
    return RedirectResponse(f"{path}{'&' if '?' in path else '?'}assessing={job.id}", status_code=303)


def _listing(request: Request, status: int = 200, error: str | None = None) -> HTMLResponse:
    made = request.app.state.store.edits()
    return render(request, "edits.html", status=status, edits=active(made), every=made, kinds=KINDS, error=error)


@router.get("/edits", response_class=HTMLResponse)
def edit_list(request: Request):
    return _listing(request)


@router.post("/edits", dependencies=[Depends(analyst_write)])
async def make_edit(request: Request):
    form = await request.form()
    kind = str(form.get("kind") or "")
    fields = {name: str(form.get(name) or "") for name in ("into", "text", "as", "grade", "section")}
    try:
        if kind not in KINDS or kind == "delete":
            raise EditError(f"no edit kind {kind!r} here")
        made = editing.record(request.app.state.store, kind, str(form.get("target") or ""), WHO, str(form.get("why") or ""), **fields)
    except EditError as error:
        return _listing(request, 400, str(error))
    return _reassessed(request, _back(form.get("next")), f"after {made.kind} {made.label or made.target}")


@router.post("/reports/{report_id}/delete", dependencies=[Depends(analyst_write)])
async def delete_report(request: Request, report_id: str):
    form = await request.form()
    try:
        editing.delete_reports(request.app.state.store, [report_id], WHO, str(form.get("why") or ""))
    except EditError as error:
        return _listing(request, 404, str(error))
    return _reassessed(request, "/reports", f"after deleting report {report_id}")
