"""Flat records of what a dossier holds (reports, claims, events, assessments, derivations), shared by
the JSON, JSONL and CSV exports. Values are scalars or lists of scalars; offsets refer to the report text."""

from __future__ import annotations

from collections.abc import Iterator

from ...model.assessment import Assessment
from ...model.event import Event, event_id
from ..dossier import Dossier, ReportView

KINDS = ("reports", "claims", "events", "assessments", "derivations")


def _report(view: ReportView, story_id: str | None) -> dict:
    r = view.report
    return {
        "id": r.id, "story_id": story_id, "title": r.title, "outlet": r.outlet, "url": r.url, "byline": r.byline,
        "published": r.published.isoformat() if r.published else None, "published_precision": r.published_precision,
        "dateline": r.dateline, "language": r.language, "source": r.source, "reliability": view.reliability.letter,
        "reliability_why": view.reliability.why, "skipped": view.reading.skipped, "text": r.text,
    }


def _claims(view: ReportView, graded: dict[str, Assessment]) -> Iterator[dict]:
    for c in view.reading.claims:
        a = graded.get(c.id)
        yield {
            "id": c.id, "report_id": c.report_id, "start": c.start, "end": c.end, "text": c.text,
            "sentence_start": c.sentence_start, "sentence_end": c.sentence_end, "subject": c.subject,
            "predicate": c.predicate, "object": c.object, "origin": c.origin.name, "origin_kind": c.origin.kind,
            "chain": [f"{s.role}: {s.name}" for s in c.chain], "cue": c.cue, "direct": c.direct,
            "certainty": c.certainty.level, "polarity": c.certainty.polarity, "modality": c.certainty.modality,
            "denial": c.certainty.denial, "qualifiers": c.qualifiers, "entities": list(c.entity_ids),
            "assessment_id": a.id if a else None, "grade": a.code if a else None,
        }


def event_record(event: Event) -> dict:
    place = event.place.place if event.place else None
    transfer = event.transfer
    return {
        "id": event_id(event), "report_id": event.spans[0].report_id if event.spans else None,
        "sentences": [f"{ref.start}-{ref.end}" for ref in event.spans], "type": event.type, "mode": event.mode,
        "context": list(event.context), "actors": [p.id for p in event.actors], "actor_text": [p.text for p in event.actors], "actor_names": [p.label for p in event.actors],
        "recipients": [p.id for p in event.recipients], "recipient_text": [p.text for p in event.recipients], "recipient_names": [p.label for p in event.recipients],
        "status": event.status, "certainty": event.certainty, "trigger": event.trigger,
        "date": event.date.value if event.date else None, "date_precision": event.date.precision if event.date else None,
        "date_begin": event.date.begin if event.date else None, "date_end": event.date.end if event.date else None,
        "place": place.name if place else None, "lat": place.lat if place else None, "lon": place.lon if place else None,
        "place_country": place.country if place else None,
        "transfer_item": transfer.item if transfer else None,
        "transfer_quantity": transfer.quantity.text if transfer and transfer.quantity else None,
        "transfer_status": transfer.status if transfer else None,
    }


def _assessment(a: Assessment) -> dict:
    return {
        "id": a.id, "story_id": a.story_id, "subject": a.subject, "text": a.text, "grade": a.code,
        "credibility": a.credibility, "reliability": a.reliability, "estimate": a.estimate, "judgement": a.judgement,
        "explanation": a.explanation, "claim_ids": list(a.claim_ids), "report_ids": list(a.report_ids),
        "origins": [o.name for o in a.origins], "qualifiers": list(a.qualifiers),
        "event_id": event_id(a.event) if a.event else None,
    }


def records(dossier: Dossier) -> dict[str, list[dict]]:
    """Every record of the dossier by kind, in the dossier's order (stories, then their reports)."""
    out: dict[str, list[dict]] = {kind: [] for kind in KINDS}
    for story in dossier.stories:
        graded = {cid: a for a in reversed(story.assessments) for cid in a.claim_ids}  # the best-graded wins
        for view in story.reports:
            out["reports"].append(_report(view, story.row.id))
            out["claims"].extend(_claims(view, graded))
            out["events"].extend(event_record(e) for e in view.reading.events)
        out["assessments"].extend(_assessment(a) for a in story.assessments)
        out["derivations"].extend({"story_id": story.row.id, "source_id": d.source_id, "derived_id": d.derived_id,
                                   "label": d.label, "containment": d.containment, "shared_quotes": list(d.shared_quotes),
                                   "wire_credit": list(d.wire_credit)} for d in story.derivations)
    out["reports"].extend(_report(view, None) for view in dossier.unread)
    return out
