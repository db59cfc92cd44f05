"""CSV: a folder with one file per kind (reports.csv, claims.csv, events.csv, assessments.csv,
derivations.csv, edits.csv), each with its header row, also when the dossier has no record of that kind. A
list value is written as a JSON array, so a cell reads back unambiguously; an empty cell is a
missing value."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from ..dossier import Dossier
from .records import columns, records


def cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def write_csv(dossier: Dossier, path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    for kind, rows in records(dossier).items():
        with (path / f"{kind}.csv").open("w", encoding="utf-8", newline="") as out:
            writer = csv.DictWriter(out, fieldnames=columns(kind))
            writer.writeheader()
            writer.writerows({key: cell(value) for key, value in row.items()} for row in rows)
    return path
