"""One entity across the reports of a story: "Kim" in one report and "Kim Jong Un" in another,
an acronym one report never defines. Claims read report by report carry each report's own ids;
linking a story gives them the ids merged across its reports."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import cache

from ..model.claim import Claim
from ..model.mention import Mention
from ..read.entities import IGO, ORGANIZATION, PERSON, slug


def _unique(candidates: Iterable[str]) -> str | None:
    found = set(candidates)
    return found.pop() if len(found) == 1 else None


_QUALIFIED = re.compile(r"org:[a-z]{3}-(.*)", re.DOTALL)


def resolve_across(reports: Sequence[Sequence[Mention]]) -> list[list[Mention]]:
    """The same mentions with ids merged between reports: a lone "Kim" in one report takes the
    one full name that fits from the others, an undefined "NIS" takes the id other reports
    defined it as, and "org:national-intelligence-service" joins the one country-qualified
    "org:kor-national-intelligence-service"."""
    all_mentions = [m for report in reports for m in report]
    people = {m.id for m in all_mentions if m.kind == PERSON}
    full_people = {p for p in people if "-" in p.removeprefix("person:")}
    # Full names by their first and last part, qualified organisations by what follows the
    # country code: looked up, not searched for each mention (a story may hold 100,000).
    by_part: dict[str, set[str]] = defaultdict(set)
    for p in full_people:
        parts = p[7:].split("-")
        by_part[parts[0]].add(p)
        by_part[parts[-1]].add(p)
    by_core: dict[str, set[str]] = defaultdict(set)
    for o in {m.id for m in all_mentions if m.kind in (ORGANIZATION, IGO)}:
        if qualified := _QUALIFIED.fullmatch(o):
            by_core[qualified.group(1)].add(o)
    defined_as: dict[str, set[str]] = {}
    for m in all_mentions:
        if m.kind in (ORGANIZATION, IGO) and m.id != f"org:{slug(m.text)}":
            defined_as.setdefault(m.text, set()).add(m.id)
    names = {m.id: m.name for m in all_mentions}

    @cache
    def remap(kind: str, id_: str, text: str) -> str:
        if kind == PERSON and id_ not in full_people:
            return _unique(by_part.get(id_.removeprefix("person:"), ())) or id_
        if kind == ORGANIZATION:
            if id_ == f"org:{slug(text)}" and (target := _unique(defined_as.get(text, ()))):
                return target
            return _unique(by_core.get(id_.removeprefix("org:"), ())) or id_
        return id_

    result = []
    for report in reports:
        merged = []
        for m in report:
            new_id = remap(m.kind, m.id, m.text)
            merged.append(m if new_id == m.id else replace(m, id=new_id, name=names.get(new_id, m.name)))
        result.append(merged)
    return result


def merge_entities(mentions: dict[str, list[Mention]], claims: list[Claim]) -> tuple[dict[str, list[Mention]], list[Claim]]:
    """The story's mentions with merged ids, and its claims with their entities and sources renamed to match."""
    report_ids = list(mentions)
    merged = dict(zip(report_ids, resolve_across([mentions[r] for r in report_ids])))
    renamed = {(r, old.id): new.id for r in report_ids for old, new in zip(mentions[r], merged[r]) if old.id != new.id}
    if not renamed:
        return merged, claims

    def rename(claim: Claim) -> Claim:
        ids = tuple(dict.fromkeys(renamed.get((claim.report_id, e), e) for e in claim.entity_ids))
        chain = tuple(replace(s, entity_id=renamed.get((claim.report_id, s.entity_id), s.entity_id)) for s in claim.chain)
        return replace(claim, entity_ids=ids, chain=chain)

    return merged, [rename(c) for c in claims]
