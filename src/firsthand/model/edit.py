"""An analyst's edits: corrections recorded beside the machine's reading (who, when, what, why),
applied after it on every analysis, shown as the analyst's, and undone by another edit.

The kinds are data: each names what it targets, the fields it takes and the stage it applies at
(`grade/edits.py` holds one function per stage)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Kind:
    name: str
    target: str  # what the target id names
    fields: tuple[str, ...]  # required fields besides the target
    applies: str  # "entities": to the readings; "judgement": to the claims and events graded;
    # "table": to the reliability table; "grade": to the assessments; "store": done when recorded
    help: str


KINDS: dict[str, Kind] = {kind.name: kind for kind in (
    Kind("merge-entities", "entity id merged away", ("into",), "entities",
         "one entity the reader kept apart from another: its mentions take the other's id and name"),
    Kind("split-entity", "entity id", ("text", "as"), "entities",
         "the mentions of an entity written `text` are another entity, `as` (a new id)"),
    Kind("mark-wrong", "claim or event id", (), "judgement",
         "a claim or event the reader got wrong: left out of grading and listed apart with the reason"),
    Kind("override-grade", "assessment id", ("grade",), "grade",
         "the analyst's own Admiralty grade (such as B2) over the machine's, with a note"),
    Kind("reliability", "outlet name or origin kind", ("section", "grade"), "table",
         "an outlet's or an origin kind's reliability letter (A-F) over the table's"),
    Kind("note", "claim, event, assessment or story id", ("text",), "grade",
         "a note on a claim, event, assessment or story, shown beside it"),
    Kind("delete", "report id", (), "store",
         "a report removed from the store with what was read from it; it is not ingested again"),
    Kind("undo", "edit id", (), "store", "an earlier edit undone"),
)}


@dataclass(frozen=True)
class Edit:
    kind: str
    target: str
    who: str
    when: str  # ISO 8601, UTC
    why: str = ""
    data: dict[str, str] = field(default_factory=dict)  # the kind's fields
    label: str = ""  # the target as the analyst saw it ("the claim 'Russia sent …'"), for listing it apart
    reports: tuple[str, ...] = ()  # the reports whose stories the edit touches, to analyse them again

    @property
    def id(self) -> str:
        parts = (self.kind, self.target, self.who, self.when, self.why, *sorted(self.data.items()))
        return hashlib.sha256(repr(parts).encode()).hexdigest()[:12]

    def describe(self) -> str:
        """One line: the kind, its target and fields (not what was filled in from the store), who, when, why."""
        kind = KINDS.get(self.kind)
        fields = ", ".join(f"{k}={v}" for k, v in sorted(self.data.items()) if kind and k in kind.fields)
        why = f" — {self.why}" if self.why else ""
        return f"{self.kind} {self.target}{f' ({fields})' if fields else ''} by {self.who} at {self.when}{why}"


class EditError(ValueError):
    """An edit that cannot be made as given; the message says why in one line."""


def check(edit: Edit) -> None:
    kind = KINDS.get(edit.kind)
    if kind is None:
        raise EditError(f"no edit kind {edit.kind!r}; one of {', '.join(KINDS)}")
    missing = [name for name in kind.fields if not edit.data.get(name)]
    if missing or not edit.target:
        raise EditError(f"{edit.kind} needs a {kind.target}" + (f" and {', '.join(missing)}" if missing else ""))


def active(edits: Iterable[Edit]) -> list[Edit]:
    """The edits in force, in the order they were made: every edit but undos and what they undid."""
    made = list(edits)
    undone = {e.target for e in made if e.kind == "undo"}
    return [e for e in made if e.kind != "undo" and e.id not in undone]
