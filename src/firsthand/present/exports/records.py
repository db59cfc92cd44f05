"""Flat records of what a dossier holds (reports, claims, events, assessments, derivations), shared by
the JSON, JSONL and CSV exports. Each kind is a dataclass, so its columns are known even when a
dossier has no record of it. Values are scalars or lists of scalars; offsets refer to the report text."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, fields

from ...model.assessment import Assessment
from ...model.event import Event, event_id
from ...model.observation import Observation
from ...model.story import Derivation
from ..dossier import Dossier, ReportView

Scalar = str | int | float | bool | None


@dataclass(frozen=True)
class ReportRecord:
    id: str
    story_id: str | None
    title: str | None
    outlet: str | None
    url: str | None
    byline: str | None
    published: str | None
    published_precision: str | None
    dateline: str | None
    language: str | None
    source: str
    reliability: str
    reliability_why: str
    skipped: str | None
    text: str


@dataclass(frozen=True)
class ClaimRecord:
    id: str
    report_id: str
    start: int
    end: int
    text: str
    sentence_start: int
    sentence_end: int
    subject: str | None
    predicate: str
    object: str | None
    origin: str
    origin_kind: str
    chain: list[str]
    cue: str | None
    direct: bool
    certainty: str
    polarity: str
    modality: str
    denial: bool
    qualifiers: list[str]
    entities: list[str]
    assessment_id: str | None
    grade: str | None


@dataclass(frozen=True)
class EventRecord:
    id: str
    report_id: str | None
    sentences: list[str]
    type: str
    mode: str | None
    context: list[str]
    actors: list[str]
    actor_text: list[str]
    recipients: list[str]
    recipient_text: list[str]
    status: str
    certainty: str
    trigger: str
    date: str | None
    date_precision: str | None
    date_begin: str | None
    date_end: str | None
    place: str | None
    lat: float | None
    lon: float | None
    place_country: str | None
    transfer_item: str | None
    transfer_quantity: str | None
    transfer_status: str | None


@dataclass(frozen=True)
class AssessmentRecord:
    id: str
    story_id: str
    subject: str
    text: str
    grade: str
    credibility: int
    reliability: str
    estimate: str | None
    judgement: str
    explanation: str
    claim_ids: list[str]
    report_ids: list[str]
    origins: list[str]
    qualifiers: list[str]
    event_id: str | None
    machine_grade: str | None  # the machine's grade where an analyst overruled it (grade is then theirs)
    analyst_notes: list[str]
    observations: list[str]  # the observations among its origins: what, when, where, by whom, from which row


@dataclass(frozen=True)
class EditRecord:
    """An analyst's edit in force (model/edit.py)."""

    id: str
    kind: str
    target: str
    label: str
    who: str
    when: str
    why: str
    fields: list[str]  # the kind's fields, "name=value"
    reports: list[str]


@dataclass(frozen=True)
class DerivationRecord:
    story_id: str
    source_id: str
    derived_id: str
    label: str
    containment: float
    shared_quotes: list[str]
    wire_credit: list[str]


# The kinds in the order every export writes them.
RECORDS: dict[str, type] = {"reports": ReportRecord, "claims": ClaimRecord, "events": EventRecord,
                            "assessments": AssessmentRecord, "derivations": DerivationRecord, "edits": EditRecord}
KINDS = tuple(RECORDS)


def columns(kind: str) -> list[str]:
    return [field.name for field in fields(RECORDS[kind])]


def _report(view: ReportView, story_id: str | None) -> ReportRecord:
    r = view.report
    return ReportRecord(
        id=r.id, story_id=story_id, title=r.title, outlet=r.outlet, url=r.url, byline=r.byline,
        published=r.published.isoformat() if r.published else None, published_precision=r.published_precision,
        dateline=r.dateline, language=r.language, source=r.source, reliability=view.reliability.letter,
        reliability_why=view.reliability.why, skipped=view.known_reading.skipped, text=r.text,
    )


def _claims(view: ReportView, graded: dict[str, Assessment]) -> Iterator[ClaimRecord]:
    for c in view.known_reading.claims:
        a = graded.get(c.id)
        yield ClaimRecord(
            id=c.id, report_id=c.report_id, start=c.start, end=c.end, text=c.text,
            sentence_start=c.sentence_start, sentence_end=c.sentence_end, subject=c.subject,
            predicate=c.predicate, object=c.object, origin=c.origin.name, origin_kind=c.origin.kind,
            chain=[f"{s.role}: {s.name}" for s in c.chain], cue=c.cue, direct=c.direct,
            certainty=c.certainty.level, polarity=c.certainty.polarity, modality=c.certainty.modality,
            denial=c.certainty.denial, qualifiers=c.qualifiers, entities=list(c.entity_ids),
            assessment_id=a.id if a else None, grade=a.code if a else None,
        )


def event_record(event: Event) -> EventRecord:
    place = event.place.place if event.place else None
    transfer = event.transfer
    return EventRecord(
        id=event_id(event), report_id=event.spans[0].report_id if event.spans else None,
        sentences=[f"{ref.start}-{ref.end}" for ref in event.spans], type=event.type, mode=event.mode,
        context=list(event.context), actors=[p.id for p in event.actors], actor_text=[p.text for p in event.actors],
        recipients=[p.id for p in event.recipients], recipient_text=[p.text for p in event.recipients],
        status=event.status, certainty=event.certainty, trigger=event.trigger,
        date=event.date.value if event.date else None, date_precision=event.date.precision if event.date else None,
        date_begin=event.date.begin if event.date else None, date_end=event.date.end if event.date else None,
        place=place.name if place else None, lat=place.lat if place else None, lon=place.lon if place else None,
        place_country=place.country if place else None,
        transfer_item=transfer.item if transfer else None,
        transfer_quantity=transfer.quantity.text if transfer and transfer.quantity else None,
        transfer_status=transfer.status if transfer else None,
    )


def _assessment(a: Assessment, observations: dict[str, Observation]) -> AssessmentRecord:
    return AssessmentRecord(
        id=a.id, story_id=a.story_id, subject=a.subject, text=a.text, grade=a.code,
        credibility=a.credibility, reliability=a.reliability, estimate=a.estimate, judgement=a.judgement,
        explanation=a.explanation, claim_ids=list(a.claim_ids), report_ids=list(a.report_ids),
        origins=[o.name for o in a.origins], qualifiers=list(a.qualifiers),
        event_id=event_id(a.event) if a.event else None, machine_grade=a.override.was if a.override else None,
        analyst_notes=[f"{n.who}: {n.text}" for n in (*((a.override.note,) if a.override else ()), *a.notes)],
        observations=[f"{o.describe()}, by {o.observer} ({o.source})" for o in map(observations.get, a.observations) if o],
    )


def _derivation(story_id: str, d: Derivation) -> DerivationRecord:
    return DerivationRecord(story_id=story_id, source_id=d.source_id, derived_id=d.derived_id, label=d.label,
                            containment=d.containment, shared_quotes=list(d.shared_quotes), wire_credit=list(d.wire_credit))


def _plain(record) -> dict[str, Scalar | list[Scalar]]:
    # Shallow, unlike dataclasses.asdict: the values are scalars or lists of scalars already.
    return {field.name: getattr(record, field.name) for field in fields(record)}


def records(dossier: Dossier) -> dict[str, list[dict]]:
    """Every record of the dossier by kind, in the dossier's order (stories, then their reports)."""
    out: dict[str, list] = {kind: [] for kind in KINDS}
    for story in dossier.stories:
        graded = {cid: a for a in reversed(story.assessments) for cid in a.claim_ids}  # the best-graded wins
        for view in story.reports:
            out["reports"].append(_report(view, story.row.id))
            out["claims"].extend(_claims(view, graded))
            out["events"].extend(event_record(e) for e in view.known_reading.events)
        out["assessments"].extend(_assessment(a, story.observations) for a in story.assessments)
        out["derivations"].extend(_derivation(story.row.id, d) for d in story.derivations)
    out["reports"].extend(_report(view, None) for view in dossier.unread)
    out["edits"].extend(EditRecord(id=e.id, kind=e.kind, target=e.target, label=e.label, who=e.who, when=e.when, why=e.why,
                                   fields=[f"{k}={v}" for k, v in sorted(e.data.items())], reports=list(e.reports))
                        for e in dossier.edits)
    return {kind: [_plain(record) for record in found] for kind, found in out.items()}
