"""A Scope from what a user typed (the command line's options, a page's query): the one parser,
so that `--until 2023-11` and `?until=2023-11` mean the same."""

from __future__ import annotations

from datetime import datetime, timedelta

from ..ingest.published import parse_published
from ..model.assessment import CREDIBILITY
from ..model.scope import Scope


def _end_of(when: datetime, precision: str) -> datetime:
    """The first moment after the day, month or year `when` names: `--until 2023-11` keeps all of November."""
    if precision == "year":
        return when.replace(year=when.year + 1)
    if precision == "month":
        return when.replace(year=when.year + 1, month=1) if when.month == 12 else when.replace(month=when.month + 1)
    if precision == "day":
        return when + timedelta(days=1)
    return when + timedelta(seconds=1)  # a time to the second: through that second


def _moment(value: str, name: str) -> tuple[datetime, str]:
    try:
        return parse_published(value)
    except ValueError as error:
        raise ValueError(f"{name}: {error}") from None


def scope_of(story: str | None = None, since: str | None = None, until: str | None = None, outlet: str | None = None,
             entity: str | None = None, min_grade: int | None = None, limit: int | None = None) -> Scope:
    """The Scope of the given options (blank ones ignored); ValueError naming a bad one."""
    def given(value: str | None) -> str | None:
        return value.strip() or None if value is not None else None

    since, until = given(since), given(until)
    if min_grade is not None and min_grade not in CREDIBILITY:
        raise ValueError(f"min-grade: an Admiralty credibility from {min(CREDIBILITY)} to {max(CREDIBILITY)}, not {min_grade}")
    if limit is not None and limit < 1:
        raise ValueError(f"limit: at least 1, not {limit}")
    start = _moment(since, "since")[0] if since else None
    end = _end_of(*_moment(until, "until")) if until else None
    if start and end and end <= start:
        raise ValueError("until: before since")
    return Scope(story=given(story), since=start, until=end, outlet=given(outlet), entity=given(entity),
                 min_grade=min_grade, limit=limit)
