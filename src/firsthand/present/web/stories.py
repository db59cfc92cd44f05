"""Stories as the web app lists them.

Until the link stage groups reports into stories, every report belongs to one collection, `all`;
the pages take any list of these, so real stories slot in by replacing `stories()`.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...store import Store

ALL = "all"


@dataclass(frozen=True)
class StoryView:
    id: str
    title: str
    report_count: int
    first: str | None  # publication period of the earliest and latest report
    last: str | None


def stories(store: Store) -> list[StoryView]:
    periods = store.publication_periods()
    return [StoryView(ALL, "All reports", store.count_reports(),
                      periods[0][0] if periods else None, periods[-1][0] if periods else None)]


def story(store: Store, story_id: str) -> StoryView | None:
    return next((found for found in stories(store) if found.id == story_id), None)
