"""JSON (one document: the records by kind) and JSONL (one record a line, with its kind)."""

from __future__ import annotations

import json
from pathlib import Path

from ..dossier import Dossier
from .records import records


def write_json(dossier: Dossier, path: Path) -> Path:
    path.write_text(json.dumps({"title": dossier.title, **records(dossier)}, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def write_jsonl(dossier: Dossier, path: Path) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for kind, rows in records(dossier).items():
            for row in rows:
                out.write(json.dumps({"kind": kind.rstrip("s"), **row}, ensure_ascii=False) + "\n")
    return path
