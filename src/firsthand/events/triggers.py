"""Event candidates of a sentence: the words that name an event (`data/lexicon.json`), found on
each path from the parse root with reporting verbs passed through. Light verbs pass the event to
their object ("launched an investigation"); intent words ("agreed to", "is willing to") make an
offer of what they govern, coded as the type the offered act's `offered_as` says; what a verbal
event is about ("threatened to shell") is its content, not a second event."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.attrs import DEP, LEMMA, LOWER
from spacy.tokens import Doc, Span, Token

from firsthand.events.ontology import Frame, Lexicon, Trigger, lexicon, ontology
from firsthand.events.phrases import is_verb, prep_objects
from firsthand.read.columns import column, heads as head_indices

# Not "it" or "they", which may be what a report publishes.
PEOPLE_PRONOUNS = frozenset({"he", "him", "she", "her", "me", "us"})


@dataclass
class Candidate:
    trigger: Token  # the word that names the event
    anchor: Token  # the clause head whose arguments fill the roles
    type: str
    mode: str | None
    converse: bool = False  # the subject receives ("X received aid from Y")
    content_of: Candidate | None = None  # the verbal event this one is the content of
    intent: Token | None = None  # the intent word that made it an offer
    offered: Token | None = None  # the verb of the offered act ("to provide")


def _phrasal(tok: Token) -> str | None:
    for child in tok.children:
        if child.dep_ in ("prt", "prep") and f"{tok.lemma_.lower()} {child.lower_}" in lexicon().verbs:
            return f"{tok.lemma_.lower()} {child.lower_}"
    return None


def trigger(tok: Token, lex: Lexicon) -> tuple[Trigger, bool] | None:
    """The event a word names, and whether its subject is the recipient."""
    lemma = tok.lemma_.lower()
    if is_verb(tok) or (tok.pos_ == "NOUN" and tok.dep_ == "ROOT" and tok.tag_.startswith("VB")):
        if lemma in lex.light or lemma in lex.reporting or tok.dep_ == "amod":
            return None  # a participle as adjective describes a state ("occupied territory")
        if lemma in lex.phrasal_starts and (phrase := _phrasal(tok)) is not None:
            return lex.verbs[phrase], False
        if lemma in lex.converse:
            return Trigger(lex.converse[lemma], None), True
        found = lex.verbs.get(lemma)
        return (found, False) if found and _framed(tok, lex.frames.get(lemma)) and _frees_people(tok, found, lex) else None
    if tok.pos_ in ("NOUN", "PROPN") and tok.ent_type_ not in ("PERSON", "GPE", "ORG", "NORP"):
        if lemma in lex.compound_ends:
            for child in tok.children:
                if child.dep_ == "compound" and (found := lex.nouns.get(f"{child.lemma_.lower()} {lemma}")):
                    return found, False
        if found := lex.nouns.get(lemma):
            return (found, False) if _frees_people(tok, found, lex) else None
        for child in tok.children:
            if child.dep_ == "amod" and child.lemma_.lower() in lex.modifiers:
                return Trigger(lex.modifiers[child.lemma_.lower()], None), False
    return None


def _framed(verb: Token, frame: Frame | None) -> bool:
    """Whether a verb is in a frame where it names its event ("called on X to", not "called him
    weak"; "demonstrated against", not "demonstrated their unity")."""
    if frame is None:
        return True
    have = {c.dep_ for c in verb.children} | {f"{c.dep_}:{c.lower_}" for c in verb.children}
    return (not frame.needs or bool(have.intersection(frame.needs))) and not have.intersection(frame.lacks)


def _frees_people(tok: Token, found: Trigger, lex: Lexicon) -> bool:
    """A release is a RETREAT only of people ("released the hostages", "the release of
    prisoners", "he was freed"); a poll, report, email or water "released" is published or let
    out. Other triggers pass."""
    if found.mode not in ontology().coding(found.type).captive_modes:
        return True
    freed = _released(tok)
    if freed is None:
        return False
    lemma = freed.lemma_.lower()
    return (freed.ent_type_ in ("PERSON", "NORP") or freed.lower_ in PEOPLE_PRONOUNS
            or lemma in lex.captives or lemma in lex.sector_words)


def _released(tok: Token) -> Token | None:
    """What a release word frees: the verb's object or passive subject, the noun a participle
    modifies ("a poll released Sunday"), a noun's "of" phrase, possessor or compound."""
    if is_verb(tok):
        deps = {c.dep_: c for c in tok.children}
        freed = deps.get("dobj") or deps.get("obj") or deps.get("nsubjpass")
        return freed if freed is not None or tok.dep_ != "acl" else tok.head
    of = prep_objects(tok, frozenset({"of"}))
    return of[0] if of else next((c for c in tok.children if c.dep_ in ("poss", "compound")), None)


def is_intent(tok: Token, lex: Lexicon) -> bool:
    return tok.lemma_.lower() in lex.intent or tok.lower_ in lex.intent


def _complement(tok: Token) -> Token | None:
    """The clause an intent word governs: "agreed [to provide]", "is willing [to withdraw]"."""
    for child in tok.children:
        if child.dep_ in ("xcomp", "ccomp") and is_verb(child):
            return child
        if child.dep_ in ("acomp", "amod") and is_intent(child, lexicon()):
            return _complement(child)
        if child.dep_ == "acl" and child.pos_ == "VERB":  # "the willingness of X to provide"
            return child
    return None


def _anchor(tok: Token, lex: Lexicon) -> Token:
    """The clause head whose arguments fill a noun trigger's roles: the light verb it is the
    object of ("made ... transfers"), else the noun itself."""
    head = tok.head
    if tok.dep_ in ("dobj", "nsubjpass", "attr", "pobj") and head.lemma_.lower() in lex.light:
        return head
    if tok.dep_ == "pobj" and head.dep_ == "prep" and head.head.lemma_.lower() in lex.light:
        return head.head  # "engaged in counterattacks"
    return tok


@dataclass(frozen=True)
class TriggerWords:
    """A Doc's tokens that may name an event (for any other, `trigger` is None) and its intent
    words, found from the Doc's arrays: most words are neither, and reading each one's lemma
    and children to learn so was much of the tree walk's time."""

    triggers: frozenset[int]
    intents: frozenset[int]

    @classmethod
    def of(cls, doc: Doc, lex: Lexicon) -> TriggerWords:
        lemmas = [lemma.lower() for lemma in column(doc, LEMMA)]
        head = head_indices(doc)
        triggers = {i for i, lemma in enumerate(lemmas) if lemma in lex.trigger_lemmas}
        # a plain noun made an event by its adjective ("military aid")
        triggers.update(head[i] for i, dep in enumerate(column(doc, DEP)) if dep == "amod" and lemmas[i] in lex.modifiers)
        intents = {i for i, (lemma, lower) in enumerate(zip(lemmas, column(doc, LOWER)))
                   if lemma in lex.intent or lower in lex.intent}
        return cls(frozenset(triggers), frozenset(intents))


def candidates(sent: Span, lex: Lexicon, words: TriggerWords) -> list[Candidate]:
    """Event candidates of a sentence, outermost first."""
    found: list[Candidate] = []
    types = ontology().types

    def visit(tok: Token, owner: Candidate | None) -> None:
        here: Candidate | None = None
        hit = trigger(tok, lex) if tok.i in words.triggers else None
        if tok.i in words.intents and (comp := _complement(tok)) is not None:
            inner = _inner_trigger(comp, lex)
            if inner is not None and owner is None:
                here = _offer(tok, comp, inner, lex)
        if here is None and hit is not None:
            trig, converse = hit
            anchor = _anchor(tok, lex) if tok.pos_ in ("NOUN", "PROPN") else tok
            here = Candidate(tok, anchor, trig.type, trig.mode, converse, owner)
        if here is not None:
            found.append(here)
            if here.intent is not None:
                return  # the offered act is this event's content, already used
        # What a verbal event is about is its content; reported speech is not.
        next_owner = here if here is not None and types[here.type].coding.verbal else owner
        for child in tok.children:
            if child.i < sent.start or child.i >= sent.end:
                continue
            visit(child, next_owner)

    visit(sent.root, None)
    return found


def _inner_trigger(tok: Token, lex: Lexicon) -> tuple[Token, Trigger] | None:
    """The first trigger in an offered clause: the verb, else its object ("offered its troops")."""
    for t in _breadth_first(tok):
        hit = trigger(t, lex)
        if hit is not None:
            return t, hit[0]
    return None


def _breadth_first(tok: Token) -> Iterator[Token]:
    queue = [tok]
    while queue:
        t = queue.pop(0)
        yield t
        queue.extend(c for c in t.children if c.dep_ not in ("relcl", "advcl", "punct"))


def _offer(intent: Token, comp: Token, inner: tuple[Token, Trigger], lex: Lexicon) -> Candidate:
    """An intent over an act: an offer (AGREE), a threat if the act is hostile, a concession if
    it is a retreat (PLOVER: announced withdrawals are CONCEDE) — the act's `offered_as` — or,
    for a demand or a threat, that act itself."""
    offered, trig = inner
    head = intent if is_verb(intent) else intent.head
    as_type = ontology().coding(trig.type).offered_as
    if as_type is None:
        return Candidate(offered, head, trig.type, trig.mode, intent=intent, offered=comp)
    return Candidate(intent, head, as_type, mode_from(as_type, [comp, *comp.subtree], lex), intent=intent, offered=comp)


def instruments(cand: Candidate) -> list[Token]:
    """Words that say how: the trigger's modifiers and "with" phrases ("shelled with artillery",
    "a drone attack"), not everything in its clause."""
    out = [cand.trigger]
    for head in {cand.anchor, cand.trigger}:
        out += [c for c in head.children if c.dep_ in ("compound", "amod", "dobj")]
        out += [t for pobj in prep_objects(head, frozenset({"with", "by"})) for t in pobj.subtree]
    return out


def mode_from(type_: str, tokens: Iterable[Token], lex: Lexicon) -> str | None:
    """The first mode of `type_` that one of the words names."""
    words = lex.mode_words.get(type_, {})
    for tok in tokens:
        mode = words.get(tok.lemma_.lower())
        if mode:
            return mode
    return None
