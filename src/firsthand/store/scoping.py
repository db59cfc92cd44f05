"""A Scope as SQL conditions: which reports, stories and assessments it covers. The Store adds
these to its queries; nothing else turns a Scope into SQL."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import ColumnElement, and_, func, or_, select, true

from ..model.scope import Scope
from .schema import assessments, mentions, reports, story_reports


def _iso(value: datetime) -> str:
    return value.astimezone(UTC).isoformat()  # as the store writes publication times, so they compare as text


def of_reports(scope: Scope) -> ColumnElement[bool]:
    """The reports in scope (grades and limit aside): published in the period, by the outlet,
    mentioning the entity, in the story."""
    conditions: list[ColumnElement[bool]] = []
    if scope.since is not None:
        conditions.append(reports.c.published >= _iso(scope.since))
    if scope.until is not None:
        conditions.append(reports.c.published < _iso(scope.until))
    if scope.outlet is not None:
        conditions.append(func.lower(reports.c.outlet) == scope.outlet.lower())
    if scope.entity is not None:
        conditions.append(reports.c.id.in_(
            select(mentions.c.report_id).where(or_(mentions.c.entity_id == scope.entity, mentions.c.text == scope.entity))))
    if scope.story is not None:
        conditions.append(reports.c.id.in_(select(story_reports.c.report_id).where(story_reports.c.story_id == scope.story)))
    return and_(true(), *conditions)


def of_stories(scope: Scope, story_id: ColumnElement) -> ColumnElement[bool]:
    """The stories in scope, by their id column `story_id`: the story named, those with a report in
    scope and a judgement graded min_grade or better. A story is taken whole: its grades were made
    over all its reports."""
    conditions: list[ColumnElement[bool]] = []
    if scope.story is not None:
        conditions.append(story_id == scope.story)
    if any(value is not None for value in (scope.since, scope.until, scope.outlet, scope.entity)):
        without_story = Scope(since=scope.since, until=scope.until, outlet=scope.outlet, entity=scope.entity)
        conditions.append(story_id.in_(
            select(story_reports.c.story_id).join(reports, reports.c.id == story_reports.c.report_id)
            .where(of_reports(without_story))))
    if scope.min_grade is not None:  # a story with a judgement graded that well
        conditions.append(story_id.in_(select(assessments.c.story_id).where(assessments.c.credibility <= scope.min_grade)))
    return and_(true(), *conditions)


def of_assessments(scope: Scope) -> ColumnElement[bool]:
    """The assessments in scope: of a story in scope, graded min_grade or better."""
    condition = of_stories(scope, assessments.c.story_id)
    if scope.min_grade is not None:
        condition = and_(condition, assessments.c.credibility <= scope.min_grade)
    return condition
