"""Adding reports: upload files, or give a URL or feed; a background job ingests and reads them."""

from __future__ import annotations

import tempfile
from pathlib import Path, PurePath

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from starlette.datastructures import UploadFile

from ...ingest.sources import is_url
from ..api_models import JobStatus
from ..render import render
from ..security import analyst_write, require_analyst

router = APIRouter()


@router.get("/add", response_class=HTMLResponse, dependencies=[Depends(require_analyst)])
def add_form(request: Request):
    return render(request, "add.html", error=None)


def safe_name(name: str | None, index: int) -> str:
    # Keep the suffix (it decides how the file is read); drop any folder part the browser sent.
    base = PurePath((name or "").replace("\\", "/")).name.lstrip(".")
    return base[:120] or f"upload-{index}.txt"


@router.post("/add", dependencies=[Depends(analyst_write)])
async def add(request: Request):
    form = await request.form()
    jobs = request.app.state.jobs
    url = str(form.get("url") or "").strip()
    files = [f for f in form.getlist("files") if isinstance(f, UploadFile) and f.filename]
    if url and files or not (url or files):
        return render(request, "add.html", status=400, error="Give either files to upload or one URL.")
    if url:
        if not is_url(url):
            return render(request, "add.html", status=400, error="A URL starts with http:// or https://.")
        job = jobs.submit(url, [url])
    else:
        scratch = Path(tempfile.mkdtemp(prefix="firsthand-upload-"))
        inputs = []
        for index, upload in enumerate(files):
            path = scratch / f"{index:03d}-{safe_name(upload.filename, index)}"
            path.write_bytes(await upload.read())
            inputs.append(str(path))
        job = jobs.submit(", ".join(safe_name(f.filename, i) for i, f in enumerate(files)), inputs, scratch)
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


def _job(request: Request, job_id: str):
    job = request.app.state.jobs.get(job_id)
    if job is None:
        raise HTTPException(404, f"no job {job_id} (jobs are kept until the server restarts)")
    return job


@router.get("/jobs/{job_id}", response_class=HTMLResponse)
def job_page(request: Request, job_id: str):
    return render(request, "job.html", job=_job(request, job_id))


@router.get("/api/jobs/{job_id}", response_model=JobStatus, tags=["read"])
def job_status(request: Request, job_id: str):
    return JSONResponse(_job(request, job_id).as_json(), headers={"cache-control": "no-store"})
