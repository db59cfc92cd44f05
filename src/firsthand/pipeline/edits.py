"""Making an analyst's edit: the target checked and described against the store, the edit recorded.
The CLI and the web app both come here; `assess` then applies the edits (grade/edits.py)."""

from __future__ import annotations

from datetime import UTC, datetime

from ..grade.edits import SECTIONS, parse_grade
from ..model.edit import Edit, EditError, active, check
from ..read.entities import slug
from ..store import Store


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _entity(store: Store, entity_id: str) -> list[str]:
    found = store.reports_mentioning(entity_id)
    if not found:
        raise EditError(f"no entity {entity_id} is mentioned in the store")
    return found


def _resolved(store: Store, edit: Edit) -> Edit:
    """The edit with what the kind needs filled in from the store (the reports it touches, a label),
    or EditError naming what is wrong."""
    data, target = dict(edit.data), edit.target
    label = target
    reports: tuple[str, ...] = ()
    if edit.kind == "merge-entities":
        if data["into"] == target:
            raise EditError(f"{target} cannot be merged into itself")
        reports = (*_entity(store, target), *_entity(store, data["into"]))
        label = f"{target} is {data['into']}"
    elif edit.kind == "split-entity":
        reports = tuple(_entity(store, target))
        label = f"{target} written “{data['text']}” is {data['as']}"
    elif edit.kind == "mark-wrong":
        found = store.claim_or_event(target)
        if found is None:
            raise EditError(f"no claim or event {target}")
        data["on"], report_id = found
        reports = (report_id,)
        label = _describe(store, data["on"], target)
    elif edit.kind == "override-grade":
        assessment = store.assessment(target)
        if assessment is None:
            raise EditError(f"no graded claim or event {target}")
        letter, credibility = parse_grade(data["grade"])
        data.update(grade=f"{letter}{credibility}", subject=assessment.subject, claims=" ".join(assessment.claim_ids))
        reports, label = assessment.report_ids, f"{assessment.statement} (was {assessment.code})"
    elif edit.kind == "reliability":
        if data["section"] not in SECTIONS:
            raise EditError(f"reliability is set for one of {', '.join(SECTIONS)}, not {data['section']!r}")
        data["grade"] = data["grade"].strip().upper()
        if data["grade"] not in "ABCDEF" or len(data["grade"]) != 1:
            raise EditError(f"{data['grade']} is not a reliability letter: one of A-F")
        label = f"{data['section'][:-1]} {target}"
    elif edit.kind == "note":
        data["on"], reports, label = _noted(store, target, data)
    elif edit.kind == "delete":
        report = store.report(target)
        if report is None:
            raise EditError(f"no report {target}")
        label = f"report {target}: {report.title or report.text[:60]}"
    elif edit.kind == "undo":
        undone = next((e for e in active(store.edits()) if e.id == target), None)
        if undone is None:
            raise EditError(f"no edit {target} in force to undo (firsthand edit list shows them)")
        if undone.kind == "delete":
            label = f"{undone.label} (it may be ingested again; its text is not kept)"
        else:
            label = undone.describe()
        reports = undone.reports
    return Edit(edit.kind, target, edit.who, edit.when, edit.why, data, label, tuple(dict.fromkeys(reports)))


def _describe(store: Store, on: str, target: str) -> str:
    if on == "claim":
        claim = store.claim(target)
        return f"claim “{claim.text}”" if claim else f"claim {target}"
    event = store.event_row(target)
    if event is None:
        return f"event {target}"
    parties = " → ".join(", ".join(p.label for p in side) for side in (event.actors, event.recipients) if side)
    return f"event {event.type} ({parties}): “{event.trigger}”"


def _noted(store: Store, target: str, data: dict[str, str]) -> tuple[str, tuple[str, ...], str]:
    """What a note is on, the reports it touches and a label for it."""
    assessment = store.assessment(target)
    if assessment is not None:
        data["claims"] = " ".join(assessment.claim_ids)
        return "assessment", assessment.report_ids, assessment.statement
    found = store.claim_or_event(target)
    if found is not None:
        on, report_id = found
        if on == "event" and (event := store.event_row(target)) is not None:
            data["type"] = event.type
        return on, (report_id,), _describe(store, on, target)
    story = store.story(target)
    if story is not None:
        return "story", story.report_ids, f"story {story.title or target}"
    raise EditError(f"no claim, event, graded judgement or story {target}")


def record(store: Store, kind: str, target: str, who: str, why: str = "", **data: str) -> Edit:
    """Check an edit against the store and record it; EditError (one line) if it cannot be made."""
    target = target.strip()
    if kind == "split-entity" and data.get("text") and not data.get("as"):
        data["as"] = f"{target}~{slug(data['text'])}"
    edit = Edit(kind, target, who, _now(), why.strip(), {k: v.strip() for k, v in data.items() if v and v.strip()})
    check(edit)
    if kind == "delete":
        raise EditError("a report is deleted by delete_reports, which removes it too")
    edit = _resolved(store, edit)
    store.add_edit(edit)
    return edit


def delete_reports(store: Store, report_ids: list[str], who: str, why: str = "") -> list[Edit]:
    """Delete reports with what was read from them, recording a `delete` edit for each; EditError
    naming the first unknown id, before anything is deleted."""
    when = _now()
    deletions = [_resolved(store, Edit("delete", report_id.strip(), who, when, why.strip())) for report_id in dict.fromkeys(report_ids)]
    store.delete_reports(deletions)
    return deletions


def carry_over(store: Store, edits: list[Edit]) -> int:
    """Record edits made on another store (`firsthand edit list --all --json`), in their order,
    each as it was made (who, when, why); those already here are skipped. A deletion deletes its
    report here too. How many were recorded."""
    known = {e.id for e in store.edits()}
    added = 0
    for edit in edits:
        if edit.id in known:
            continue
        check(edit)
        if edit.kind == "delete" and store.report(edit.target) is not None:
            store.delete_reports([edit])
        else:
            store.add_edit(edit)
        known.add(edit.id)
        added += 1
    return added
