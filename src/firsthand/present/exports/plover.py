"""PLOVER JSON: every event the reports state, as a list of PLOVER records."""

from __future__ import annotations

import json
from pathlib import Path

from ...events.plover_json import to_plover
from ..dossier import Dossier


def plover_records(dossier: Dossier) -> list[dict]:
    return [to_plover(event, view.report) for view in dossier.reports for event in view.reading.events]


def write_plover(dossier: Dossier, path: Path) -> Path:
    path.write_text(json.dumps(plover_records(dossier), ensure_ascii=False, indent=1), encoding="utf-8")
    return path
