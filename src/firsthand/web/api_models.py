"""The JSON the read API serves, as pydantic models: FastAPI checks each response against them and
documents them in /openapi.json. Each is built from what the pages show (model/, present/)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from ..model.assessment import CREDIBILITY, Assessment
from ..model.edit import Edit
from ..model.mention import Mention
from ..model.report import Report
from ..model.story import StoryRow
from ..present.dossier import StoryView
from ..store import MentionHit
from ..store.codec import to_plain
from .jobs import Job
from .paging import Pager


class Paging(BaseModel):
    """Where a page sits in its list: the pages' own paging (web/paging.py)."""

    page: int = Field(description="This page's number, from 1.")
    pages: int
    size: int = Field(description="Items per page.")
    total: int = Field(description="Items in the whole list.")
    next: str | None = Field(description="The next page's URL, if any.")

    @classmethod
    def of(cls, pager: Pager, path: str, query: str = "") -> Paging:
        return cls(page=pager.number, pages=pager.pages, size=pager.size, total=pager.total,
                   next=f"{path}?{query}page={pager.next}" if pager.next else None)


class ReportItem(BaseModel):
    id: str
    title: str | None
    outlet: str | None
    url: str | None
    byline: str | None
    published: str | None = Field(description="ISO 8601, UTC.")
    published_precision: str | None = Field(description="year, month, day or second.")
    dateline: str | None
    language: str | None
    source: str
    characters: int

    @classmethod
    def of(cls, report: Report) -> ReportItem:
        return cls(id=report.id, title=report.title, outlet=report.outlet, url=report.url, byline=report.byline,
                   published=report.published.isoformat() if report.published else None,
                   published_precision=report.published_precision, dateline=report.dateline,
                   language=report.language, source=report.source, characters=len(report.text))


class MentionItem(BaseModel):
    start: int
    end: int
    text: str
    entity: str = Field(description="Canonical id: PRK, person:kim-jong-un, org:…")
    name: str
    kind: str

    @classmethod
    def of(cls, m: Mention) -> MentionItem:
        return cls(start=m.start, end=m.end, text=m.text, entity=m.id, name=m.name, kind=m.kind)


class ClaimItem(BaseModel):
    id: str
    start: int
    end: int
    text: str
    origin: str = Field(description="Who the claim is attributed to, first-hand.")
    chain: list[str] = Field(description="The attribution chain, from the origin to the reporter.")
    certainty: str


class ReportDetail(ReportItem):
    text: str
    skipped: str | None = Field(description="Why the reader skipped the report, if it did.")
    mentions: list[MentionItem]
    claims: list[ClaimItem]
    events: list[dict[str, Any]] = Field(description="The events read from the report (the store's Event records).")


class Reports(BaseModel):
    paging: Paging
    items: list[ReportItem]


class StoryItem(BaseModel):
    id: str
    title: str
    size: int = Field(description="How many reports.")
    first_published: str | None
    last_published: str | None
    report_ids: list[str]

    @classmethod
    def of(cls, row: StoryRow) -> StoryItem:
        return cls(id=row.id, title=row.title or f"Story {row.id}", size=row.size, first_published=row.first_published,
                   last_published=row.last_published, report_ids=list(row.report_ids))


class Stories(BaseModel):
    paging: Paging
    items: list[StoryItem]


class OriginItem(BaseModel):
    key: str
    name: str
    reliability: str = Field(description="Admiralty source reliability, A–F.")
    reliability_why: str
    kind: str
    via: list[str]
    identified: bool


class DisagreementItem(BaseModel):
    kind: str
    conflict: bool
    unclear: bool
    text: str


class AssessmentItem(BaseModel):
    """A graded claim group or event: the Admiralty code and the ICD 203 estimate, with why."""

    id: str
    story_id: str
    subject: str = Field(description="claim or event.")
    text: str
    judgement: str = Field(description="The key-judgement sentence, in estimative language.")
    code: str = Field(description="Reliability letter and credibility digit, e.g. B2.")
    credibility: int = Field(ge=1, le=6)
    credibility_words: str
    reliability: str
    estimate: str | None
    explanation: str
    date: str | None = Field(description="An event's date (TIMEX3 value), when an origin that can be judged states it.")
    report_ids: list[str]
    claim_ids: list[str]
    origins: list[OriginItem]
    disagreements: list[DisagreementItem]
    qualifiers: list[str]
    holder: str | None
    view: str | None
    event: dict[str, Any] | None = Field(description="The event graded (the store's Event record), for an event.")

    @classmethod
    def of(cls, a: Assessment) -> AssessmentItem:
        return cls(
            id=a.id, story_id=a.story_id, subject=a.subject, text=a.text, judgement=a.judgement, code=a.code,
            credibility=a.credibility, credibility_words=CREDIBILITY[a.credibility], reliability=a.reliability,
            estimate=a.estimate, explanation=a.explanation,
            date=a.event.date.value if a.date_code is not None and a.event and a.event.date else None,
            report_ids=list(a.report_ids), claim_ids=list(a.claim_ids),
            origins=[OriginItem(key=o.key, name=o.name, reliability=o.reliability.letter, reliability_why=o.reliability.why,
                                kind=o.kind, via=list(o.via), identified=o.identified) for o in a.origins],
            disagreements=[DisagreementItem(kind=d.kind, conflict=d.conflict, unclear=d.unclear, text=d.text) for d in a.disagreements],
            qualifiers=list(a.qualifiers), holder=a.holder, view=a.view, event=to_plain(a.event) if a.event else None,
        )


class Assessments(BaseModel):
    paging: Paging
    items: list[AssessmentItem]


class StoryReport(BaseModel):
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    reliability: str = Field(description="The outlet's Admiralty reliability, A–F.")


class DerivationItem(BaseModel):
    source_id: str
    derived_id: str
    label: str = Field(description="wholly, partially or not derived (METER).")
    containment: float


class StoryDetail(StoryItem):
    reports: list[StoryReport]
    key_judgements: list[str] = Field(description="Ids of the key judgements among `assessments`, strongest first.")
    assessments: list[AssessmentItem]
    derivations: list[DerivationItem]
    downloads: dict[str, str] = Field(description="The story's dossier and exports, by format: their URLs.")

    @classmethod
    def of_view(cls, story: StoryView, downloads: dict[str, str]) -> StoryDetail:
        return cls(
            **StoryItem.of(story.row).model_dump(),
            reports=[StoryReport(id=v.report.id, title=v.report.title, outlet=v.report.outlet,
                                 published=v.report.published.isoformat() if v.report.published else None,
                                 reliability=v.reliability.letter) for v in story.reports],
            key_judgements=[a.id for a in story.key_judgements],
            assessments=[AssessmentItem.of(a) for a in story.assessments],
            derivations=[DerivationItem(source_id=d.source_id, derived_id=d.derived_id, label=d.label, containment=d.containment)
                         for d in story.derivations],
            downloads=downloads,
        )


class Statement(BaseModel):
    claim_id: str
    text: str
    sentence: str = Field(description="The sentence stating it.")


class Stated(BaseModel):
    """One report's statements of the graded claim."""

    report: StoryReport
    statements: list[Statement]
    href: str = Field(description="The report's page with the statements highlighted.")


class ClaimDetail(BaseModel):
    assessment: AssessmentItem
    story: StoryItem
    stated: list[Stated]


class MentionHitItem(BaseModel):
    report: ReportItem
    mention: MentionItem
    sentence: str | None

    @classmethod
    def of(cls, hit: MentionHit) -> MentionHitItem:
        sentence = hit.report.text[hit.sentence.start:hit.sentence.end] if hit.sentence else None
        return cls(report=ReportItem.of(hit.report), sentence=sentence, mention=MentionItem.of(hit.mention))


class EntityDetail(BaseModel):
    key: str
    mentions: int
    in_reports: int
    paging: Paging
    items: list[MentionHitItem]


class Piece(BaseModel):
    text: str
    match: bool = Field(description="Whether the query matched this piece.")


class ReportHit(BaseModel):
    report: ReportItem
    snippet: list[Piece]


class ClaimHit(BaseModel):
    claim_id: str
    report: ReportItem
    snippet: list[Piece]


class SearchResults(BaseModel):
    q: str
    paging: Paging = Field(description="Paging over the longer of the two lists.")
    reports: int = Field(description="How many reports match.")
    claims: int = Field(description="How many claims match.")
    report_hits: list[ReportHit]
    claim_hits: list[ClaimHit]


# The write API's bodies and answers (web/routes/api_writes.py).


class ApiError(BaseModel):
    error: str = Field(description="What was wrong, in one line.")


class JobRef(BaseModel):
    """A background job queued by a write: follow `status` until `finished`."""

    id: str
    state: str = Field(description="queued, ingesting, reading, assessing, done or failed.")
    status: str = Field(description="The job's state as JSON (/api/jobs/{id}).")
    page: str = Field(description="The job's page.")

    @classmethod
    def of(cls, job: Job) -> JobRef:
        return cls(id=job.id, state=job.state.value, status=f"/api/jobs/{job.id}", page=f"/jobs/{job.id}")


class JobStatus(BaseModel):
    id: str
    kind: str = Field(description="add: ingest, read and assess reports; assess: assess again after an edit.")
    label: str
    state: str = Field(description="queued, ingesting, reading, assessing, done or failed.")
    finished: bool
    inputs: int
    inputs_started: int
    added: dict[str, int] = Field(description="Reports stored by how: new, known or merged.")
    read_done: int
    read_total: int
    report_ids: list[str]
    errors: list[str]


class EditIn(BaseModel):
    """One analyst's edit, as `firsthand edit` takes it: the kind, its target and the kind's fields."""

    model_config = {"populate_by_name": True}

    kind: str = Field(description="merge-entities, split-entity, mark-wrong, override-grade, reliability, note "
                                  "(GET /api/edits lists what each targets and needs).")
    target: str = Field(max_length=500, description="The id the kind targets: an entity, claim, event, assessment, story, outlet or origin kind.")
    why: str = Field("", max_length=2000, description="The analyst's reason, shown with the edit.")
    into: str | None = Field(None, max_length=500, description="merge-entities: the entity id merged into.")
    text: str | None = Field(None, max_length=5000, description="split-entity: how the mentions split off are written; note: the note.")
    as_: str | None = Field(None, alias="as", max_length=500, description="split-entity: the new entity's id (default: made from `text`).")
    grade: str | None = Field(None, max_length=4, description="override-grade: an Admiralty code such as B2; reliability: a letter A–F.")
    section: str | None = Field(None, max_length=40, description="reliability: outlets or origins.")

    def fields(self) -> dict[str, str]:
        given = {"into": self.into, "text": self.text, "as": self.as_, "grade": self.grade, "section": self.section}
        return {name: value for name, value in given.items() if value}


class EditKind(BaseModel):
    name: str
    target: str
    fields: list[str]
    help: str


class EditRecord(BaseModel):
    """An edit as recorded (an undo targets the edit it undoes)."""

    id: str
    kind: str
    target: str
    who: str
    when: str = Field(description="ISO 8601, UTC.")
    why: str
    data: dict[str, str] = Field(description="The kind's fields, with what was filled in from the store.")
    label: str = Field(description="The target as the store describes it.")
    in_force: bool = Field(description="Whether the edit applies: neither an undo nor undone.")

    @classmethod
    def of(cls, edit: Edit, in_force: bool) -> EditRecord:
        return cls(id=edit.id, kind=edit.kind, target=edit.target, who=edit.who, when=edit.when, why=edit.why,
                   data=dict(edit.data), label=edit.label, in_force=in_force)


class EditOut(EditRecord):
    """An edit as recorded, with the job assessing the store again after it."""

    job: JobRef


class Edits(BaseModel):
    kinds: list[EditKind] = Field(description="The kinds of edit the API makes, with what each targets and needs.")
    edits: list[EditRecord] = Field(description="Every edit made, in order.")


class ReportIn(BaseModel):
    """A report to add: a URL (a page or a feed) to fetch, or the text itself."""

    url: str | None = Field(None, max_length=2000, description="An http(s) URL of a page or feed.")
    text: str | None = Field(None, description="The report's text (or HTML, JSONL, a feed, as `name` says).")
    name: str | None = Field(None, max_length=120, description="A file name for `text`, whose suffix says how it is read (default report.txt).")
