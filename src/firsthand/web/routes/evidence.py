"""Adding evidence that is not reports: a sanctions list to screen the store against, or a file of
observations; each upload runs as a background job, as adding reports does."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.datastructures import UploadFile

from ...ingest.observations import layouts
from .. import tasks
from ..render import render
from ..security import analyst_write, require_analyst
from .add import safe_name

router = APIRouter()
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _form(request: Request, status: int = 200, error: str | None = None) -> HTMLResponse:
    return render(request, "evidence.html", status=status, error=error, layouts=sorted(layouts()))


@router.get("/add/evidence", response_class=HTMLResponse, dependencies=[Depends(require_analyst)])
def evidence_form(request: Request):
    return _form(request)


async def _saved(upload: UploadFile, scratch: Path, index: int) -> Path:
    # Saved under its own name: a list's date may be in it (sdn_2024-05-03.csv), and the suffix tells CSV from GeoJSON.
    scratch.mkdir(exist_ok=True)
    path = scratch / safe_name(upload.filename, index)
    path.write_bytes(await upload.read())
    return path


def _upload(form, name: str) -> UploadFile | None:
    found = form.get(name)
    return found if isinstance(found, UploadFile) and found.filename else None


@router.post("/add/list", dependencies=[Depends(analyst_write)])
async def add_list(request: Request):
    form = await request.form()
    upload = _upload(form, "list")
    date = str(form.get("date") or "").strip() or None
    if upload is None:
        return _form(request, 400, "Give a list file: UN consolidated XML, OFAC SDN CSV or FollowTheMoney JSON lines.")
    if date and not _ISO_DATE.fullmatch(date):
        return _form(request, 400, "A list's date is written YYYY-MM-DD.")
    scratch = Path(tempfile.mkdtemp(prefix="firsthand-upload-"))
    path = await _saved(upload, scratch, 0)
    job = request.app.state.jobs.submit(path.name, [str(path)], scratch, task=tasks.screening(path, date))
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


@router.post("/add/observations", dependencies=[Depends(analyst_write)])
async def add_observations(request: Request):
    form = await request.form()
    upload, table = _upload(form, "observations"), _upload(form, "vessels")
    layout = str(form.get("layout") or "generic")
    if upload is None:
        return _form(request, 400, "Give an observation file: CSV or GeoJSON.")
    if layout not in layouts():
        return _form(request, 400, f"The layout is one of: {', '.join(sorted(layouts()))}.")
    scratch = Path(tempfile.mkdtemp(prefix="firsthand-upload-"))
    path = await _saved(upload, scratch, 0)
    vessels = await _saved(table, scratch / "vessels", 1) if table else None
    job = request.app.state.jobs.submit(path.name, [str(path)], scratch, task=tasks.observing(path, layout, vessels))
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)
