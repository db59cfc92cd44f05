"""PLOVER JSON export, in the record style of the PLOVER gold standard records."""

from __future__ import annotations

from firsthand.events.ontology import ontology
from firsthand.model.event import Event, Participant, event_id


def _actor(p: Participant) -> dict:
    out = {"actorText": p.text, "code": p.code or "", "id": p.id}
    if p.sector:
        out["sector"] = p.sector
    return out


def to_plover(event: Event, text: str | None = None) -> dict:
    """One PLOVER record. `text` is the report's text, to quote the stating sentences."""
    record: dict = {
        "id": event_id(event),
        "date": event.date.value if event.date else "",
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
    if event.date is not None:
        record["datePrecision"] = event.date.precision
        if event.date.begin or event.date.end:
            record["dateRange"] = {"begin": event.date.begin, "end": event.date.end}
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
    if text is not None and event.spans:
        record["text"] = " ".join(text[s.start : s.end] for s in event.spans[:1])
    record["textInfo"] = [{"report": s.report_id, "start": s.start, "end": s.end} for s in event.spans]
    return record
