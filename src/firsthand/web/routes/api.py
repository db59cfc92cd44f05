"""The read API: each page's content as JSON under /api/, paged as the pages are, with the same
facets and the same tokens (a read token may read). The models are in web/api_models.py."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Query, Request

from ...model.edit import KINDS, active
from ...model.scope import Scope
from ...present.dossier import story_view
from ...store.codec import to_plain
from ..api_models import (
    AssessmentItem,
    Assessments,
    ClaimDetail,
    ClaimHit,
    ClaimItem,
    EditKind,
    EditRecord,
    Edits,
    EntityDetail,
    MentionHitItem,
    MentionItem,
    Paging,
    Piece,
    ReportDetail,
    ReportHit,
    ReportItem,
    Reports,
    SearchResults,
    Stated,
    Statement,
    Stories,
    StoryDetail,
    StoryItem,
    StoryReport,
)
from ..facets import Facets, facets
from ..paging import Pager
from .analysis import statements
from .browse import ENTITY_PAGE, SEARCH_PAGE
from .downloads import download_links

router = APIRouter(prefix="/api", tags=["read"])

PageNumber = Query(1, ge=1, le=100_000)


def _store(request: Request):
    return request.app.state.store


def _size(request: Request) -> int:
    return request.app.state.config.page_size


@router.get("/stories", response_model=Stories)
def stories(request: Request, page: int = PageNumber, chosen: Facets = Depends(facets)):
    """Stories in scope, largest first (the stories page)."""
    store = _store(request)
    pager = Pager(page, _size(request), store.count_stories(chosen.scope))
    rows = store.stories(pager.offset, pager.size, chosen.scope)
    return Stories(paging=Paging.of(pager, "/api/stories", chosen.query), items=[StoryItem.of(row) for row in rows])


@router.get("/stories/{story_id}", response_model=StoryDetail)
def story(request: Request, story_id: str, chosen: Facets = Depends(facets)):
    """One story: its reports, key judgements, graded claims and events (graded min_grade or better), derivations."""
    found = story_view(_store(request), story_id, request.app.state.config.table)
    if found is None:
        raise HTTPException(404, f"no story {story_id}")
    found.assessments = [a for a in found.assessments if chosen.scope.admits(a.credibility)]
    return StoryDetail.of_view(found, download_links(story_id))


@router.get("/claims/{claim_id}", response_model=ClaimDetail)
def claim(request: Request, claim_id: str):
    """A graded claim or event by its id (a single claim's id gives the assessment grading it),
    with each report's statements of it."""
    store = _store(request)
    assessment = store.assessment(claim_id)
    if assessment is None:
        graded = sorted(store.assessments_of_claim(claim_id), key=lambda a: a.subject != "claim")
        if not graded:
            raise HTTPException(404, f"no graded claim {claim_id}")
        assessment = graded[0]
    found, stated = statements(assessment, request)
    return ClaimDetail(
        assessment=AssessmentItem.of(assessment), story=StoryItem.of(found.row),
        stated=[Stated(report=StoryReport(id=s.view.report.id, title=s.view.report.title, outlet=s.view.report.outlet,
                                          published=s.view.report.published.isoformat() if s.view.report.published else None,
                                          reliability=s.view.reliability.letter),
                       statements=[Statement(claim_id=q.claim.id, text=q.claim.text,
                                             sentence=q.excerpt.before + q.excerpt.marked + q.excerpt.after) for q in s.quotes],
                       href=s.href) for s in stated],
    )


@router.get("/events", response_model=Assessments)
def events(request: Request, page: int = PageNumber, chosen: Facets = Depends(facets)):
    """Graded events in scope, story by story (largest analysis first within a story: its rank)."""
    store = _store(request)
    pager = Pager(page, _size(request), store.count_assessments(subject="event", scope=chosen.scope))
    found = store.assessments(subject="event", scope=chosen.scope, offset=pager.offset, limit=pager.size)
    return Assessments(paging=Paging.of(pager, "/api/events", chosen.query), items=[AssessmentItem.of(a) for a in found])


@router.get("/reports", response_model=Reports)
def reports(request: Request, page: int = PageNumber, chosen: Facets = Depends(facets)):
    """Reports in scope by publication time (the reports page)."""
    store = _store(request)
    pager = Pager(page, _size(request), store.count_reports(chosen.scope))
    return Reports(paging=Paging.of(pager, "/api/reports", chosen.query),
                   items=[ReportItem.of(r) for r in store.reports_page(pager.offset, pager.size, chosen.scope)])


@router.get("/reports/{report_id}", response_model=ReportDetail)
def report(request: Request, report_id: str):
    """One report: its text and what was read from it."""
    store = _store(request)
    found = store.report(report_id)
    if found is None:
        raise HTTPException(404, f"no report {report_id}")
    reading = store.reading(report_id)
    return ReportDetail(
        **ReportItem.of(found).model_dump(), text=found.text, skipped=reading.skipped,
        mentions=[MentionItem.of(m) for m in reading.mentions],
        claims=[ClaimItem(id=c.id, start=c.start, end=c.end, text=c.text, origin=c.origin.name,
                          chain=[s.name for s in c.chain], certainty=c.certainty.level) for c in reading.claims],
        events=[to_plain(e) for e in reading.events],
    )


@router.get("/entities/{key:path}", response_model=EntityDetail)
def entity(request: Request, key: str, page: int = PageNumber):
    """An entity's mentions across reports, each with its sentence (the entity page)."""
    key = request.scope["path"].removeprefix("/api/entities/") or key  # as the page: a key may end in a line break
    store = _store(request)
    mentions, in_reports = store.count_mentions(key)
    if not mentions:
        raise HTTPException(404, f"no report mentions {key}")
    pager = Pager(page, ENTITY_PAGE, mentions)
    return EntityDetail(key=key, mentions=mentions, in_reports=in_reports,
                        paging=Paging.of(pager, request.url.path),
                        items=[MentionHitItem.of(hit) for hit in store.mentions_of(key, pager.offset, pager.size)])


@router.get("/search", response_model=SearchResults)
def search(request: Request, q: str = Query("", max_length=500), page: int = PageNumber, chosen: Facets = Depends(facets)):
    """Reports and claims in scope matching the words, 20 of each a page (the search page)."""
    store = _store(request)
    scope: Scope = chosen.scope
    offset = (page - 1) * SEARCH_PAGE
    reports, report_hits = store.search_reports(q, offset, SEARCH_PAGE, scope) if q.strip() else (0, [])
    claims, claim_hits = store.search_claims(q, offset, SEARCH_PAGE, scope) if q.strip() else (0, [])
    pager = Pager(page, SEARCH_PAGE, max(reports, claims))
    return SearchResults(
        q=q, paging=Paging.of(pager, "/api/search", urlencode({"q": q}) + "&" + chosen.query),
        reports=reports, claims=claims,
        report_hits=[ReportHit(report=ReportItem.of(h.report), snippet=[Piece(text=t, match=m) for t, m in h.snippet])
                     for h in report_hits],
        claim_hits=[ClaimHit(claim_id=h.claim_id, report=ReportItem.of(h.report),
                             snippet=[Piece(text=t, match=m) for t, m in h.snippet]) for h in claim_hits],
    )


@router.get("/edits", response_model=Edits)
def edits(request: Request):
    """Every edit made, in order, and the kinds of edit (the edits page)."""
    made = request.app.state.store.edits()
    in_force = {e.id for e in active(made)}
    return Edits(kinds=[EditKind(name=k.name, target=k.target, fields=list(k.fields), help=k.help)
                        for k in KINDS.values() if k.name not in ("delete", "undo")],
                 edits=[EditRecord.of(e, e.id in in_force) for e in made])
