"""One entity across the reports of a story: "Kim" in one report and "Kim Jong Un" in another,
an acronym one report never defines. Claims read report by report carry each report's own ids;
linking a story gives them the ids merged across its reports."""

from __future__ import annotations

from dataclasses import replace

from ..model.claim import Claim
from ..read.entities import resolve_across
from ..model.mention import Mention


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
