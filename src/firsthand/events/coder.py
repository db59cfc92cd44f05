"""PLOVER event coding on the dependency parse: who did what to whom, when and where.

For each sentence the parse is walked from its root for event candidates (`triggers.py`); each
is given its actors and recipients (`roles.py`, over the report's parties in `parties.py`), its
date, place, status and certainty (`arguments.py`) and what it moves (`transfers.py`); mentions
of one event in one report are merged (`merge.py`). How each PLOVER type is treated is data
(`ontology.Coding`, in `data/plover.json`). `code_events(doc)` is the entry point; the spaCy
component `fh_events` sets `doc._.events` from it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from firsthand.claims.certainty import lexicon as certainty_lexicon
from firsthand.events.arguments import (
    auxiliary,
    certainty as certainty_of,
    contexts,
    event_date,
    event_place,
    first_day,
    last_day,
)
from firsthand.events.merge import merge_events, merged
from firsthand.events.ontology import Coding, Lexicon, lexicon, ontology
from firsthand.events.parties import PERSON_PRONOUNS, Parties, agentive, identified
from firsthand.events.phrases import PLACE_PREPS, SUBJECTS, is_verb, phrase_tokens, prep_objects, subject
from firsthand.events.roles import RECIPIENT_PREPS, roles_of
from firsthand.events.transfers import theme as theme_of, transfer as transfer_of
from firsthand.events.triggers import Candidate, TriggerWords, candidates, instruments, mode_from
from firsthand.model.event import ASSERTED, FUTURE, HISTORICAL, NEGATED, Event, Participant, TextRef, event_id
from firsthand.read.component import Component, isolated
from firsthand.read.doc import text_of
from firsthand.read.entities import PLACE

AIMED_PREPS = RECIPIENT_PREPS | PLACE_PREPS


def _reporters(doc: Doc, cand: Candidate, parties: Parties, attributions: list,
               named: set[str]) -> list[Participant]:
    """Who reports the event: the source of the attribution whose content holds its word."""
    for att in attributions:
        if any(part.covers(cand.trigger.idx) for part in att.content) and att.source is not None:
            source = doc.char_span(att.source.start, att.source.end, alignment_mode="expand")
            if source is not None:
                # A hedging verb's subject ("Pyongyang appears to have ...") is no reporter.
                return [p for p in parties.participants(source.root) if p.id not in named]
            return []
    return []


def code_event(doc: Doc, sent: Span, cand: Candidate, parties: Parties, attributions: list, lex: Lexicon,
               *, strict: bool = False) -> Event | None:
    """One candidate as a PLOVER event, or None when it is no event ("delivered the information");
    `strict`: None too when the text does not show it is one (`_shown`)."""
    roles = roles_of(cand, parties)
    actors, recipients = roles.actors, roles.recipients
    if strict:
        named = bool(actors)
        actors = [p for p in actors if identified(p) and p.id not in roles.guessed]
        recipients = [p for p in recipients if identified(p) and p.id not in roles.guessed]
        if (named and not actors) or not _shown(cand, actors, recipients, parties) or _in_contest(cand, lex):
            return None  # a company's, a place's or a guessed actor's act is not coded
    reported_by = _reporters(doc, cand, parties, attributions, {p.id for p in (*actors, *recipients)})
    reported = bool(reported_by) or any(t.lemma_.lower() in lex.reporting for t in cand.anchor.ancestors)
    status = auxiliary(cand, reported)
    if cand.content_of is not None and ontology().coding(cand.content_of.type).negates_content:
        status = NEGATED
    type_, mode = cand.type, cand.mode
    # PLOVER: future cooperation is an offer; an announced retreat is a concession.
    if status == FUTURE and (future_as := ontology().coding(type_).future_as):
        type_, mode, status = future_as, None, ASSERTED
    coding = ontology().coding(type_)
    if mode is None:
        # A threat's or request's mode is what it is about; an attack's is how it is made.
        words = [t for c in cand.anchor.children if c.dep_ in ("xcomp", "ccomp", "dobj") for t in c.subtree]
        mode = mode_from(type_, words if coding.mode_from_content else instruments(cand), lex)
    when = event_date(doc, cand)
    published = doc._.published
    if when is not None and status == ASSERTED and isinstance(published, (datetime, date)):
        last, first = last_day(when.end or when.value), first_day(when.begin or when.value)
        day = published.date() if isinstance(published, datetime) else published
        if last is not None and (day - last).days > lex.historical_days:
            status = HISTORICAL
        elif first is not None and first > day:
            status = FUTURE  # "when the two meet next month": scheduled, not done
    taken = {p.id for p in (*actors, *recipients)}
    certainty = certainty_of(doc, sent, cand)
    theme = theme_of(cand, roles.passive) if coding.theme else None
    if coding.transfer == "made" and theme is not None and theme.lemma_.lower() in lex.not_transfers:
        return None  # "delivered the information": a message, not material aid
    if strict and (_commercial(cand, theme, lex) or _figurative(coding, mode, actors, recipients)):
        return None
    # An offer moves material only when what is offered is named ("agreed to provide shells").
    moves = coding.transfer == "made" or (coding.transfer == "promised" and theme is not None and cand.intent is not None)
    transfer = transfer_of(doc, replace(cand, type=type_), theme, status, certainty, when) if moves else None
    trigger_text = cand.trigger.text if cand.intent is None else f"{cand.intent.text} … {cand.trigger.text}"
    return Event(
        type=type_,
        mode=mode,
        context=contexts(sent, type_, transfer.item if transfer else None, lex),
        actors=actors,
        recipients=recipients,
        status=status,
        certainty=certainty,
        date=when,
        place=event_place(cand, parties.entities, taken),
        transfer=transfer,
        reported_by=reported_by,
        trigger=trigger_text,
        spans=[TextRef(doc._.report_id if Doc.has_extension("report_id") else None, *_trimmed(sent))],
    )


def _shown(cand: Candidate, actors: list[Participant], recipients: list[Participant], parties: Parties) -> bool:
    """Whether the text shows an event, not just a trigger word: a recipient where the type
    requires one, company for a meeting, a trigger that is not part of a name ("General
    Agreement on Tariffs and Trade"); a noun with no light verb only with two parties or a
    phrase saying against whom or where that names a party or place ("Dutch grants to
    Bangladesh", "a campaign against ... Avdiivka", not "its production cutting agreement",
    "domestic demand for its goods", "Japan's commitment to deregulation"); a refusal with
    something refused or someone refused ("production declined to 358,661" is a fall) that is
    not a word ("declined to comment"); for a type whose object must be a party, an object that
    names one ("approved of Reagan's leadership", not "approved 1987 subsidies"). An event
    without an actor only adds to one that has one (`code_events`)."""
    type_ = ontology().types[cand.type]
    if type_.requires_recipient and not recipients:
        return False
    if cand.anchor.i == cand.trigger.i and cand.trigger.pos_ == "NOUN" and cand.intent is None:
        # A verbal act's "for/to/on" phrase is what it is about ("demand for OPEC oil"): aimed only at a party.
        aimed = any(not type_.coding.verbal or _aimed_at(pobj, parties) for pobj in prep_objects(cand.trigger, AIMED_PREPS))
        if len(actors) + len(recipients) < 2 and not aimed:
            return False
    elif type_.coding.negates_content and not recipients and cand.intent is None and not any(
            c.dep_ in ("dobj", "xcomp", "ccomp") for c in cand.anchor.children):
        return False
    if type_.coding.negates_content and any(c.dep_ == "xcomp" and c.lemma_.lower() in lexicon().reporting
                                            for c in cand.anchor.children):
        return False  # declining to comment refuses no one
    if type_.coding.object_party and not all(_names_party(obj, parties) or obj.lemma_.lower() in lexicon().nouns
                                             for obj in _objects(cand)):
        return False  # an act ("signed an agreement", "backed the sanctions") is a party's own thing
    if type_.coding.needs_content and not recipients and cand.intent is None and is_verb(cand.anchor) and not any(
            c.dep_ in ("dobj", "obj", "nsubjpass", "xcomp", "ccomp", "prep") for c in cand.anchor.children):
        return False
    if type_.coding.own_content and not _own_content(cand, actors, parties):
        return False
    if actors and type_.coding.joint(cand.mode) and len(actors) + len(recipients) < 2:
        return False  # a meeting or talks with no one named ("Cuba has to meet its contracts")
    if cand.mode in type_.coding.directed_modes and not recipients:
        return False  # a visit to no party ("an Iranian journalist visiting Nice on vacation")
    return cand.trigger.pos_ != "PROPN"


def _objects(cand: Candidate) -> list[Token]:
    """What an event is done to: a verb's object or passive subject, a noun's "for"/"of" phrase."""
    if cand.anchor.i != cand.trigger.i or cand.trigger.pos_ != "NOUN":
        return [c for c in cand.anchor.children if c.dep_ in ("dobj", "obj", "nsubjpass") and c.i != cand.trigger.i]
    return prep_objects(cand.trigger, frozenset({"for", "of"}))


def _names_party(head: Token, parties: Parties) -> bool:
    """Whether a phrase names an entity ("Reagan's leadership", "Bangladesh"), a person's pronoun or a place."""
    return any(parties.entities.at(t) is not None or t.lower_ in PERSON_PRONOUNS for t in phrase_tokens(head))


def _aimed_at(pobj: Token, parties: Parties) -> bool:
    """Whether a noun event's "to/against/on/in ..." phrase names a party or a place ("aid to
    Mozambique", "sanctions against Iraqi officials", "a campaign against the town of Avdiivka"),
    not a thing of one ("demand for OPEC oil")."""
    if parties.entities.at(pobj) is not None or pobj.lower_ in PERSON_PRONOUNS:
        return True
    named = [m for t in phrase_tokens(pobj) if (m := parties.entities.at(t)) is not None]
    return any(m.kind == PLACE for m in named) or (bool(named) and agentive(pobj))


def _own_content(cand: Candidate, actors: list[Participant], parties: Parties) -> bool:
    """Whether what a threat says is the actor's own act: "warned that it would retaliate", not
    "warned that mounting unemployment could cause strains" (a warning of a risk)."""
    for comp in (c for c in cand.anchor.children if c.dep_ == "ccomp"):
        subj, _ = subject(comp)
        if subj is not None and subj.pos_ != "PRON" and not {p.id for p in parties.participants(subj)} & {a.id for a in actors}:
            return False
    return True


def _in_contest(cand: Candidate, lex: Lexicon) -> bool:
    """An act done in a poll or an election ("would beat Trump ... in a general election
    match-up") or found by a poll ("a poll found that 40 pct of Americans approved") is a result
    or an opinion, not an act between parties."""
    for pobj in (p for h in (cand.anchor, cand.trigger) for p in prep_objects(h, frozenset({"in", "among"}))):
        if any(t.lemma_.lower() in lex.contests for t in phrase_tokens(pobj)):
            return True
    return any(c.dep_ in SUBJECTS and c.lemma_.lower() in lex.contests for h in cand.anchor.ancestors for c in h.children)


def _commercial(cand: Candidate, theme: Token | None, lex: Lexicon) -> bool:
    """A sale, export or share offering is trade, not a political event, unless what moves is
    arms (a SIPRI-style transfer): PLOVER codes political events."""
    phrase = [*cand.trigger.subtree] if cand.trigger.pos_ == "NOUN" else [cand.trigger]  # "an agreement to buy"
    words = {t.lemma_.lower() for t in (*phrase, cand.offered, theme) if t is not None}
    if not words & lex.commercial:
        return False
    return not words & lex.military_items


def _figurative(coding: Coding, mode: str | None, actors: list[Participant], recipients: list[Participant]) -> bool:
    """Force with no weapon named between people alone ("Clinton attacked Sanders"), or with no
    country or armed force among its actors ("EC farm ministers were fighting hard to prevent a
    deal", "the White House has fought hard to defend the tax"), is rhetoric."""
    if not coding.physical or mode is not None:
        return False
    armed = lexicon().armed_sectors
    return (all(p.id.startswith("person:") for p in (*actors, *recipients))
            or not any(p.sector in armed or (p.id == p.code and p.sector is None) for p in actors))


def _trimmed(sent: Span) -> tuple[int, int]:
    text = text_of(sent.doc)[sent.start_char:sent.end_char]  # sent.text, without a Token per word
    return sent.start_char + len(text) - len(text.lstrip()), sent.start_char + len(text.rstrip())


def sentence_events(
    doc: Doc, sent: Span, *, parties: Parties | None = None, attributions: list | None = None,
    require_party: bool = True, words: TriggerWords | None = None,
) -> list[Event]:
    """Every event a sentence codes, outermost first (the first is the sentence's main event).
    With `require_party` (a report read for what it states), only events the text shows between
    identified parties (`code_event`'s strict mode); without it (a sentence known to state one),
    every candidate, its parties guessed from word order where the parse leaves them open. `parties` and `words`:
    the Doc's, when coding many of its sentences."""
    lex = lexicon()
    words = words or TriggerWords.of(doc, lex)
    parties = parties or Parties.of(doc)
    attributions = attributions if attributions is not None else (doc._.attributions or [])
    events: list[Event] = []
    if require_party and sent.text.rstrip().endswith("?"):
        return events  # a question asserts no event ("what can we do to help?")
    for cand in candidates(sent, lex, words):
        if cand.content_of is not None and not ontology().coding(cand.content_of.type).content_is_event:
            continue  # what is requested, rejected, threatened or promised did not happen
        event = code_event(doc, sent, cand, parties, attributions, lex, strict=require_party)
        if event is not None and (event.actors or event.recipients or not require_party):
            events.append(event)
    return events


def code_events(doc: Doc) -> list[Event]:
    """The events of a parsed document (after fh_entities, fh_quantities and fh_times),
    mentions of one event merged."""
    if doc._.mentions is None:
        raise ValueError("code_events needs doc._.mentions: add the fh_entities component before fh_events")
    parties = Parties.of(doc)
    attributions = doc._.attributions or []
    found: list[Event] = []
    words = TriggerWords.of(doc, lexicon())
    for sent in doc.sents:
        with isolated(NAME, doc, sent):
            found.extend(sentence_events(doc, sent, parties=parties, attributions=attributions, words=words))
    # A mention without an actor ("were provided to Russia") only adds to one that has one;
    # PLOVER codes no event without a named actor. Two left with one id are one event stated
    # twice in a sentence (the same type, trigger and parties), and the store keys events by id.
    unique: dict[str, Event] = {}
    for event in merge_events(found):
        if event.actors:
            key = event_id(event)
            unique[key] = merged(unique[key], event) if key in unique else event
    return list(unique.values())


# --- spaCy ------------------------------------------------------------------------------------

Doc.set_extension("events", default=None, force=True)


NAME = "fh_events"


class Events(Component):
    """Sets `doc._.events` (list[Event]); a failure on one sentence costs that sentence's events."""

    extension = "events"
    shared = (ontology, lexicon, certainty_lexicon)
    guards_sentences = True

    def read(self, doc: Doc) -> list[Event]:
        return code_events(doc)


@Language.factory(NAME, requires=["doc._.mentions", "doc._.quantities", "doc._.times", "doc._.attributions",
                                  "token.dep", "token.head", "token.lemma"], assigns=["doc._.events"])
def make_events(nlp: Language, name: str) -> Events:
    return Events(nlp, name)
