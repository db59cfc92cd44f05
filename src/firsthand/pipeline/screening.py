"""Screening run over a store: list files read and stored, then every entity of the store screened
against every stored list version (the dossier shows, per report, the version in force)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..model.screening import HIT, SanctionsList
from ..screen.lists import read_list
from ..screen.match import ListIndex, screen
from ..store import Store, screening as stored


@dataclass(frozen=True)
class ScreenSummary:
    entities: int
    lists: list[tuple[SanctionsList, int, int, int]]  # version, entries, hits, candidates


def load_lists(store: Store, paths: list[Path], date: str | None = None, series: str | None = None) -> list[SanctionsList]:
    """Read and store each list file (ListError names a file that cannot be read)."""
    loaded = []
    for path in paths:
        version, entries = read_list(path, date, series)
        stored.save_list(store, version, entries)
        loaded.append(version)
    return loaded


def screen_store(store: Store, progress: Callable[[str], None] = lambda _: None) -> ScreenSummary:
    """Screen every person, organisation and vessel of the store against every stored list version."""
    entities = stored.entities(store)
    out = []
    for version in stored.lists(store):
        progress(f"{version.series} {version.date}")
        entries = list(stored.entries(store, version.id).values())
        found = screen(entities, ListIndex(version.id, entries))
        stored.save_screening(store, version.id, [e.entity_id for e in entities], found)
        hits = sum(m.level == HIT for m in found)
        out.append((version, len(entries), hits, len(found) - hits))
    return ScreenSummary(len(entities), out)
