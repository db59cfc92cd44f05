"""Observation files → Observations: CSV rows by a layout (a column mapping, as data in
`data/observation_layouts.json`), or GeoJSON features. A bad row is one error naming the file and
line and the run goes on; a vessel table (MMSI → IMO number, name) adds each vessel's IMO id."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .. import resources
from ..model.mention import imo_valid, vessel_id
from ..model.observation import Observation
from .problem import IngestError


def layouts() -> dict[str, dict[str, Any]]:
    return {k: v for k, v in resources.json_data("firsthand.ingest", "data", "observation_layouts.json").items()
            if not k.startswith("_")}


@dataclass(frozen=True)
class Vessel:
    imo: str | None
    name: str | None


def load_vessels(path: Path, layout: str = "generic") -> dict[str, Vessel]:
    """A vessel table: MMSI → IMO number (only one with a valid check digit) and name."""
    columns = layouts()[layout]["vessels"]
    out: dict[str, Vessel] = {}
    with path.open(newline="", encoding="utf-8-sig") as handle:  # a spreadsheet may open with a BOM
        for row in csv.DictReader(handle):
            mmsi = _digits(row.get(columns["mmsi"]))
            if not mmsi:
                continue
            imo = _digits(row.get(columns["imo"]))
            out[mmsi] = Vessel(imo if imo and imo_valid(imo) else None, (row.get(columns["name"]) or "").strip() or None)
    return out


def _digits(value: str | None) -> str:
    """An identifier cell: "9756573", "9756573.0" (a spreadsheet's float) → digits; else ""."""
    text = (value or "").strip()
    if text.endswith(".0"):
        text = text[:-2]
    return text if text.isdigit() else ""


def _values(cell: str | None) -> list[str]:
    return [v.strip() for v in (cell or "").split(";") if v.strip()]


def _time(value: str | None, what: str) -> datetime:
    if not value or not value.strip():
        raise ValueError(f"no {what} time")
    try:
        when = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"{what} time {value.strip()!r} is not ISO 8601") from None
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


def _degrees(value: Any, what: str, limit: float) -> float | None:
    if value is None or str(value).strip() == "":
        return None
    try:
        number = float(value)
    except ValueError:
        raise ValueError(f"{what} {value!r} is not a number") from None
    if not -limit <= number <= limit:
        raise ValueError(f"{what} {number} is out of range")
    return number


def _cells(row: dict[str, Any], names: str | list[str] | None) -> list[str]:
    """What a mapped column (or list of columns) holds, each cell split on ';'."""
    if not names:
        return []
    return [v for name in ([names] if isinstance(names, str) else names) for v in _values(str(row.get(name) or ""))]


def observation(row: dict[str, Any], layout: dict[str, Any], vessels: dict[str, Vessel], source: str,
                lat: Any = None, lon: Any = None) -> Observation:
    """One row as an Observation; ValueError saying what is wrong with it. `lat`/`lon` come from a
    GeoJSON geometry when the row is a feature's properties."""
    columns = layout["columns"]
    fixed = lambda key: (str(row.get(columns[key]) or "").strip() if key in columns else "") or layout[key]  # noqa: E731
    instant = row.get(columns.get("time", "")) if "time" in columns else None
    begin = _time(row.get(columns.get("begin", "")) or instant, "begin")
    end = _time(row.get(columns.get("end", "")) or instant or row.get(columns.get("begin", "")), "end")
    if end < begin:
        raise ValueError("end time is before begin time")
    lat = _degrees(row.get(columns.get("lat", "")) if lat is None else lat, "latitude", 90)
    lon = _degrees(row.get(columns.get("lon", "")) if lon is None else lon, "longitude", 180)
    ids, names = [], list(_cells(row, columns.get("names")))
    for imo in (_digits(v) for v in _cells(row, columns.get("imo"))):
        if not imo or not imo_valid(imo):
            raise ValueError(f"IMO number {imo or '?'} fails its check digit")
        ids.append(vessel_id(imo=imo))
    for mmsi in _cells(row, columns.get("mmsi")):
        if not _digits(mmsi):
            raise ValueError(f"MMSI {mmsi!r} is not a number")
        ids.append(vessel_id(mmsi=_digits(mmsi)))
        known = vessels.get(_digits(mmsi))
        if known and known.imo:
            ids.append(vessel_id(imo=known.imo))
        if known and known.name:
            names.append(known.name)
    return Observation(fixed("kind"), fixed("observer"), fixed("observer_kind"), begin, end, lat, lon,
                       tuple(sorted(set(ids))), tuple(dict.fromkeys(names)),
                       str(row.get(columns.get("description", "")) or "").strip(), source)


def read_observations(path: Path, layout: str = "generic",
                      vessels: dict[str, Vessel] | None = None) -> Iterator[Observation | IngestError]:
    """Every row of a CSV or GeoJSON file as an Observation, or an IngestError naming file:line."""
    known = layouts()
    if layout not in known:
        yield IngestError(str(path), f"no observation layout {layout!r} (known: {', '.join(sorted(known))})")
        return
    spec, vessels = known[layout], vessels or {}
    try:
        if path.suffix.lower() in {".geojson", ".json"}:
            yield from _geojson(path, spec, vessels)
            return
        with path.open(newline="", encoding="utf-8-sig") as handle:  # a spreadsheet may open with a BOM
            rows = csv.DictReader(handle)
            for row in rows:
                # The line a row ends on (a quoted cell may span several).
                yield _one(row, spec, vessels, f"{path}:{rows.line_num}")
    except (OSError, UnicodeDecodeError, csv.Error, json.JSONDecodeError) as error:
        yield IngestError(str(path), str(error))


def _one(row: dict[str, Any], spec: dict[str, Any], vessels: dict[str, Vessel], where: str,
         lat: Any = None, lon: Any = None) -> Observation | IngestError:
    try:
        return observation(row, spec, vessels, where, lat, lon)
    except ValueError as error:
        return IngestError(where, str(error))


def _geojson(path: Path, spec: dict[str, Any], vessels: dict[str, Vessel]) -> Iterator[Observation | IngestError]:
    data = json.loads(path.read_text("utf-8-sig"))
    features = data.get("features", []) if isinstance(data, dict) else []
    for n, feature in enumerate(features, 1):
        where = f"{path}:feature {n}"
        feature = feature if isinstance(feature, dict) else {}
        found = feature.get("geometry")
        geometry: dict[str, Any] = found if isinstance(found, dict) else {}
        if geometry.get("type") != "Point" or len(geometry.get("coordinates") or ()) < 2:
            yield IngestError(where, "geometry is not a Point")
            continue
        lon, lat = geometry["coordinates"][:2]
        yield _one(feature.get("properties") or {}, spec, vessels, where, lat, lon)
