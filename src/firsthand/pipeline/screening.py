"""Screening run over a store: list files read and stored, then every entity of the store screened
against every stored list version (the dossier shows, per report, the version in force)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from ..grade.edits import Corrections
from ..model.screening import HIT, SanctionsList
from ..screen.lists import read_list
from ..screen.match import ListIndex, screen
from ..store import Store, screening as stored


@dataclass(frozen=True)
class ScreenSummary:
    entities: int
    lists: list[tuple[SanctionsList, int, int, int]]  # version, entries, hits, candidates


def load_lists(store: Store, paths: list[Path], date: str | None = None, series: str | None = None,
               shown: Callable[[Path], str] = str) -> list[SanctionsList]:
    """Read and store each list file (ListError names a file that cannot be read); `shown` is how
    its source is recorded (an upload by its name, not where it was saved)."""
    loaded = []
    for path in paths:
        version, entries = read_list(path, date, series)
        version = replace(version, source=shown(path))
        stored.save_list(store, version, entries)
        loaded.append(version)
    return loaded


def screen_store(store: Store, progress: Callable[[str], None] = lambda _: None) -> ScreenSummary:
    """Screen every person, organisation and vessel of the store, as the analyst merged and split
    them, against every stored list version."""
    corrections = Corrections(store.edits())
    entities = stored.entities(store, corrections.screened_as if corrections else None)
    out = []
    for version in stored.lists(store):
        progress(f"{version.series} {version.date}")
        entries = list(stored.entries(store, version.id).values())
        found = screen(entities, ListIndex(version.id, entries))
        stored.save_screening(store, version.id, [e.entity_id for e in entities], found, whole=True)
        hits = sum(m.level == HIT for m in found)
        out.append((version, len(entries), hits, len(found) - hits))
    return ScreenSummary(len(entities), out)
