"""Reading pages: reports, entities, search over reports and claims."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from ...model.edit import KINDS, active
from ...present.screening import screening_of
from ..facets import Facets, facets
from ..paging import Pager
from ..passage import parse_spans, passage
from ..render import render

router = APIRouter()

SEARCH_PAGE = 20
ENTITY_PAGE = 100  # an entity's mentions a page
PageNumber = Query(1, ge=1, le=100_000)


def _store(request: Request):
    return request.app.state.store


@router.get("/reports", response_class=HTMLResponse)
def report_list(request: Request, page: int = PageNumber, chosen: Facets = Depends(facets)):
    store = _store(request)
    pager = Pager(page, request.app.state.config.page_size, store.count_reports(chosen.scope))
    return render(request, "reports.html", pager=pager, reports=store.reports_page(pager.offset, pager.size, chosen.scope),
                  entities=store.top_entities(20) if page == 1 and not chosen.given else [], facets=chosen)


@router.get("/reports/{report_id}", response_class=HTMLResponse)
def report_page(request: Request, report_id: str, highlight: str | None = None):
    store = _store(request)
    report = store.report(report_id)
    if report is None:
        raise HTTPException(404, f"no report {report_id}")
    try:
        spans = parse_spans(highlight)
    except ValueError as error:
        raise HTTPException(400, str(error)) from None
    reading = store.reading(report_id)
    return render(request, "report.html", report=report, reading=reading,
                  paragraphs=passage(report, reading, spans), stories=store.stories_of_report(report_id))


@router.get("/entities/{key:path}", response_class=HTMLResponse)
def entity_page(request: Request, key: str, page: int = PageNumber):
    # The route's pattern stops short of a trailing line break, which a mention's text can hold
    # (a name broken across lines): take the key from the decoded path itself.
    key = request.scope["path"].removeprefix("/entities/") or key
    store = _store(request)
    mentions, in_reports = store.count_mentions(key)
    if not mentions:
        raise HTTPException(404, f"no report mentions {key}")
    pager = Pager(page, ENTITY_PAGE, mentions)
    # The analyst's merges and splits naming this entity, on either side.
    edited = [e for e in active(store.edits()) if KINDS[e.kind].applies == "entities" and key in (e.target, *e.data.values())]
    return render(request, "entity.html", key=key, in_reports=in_reports, pager=pager,
                  hits=store.mentions_of(key, pager.offset, pager.size), edited=edited,
                  screening=screening_of(store, entity_ids=[key]))


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: str = Query("", max_length=500), page: int = PageNumber, chosen: Facets = Depends(facets)):
    """Claims and reports matching the words, 20 of each a page."""
    store = _store(request)
    offset = (page - 1) * SEARCH_PAGE
    reports, report_hits = store.search_reports(q, offset, SEARCH_PAGE, chosen.scope) if q.strip() else (0, [])
    claims, claim_hits = store.search_claims(q, offset, SEARCH_PAGE, chosen.scope) if q.strip() else (0, [])
    return render(request, "search.html", q=q, hits=report_hits, claim_hits=claim_hits, reports=reports, claims=claims,
                  pager=Pager(page, SEARCH_PAGE, max(reports, claims)), facets=chosen)
