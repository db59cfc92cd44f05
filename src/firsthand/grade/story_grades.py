"""Grading a story: every claim as the reports state it and every event they describe, grouped,
with its independent origins, disagreements and grade, as an Assessment."""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from functools import cache
from importlib import resources

from ..events.ontology import ontology
from ..link.claim_groups import group_claims, terms
from ..link.origins import independent_origins
from ..model.assessment import Assessment, Disagreement, Evidence, Grade
from ..model.claim import Claim
from ..model.event import Event
from ..model.mention import Mention
from ..model.story import Derivation
from .evidence import assess
from .reliability import ReliabilityTable


def _id(*parts: str) -> str:
    return hashlib.sha256(":".join(parts).encode()).hexdigest()[:16]


@cache
def _triggers() -> dict[str, frozenset[str]]:
    """Words naming each PLOVER event type, from the event coder's lexicon, folded like claim terms."""
    data = json.loads(resources.files("firsthand.events").joinpath("data", "lexicon.json").read_text("utf-8"))
    words: dict[str, set[str]] = defaultdict(set)
    for section in ("verbs", "nouns"):
        for kind, entries in data[section].items():
            for entry in entries:
                words[kind] |= terms(entry)
    return {kind: frozenset(found) for kind, found in words.items()}


def _names_of(participants) -> str:
    names = list(dict.fromkeys(p.label for p in participants))
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1] if names else ""


def describe(event: Event) -> str:
    """An event as a sentence: "North Korea gave aid to Russia: artillery shells, about 1,000,000, delivered"."""
    actors, recipients = _names_of(event.actors) or "Someone", _names_of(event.recipients)
    known = ontology().types.get(event.type)
    verb = known.coding.phrase if known else event.type.lower()
    text = f"{actors} {verb} {recipients}".rstrip() if recipients or not verb.endswith((" to", " with", " from", " against")) \
        else f"{actors} {verb.rsplit(' ', 1)[0]}"
    details = []
    if event.transfer:
        t = event.transfer
        details.append(", ".join(x for x in (t.item, t.quantity.interval.phrase() if t.quantity else None, t.status) if x))
    if event.date:
        details.append(f"{'since ' if event.date.begin and event.date.end else ''}{event.date.value}")
    if event.place:
        details.append(f"at {event.place.place.name}")
    return text + (f" ({'; '.join(details)})" if details else "")


def _event_key(event: Event) -> tuple:
    return event.type, tuple(sorted(set(event.actor_codes))), tuple(sorted(set(event.recipient_codes)))


def _names(participants) -> set[str]:
    return {p.id for p in participants} | {p.code for p in participants if p.code}


def _supports(claim: Claim, event: Event, subjects: dict[str, set[str]]) -> bool:
    """A claim grounds an event when it states it: it lies in a sentence stating the event, or its
    subject is the event's actor, it names the recipient, and it names the event's kind of act
    ("the United States alleged that North Korea had initiated the transfer of weapons to Russia")."""
    if any(ref.report_id == claim.report_id and ref.start <= claim.start < ref.end for ref in event.spans):
        return True
    if not event.actors or not event.recipients or not (subjects.get(claim.id, set()) & _names(event.actors)):
        return False
    return bool(set(claim.entity_ids) & _names(event.recipients)) and bool(terms(claim.text) & _triggers().get(event.type, frozenset()))


def _about_the_same(denial: Claim, claims: list[Claim], common: frozenset[str]) -> bool:
    """A denial bears on claims that share its words beyond the story's common vocabulary (the
    parties' names, which every claim of the story repeats)."""
    said = terms(denial.text) - common
    return any(len(said & (terms(c.text) - common)) >= 2 for c in claims)


def _common_terms(claims: list[Claim], share: float = 0.25) -> frozenset[str]:
    counts: dict[str, int] = defaultdict(int)
    for claim in claims:
        for term in terms(claim.text):
            counts[term] += 1
    return frozenset(t for t, n in counts.items() if n > share * len(claims))


def _subject_entities(claim: Claim, mentions: list[Mention]) -> set[str]:
    """The entities (and their countries) named in a claim's grammatical subject."""
    if not claim.subject:
        return set()
    at = claim.text.find(claim.subject)
    start = claim.start + max(at, 0)
    end = start + len(claim.subject)
    found = [m for m in mentions if start <= m.start and m.end <= end]
    return {m.id for m in found} | {m.country for m in found if m.country}


def assess_story(story_id: str, claims: list[Claim], events: list[Event], outlets: dict[str, str | None],
                 derivations: list[Derivation], table: ReliabilityTable,
                 mentions: dict[str, list[Mention]] | None = None) -> list[Assessment]:
    """Every claim group and event group of one story, graded, most credible and widest first;
    `mentions` (by report) let a claim's subject be matched to an event's actor."""
    mentions = mentions or {}
    denials = [c for c in claims if c.certainty.denial]
    common = _common_terms(claims)
    out: list[Assessment] = []
    for group in group_claims(claims, {c.report_id: story_id for c in claims}):
        origins = independent_origins(group.claims, claims, derivations)
        against = [d for d in denials if d not in group.claims and d.origin.entity_id in group.entity_ids
                   and _about_the_same(d, group.claims, common)]
        grade, evidence, found = assess(group.claims, origins, outlets, against, table)
        out.append(_assessment(story_id, "claim", group.text, group.claims, evidence, grade, found, None))
    by_key: dict[tuple, list[Event]] = defaultdict(list)
    for event in events:
        if event.happened and (event.actors or event.recipients):
            by_key[_event_key(event)].append(event)
    subjects = {c.id: _subject_entities(c, mentions.get(c.report_id, [])) for c in claims}
    for group in by_key.values():
        grounded = [c for c in claims if any(_supports(c, e, subjects) for e in group)]
        if not grounded:
            continue
        origins = independent_origins(grounded, claims, derivations)
        against = [d for d in denials if _about_the_same(d, grounded, common)
                   and any(d.origin.entity_id in _names(e.actors) for e in group)]
        grade, evidence, found = assess(grounded, origins, outlets, against, table)
        event = max(group, key=lambda e: (e.transfer is not None, e.date is not None, e.place is not None))
        out.append(_assessment(story_id, "event", describe(event), grounded, evidence, grade, found, event))
    out.sort(key=lambda a: (a.credibility, -len(a.report_ids), -len(a.origins), a.id))
    return out


def _key_parts(event: Event | None) -> list[str]:
    """What tells apart two event groups that rest on the same claims (a sentence may state an
    aid and an agreement): their kind and parties."""
    if event is None:
        return []
    kind, actors, recipients = _event_key(event)
    return [kind, ",".join(actors), ",".join(recipients)]


def _assessment(story_id: str, subject: str, text: str, claims: list[Claim], evidence: Evidence, grade: Grade,
                found: list[Disagreement], event: Event | None) -> Assessment:
    claim_ids = tuple(dict.fromkeys(c.id for c in claims))
    qualifiers = tuple(dict.fromkeys(q for c in claims for q in c.qualifiers))
    return Assessment(
        id=_id(story_id, subject, *_key_parts(event), *sorted(claim_ids)), story_id=story_id, subject=subject, text=text,
        claim_ids=claim_ids, report_ids=tuple(dict.fromkeys(c.report_id for c in claims)),
        origins=evidence.origins, credibility=grade.credibility,
        reliability=grade.reliability.letter, estimate=str(grade.estimate) if grade.estimate else None,
        explanation=grade.explanation, disagreements=tuple(found), qualifiers=qualifiers, event=event,
    )

