"""What screening found, as the dossier, the web app and the exports show it: each screened entity
with its hits and candidates on the list versions in force when its reports were published, and
"screened, no match" where a version in force listed nothing like it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..model.screening import CANDIDATE, HIT, ListEntry, Match, SanctionsList
from ..screen.versions import in_force
from ..store import Store, screening as stored


@dataclass(frozen=True)
class ListedMatch:
    match: Match
    entry: ListEntry
    version: SanctionsList

    @property
    def label(self) -> str:
        """'OFAC SDN of 2024-05-03, entry 20157 "KIM, Jong Un" (DPRK3)'."""
        programmes = f" ({', '.join(self.entry.programmes)})" if self.entry.programmes else ""
        listed = f", listed {self.entry.listed_on}" if self.entry.listed_on else ""
        return f'{self.version.series} of {self.version.date}, entry {self.entry.entry_id} "{self.entry.name}"{programmes}{listed}'


@dataclass(frozen=True)
class EntityScreening:
    entity_id: str
    name: str
    kind: str
    versions: tuple[SanctionsList, ...]  # the versions in force for its reports that it was screened against
    hits: tuple[ListedMatch, ...]
    candidates: tuple[ListedMatch, ...]
    last_day: str | None = None  # the latest publication day of its reports

    @property
    def outcomes(self) -> list[str]:
        """Per version: 'OFAC SDN of 2024-05-03: hit', '…: screened, no match'; a version dated after
        every report naming the entity (none older was supplied) says so."""
        out = []
        for v in self.versions:
            later = " (dated after its reports)" if self.last_day and v.date > self.last_day else ""
            if any(h.version.id == v.id for h in self.hits):
                outcome = "hit"
            elif any(c.version.id == v.id for c in self.candidates):
                outcome = "candidates only"
            else:
                outcome = "screened, no match"
            out.append(f"{v.series} of {v.date}{later}: {outcome}")
        return out


class Screening:
    """Every list version stored and what screening found (on every entity or those named), read
    once; `of` applies it to entities."""

    def __init__(self, store: Store, entity_ids: Iterable[str] | None = None) -> None:
        self.versions = stored.lists(store)
        self.by_id = {v.id: v for v in self.versions}
        self.screened = stored.screened_on(store, entity_ids) if self.versions else {}
        found = stored.matches(store, entity_ids) if self.versions else []
        self.matches: dict[str, list[Match]] = {}
        for m in found:
            self.matches.setdefault(m.entity_id, []).append(m)
        wanted: dict[str, set[str]] = {}
        for m in found:
            wanted.setdefault(m.list_id, set()).add(m.entry_id)
        self.entries = {(list_id, e.entry_id): e for list_id, ids in wanted.items()
                        for e in stored.entries(store, list_id, ids).values()}

    def of(self, entities: Iterable[tuple[str, str, str]], days: dict[str, set[str]]) -> list[EntityScreening]:
        """(entity id, name, kind) → its screening on the versions in force on its reports' `days`;
        an entity screened against none of them (the lists came after the last screening) is left out."""
        out = []
        for entity_id, name, kind in entities:
            screened = self.screened.get(entity_id, set())
            versions = [v for v in in_force(self.versions, days.get(entity_id, ())) if v.id in screened]
            if not versions:
                continue
            ids = {v.id for v in versions}
            listed = [ListedMatch(m, self.entries[(m.list_id, m.entry_id)], self.by_id[m.list_id])
                      for m in self.matches.get(entity_id, []) if m.list_id in ids and (m.list_id, m.entry_id) in self.entries]
            out.append(EntityScreening(entity_id, name, kind, tuple(versions),
                                       tuple(x for x in listed if x.match.level == HIT),
                                       tuple(x for x in listed if x.match.level == CANDIDATE),
                                       max(days.get(entity_id, ()), default=None)))
        return sorted(out, key=lambda s: (not s.hits, not s.candidates, s.name))


def screening_of(store: Store, report_ids: Iterable[str] | None = None,
                 entity_ids: Iterable[str] | None = None) -> list[EntityScreening]:
    """The screening of the entities some reports name (a story's page), or of some entities (an
    entity's page), each on the list versions in force when the reports naming it were published."""
    rows = stored.mentioned(store, report_ids, entity_ids)
    entities = {entity_id: (entity_id, name, kind) for entity_id, name, kind, _ in rows}
    if not entities:
        return []
    days: dict[str, set[str]] = {}
    for entity_id, _, _, day in rows:
        if day:
            days.setdefault(entity_id, set()).add(day)
    screening = Screening(store, entities)
    return screening.of(entities.values(), days) if screening.versions else []
