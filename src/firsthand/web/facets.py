"""The facets of a list or search page (and of its JSON): the page's query as a Scope, parsed by
the same code as the command line's options (present/scope.py)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from fastapi import HTTPException, Query

from ..model.scope import Scope
from ..present.scope import scope_of


@dataclass(frozen=True)
class Facets:
    scope: Scope
    given: dict[str, str]  # the facets as the query gave them (blank ones left out), to keep in page links

    @property
    def query(self) -> str:
        """The facets as the start of a query string ("outlet=Reuters&"), for links to other pages."""
        return urlencode(self.given) + "&" if self.given else ""


def facets(
    story: str | None = Query(None, max_length=64, description="Only this story (its id)."),
    since: str | None = Query(None, max_length=40, description="Only reports published on or after this time (ISO 8601)."),
    until: str | None = Query(None, max_length=40, description="Only reports published up to the end of this day, month or year."),
    outlet: str | None = Query(None, max_length=200, description="Only reports of this outlet (any case)."),
    entity: str | None = Query(None, max_length=200, description="Only reports mentioning this entity (canonical id or name as written)."),
    min_grade: int | None = Query(None, ge=1, le=6, description="Only judgements graded this credibility or better (1 … 6)."),
) -> Facets:
    """A FastAPI dependency: the query's facets, or 400 naming the bad one."""
    try:
        scope = scope_of(story, since, until, outlet, entity, min_grade)
    except ValueError as error:
        raise HTTPException(400, str(error)) from None
    given = {name: str(value) for name, value in (("story", story), ("since", since), ("until", until), ("outlet", outlet),
                                                   ("entity", entity), ("min_grade", min_grade)) if value not in (None, "")}
    return Facets(scope, given)
