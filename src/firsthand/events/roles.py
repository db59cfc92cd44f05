"""Actor and recipient of an event candidate, by named rules applied in order. The agent
(subject, or "by" phrase of a passive) is the actor; the object, indirect object or a
"to/against/on" phrase is the recipient ("received ... from X" turns them round); what the parse
leaves open is filled from word order: the first entity named before the event is its actor,
the first country named after it its recipient."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from firsthand.claims.chain import passive_agent
from firsthand.events.ontology import Coding, lexicon, ontology
from firsthand.events.parties import ACTOR_KINDS, Parties, phrase_sector, unique
from firsthand.events.phrases import PLACE_PREPS, doer, is_verb, locatives, prep_objects, subject
from firsthand.events.triggers import Candidate
from firsthand.model.event import Participant
from firsthand.read.entities import COUNTRY, IGO, PLACE

RECIPIENT_PREPS = frozenset({"to", "against", "on", "upon", "toward", "towards", "into", "at", "for"})
COMPANY_PREPS = frozenset({"with", "between", "among"})
THEME_RECIPIENT_PREPS = frozenset({"to", "for"})
TOPIC_PREPS = frozenset({"about", "regarding", "concerning", "over"})  # "delivered shells to Russia", on the object


@dataclass
class Roles:
    actors: list[Participant] = field(default_factory=list)
    recipients: list[Participant] = field(default_factory=list)
    passive: bool = False
    # Parties filled from word order, not from the parse: good guesses on a sentence known to
    # state an event, not evidence that one does.
    guessed: set[str] = field(default_factory=set)


def roles_of(cand: Candidate, parties: Parties) -> Roles:
    """The event's actors and recipients, and whether its clause is passive."""
    coding = ontology().coding(cand.type)
    roles = _verbal_roles(cand, parties, coding) if is_verb(cand.anchor) else _nominal_roles(cand, parties)
    if cand.converse:
        _turned_round(cand, parties, roles)
    for head in _heads(cand):
        _company(cand, head, parties, coding, roles)
        _recipient_phrase(head, parties, roles)
        _object(cand, head, parties, coding, roles)
        _addressee(head, parties, coding, roles)
    _theme_recipient(cand, parties, coding, roles)
    _of_recipient(cand, parties, coding, roles)
    _actor_named_before(cand, parties, roles)
    actor_ids = {a.id for a in roles.actors}
    roles.recipients = [r for r in roles.recipients if r.id not in actor_ids]
    _recipient_named_after(cand, parties, roles, actor_ids)
    return roles


def _heads(cand: Candidate) -> list[Token]:
    return [cand.anchor] if cand.anchor is cand.trigger else [cand.anchor, cand.trigger]


def _true_passive(cand: Candidate, passive: bool) -> bool:
    """'Was shelled', not 'talks were held' (a light verb's passive subject is the event itself)."""
    return passive and cand.anchor.lemma_.lower() not in lexicon().light


def _verbal_roles(cand: Candidate, parties: Parties, coding: Coding) -> Roles:
    """A verb's subject acts; in the passive its "by" phrase does and its subject is acted on
    (unless the subject is the theme: "shells were delivered")."""
    subj, passive = subject(cand.anchor)
    if passive and (passive_agent(cand.anchor) is not None or _true_passive(cand, passive)):
        recipients = parties.participants(subj) if not coding.patient_is_theme else []
        return Roles(parties.participants(passive_agent(cand.anchor), agent=True), recipients, passive)
    return Roles(parties.participants(subj, agent=True), [], passive)


def _nominal_roles(cand: Candidate, parties: Parties) -> Roles:
    """A noun event's actor: its possessor or "by" phrase ("North Korea's provision of shells"),
    its modifiers ("the Russian offensive"), else who does what the noun names."""
    anchor = cand.anchor
    owner = next((c for c in anchor.children if c.dep_ == "poss"), None)
    by = prep_objects(anchor, frozenset({"by"}))
    actors = parties.participants(owner or (by[0] if by else None), agent=True)
    if not actors:
        actors = [p for c in anchor.children if c.dep_ in ("amod", "compound", "nmod") for p in parties.participants(c)]
    if not actors and owner is None:
        actors = parties.participants(doer(anchor), agent=True)
    return Roles(actors)


def _turned_round(cand: Candidate, parties: Parties, roles: Roles) -> None:
    """'X received aid from Y': Y acts, X receives."""
    anchor = cand.anchor
    roles.actors, roles.recipients = parties.participants(next(iter(prep_objects(anchor, frozenset({"from"}))), None), agent=True), roles.actors
    if not roles.actors:
        theme = next((c for c in anchor.children if c.dep_ in ("dobj", "obj")), None)
        if theme is not None:
            roles.actors = parties.participants(next(iter(prep_objects(theme, frozenset({"from"}))), None), agent=True)


def _company(cand: Candidate, head: Token, parties: Parties, coding: Coding, roles: Roles) -> None:
    """'Talks with X': X is a co-actor of a mutual event, else the recipient."""
    for pobj in prep_objects(head, COMPANY_PREPS):
        company = parties.participants(pobj, agent=coding.joint(cand.mode))
        if coding.joint(cand.mode):
            if not roles.actors and pobj.head.lower_ == "with":
                # "Talks with the World Bank and the IMF" names the other side only: who talks is
                # not said, and the two named did not meet each other.
                roles.guessed.update(p.id for p in company)
            roles.actors = unique([*roles.actors, *company])
        elif not roles.recipients:
            roles.recipients = company


def _recipient_phrase(head: Token, parties: Parties, roles: Roles) -> None:
    """'Fired at X', 'sanctions against X'."""
    if not roles.recipients:
        # "at" a place says where ("met Putin at the Vostochny Cosmodrome"), not against whom.
        roles.recipients = [p for pobj in prep_objects(head, RECIPIENT_PREPS) for p in parties.participants(pobj)
                            if not (pobj.head.lower_ in PLACE_PREPS and p.id.startswith("place:"))]


def _object(cand: Candidate, head: Token, parties: Parties, coding: Coding, roles: Roles) -> None:
    """The object or indirect object is acted on (a co-actor of a mutual event: "met X")."""
    if roles.recipients or cand.converse:
        return
    for child in head.children:
        if child.dep_ in ("dobj", "obj", "dative", "iobj") and child is not cand.trigger:
            people = parties.participants(child)
            if coding.joint(cand.mode):
                roles.actors = unique([*roles.actors, *people])
            else:
                roles.recipients = people


def _addressee(head: Token, parties: Parties, coding: Coding, roles: Roles) -> None:
    """'Demanded that X withdraw': X is who the demand is made of."""
    if roles.recipients or not coding.addressee_in_clause:
        return
    for comp in (c for c in head.children if c.dep_ in ("ccomp", "xcomp")):
        subj, _ = subject(comp)
        if subj is not None and subj.head is comp:
            roles.recipients = parties.participants(subj)


def _theme_recipient(cand: Candidate, parties: Parties, coding: Coding, roles: Roles) -> None:
    """'Delivered ... shells to Russia': the parser often hangs "to X" on the object."""
    if roles.recipients or not coding.theme:
        return
    objects = [c for h in _heads(cand) for c in h.children if c.dep_ in ("dobj", "obj")]
    if cand.trigger.pos_ == "NOUN":  # "the provision of shells to Russia"
        objects += prep_objects(cand.trigger, frozenset({"of"}))
    for obj in objects:
        roles.recipients = roles.recipients or [p for pobj in prep_objects(obj, THEME_RECIPIENT_PREPS)
                                                for p in parties.participants(pobj)]


def _of_recipient(cand: Candidate, parties: Parties, coding: Coding, roles: Roles) -> None:
    """'The invasion of Ukraine' (not "the provision of shells", whose "of" is the theme)."""
    if not roles.recipients and cand.trigger.pos_ in ("NOUN", "PROPN") and not coding.patient_is_theme:
        roles.recipients = parties.participants(next(iter(prep_objects(cand.trigger, frozenset({"of"}))), None))


def _actor_named_before(cand: Candidate, parties: Parties, roles: Roles) -> None:
    """The parse gave no agent: English puts it first, so the first entity named before the
    event's clause head (a noun event's own clause), if it is not a recipient."""
    anchor = cand.anchor
    if roles.actors or cand.converse or _true_passive(cand, roles.passive):
        return
    recipient_ids = {r.id for r in roles.recipients}
    scope = anchor.sent if is_verb(anchor) else anchor.head.subtree
    for tok in scope:
        if tok.i >= anchor.i:
            break
        m = parties.entities.at(tok)
        if m is not None and m.kind in ACTOR_KINDS and m.id not in recipient_ids:
            sector = phrase_sector(tok.head) if tok.dep_ in ("amod", "compound") else None
            roles.actors = [parties.participant(m, sector, tok)]
            roles.guessed.add(m.id)
            return


def _recipient_named_after(cand: Candidate, parties: Parties, roles: Roles, actor_ids: set[str]) -> None:
    """The parse gave no recipient: English puts the one acted on after the event word, so the
    first country or intergovernmental body named after it in its clause, outside the phrases
    that say where ("give Tanzania a grant", "military aid to war-torn Mozambique", "withdraw
    its troops from Lebanon")."""
    if roles.recipients or cand.converse or roles.passive:
        return
    taken = actor_ids | {a.code for a in roles.actors if a.code}
    head = cand.anchor if is_verb(cand.anchor) else cand.anchor.head
    # What a locative phrase names is where it happened: that is the event's place; what an
    # "about" phrase names is what it is about ("talking ... about the threat posed by North Korea").
    where = {t.i for h in (cand.anchor, cand.trigger) for pobj in locatives(h) for t in pobj.subtree}
    where |= {t.i for h in (cand.anchor, cand.trigger) for pobj in prep_objects(h, TOPIC_PREPS) for t in pobj.subtree}
    for tok in head.subtree:
        if tok.i <= cand.trigger.i or tok.i in where:
            continue
        m = parties.entities.at(tok)
        if m is not None and m.id not in taken and (m.kind in (COUNTRY, IGO) or (m.kind == PLACE and m.country)):
            found = parties.participant(m, None, tok)
            if found.code not in taken:  # "Putin met Turkey's foreign minister": a party, not acted on
                roles.recipients = [found]
                # Below a material act's own verb it is an argument the parse mislabelled ("gave
                # Tanzania a grant"); after a verbal one it is often in what was said ("denies it
                # violated U.N. sanctions").
                said = ontology().coding(cand.type).verbal and cand.offered is None  # an offer's is the offered act's
                if said or not _argument_of(tok, cand.anchor):
                    roles.guessed.add(found.id)
                return


def _argument_of(tok: Token, anchor: Token) -> bool:
    """Whether a word lies below the event's verb other than in someone's own thing: "gave Tanzania
    a grant", not "to aid its war against Ukraine" (a country is not the recipient of its own war)."""
    if not anchor.is_ancestor(tok):
        return False
    tok = tok.head
    while tok.i != anchor.i:
        if any(c.dep_ == "poss" for c in tok.children):
            return False
        tok = tok.head
    return True
