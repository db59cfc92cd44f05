"""The write API: an analyst's edits and added reports as JSON, with the analyst token (a bearer
token needs no CSRF token; security.py). Each write queues a background job (web/jobs.py) and
answers at once with it, as the forms do."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request

from ...ingest.sources import is_url
from ...model.edit import Edit, EditError
from ...pipeline import edits as editing
from ..api_models import ApiError, EditIn, EditOut, EditRecord, JobRef, ReportIn
from ..security import analyst_write
from .add import safe_name

WHO = "api analyst"  # tokens are shared, not personal: the edit says it came through the API
REFUSED: dict[int | str, dict[str, Any]] = {status: {"model": ApiError} for status in (400, 401, 403, 404)}

router = APIRouter(prefix="/api", tags=["write"], responses=REFUSED)


def _made(request: Request, edit: Edit) -> EditOut:
    job = request.app.state.jobs.reassess(f"after {edit.kind} {edit.label or edit.target}")
    return EditOut(**EditRecord.of(edit, edit.kind != "undo").model_dump(), job=JobRef.of(job))


@router.post("/edits", response_model=EditOut, status_code=201, dependencies=[Depends(analyst_write)])
def make_edit(request: Request, given: EditIn):
    """Record an edit (checked against the store as `firsthand edit` checks it); the store is then
    assessed again by the job named in the answer."""
    if given.kind in ("delete", "undo"):
        raise HTTPException(400, f"{given.kind} has its own call: DELETE /api/reports/{{id}} deletes a report, "
                                 "DELETE /api/edits/{id} undoes an edit")
    try:
        made = editing.record(request.app.state.store, given.kind, given.target, WHO, given.why, **given.fields())
    except EditError as error:
        raise HTTPException(400, str(error)) from None
    return _made(request, made)


@router.delete("/edits/{edit_id}", response_model=EditOut, dependencies=[Depends(analyst_write)])
def undo_edit(request: Request, edit_id: str, why: str = ""):
    """Undo an edit in force, by recording an `undo` edit (the answer); the store is then assessed again."""
    try:
        made = editing.record(request.app.state.store, "undo", edit_id, WHO, why)
    except EditError as error:
        raise HTTPException(404, str(error)) from None
    return _made(request, made)


@router.delete("/reports/{report_id}", response_model=EditOut, dependencies=[Depends(analyst_write)])
def delete_report(request: Request, report_id: str, why: str = ""):
    """Delete a report with what was read from it, recording a `delete` edit (the answer); its
    stories are then assessed again."""
    try:
        made, = editing.delete_reports(request.app.state.store, [report_id], WHO, why)
    except EditError as error:
        raise HTTPException(404, str(error)) from None
    return _made(request, made)


@router.post("/reports", response_model=JobRef, status_code=202, dependencies=[Depends(analyst_write)])
def add_report(request: Request, given: ReportIn):
    """Add a report by URL or by its text: the same background job as the add page (ingest, read,
    assess). Follow the job's `status`; its `report_ids` are the reports stored."""
    jobs = request.app.state.jobs
    if (given.url is None) == (given.text is None):
        raise HTTPException(400, "give either a url or a text")
    if given.url is not None:
        if not is_url(given.url):
            raise HTTPException(400, "a URL starts with http:// or https://")
        return JobRef.of(jobs.submit(given.url, [given.url]))
    name = safe_name(given.name or "report.txt", 0)
    scratch = Path(tempfile.mkdtemp(prefix="firsthand-upload-"))
    (scratch / name).write_text(given.text or "", encoding="utf-8")
    return JobRef.of(jobs.submit(name, [str(scratch / name)], scratch))
