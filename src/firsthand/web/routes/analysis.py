"""What the analysis found: stories with their dossiers, graded claims and events, the timeline
of events, and the places named."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from ...model.assessment import Assessment
from ...model.claim import Claim
from ...present.dossier import ReportView, StoryView, story_view, timeline
from ...present.screening import screening_of
from ..facets import Facets, facets
from ..geo import plot
from ..paging import Pager
from ..passage import Excerpt, excerpt
from ..render import render

router = APIRouter()


@dataclass(frozen=True)
class Quote:
    claim: Claim
    excerpt: Excerpt


@dataclass(frozen=True)
class Stated:
    """One report's statements of an assessed claim, and the link that highlights them all."""

    view: ReportView
    quotes: list[Quote]

    @property
    def href(self) -> str:
        spans = ",".join(f"{q.claim.start}-{q.claim.end}" for q in self.quotes)
        return f"/reports/{self.view.report.id}?highlight={spans}"


def _store(request: Request):
    return request.app.state.store


@router.get("/", response_class=HTMLResponse)
@router.get("/stories", response_class=HTMLResponse)
def story_list(request: Request, page: int = Query(1, ge=1, le=100_000), chosen: Facets = Depends(facets)):
    store = _store(request)
    pager = Pager(page, request.app.state.config.page_size, store.count_stories(chosen.scope))
    return render(request, "stories.html", stories=store.stories(pager.offset, pager.size, chosen.scope), pager=pager,
                  reports=store.count_reports(), facets=chosen)


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: str):
    story = story_view(_store(request), story_id, request.app.state.config.table)
    if story is None:
        raise HTTPException(404, f"no story {story_id}")
    return render(request, "story.html", story=story,
                  screening=screening_of(_store(request), report_ids=[view.report.id for view in story.reports]))


def statements(assessment: Assessment, request: Request) -> tuple[StoryView, list[Stated]]:
    story = story_view(_store(request), assessment.story_id, request.app.state.config.table, claim_ids=assessment.claim_ids)
    if story is None:  # the analysis was replaced between the two reads
        raise HTTPException(404, f"no story {assessment.story_id}")
    by_report: dict[str, Stated] = {}
    for view, claim in story.instances(assessment):
        quote = Quote(claim, excerpt(view.report.text, (claim.sentence_start, claim.sentence_end), (claim.start, claim.end)))
        by_report.setdefault(view.report.id, Stated(view, [])).quotes.append(quote)
    return story, list(by_report.values())


@router.get("/claims/{claim_id}", response_class=HTMLResponse)
def claim_page(request: Request, claim_id: str):
    """An assessment by its id; a single claim's id leads to the assessment grading it."""
    store = _store(request)
    assessment = store.assessment(claim_id)
    if assessment is None:
        graded = sorted(store.assessments_of_claim(claim_id), key=lambda a: a.subject != "claim")
        if graded:
            return RedirectResponse(f"/claims/{graded[0].id}", status_code=303)
        if store.claim(claim_id) is not None:
            raise HTTPException(404, f"claim {claim_id} is not graded yet: it is graded when its story is next assessed")
        raise HTTPException(404, f"no claim {claim_id}")
    story, stated = statements(assessment, request)
    return render(request, "claim.html", a=assessment, story=story, stated=stated)


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(request: Request, period: str | None = Query(None, max_length=10), page: int = Query(1, ge=1, le=100_000)):
    store = _store(request)
    periods = store.publication_periods()
    events = timeline(store.assessments(subject="event"))
    pager = Pager(page, request.app.state.config.page_size, len(events))
    shown = events[pager.offset:pager.offset + pager.size]
    titles = {row.id: row.title or f"Story {row.id}" for row in map(store.story, {a.story_id for a in shown}) if row}
    return render(request, "timeline.html", events=shown, titles=titles, pager=pager,
                  periods=periods, most=max((n for _, n in periods), default=0),
                  period=period, reports=store.reports_in_period(period) if period else [])


@router.get("/map", response_class=HTMLResponse)
def place_map(request: Request, page: int = Query(1, ge=1, le=100_000)):
    places = _store(request).places()
    pager = Pager(page, request.app.state.config.page_size, len(places))
    return render(request, "map.html", places=places, plot=plot(places), pager=pager,
                  listed=places[pager.offset:pager.offset + pager.size])
