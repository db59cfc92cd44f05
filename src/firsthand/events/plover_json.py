"""PLOVER JSON records, in the field names of the PLOVER gold standard records (`source`, `target`,
`eventText`, `textInfo`) and with dates, textInfo and citeInfo as the PLOVER manual's chapter
"Data Fields" defines them."""

from __future__ import annotations

from firsthand.events.ontology import ontology
from firsthand.events.periods import period
from firsthand.model.event import Event, EventDate, Participant, event_id
from firsthand.model.report import Report


def _actor(p: Participant) -> dict:
    out = {"actorText": p.text, "code": p.code or "", "id": p.id}
    if p.sector:
        out["sector"] = p.sector
    return out


def plover_dates(when: EventDate | None) -> dict:
    """`date` (and `enddate`) as the PLOVER manual asks: YYYY-MM-DD. A date known to a month, a
    week or a year, or a period ("since August"), is the span of days it covers: its first day
    and its last. A date the reports do not give, or one that is no span of days ("PRESENT_REF"),
    is null, as the manual leaves a field with no fitting value, with a comment saying why."""
    if when is None:
        return {"date": None, "comment": "date unknown: the report gives none for this event"}
    days = period(when)
    if days is None:
        return {"date": None, "datePrecision": when.precision,
                "comment": f"date not a span of days: {when.text!r} ({when.value})"}
    found = {"date": days[0].isoformat(), "datePrecision": when.precision}
    if days[1] != days[0]:
        found["enddate"] = days[1].isoformat()
    return found


def to_plover(event: Event, report: Report | None = None) -> dict:
    """One PLOVER record; `report`, the report stating the event, gives the quoted sentence
    (`text`, located by `textInfo`) and the citation (`citeInfo`)."""
    record: dict = {
        "id": event_id(event),
        **plover_dates(event.date),
        "source": [_actor(a) for a in event.actors],
        "target": [_actor(r) for r in event.recipients],
        "event": event.type,
        "eventText": event.trigger,
        "mode": event.mode or "",
        "context": ", ".join(event.context),
        "quad_code": ontology().types[event.type].quad,
        "auxiliary": event.status,
        "certainty": event.certainty,
    }
    if event.place is not None:
        place = event.place.place
        record["eventLoc"] = {
            "extracted_place": event.place.text, "resolved_place": place.name, "lat": place.lat,
            "lon": place.lon, "country_code": place.country, "precision": place.precision, "id": place.id,
        }
    if event.transfer is not None:
        t = event.transfer
        record["transfer"] = {
            "item": t.item,
            "quantity": t.quantity.text if t.quantity else None,
            "interval": t.interval.render() if t.interval else None,
            "status": t.status,
            "period": {"begin": t.period_begin, "end": t.period_end},
        }
    if event.reported_by:
        record["reportedBy"] = [_actor(p) for p in event.reported_by]
    if event.spans:
        # The manual's textInfo object: where `text` is in the report (character offsets).
        first = event.spans[0]
        if report is not None:
            record["text"] = report.text[first.start:first.end]
        record["textInfo"] = {"start": first.start, "end": first.end}
    if report is not None:
        # The manual's citeInfo object: the database identifier of the text, and what it is.
        cite = {"citation": report.id, "url": report.url, "title": report.title, "publication": report.outlet,
                "language": report.language}
        record["citeInfo"] = {key: value for key, value in cite.items() if value}
    return record
