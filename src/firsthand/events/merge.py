"""Mentions of one event in one report merged: the same type, actors, recipients and compatible
dates; the merged event keeps the finer date, the more precise place, the fuller transfer."""

from __future__ import annotations

from dataclasses import replace

from firsthand.claims.certainty import LEVELS
from firsthand.events.arguments import PRECISION_RANK
from firsthand.events.parties import unique
from firsthand.model.event import ALLEGED, DELIVERED, ORDERED, PROMISED, Event, EventDate, Participant

_STATUS_ORDER = (DELIVERED, ORDERED, PROMISED, ALLEGED)


def _ids(participants: list[Participant]) -> frozenset[str]:
    return frozenset(p.code or p.id for p in participants)


def _compatible_dates(a: EventDate | None, b: EventDate | None) -> bool:
    if a is None or b is None:
        return True
    a_begin, a_end = a.begin or a.value, a.end or a.value
    b_begin, b_end = b.begin or b.value, b.end or b.value
    # TIMEX values of one calendar compare as strings by their common prefix.
    def before(x: str, y: str) -> bool:
        n = min(len(x), len(y))
        return x[:n] < y[:n]
    return not (before(a_end, b_begin) or before(b_end, a_begin))


def _same(a: Event, b: Event) -> bool:
    if a.type != b.type or a.happened != b.happened or a.status != b.status:
        return False
    if a.actors and b.actors:
        if _ids(a.actors) != _ids(b.actors):
            return False
        if a.recipients and b.recipients and _ids(a.recipients) != _ids(b.recipients):
            return False
    elif not (a.recipients and _ids(a.recipients) == _ids(b.recipients)):
        return False  # a mention without an actor ("were provided to Russia") needs the same recipients
    if a.place and b.place and a.place.place.country != b.place.place.country:
        return False
    return _compatible_dates(a.date, b.date)


def _finer_date(a: EventDate | None, b: EventDate | None) -> EventDate | None:
    if a is None or b is None:
        return a or b
    return a if len(a.value) >= len(b.value) else b


def merged(a: Event, b: Event) -> Event:
    """Two mentions of one event as one."""
    place = a.place
    if b.place and (place is None or PRECISION_RANK.get(b.place.precision, 9) < PRECISION_RANK.get(place.precision, 9)):
        place = b.place
    transfer = a.transfer or b.transfer
    if a.transfer and b.transfer:
        pick = a.transfer if a.transfer.quantity is not None else b.transfer
        other = b.transfer if pick is a.transfer else a.transfer
        transfer = replace(
            pick,
            item=pick.item or other.item,
            period_begin=pick.period_begin or other.period_begin,
            period_end=pick.period_end or other.period_end,
            status=pick.status if pick.status == other.status else min(pick.status, other.status, key=_STATUS_ORDER.index),
        )
    actors = unique([*a.actors, *b.actors])
    actor_ids = {p.id for p in actors}
    return replace(
        a,
        mode=a.mode or b.mode,
        context=tuple(dict.fromkeys(a.context + b.context)),
        actors=actors,
        recipients=[p for p in unique([*a.recipients, *b.recipients]) if p.id not in actor_ids],
        certainty=min(a.certainty, b.certainty, key=LEVELS.index),
        date=_finer_date(a.date, b.date),
        place=place,
        transfer=transfer,
        reported_by=unique([*a.reported_by, *b.reported_by]),
        spans=list(dict.fromkeys([*a.spans, *b.spans])),
    )


def merge_events(events: list[Event]) -> list[Event]:
    """One event per set of compatible mentions (same type, actors, recipients, date), in order."""
    out: list[Event] = []
    for event in events:
        for i, kept in enumerate(out):
            if _same(kept, event):
                out[i] = merged(kept, event)
                break
        else:
            out.append(event)
    return out
