"""Exports of a dossier, one module per format: JSON and JSONL, CSV, a STIX 2.1 bundle,
FollowTheMoney entities and PLOVER event records. Each writer takes the Dossier and a path."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..dossier import Dossier
from .csvfiles import write_csv
from .ftm import write_ftm
from .jsonfile import write_json, write_jsonl
from .plover import write_plover
from .stix import write_stix

Writer = Callable[[Dossier, Path], Path]

FORMATS: dict[str, Writer] = {
    "json": write_json,
    "jsonl": write_jsonl,
    "csv": write_csv,
    "stix": write_stix,
    "ftm": write_ftm,
    "plover": write_plover,
}


def export(dossier: Dossier, fmt: str, path: Path) -> Path:
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; one of {', '.join(FORMATS)}")
    path.parent.mkdir(parents=True, exist_ok=True)
    return FORMATS[fmt](dossier, path)


__all__ = ["FORMATS", "export", *(f.__name__ for f in FORMATS.values())]
