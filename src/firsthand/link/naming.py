"""A story's name, from its reports: the earliest report's title; when none has a title, the
entities the most of its reports name (a label, which asserts nothing); else the opening words of
its earliest report."""

from __future__ import annotations

from collections import Counter

from ..model.reading import Reading
from ..model.report import Report

NAMED = 3  # entities in a name made of entities
OPENING_WORDS = 10


def story_title(reports: list[Report], readings: dict[str, Reading]) -> str | None:
    ordered = sorted(reports, key=lambda r: (r.published is None, r.published))
    titled = [r.title for r in ordered if r.title]
    if titled:
        return titled[0]
    in_reports: Counter[str] = Counter()  # entity id → reports naming it
    mentions: Counter[str] = Counter()
    names: dict[str, str] = {}
    for report in ordered:
        reading = readings.get(report.id)
        found = [m for m in reading.mentions if m.kind != "other"] if reading else []
        in_reports.update({m.id for m in found})
        mentions.update(m.id for m in found)
        names.update((m.id, m.name) for m in found if m.id not in names)
    if in_reports:
        ranked = sorted(in_reports, key=lambda key: (-in_reports[key], -mentions[key], names[key]))
        return ", ".join(names[key] for key in ranked[:NAMED])
    for report in ordered:
        words = report.text.split()
        if words:
            return " ".join(words[:OPENING_WORDS]) + (" …" if len(words) > OPENING_WORDS else "")
    return None
