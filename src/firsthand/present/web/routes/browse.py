"""Reading pages: stories, reports, entities, timeline, map, search."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from ..paging import Pager
from ..passage import parse_spans, passage
from ..render import render
from ..stories import stories, story

router = APIRouter()

PLACE_KINDS = ("place", "country")
PageNumber = Query(1, ge=1, le=100_000)


def _store(request: Request):
    return request.app.state.store


@router.get("/", response_class=HTMLResponse)
@router.get("/stories", response_class=HTMLResponse)
def story_list(request: Request):
    return render(request, "stories.html", stories=stories(_store(request)))


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: str, page: int = PageNumber):
    store = _store(request)
    found = story(store, story_id)
    if found is None:
        raise HTTPException(404, f"no story {story_id}")
    pager = Pager(page, request.app.state.config.page_size, found.report_count)
    return render(request, "story.html", story=found, pager=pager,
                  reports=store.reports_page(pager.offset, pager.size),
                  entities=store.top_entities(20) if page == 1 else [])


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
                  paragraphs=passage(report, reading, spans))


@router.get("/entities/{key:path}", response_class=HTMLResponse)
def entity_page(request: Request, key: str, page: int = PageNumber):
    # The route's pattern stops short of a trailing line break, which a mention's text can hold
    # (a name broken across lines): take the key from the decoded path itself.
    key = request.scope["path"].removeprefix("/entities/") or key
    store = _store(request)
    mentions, in_reports = store.count_mentions(key)
    if not mentions:
        raise HTTPException(404, f"no report mentions {key}")
    pager = Pager(page, 100, mentions)
    return render(request, "entity.html", key=key, in_reports=in_reports, pager=pager,
                  hits=store.mentions_of(key, pager.offset, pager.size))


@router.get("/claims/{claim_id}", response_class=HTMLResponse)
def claim_page(request: Request, claim_id: str):
    # The claims stage fills this page in; until then no claim id exists to show.
    raise HTTPException(404, f"no claim {claim_id}: claims are not extracted by this version of firsthand yet")


@router.get("/timeline", response_class=HTMLResponse)
def timeline(request: Request, period: str | None = Query(None, max_length=10)):
    store = _store(request)
    periods = store.publication_periods()
    return render(request, "timeline.html", periods=periods, most=max((n for _, n in periods), default=0),
                  period=period, reports=store.reports_in_period(period) if period else [])


@router.get("/map", response_class=HTMLResponse)
def place_map(request: Request):
    return render(request, "map.html", places=_store(request).top_entities(200, PLACE_KINDS))


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: str = Query("", max_length=500), page: int = PageNumber):
    total, hits = _store(request).search_reports(q, (page - 1) * 20, 20) if q.strip() else (0, [])
    return render(request, "search.html", q=q, hits=hits, pager=Pager(page, 20, total))
