"""The SQL of screening: sanctions lists and their entries stored, the entities to screen read from
the mentions, and each entity's screening on each list version written and read back."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import delete, func, insert, select

from ..model.screening import ListEntry, Match, SanctionsList, Screened
from .codec import dumps, loads
from .schema import list_entries, mentions, reports, sanction_lists, screening_matches, screenings
from .store import Store

SCREENED_KINDS = ("person", "organization", "vessel")
_VESSEL_PREFIX = "vessel:imo-"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def save_list(store: Store, version: SanctionsList, entries: Iterable[ListEntry]) -> int:
    """Store one list version, replacing a version of the same series and date (and what screening
    against it found, which no longer holds)."""
    rows = {e.entry_id: {"list_id": version.id, "entry_id": e.entry_id, "kind": e.kind, "name": e.name, "data": dumps(e)}
            for e in entries}
    with store.writer.begin() as connection:
        for table in (screening_matches, screenings, list_entries):
            connection.execute(delete(table).where(table.c.list_id == version.id))
        connection.execute(delete(sanction_lists).where(sanction_lists.c.id == version.id))
        connection.execute(insert(sanction_lists).values(id=version.id, series=version.series, date=version.date,
                                                          source=version.source, format=version.format, loaded_at=_now()))
        if rows:
            connection.execute(insert(list_entries), list(rows.values()))
    return len(rows)


def lists(store: Store) -> list[SanctionsList]:
    """Every stored list version, by series then date."""
    query = select(sanction_lists).order_by(sanction_lists.c.series, sanction_lists.c.date)
    with store.engine.connect() as connection:
        return [SanctionsList(r["id"], r["series"], r["date"], r["source"], r["format"])
                for r in connection.execute(query).mappings()]


def entries(store: Store, list_id: str, entry_ids: Iterable[str] | None = None) -> dict[str, ListEntry]:
    """A list version's entries by their reference, all or those named."""
    query = select(list_entries.c.entry_id, list_entries.c.data).where(list_entries.c.list_id == list_id)
    if entry_ids is not None:
        query = query.where(list_entries.c.entry_id.in_(sorted(set(entry_ids))))
    with store.engine.connect() as connection:
        return {entry_id: loads(ListEntry, data) for entry_id, data in connection.execute(query)}


def entities(store: Store) -> list[Screened]:
    """The store's people, organisations and vessels, each with its canonical name and the other
    names its mentions give of two words or more (a lone "Kim" adds nothing to screen on)."""
    query = (select(mentions.c.entity_id, mentions.c.kind, mentions.c.name, mentions.c.text)
             .where(mentions.c.kind.in_(SCREENED_KINDS)).distinct()
             .order_by(mentions.c.entity_id, mentions.c.text))
    found: dict[str, tuple[str, str, list[str]]] = {}
    with store.engine.connect() as connection:
        for entity_id, kind, name, text in connection.execute(query):
            _, _, texts = found.setdefault(entity_id, (kind, name, []))
            if len(text.split()) > 1 and text not in texts:
                texts.append(text)
    return [Screened(entity_id, kind, name, tuple(texts), _imo(entity_id)) for entity_id, (kind, name, texts) in found.items()]


def _imo(entity_id: str) -> str | None:
    return entity_id.removeprefix(_VESSEL_PREFIX) if entity_id.startswith(_VESSEL_PREFIX) else None


def save_screening(store: Store, list_id: str, screened: Iterable[str], matches: Iterable[Match]) -> None:
    """Record that `screened` entities were screened against a list version, with what matched,
    replacing any earlier screening of them against it."""
    ids = sorted(set(screened))
    now = _now()
    with store.writer.begin() as connection:
        for lo in range(0, len(ids), 500):
            chunk = ids[lo:lo + 500]
            for table in (screening_matches, screenings):
                connection.execute(delete(table).where(table.c.list_id == list_id, table.c.entity_id.in_(chunk)))
        if ids:
            connection.execute(insert(screenings), [{"entity_id": e, "list_id": list_id, "screened_at": now} for e in ids])
        rows = {(m.entity_id, m.entry_id): {"entity_id": m.entity_id, "list_id": list_id, "entry_id": m.entry_id,
                                            "score": m.score, "level": m.level, "matched": m.matched} for m in matches}
        if rows:
            connection.execute(insert(screening_matches), list(rows.values()))


def screened_on(store: Store, entity_ids: Iterable[str] | None = None) -> dict[str, set[str]]:
    """The list versions each entity was screened against, all entities or those named."""
    query = select(screenings.c.entity_id, screenings.c.list_id)
    if entity_ids is not None:
        query = query.where(screenings.c.entity_id.in_(sorted(set(entity_ids))))
    out: dict[str, set[str]] = {}
    with store.engine.connect() as connection:
        for entity_id, list_id in connection.execute(query):
            out.setdefault(entity_id, set()).add(list_id)
    return out


def matches(store: Store, entity_ids: Iterable[str] | None = None) -> list[Match]:
    """What screening found, all entities or those named, best first per entity."""
    m = screening_matches.c
    query = select(m.entity_id, m.list_id, m.entry_id, m.score, m.level, m.matched).order_by(m.entity_id, m.score.desc(), m.entry_id)
    if entity_ids is not None:
        query = query.where(m.entity_id.in_(sorted(set(entity_ids))))
    with store.engine.connect() as connection:
        return [Match(*row) for row in connection.execute(query)]


def mentioned(store: Store, report_ids: Iterable[str] | None = None,
              entity_ids: Iterable[str] | None = None) -> list[tuple[str, str, str, str | None]]:
    """(entity id, name, kind, publication day) of the people, organisations and vessels some
    reports name, or of some entities in every report naming them: the day (ISO; None for a report
    without a publication time) chooses the list version in force."""
    query = (select(mentions.c.entity_id, mentions.c.name, mentions.c.kind, func.substr(reports.c.published, 1, 10))
             .join(reports, reports.c.id == mentions.c.report_id).where(mentions.c.kind.in_(SCREENED_KINDS)).distinct())
    if report_ids is not None:
        query = query.where(mentions.c.report_id.in_(sorted(set(report_ids))))
    if entity_ids is not None:
        query = query.where(mentions.c.entity_id.in_(sorted(set(entity_ids))))
    with store.engine.connect() as connection:
        return [(row[0], row[1], row[2], row[3]) for row in connection.execute(query)]
