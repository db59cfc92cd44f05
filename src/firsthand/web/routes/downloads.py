"""Downloads of one story: its dossier (HTML, Markdown) and its exports, each made by present/ from
the story's scope, as the command line's `dossier --story` and `export --story` make them."""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from ...model.scope import Scope
from ...present.dossier import Dossier, gather
from ...present.exports import FORMATS, export
from ...present.html import render_html
from ...present.markdown import render_markdown

router = APIRouter()

# The file name each export format is written to, and its media type.
EXPORT_FILES = {
    "json": ("export.json", "application/json"),
    "jsonl": ("export.jsonl", "application/x-ndjson"),
    "csv": ("csv.zip", "application/zip"),  # a folder of CSV files, zipped
    "stix": ("stix.json", "application/stix+json;version=2.1"),
    "ftm": ("ftm.jsonl", "application/x-ndjson"),
    "plover": ("plover.json", "application/json"),
}
assert EXPORT_FILES.keys() == FORMATS.keys()  # a format added to the registry needs its file here


def download_links(story_id: str) -> dict[str, str]:
    base = f"/stories/{story_id}"
    return {"html": f"{base}/dossier.html", "md": f"{base}/dossier.md",
            **{fmt: f"{base}/export/{fmt}" for fmt in EXPORT_FILES}}


def _dossier(request: Request, story_id: str) -> Dossier:
    dossier = gather(request.app.state.store, table=request.app.state.config.table, scope=Scope(story=story_id))
    if not dossier.stories:
        raise HTTPException(404, f"no story {story_id}")
    return dossier


def _attachment(body: bytes | str, name: str, media_type: str) -> Response:
    return Response(body, media_type=media_type, headers={"content-disposition": f'attachment; filename="{name}"'})


@router.get("/stories/{story_id}/dossier.html")
def dossier_html(request: Request, story_id: str):
    """The story's dossier as one self-contained HTML file."""
    return _attachment(render_html(_dossier(request, story_id)), f"dossier-{story_id}.html", "text/html; charset=utf-8")


@router.get("/stories/{story_id}/dossier.md")
def dossier_markdown(request: Request, story_id: str):
    return _attachment(render_markdown(_dossier(request, story_id)), f"dossier-{story_id}.md", "text/markdown; charset=utf-8")


@router.get("/stories/{story_id}/export/{fmt}")
def story_export(request: Request, story_id: str, fmt: str):
    """The story exported in one of the registry's formats (present/exports)."""
    if fmt not in EXPORT_FILES:
        raise HTTPException(404, f"no export format {fmt}; one of {', '.join(EXPORT_FILES)}")
    dossier = _dossier(request, story_id)
    name, media_type = EXPORT_FILES[fmt]
    with tempfile.TemporaryDirectory(prefix="firsthand-export-") as folder:
        written = export(dossier, fmt, Path(folder) / name.removesuffix(".zip"))
        if written.is_dir():
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
                for file in sorted(written.iterdir()):
                    archive.write(file, file.name)
            body = buffer.getvalue()
        else:
            body = written.read_bytes()
    return _attachment(body, f"{story_id}-{name}", media_type)
