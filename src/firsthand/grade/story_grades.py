"""Grading a story: every claim as the reports state it and every event they describe, grouped,
with its independent origins, disagreements and grade, as an Assessment."""

from __future__ import annotations

import hashlib
from bisect import bisect_left, bisect_right
from collections import defaultdict
from functools import cache

from .. import resources
from ..events.ontology import ontology
from ..link.claim_groups import Meaning, counted, group_claims, terms
from ..link.observations import ObservationMatcher
from ..link.origins import Relays
from ..model.assessment import Assessment, Detail, Disagreement, Evidence, Grade
from ..model.claim import Claim
from ..model.event import Event
from ..model.mention import Mention
from ..model.story import Derivation
from .evidence import assess, dates_of, states_date
from .key import KEY_CREDIBILITY
from .observations import resting_on
from .reliability import ReliabilityTable
from .views import is_view, verb_for


def _id(*parts: str) -> str:
    return hashlib.sha256(":".join(parts).encode()).hexdigest()[:16]


@cache
def _triggers() -> dict[str, frozenset[str]]:
    """Words naming each PLOVER event type, from the event coder's lexicon, folded like claim terms."""
    data = resources.json_data("firsthand.events", "data", "lexicon.json")
    words: dict[str, set[str]] = defaultdict(set)
    for section in ("verbs", "nouns"):
        for kind, entries in data[section].items():
            for entry in entries:
                words[kind] |= terms(entry)
    return {kind: frozenset(found) for kind, found in words.items()}


def _names_of(participants) -> str:
    names = list(dict.fromkeys(p.label for p in participants))
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1] if names else ""


DETAILS = ("transfer", "date", "place")
# First words of a subject that points back to something named before: "it", "there", "the bank".
POINTING = frozenset("the this that these those it its they them he she we there such".split())


def event_details(event: Event) -> dict[str, str]:
    """An event's details as the dossier writes them, by kind: what was transferred, when, where."""
    out = {}
    if event.transfer:
        t = event.transfer
        out["transfer"] = ", ".join(x for x in (t.item, t.quantity.interval.phrase() if t.quantity else None, t.status) if x)
    if event.date:
        out["date"] = event.date.label
    if event.place:
        out["place"] = f"at {event.place.place.name}"
    return out


def _states(claim: Claim, kind: str, event: Event) -> bool:
    """Whether a claim states the event's detail of kind `kind`: the transferred count (the same
    units, overlapping values) or item, the date or a date within it, the place by name. An event
    gathers a report's mentions, so its sentences may state the act without the detail."""
    if kind == "transfer" and (t := event.transfer) is not None:
        if t.quantity is not None:
            quantity = t.quantity
            return any(_comparable_units(q, quantity) and q.interval.overlaps(quantity.interval) for q in counted(claim))
        return bool(t.item and terms(t.item) & terms(claim.text))
    if kind == "date" and (date := event.date) is not None:
        return any(states_date(t.value, date.value) for t in dates_of(claim))
    if kind == "place" and (place := event.place) is not None:
        return place.place.name.lower() in claim.text.lower() or place.text.lower() in claim.text.lower()
    return False


def _comparable_units(a, b) -> bool:
    return a.unit is None or b.unit is None or bool(terms(a.unit) & terms(b.unit))


def describe(event: Event, details: tuple[str, ...] = DETAILS) -> str:
    """An event as a sentence: "North Korea gave aid to Russia: artillery shells, about 1,000,000,
    delivered", with only the `details` named."""
    actors, recipients = _names_of(event.actors) or "Someone", _names_of(event.recipients)
    known = ontology().types.get(event.type)
    verb = known.coding.phrase if known else event.type.lower()
    text = f"{actors} {verb} {recipients}".rstrip() if recipients or not verb.endswith((" to", " with", " from", " against")) \
        else f"{actors} {verb.rsplit(' ', 1)[0]}"
    shown = [text for kind, text in event_details(event).items() if kind in details]
    return text + (f" ({'; '.join(shown)})" if shown else "")


def _event_key(event: Event) -> tuple:
    return event.type, tuple(sorted(set(event.actor_codes))), tuple(sorted(set(event.recipient_codes)))


def _names(participants) -> set[str]:
    return {p.id for p in participants} | {p.code for p in participants if p.code}


def _supports(claim: Claim, subject: set[str], event: Event, actors: set[str], recipients: set[str]) -> bool:
    """A claim grounds an event when it states it: it lies in a sentence stating the event, or its
    subject (the entities it names) is the event's actor (`actors`: their names), it names the
    recipient, and it names the event's kind of act ("the United States alleged that North Korea
    had initiated the transfer of weapons to Russia")."""
    if any(ref.report_id == claim.report_id and ref.start <= claim.start < ref.end for ref in event.spans):
        return True
    if not event.actors or not event.recipients or not (subject & actors):
        return False
    return bool(set(claim.entity_ids) & recipients) and bool(terms(claim.text) & _triggers().get(event.type, frozenset()))


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


def _subject_entities(claim: Claim, mentions: list[Mention], starts: list[int]) -> set[str]:
    """The entities (and their countries) named in a claim's grammatical subject; `mentions` are
    the report's in order of start, `starts` their starts."""
    if not claim.subject:
        return set()
    at = claim.text.find(claim.subject)
    start = claim.start + max(at, 0)
    end = start + len(claim.subject)
    found = [m for m in mentions[bisect_left(starts, start):bisect_right(starts, end)] if m.end <= end]
    return {m.id for m in found} | {m.country for m in found if m.country}


def _subjects(claims: list[Claim], mentions: dict[str, list[Mention]]) -> list[set[str]]:
    """Each claim's subject entities, in the order of the claims."""
    ordered = {r: sorted(found, key=lambda m: m.start) for r, found in mentions.items()}
    starts = {r: [m.start for m in found] for r, found in ordered.items()}
    return [_subject_entities(c, ordered.get(c.report_id, []), starts.get(c.report_id, [])) for c in claims]


def assess_story(story_id: str, claims: list[Claim], events: list[Event], outlets: dict[str, str | None],
                 derivations: list[Derivation], table: ReliabilityTable,
                 mentions: dict[str, list[Mention]] | None = None,
                 observed: ObservationMatcher | None = None, meaning: Meaning | None = None) -> list[Assessment]:
    """Every claim group and event group of one story, graded, most credible and widest first;
    `mentions` (by report) let a claim's subject be matched to an event's actor; `observed` finds
    the observations matching a group's claims, each an origin of its own; `meaning` holds claims
    whose words match to meaning alike too (link/claim_groups.py)."""
    mentions = mentions or {}
    denials = [c for c in claims if c.certainty.denial]
    # Indexes read once per story, so each group looks only at what it could concern.
    denials_by_origin: dict[str, list[int]] = defaultdict(list)
    for n, denial in enumerate(denials):
        if denial.origin.entity_id:
            denials_by_origin[denial.origin.entity_id].append(n)
    common = _common_terms(claims)
    relays = Relays(claims, derivations, outlets)
    subjects = _subjects(claims, mentions)
    index = {id(c): n for n, c in enumerate(claims)}
    out: list[Assessment] = []
    for group in group_claims(claims, {c.report_id: story_id for c in claims}, subjects=subjects, meaning=meaning):
        origins = relays.origins(group.claims)
        near = sorted({n for e in group.entity_ids for n in denials_by_origin.get(e, ())})
        against = [d for d in (denials[n] for n in near) if _about_the_same(d, group.claims, common) and d not in group.claims]
        seen = observed.matching(group.claims) if observed else []
        grade, evidence, found = assess(group.claims, origins, outlets, against, table, group.shown, seen)
        shown = group.shown
        named = bool(subjects[index[id(shown)]]) or not _points_back(shown.subject) \
            or any(q.text in (shown.subject or "") for q in counted(shown))  # "more than one million rounds"
        out.append(_assessment(story_id, "claim", group.text, group.claims, evidence, grade, found, None,
                               subject_named=named, observations=resting_on(seen, evidence.origins)))
    by_key: dict[tuple, list[Event]] = defaultdict(list)
    for event in events:
        if event.happened and (event.actors or event.recipients):
            by_key[_event_key(event)].append(event)
    # A claim can support an event only by starting in a sentence stating it or through its subject.
    in_report: dict[str, list[tuple[int, int]]] = defaultdict(list)
    by_subject: dict[str, set[int]] = defaultdict(set)
    naming: dict[str, set[int]] = defaultdict(set)
    for n, claim in enumerate(claims):
        in_report[claim.report_id].append((claim.start, n))
        for name in subjects[n]:
            by_subject[name].add(n)
        for name in claim.entity_ids:
            naming[name].add(n)
    for starts in in_report.values():
        starts.sort()

    def within(ref) -> list[int]:
        starts = in_report.get(ref.report_id, [])
        return [n for _, n in starts[bisect_left(starts, (ref.start, -1)):bisect_left(starts, (ref.end, -1))]]

    for same in by_key.values():
        parties = [(e, _names(e.actors), _names(e.recipients)) for e in same]
        nearby = {n for e in same for ref in e.spans for n in within(ref)}
        for _, actors, recipients in parties:
            nearby.update(set().union(*(by_subject.get(a, ()) for a in actors))
                        & set().union(*(naming.get(r, ()) for r in recipients)))
        # What could, will or may happen, or what someone thinks, does not ground what happened.
        grounded = [claims[n] for n in sorted(nearby) if not is_view(claims[n])
                    and any(_supports(claims[n], subjects[n], *party) for party in parties)]
        if not grounded:
            continue
        origins = relays.origins(grounded)
        against = [d for d in denials if any(d.origin.entity_id in actors for _, actors, _ in parties)
                   and _about_the_same(d, grounded, common)]
        seen = observed.matching(grounded) if observed else []
        grade, evidence, found = assess(grounded, origins, outlets, against, table, observations=seen)
        event = max(same, key=lambda e: (e.transfer is not None, e.date is not None, e.place is not None))
        inline, details = [], []
        for kind, text in event_details(event).items():
            # A detail is graded on the sentences that state it: inline when they rest on the
            # event's own origins, apart with its own grade when on fewer, dropped when on none.
            stating = [c for c in grounded if _states(c, kind, event)]
            if not stating:
                continue
            own = assess(stating, relays.origins(stating), outlets, (), table)
            if {o.key for o in own[1].origins} == {o.key for o in evidence.origins}:
                inline.append(kind)
            elif own[0].credibility <= KEY_CREDIBILITY:
                details.append(Detail(kind, text, own[1].origins, own[0].credibility, own[0].reliability.letter,
                                      str(own[0].estimate) if own[0].estimate else None))
        out.append(_assessment(story_id, "event", describe(event, tuple(inline)), grounded, evidence, grade, found, event,
                               tuple(details), observations=resting_on(seen, evidence.origins)))
    out.sort(key=lambda a: (a.credibility, -len(a.report_ids), -len(a.origins), a.id))
    return out


def assessment_id(story_id: str, subject: str, event: Event | None, claim_ids: tuple[str, ...]) -> str:
    return _id(story_id, subject, *_key_parts(event), *sorted(claim_ids))


def _key_parts(event: Event | None) -> list[str]:
    """What tells apart two event groups that rest on the same claims (a sentence may state an
    aid and an agreement): their kind and parties."""
    if event is None:
        return []
    kind, actors, recipients = _event_key(event)
    return [kind, ",".join(actors), ",".join(recipients)]


def _points_back(subject: str | None) -> bool:
    """A subject that names nothing of its own: a pronoun, "there", or a definite or demonstrative
    description ("the online retail giant", "this announcement") that names no entity."""
    words = (subject or "").lower().split()
    return bool(words) and words[0] in POINTING


def _assessment(story_id: str, subject: str, text: str, claims: list[Claim], evidence: Evidence, grade: Grade,
                found: list[Disagreement], event: Event | None, details: tuple[Detail, ...] = (),
                subject_named: bool = True, observations: tuple[str, ...] = ()) -> Assessment:
    claim_ids = tuple(dict.fromkeys(c.id for c in claims))
    qualifiers = tuple(dict.fromkeys(q for c in claims for q in c.qualifiers))
    holder = " and ".join(dict.fromkeys(o.name for o in evidence.origins)) if evidence.view else None
    return Assessment(
        id=assessment_id(story_id, subject, event, claim_ids), story_id=story_id, subject=subject, text=text,
        claim_ids=claim_ids, report_ids=tuple(dict.fromkeys(c.report_id for c in claims)),
        origins=evidence.origins, credibility=grade.credibility,
        reliability=grade.reliability.letter, estimate=str(grade.estimate) if grade.estimate else None,
        explanation=grade.explanation, disagreements=tuple(found), qualifiers=qualifiers, event=event,
        holder=holder, view=verb_for(holder, evidence.view_verb) if holder and evidence.view_verb else None, details=details,
        subject_named=subject_named, observations=observations,
    )

