"""Which version of each list was in force when a report was published."""

from __future__ import annotations

from collections.abc import Iterable

from ..model.screening import SanctionsList


def in_force(versions: Iterable[SanctionsList], days: Iterable[str]) -> list[SanctionsList]:
    """Per series, the versions in force on `days` (ISO dates of publication): for each day the
    latest version dated on or before it. A day before every version supplied, or no day at all
    (a report without a publication time), takes the series' earliest version, the nearest there is;
    the dossier names the version and its date either way."""
    by_series: dict[str, list[SanctionsList]] = {}
    for version in sorted(versions, key=lambda v: v.date):
        by_series.setdefault(version.series, []).append(version)
    days = sorted(set(days))
    chosen: dict[str, SanctionsList] = {}
    for series in by_series.values():
        for day in days or [""]:
            before = [v for v in series if v.date <= day]
            version = before[-1] if before else series[0]
            chosen[version.id] = version
    return sorted(chosen.values(), key=lambda v: (v.series, v.date))
