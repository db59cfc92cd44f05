"""An analyst's edits applied after the machine's reading, in one place, by the stage each kind
names (model/edit.py `KINDS`): entities merged and split in the readings; claims and events
marked wrong left out of grading; the reliability table overlaid; grades overruled and notes
attached to the assessments. What an edit changes is shown as the analyst's, never blended in."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace

from ..model.assessment import AnalystNote, Assessment, Override, Reliability
from ..model.claim import Claim
from ..model.edit import KINDS, Edit, EditError, active
from ..model.event import Event, Participant, event_id
from ..model.mention import Mention
from .estimative import for_credibility
from .reliability import ReliabilityTable

SECTIONS = ("outlets", "origins")


def parse_grade(code: str) -> tuple[str, int]:
    """An Admiralty grade as the analyst writes it ("B2", "b 2") → ("B", 2); EditError if it is none."""
    code = "".join(code.split()).upper()
    if len(code) != 2 or code[0] not in "ABCDEF" or code[1] not in "123456":
        raise EditError(f"{code or '(empty)'} is not an Admiralty grade: a letter A-F and a digit 1-6, such as B2")
    return code[0], int(code[1])


def _note(edit: Edit, text: str) -> AnalystNote:
    return AnalystNote(text, edit.who, edit.when, edit.id)


class Corrections:
    """A store's edits in force, sorted by where they apply."""

    def __init__(self, edits: Iterable[Edit] = ()) -> None:
        self.edits = active(edits)
        by_stage: dict[str, list[Edit]] = defaultdict(list)
        for e in self.edits:
            by_stage[KINDS[e.kind].applies].append(e)
        self._merged = {e.target: e.data["into"] for e in by_stage["entities"] if e.kind == "merge-entities"}
        self._split = {(e.target, e.data["text"].casefold()): (e.data["as"], e.data.get("name") or e.data["text"])
                       for e in by_stage["entities"] if e.kind == "split-entity"}
        self.wrong = {e.target: e for e in by_stage["judgement"]}
        self._reliability = by_stage["table"]
        self._overrides = {e.target: e for e in self.edits if e.kind == "override-grade"}  # the latest wins
        self._notes: dict[str, list[Edit]] = defaultdict(list)
        for e in self.edits:
            if e.kind == "note":
                self._notes[e.target].append(e)
        self._touching: dict[str, list[str]] = defaultdict(list)
        for e in self.edits:
            for report_id in e.reports:
                self._touching[report_id].append(e.id)

    def __bool__(self) -> bool:
        return bool(self.edits)

    # -- entities ---------------------------------------------------------------------------------

    def entity(self, entity_id: str) -> str:
        """An entity's id after the merges (followed through chains, a cycle stopping where it closes)."""
        seen = {entity_id}
        while (entity_id := self._merged.get(entity_id, entity_id)) not in seen:
            seen.add(entity_id)
        return entity_id

    def linking_ids(self, entity_ids: frozenset[str]) -> frozenset[str]:
        return frozenset(map(self.entity, entity_ids)) if self._merged else entity_ids

    def _mention_id(self, mention: Mention) -> str:
        split = self._split.get((mention.id, mention.text.casefold()))
        return self.entity(split[0] if split else mention.id)

    def mentions(self, found: list[Mention]) -> list[Mention]:
        """A report's mentions with the merges and splits applied, each taking its entity's name."""
        if not (self._merged or self._split):
            return found
        names = {m.id: m.name for m in found}
        names.update({new: name for new, name in self._split.values()})
        out = []
        for m in found:
            new = self._mention_id(m)
            out.append(m if new == m.id else replace(m, id=new, name=names.get(new, m.name)))
        return out

    def claims(self, claims: list[Claim], mentions: dict[str, list[Mention]]) -> list[Claim]:
        """Claims with their entities and sources renamed as the mentions inside them were."""
        if not (self._merged or self._split):
            return claims
        by_report = {r: [(m, self._mention_id(m)) for m in found] for r, found in mentions.items()}

        def rename(claim: Claim) -> Claim:
            inside = [(m, new) for m, new in by_report.get(claim.report_id, ()) if claim.start <= m.start < claim.end]
            ids = []
            for old in claim.entity_ids:
                taken = {new for m, new in inside if m.id == old} or {self.entity(old)}
                ids.extend(sorted(taken))
            chain = tuple(replace(s, entity_id=self._source_id(s.entity_id, s.name)) for s in claim.chain)
            return replace(claim, entity_ids=tuple(dict.fromkeys(ids)), chain=chain)

        return [rename(c) for c in claims]

    def _source_id(self, entity_id: str | None, text: str) -> str | None:
        if entity_id is None:
            return None
        split = self._split.get((entity_id, text.casefold()))
        return self.entity(split[0] if split else entity_id)

    def events(self, events: list[Event]) -> list[Event]:
        if not (self._merged or self._split):
            return events

        def party(p: Participant) -> Participant:
            split = self._split.get((p.id, p.text.casefold()))
            new = self.entity(split[0] if split else p.id)
            return p if new == p.id else replace(p, id=new, name=split[1] if split else p.name)

        return [replace(e, actors=list(map(party, e.actors)), recipients=list(map(party, e.recipients))) for e in events]

    # -- judgement ----------------------------------------------------------------------------------

    def judged(self, claims: list[Claim], events: list[Event]) -> tuple[list[Claim], list[Event]]:
        """The claims and events to grade: all but those marked wrong (listed apart by the dossier)."""
        if not self.wrong:
            return claims, events
        return [c for c in claims if c.id not in self.wrong], [e for e in events if event_id(e) not in self.wrong]

    # -- the reliability table ----------------------------------------------------------------------

    def table(self, table: ReliabilityTable) -> ReliabilityTable:
        """The table with the analyst's letters over it, each saying it is the analyst's and what it was."""
        if not self._reliability:
            return table
        sections: dict[str, dict[str, Reliability]] = {"outlets": {}, "origins": {}}
        for e in self._reliability:
            before = table.outlet(e.target) if e.data["section"] == "outlets" else table.origin(e.target)
            why = f": {e.why}" if e.why else ""
            sections[e.data["section"]][e.target] = Reliability(e.data["grade"], f"the analyst's ({e.who}){why}; was {before.letter}")
        return table.overlaid(sections["outlets"], sections["origins"])

    # -- grades and notes ---------------------------------------------------------------------------

    def grades(self, assessments: list[Assessment], story_reports: Iterable[str] = ()) -> list[Assessment]:
        """The assessments with the analyst's grades over the machine's and their notes attached.
        An edit names an assessment by id; when a re-analysis gave the judgement another id (its
        story grew), by the claims it rested on."""
        if not (self._overrides or self._notes):
            return assessments
        members = set(story_reports)
        story_notes = [e for e in self.edits if e.kind == "note" and e.data.get("on") == "story" and set(e.reports) & members]
        out = []
        for a in assessments:
            override = self._find(self._overrides, a)
            notes = [e for e in self.edits if e.kind == "note" and e.data.get("on") != "story" and self._about(e, a)]
            if override is not None:
                letter, credibility = parse_grade(override.data["grade"])
                estimate = for_credibility(credibility)
                a = replace(a, reliability=letter, credibility=credibility, estimate=str(estimate) if estimate else None,
                            override=Override(a.code, _note(override, override.why)))
            if notes:
                a = replace(a, notes=tuple(_note(e, e.data["text"]) for e in notes))
            out.append(a)
        if story_notes and out:
            # A story's notes go with its first judgement, which every page of the story shows.
            out[0] = replace(out[0], notes=(*out[0].notes, *(_note(e, "on the story: " + e.data["text"]) for e in story_notes)))
        return out

    @staticmethod
    def _find(edits: dict[str, Edit], a: Assessment) -> Edit | None:
        found = edits.get(a.id)
        if found is not None:
            return found
        claims = set(a.claim_ids)
        return next((e for e in edits.values() if e.data.get("subject") == a.subject and claims
                     and set(e.data.get("claims", "").split()) == claims), None)

    @staticmethod
    def _about(edit: Edit, a: Assessment) -> bool:
        on = edit.data.get("on")
        if on == "assessment":
            return edit.target == a.id or bool(a.claim_ids) and set(edit.data.get("claims", "").split()) == set(a.claim_ids)
        if on == "claim":
            return edit.target in a.claim_ids
        if on == "event" and a.event is not None:
            return edit.target == event_id(a.event) or (set(edit.reports) <= set(a.report_ids)
                                                        and edit.data.get("type") == a.event.type)
        return False

    # -- what a story's analysis is made from --------------------------------------------------------

    def basis(self, report_ids: Iterable[str]) -> str:
        """The edits touching these reports, as a hash for the story's basis ("" when none does)."""
        ids = sorted({e for r in report_ids for e in self._touching.get(r, ())})
        return hashlib.sha1(" ".join(ids).encode()).hexdigest() if ids else ""
