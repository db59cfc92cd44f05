"""PLOVER event coding on the dependency parse: who did what to whom, when and where.

For each sentence the parse is walked from its root. Reporting verbs ("said", "noted",
"according to") are passed through to what they report; the first word naming an event
(`data/lexicon.json`) on each path is a trigger. Light verbs pass the event to their object
("launched an investigation"); intent words ("agreed to", "is willing to") make an offer of what
they govern (AGREE, or THREATEN when what is offered is hostile); what a verbal event is about
("threatened to shell", "denies it has violated") is its content, not a second event.

Roles come from grammar: the agent (subject, or "by" phrase of a passive) is the actor; the
object, indirect object or "to/against/on" phrase is the recipient ("received ... from X" turns
them round). Each role phrase is tied to the canonical entities the entity stage found in it,
pronouns and definite descriptions ("the institute") to the last fitting entity, and its sector
comes from its words ("forces" → MIL, "lawmaker" → LEG). Tense, modals, negation and
conditionals give the auxiliary mode, so a supposed or denied event is never coded as having
happened. Mentions of one event in one report are merged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from spacy.attrs import DEP, LEMMA, LOWER
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from firsthand.claims.attribution import find_attributions
from firsthand.claims.certainty import LEVELS, assess
from firsthand.events.ontology import Lexicon, Trigger, lexicon
from firsthand.model.event import (
    ALLEGED,
    ASSERTED,
    DELIVERED,
    FUTURE,
    HISTORICAL,
    HYPOTHETICAL,
    NEGATED,
    ORDERED,
    PROMISED,
    Event,
    EventDate,
    EventPlace,
    Participant,
    TextRef,
    Transfer,
    event_id,
)
from firsthand.model.mention import Mention
from firsthand.read import (  # noqa: F401  (the imports register doc._.quantities and doc._.times)
    quantities as _quantities,
    times as _times,
)
from firsthand.read.columns import column, heads as head_indices
from firsthand.read.countries import country_code
from firsthand.read.doc import text_of
from firsthand.read.entities import COUNTRY, IGO, ORGANIZATION, PERSON, PLACE
from firsthand.read.places import COUNTRY as COUNTRY_PRECISION, REGION, SITE, TOWN, country_place

SUBJECTS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECTS = frozenset({"nsubjpass", "csubjpass"})
OBJECTS = frozenset({"dobj", "obj", "attr", "oprd"})
RECIPIENT_PREPS = frozenset({"to", "against", "on", "upon", "toward", "towards", "into", "at", "for"})
COMPANY_PREPS = frozenset({"with", "between", "among"})
PLACE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "around", "across", "throughout", "within", "along", "off"})
# Clause-opening dependents: an argument's own entities stop at them.
OTHER_CLAUSES = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis", "appos", "conj", "cc", "punct", "prep"})
# Prepositions whose object still belongs to the phrase ("officials in Seoul", "groups of rebels").
PHRASE_PREPS = frozenset({"of", "in", "throughout", "within", "across"})
# Content of a verbal event: what it is about, not another event.
CONTENT_DEPS = frozenset({"ccomp", "xcomp", "dobj", "pcomp", "pobj", "prep", "acl", "advcl", "conj", "relcl", "nsubj", "nsubjpass", "attr", "oprd", "acomp", "dative", "npadvmod", "appos", "compound", "amod", "poss"})
VERBAL_TYPES = frozenset({"AGREE", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN"})
FUTURE_TO_AGREE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID"})
MODALS = frozenset({"could", "may", "might", "should", "must", "can", "would", "ought"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
GOING_TO = frozenset({"plan", "intend", "expect", "schedule", "aim", "prepare"})
PRECISION_RANK = {SITE: 0, TOWN: 1, REGION: 2, COUNTRY_PRECISION: 3}
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers"})
THING_PRONOUNS = frozenset({"it", "its", "they", "them", "their", "we", "our", "us"})
ACTOR_KINDS = frozenset({COUNTRY, PERSON, ORGANIZATION, IGO})


@dataclass
class _Candidate:
    trigger: Token  # the word that names the event
    anchor: Token  # the clause head whose arguments fill the roles
    type: str
    mode: str | None
    converse: bool = False  # the subject receives ("X received aid from Y")
    content_of: _Candidate | None = None  # the verbal event this one is the content of
    intent: Token | None = None  # the intent word that made it an offer
    offered: Token | None = None  # the verb of the offered act ("to provide")


# --- the document's entities ------------------------------------------------------------------


class _Entities:
    """The entity mentions of one document, by token, with people's affiliations."""

    def __init__(self, doc: Doc, mentions: list[Mention]) -> None:
        self.doc = doc
        self.mentions = [m for m in mentions if m.kind in ACTOR_KINDS or m.kind == PLACE]
        self.by_token: dict[int, Mention] = {}
        for m in self.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            for tok in span or ():
                self.by_token.setdefault(tok.i, m)
        self.affiliation: dict[str, tuple[str | None, str | None]] = {}
        for m in self.mentions:
            if m.kind == PERSON:
                code, sector = self._person_affiliation(m)
                old_code, old_sector = self.affiliation.get(m.id, (None, None))
                self.affiliation[m.id] = (old_code or code, old_sector or sector)

    def at(self, tok: Token) -> Mention | None:
        return self.by_token.get(tok.i)

    def _person_affiliation(self, m: Mention) -> tuple[str | None, str | None]:
        """Country and sector a report gives a person: "Russian President Vladimir Putin",
        "Kim Jong-un's North Korea" (a country's possessor leads it), "Russia under Putin"."""
        span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            return None, None
        root = span.root
        code = sector = None
        head_mention = self.at(root.head) if root.head is not root else None
        if head_mention is not None and head_mention.kind == COUNTRY and root.dep_ == "poss":
            return head_mention.id, "GOV"
        if root.dep_ == "pobj" and root.head.lower_ == "under":
            # "Russia under President Vladimir Putin": the country just before "under".
            before = root.head.i - 1
            ruled = self.at(self.doc[before]) if before >= 0 else None
            if ruled is not None and ruled.kind == COUNTRY:
                return ruled.id, "GOV"
        for tok in _modifiers(root, span):
            found = self.at(tok)
            if found is not None and found.kind == COUNTRY and code is None:
                code = found.id
            sector = sector or _sector_word(tok)
        if root.dep_ in ("appos", "conj") and (root.head.pos_ == "NOUN" or root.head.head.pos_ == "NOUN"):
            # "the leaders of the two nations, Kim Jong Un and Vladimir Putin"
            noun = root.head if root.head.pos_ == "NOUN" else root.head.head
            sector = sector or _sector_word(noun)
        if code is None:
            for appos in (c for c in root.children if c.dep_ == "appos"):
                for tok in appos.subtree:
                    found = self.at(tok)
                    if found is not None and found.kind == COUNTRY:
                        code = code or found.id
                    sector = sector or _sector_word(tok)
        return code, sector


def _modifiers(root: Token, span: Span) -> Iterator[Token]:
    """The words before a name in its noun phrase ("Russian President" of "... Vladimir Putin")."""
    for child in root.children:
        if child.dep_ in ("compound", "amod", "nmod", "poss") and child.i < span.start:
            yield from child.subtree
    yield from span


def _sector_word(tok: Token) -> str | None:
    words = lexicon().sector_words
    return words.get(tok.lemma_.lower()) or words.get(tok.lower_)


# --- triggers ---------------------------------------------------------------------------------


def _phrasal(tok: Token) -> str | None:
    for child in tok.children:
        if child.dep_ in ("prt", "prep") and f"{tok.lemma_.lower()} {child.lower_}" in lexicon().verbs:
            return f"{tok.lemma_.lower()} {child.lower_}"
    return None


def _trigger(tok: Token, lex: Lexicon) -> tuple[Trigger, bool] | None:
    """The event a word names, and whether its subject is the recipient."""
    lemma = tok.lemma_.lower()
    if tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "NOUN" and tok.dep_ == "ROOT" and tok.tag_.startswith("VB")):
        if lemma in lex.light or lemma in lex.reporting:
            return None
        if lemma in lex.phrasal_starts and (phrase := _phrasal(tok)) is not None:
            return lex.verbs[phrase], False
        if lemma in lex.converse:
            return Trigger(lex.converse[lemma], None), True
        found = lex.verbs.get(lemma)
        return (found, False) if found else None
    if tok.pos_ in ("NOUN", "PROPN") and tok.ent_type_ not in ("PERSON", "GPE", "ORG", "NORP"):
        if lemma in lex.compound_ends:
            for child in tok.children:
                if child.dep_ == "compound" and (found := lex.nouns.get(f"{child.lemma_.lower()} {lemma}")):
                    return found, False
        if found := lex.nouns.get(lemma):
            return found, False
        for child in tok.children:
            if child.dep_ == "amod" and child.lemma_.lower() in lex.modifiers:
                return Trigger(lex.modifiers[child.lemma_.lower()], None), False
    return None


def _is_intent(tok: Token, lex: Lexicon) -> bool:
    return tok.lemma_.lower() in lex.intent or tok.lower_ in lex.intent


def _complement(tok: Token) -> Token | None:
    """The clause an intent word governs: "agreed [to provide]", "is willing [to withdraw]"."""
    for child in tok.children:
        if child.dep_ in ("xcomp", "ccomp") and child.pos_ in ("VERB", "AUX"):
            return child
        if child.dep_ in ("acomp", "amod") and _is_intent(child, lexicon()):
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
class _Words:
    """A Doc's tokens that may name an event (for any other, _trigger is None) and its intent
    words, found from the Doc's arrays: most words are neither, and reading each one's lemma
    and children to learn so was much of the tree walk's time."""

    triggers: frozenset[int]
    intents: frozenset[int]

    @classmethod
    def of(cls, doc: Doc, lex: Lexicon) -> _Words:
        lemmas = [lemma.lower() for lemma in column(doc, LEMMA)]
        head = head_indices(doc)
        triggers = {i for i, lemma in enumerate(lemmas) if lemma in lex.trigger_lemmas}
        # a plain noun made an event by its adjective ("military aid")
        triggers.update(head[i] for i, dep in enumerate(column(doc, DEP)) if dep == "amod" and lemmas[i] in lex.modifiers)
        intents = {i for i, (lemma, lower) in enumerate(zip(lemmas, column(doc, LOWER)))
                   if lemma in lex.intent or lower in lex.intent}
        return cls(frozenset(triggers), frozenset(intents))


def _candidates(sent: Span, lex: Lexicon, words: _Words) -> list[_Candidate]:
    """Event candidates of a sentence, outermost first."""
    found: list[_Candidate] = []

    def visit(tok: Token, owner: _Candidate | None) -> None:
        here: _Candidate | None = None
        hit = _trigger(tok, lex) if tok.i in words.triggers else None
        if tok.i in words.intents and (comp := _complement(tok)) is not None:
            inner = _inner_trigger(comp, lex)
            if inner is not None and owner is None:
                here = _offer(tok, comp, inner, lex)
        if here is None and hit is not None:
            trig, converse = hit
            anchor = _anchor(tok, lex) if tok.pos_ in ("NOUN", "PROPN") else tok
            here = _Candidate(tok, anchor, trig.type, trig.mode, converse, owner)
        if here is not None:
            found.append(here)
            if here.intent is not None:
                return  # the offered act is this event's content, already used
        # What a verbal event is about is its content; reported speech is not.
        next_owner = here if here is not None and here.type in VERBAL_TYPES else owner
        for child in tok.children:
            if child.i < sent.start or child.i >= sent.end:
                continue
            visit(child, next_owner)

    visit(sent.root, None)
    return found


def _inner_trigger(tok: Token, lex: Lexicon) -> tuple[Token, Trigger] | None:
    """The first trigger in an offered clause: the verb, else its object ("offered its troops")."""
    for t in _breadth_first(tok):
        hit = _trigger(t, lex)
        if hit is not None:
            return t, hit[0]
    return None


def _breadth_first(tok: Token) -> Iterator[Token]:
    queue = [tok]
    while queue:
        t = queue.pop(0)
        yield t
        queue.extend(c for c in t.children if c.dep_ not in ("relcl", "advcl", "punct"))


def _offer(intent: Token, comp: Token, inner: tuple[Token, Trigger], lex: Lexicon) -> _Candidate:
    """An intent over an act: an offer (AGREE), a threat if the act is hostile, a concession if
    it is a retreat (PLOVER: announced withdrawals are CONCEDE)."""
    _, trig = inner
    head = intent if intent.pos_ in ("VERB", "AUX") else intent.head
    if trig.type in lex.hostile_types:
        mode = _mode_from("THREATEN", [comp, *comp.subtree], lex)
        return _Candidate(intent, head, "THREATEN", mode, intent=intent, offered=comp)
    if trig.type == "RETREAT":
        return _Candidate(intent, head, "CONCEDE", None, intent=intent, offered=comp)
    if trig.type in ("REJECT", "THREATEN", "REQUEST", "ACCUSE", "SANCTION"):
        return _Candidate(inner[0], head, trig.type, trig.mode, intent=intent, offered=comp)
    return _Candidate(intent, head, "AGREE", None, intent=intent, offered=comp)


def _instruments(cand: _Candidate) -> list[Token]:
    """Words that say how: the trigger's modifiers and "with" phrases ("shelled with artillery",
    "a drone attack"), not everything in its clause."""
    out = [cand.trigger]
    for head in {cand.anchor, cand.trigger}:
        out += [c for c in head.children if c.dep_ in ("compound", "amod", "dobj")]
        out += [t for pobj in _prep_objects(head, frozenset({"with", "by"})) for t in pobj.subtree]
    return out


def _mode_from(type_: str, tokens: Iterable[Token], lex: Lexicon) -> str | None:
    words = lex.mode_words.get(type_, {})
    for tok in tokens:
        mode = words.get(tok.lemma_.lower())
        if mode:
            return mode
    return None


# --- roles ------------------------------------------------------------------------------------


def _subject(verb: Token) -> tuple[Token | None, bool]:
    """The subject of a verb, climbing through control and coordination ("agreed to provide",
    "X attacked and killed"); and whether the verb is passive."""
    seen = 0
    tok = verb
    while seen < 6:
        seen += 1
        passive = any(c.dep_ in PASSIVE_SUBJECTS or c.dep_ == "auxpass" for c in tok.children)
        subjects = [c for c in tok.children if c.dep_ in SUBJECTS or c.dep_ in PASSIVE_SUBJECTS]
        if subjects:
            # A dateline ("SEOUL, South Korea — North Korea has ...") parses as a second
            # subject; the one nearest the verb is the clause's own.
            before = [c for c in subjects if c.i < tok.i]
            return (before[-1] if before else subjects[0]), passive
        if tok.dep_ == "relcl":
            return tok.head, passive
        if tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN"):
            # "a statement condemning X": the statement's issuer; "forces fighting": the forces
            owner = tok.head
            if owner.dep_ in OBJECTS and owner.head.pos_ in ("VERB", "AUX"):
                tok = owner.head
                continue
            return owner, passive
        if tok.dep_ in ("xcomp", "conj", "advcl", "pcomp") and tok.head is not tok:
            tok = tok.head if tok.dep_ != "pcomp" else tok.head.head
            continue
        return None, passive
    return None, False


def _doer(noun: Token) -> Token | None:
    """Who does what a noun names, from the verb it is the object of, or hangs on by a
    preposition: "Syrian officers ended mediation efforts", "youths threw stones during
    demonstrations" (not when the noun is the verb's subject: "the talks angered Israel")."""
    tok = noun
    for _ in range(4):
        if tok.dep_ not in (*OBJECTS, "pobj", "prep", "compound") or tok.head is tok:
            return None
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            subject, passive = _subject(tok)
            return None if passive else subject
    return None


def _agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _prep_objects(tok: Token, preps: frozenset[str]) -> list[Token]:
    return [
        pobj
        for prep in tok.children
        if prep.dep_ in ("prep", "dative") and prep.lower_ in preps
        for pobj in prep.children
        if pobj.dep_ == "pobj"
    ]


def _with_conjuncts(tok: Token) -> list[Token]:
    """The head and the other members of its list ("the United States, South Korea, and
    Japan", where the parser often takes a middle member for an appositive)."""
    members = [tok, *(c for c in tok.conjuncts if c.i > tok.i)]
    if len(members) > 1:
        members += [c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
    return sorted(members, key=lambda t: t.i)


def _phrase_tokens(head: Token) -> list[Token]:
    """The head's own noun phrase: modifiers and "of/in" phrases, not clauses or conjuncts."""
    out = [head]
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in PHRASE_PREPS:
            for pobj in child.children:
                out.extend(_phrase_tokens(pobj))
        elif child.dep_ not in OTHER_CLAUSES:
            out.extend(_phrase_tokens(child))
    return out


def _modifier_tokens(head: Token) -> list[Token]:
    return [t for c in head.children if c.dep_ in ("amod", "compound", "poss", "nmod") for t in c.subtree]


class _Roles:
    """Resolves role phrases to participants, with the report's entities and recent context."""

    def __init__(self, doc: Doc, entities: _Entities) -> None:
        self.doc = doc
        self.entities = entities

    def participants(self, head: Token | None, *, places: bool = False) -> list[Participant]:
        if head is None:
            return []
        found: list[Participant] = []
        for tok in _with_conjuncts(head):
            found.extend(self._one(tok, places))
        return _unique(found)

    def _one(self, head: Token, places: bool) -> list[Participant]:
        sector = _phrase_sector(head)
        own = self.entities.at(head)
        if own is not None and (own.kind in ACTOR_KINDS or places):
            return [self._participant(own, sector if own.kind != COUNTRY else None, head)]
        mentions: list[Mention] = []
        # The head's own modifiers first ("Russian forces in Ukraine" are Russian), then
        # its "of/in" phrases ("opposition groups in Zimbabwe").
        for tier in (_modifier_tokens(head), _phrase_tokens(head)):
            for tok in sorted(tier, key=lambda t: t.i):
                m = self.entities.at(tok)
                if m is not None and m not in mentions and (m.kind in ACTOR_KINDS or (places and m.place)):
                    mentions.append(m)
            if mentions:
                break
        if not mentions:
            for appos in (c for c in head.children if c.dep_ == "appos"):
                mentions.extend(m for t in appos.subtree if (m := self.entities.at(t)) and m.kind in ACTOR_KINDS)
        if not mentions and head.pos_ == "PRON":
            antecedent = self._antecedent(head)
            return [antecedent] if antecedent else []
        if not mentions and head.pos_ == "NOUN" and any(c.lower_ in ("the", "this") for c in head.children):
            described = self._described(head)
            return [described] if described else []
        if not mentions:
            # A country term the entity stage left unresolved ("Ethopia", a person's title phrase).
            code = country_code(_phrase_text(head))
            return [Participant(code, code, sector, _phrase_text(head))] if code else []
        # Several entities in one phrase are a compound actor only when they are alike
        # ("Hungarian and Romanian officials"); otherwise the first one the phrase names.
        kinds = {m.kind for m in mentions}
        chosen = mentions if len(kinds) == 1 else mentions[:1]
        return [self._participant(m, sector, head) for m in _unique_mentions(chosen)]

    def _participant(self, m: Mention, sector: str | None, head: Token) -> Participant:
        code: str | None
        if m.kind == COUNTRY:
            code = m.id
        elif m.kind == IGO:
            code = "IGO"
        elif m.kind == PERSON:
            code, person_sector = self.entities.affiliation.get(m.id, (None, None))
            sector = sector or person_sector
            code = code or country_code(_phrase_text(head))  # "Iraqi President Saddam Hussein"
        elif m.kind == PLACE:
            code = m.country
        else:  # an organization: its country is often in its name ("the Nigerian Union of Teachers")
            code = m.country or country_code(m.name) or "NGO"
            sector = sector or _name_sector(m.name)
        text = m.text if head.i in _token_range(self.doc, m) else _phrase_text(head)
        return Participant(m.id, code, sector, text)

    def _antecedent(self, pronoun: Token) -> Participant | None:
        """The last entity before a pronoun that fits it, within the last two sentences."""
        lower = pronoun.lower_
        if lower not in PERSON_PRONOUNS and lower not in THING_PRONOUNS:
            return None
        sents = list(self.doc.sents)
        sent_index = next(i for i, s in enumerate(sents) if s.start <= pronoun.i < s.end)
        window_start = sents[max(0, sent_index - 2)].start_char
        for m in reversed(self.entities.mentions):
            if m.end > pronoun.idx or m.start < window_start:
                continue
            if (lower in PERSON_PRONOUNS) == (m.kind == PERSON) and m.kind in ACTOR_KINDS:
                return self._participant(m, None, pronoun)
        return None

    def _described(self, noun: Token) -> Participant | None:
        """"The institute" → the last named organisation whose name holds that word."""
        word = noun.lemma_.lower()
        for m in reversed(self.entities.mentions):
            if m.end <= noun.idx and m.kind in (ORGANIZATION, IGO) and word in m.name.lower().split():
                return self._participant(m, None, noun)
        return None


def _token_range(doc: Doc, m: Mention) -> range:
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    return range(span.start, span.end) if span is not None else range(0)


def _phrase_text(head: Token) -> str:
    toks = sorted(_phrase_tokens(head), key=lambda t: t.i)
    toks = [t for t in toks if t.dep_ != "det" or t.i != toks[0].i]
    return head.doc[toks[0].i : toks[-1].i + 1].text if toks else head.text


def _phrase_sector(head: Token) -> str | None:
    """Sector from the phrase's head noun, then its modifiers: "Russian forces" → MIL."""
    if (sector := _sector_word(head)) is not None:
        return sector
    for child in head.children:
        if child.dep_ in ("compound", "amod") and (sector := _sector_word(child)) is not None:
            return sector
    return None


def _name_sector(name: str) -> str | None:
    for word in reversed(re.findall(r"[A-Za-z]+", name)):
        found = lexicon().sector_words.get(word.lower()) or lexicon().sector_words.get(word.lower().rstrip("s"))
        if found:
            return found
    return None


def _unique(participants: Iterable[Participant]) -> list[Participant]:
    seen: dict[str, Participant] = {}
    for p in participants:
        if p.id not in seen or (seen[p.id].sector is None and p.sector is not None):
            seen[p.id] = p
    return list(seen.values())


def _unique_mentions(mentions: list[Mention]) -> list[Mention]:
    return list({m.id: m for m in mentions}.values())


# --- when, where, how sure --------------------------------------------------------------------


def _clause(tok: Token) -> tuple[int, int]:
    """Character range of a token's clause (its subtree)."""
    left, right = tok.left_edge, tok.right_edge
    return left.idx, right.idx + len(right)


def _date(doc: Doc, cand: _Candidate) -> EventDate | None:
    times = [t for t in (doc._.times or []) if t.type in ("DATE", "TIME") and not t.value.endswith("_REF")]
    for tok in (cand.anchor, cand.trigger):
        start, end = _clause(tok)
        inside = [t for t in times if start <= t.start and t.end <= end]
        if inside:
            best = min(inside, key=lambda t: abs(t.start - tok.idx))
            return EventDate(best.value, best.precision, best.text, best.begin, best.range_end)
    return None


def _last_day(value: str) -> date | None:
    """The last day a TIMEX3 calendar value covers ("2023-09" → 2023-09-30)."""
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value):
        return date(int(m[1]), int(m[2]), int(m[3]))
    if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
        first_next = date(int(m[1]) + int(m[2]) // 12, int(m[2]) % 12 + 1, 1)
        return first_next - timedelta(days=1)
    if m := re.fullmatch(r"(\d{4})-W(\d{2})", value):
        return date.fromisocalendar(int(m[1]), int(m[2]), 7)
    if m := re.fullmatch(r"(\d{4})", value):
        return date(int(m[1]), 12, 31)
    return None


def _place(doc: Doc, cand: _Candidate, entities: _Entities, taken: set[str]) -> EventPlace | None:
    """The most precise place named by a locative phrase of the event's clause."""
    best: EventPlace | None = None
    heads = {cand.anchor.i: cand.anchor, cand.trigger.i: cand.trigger}
    for head in heads.values():
        for pobj in _locatives(head):
            for tok in _phrase_tokens(pobj):
                m = entities.at(tok)
                if m is None or m.id in taken:
                    continue
                place = m.place or (country_place(m.id) if m.kind == COUNTRY else None)
                if place is None:
                    continue
                if best is None or PRECISION_RANK.get(place.precision, 9) < PRECISION_RANK.get(best.precision, 9):
                    best = EventPlace(place, m.text)
    return best


def _locatives(head: Token) -> Iterator[Token]:
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in PLACE_PREPS:
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    yield pobj
                    yield from _locatives(pobj)  # "at the Cosmodrome in Russia's Far East"


def _auxiliary(cand: _Candidate, reported: bool) -> str:
    """asserted | negated | hypothetical | future, from the words governing the event."""
    chain = [cand.anchor]
    tok = cand.anchor
    while tok.dep_ in ("xcomp", "conj", "acl", "pcomp", "prep", "pobj", "dobj", "nsubjpass") and tok.head is not tok:
        tok = tok.head
        chain.append(tok)
    words = [c for t in chain for c in t.children if c.dep_ in ("aux", "neg", "advmod", "mark", "auxpass")]
    lowers = {w.lower_ for w in words}
    if tok.dep_ == "advcl" and any(c.lower_ in ("if", "unless") for c in tok.children):
        return HYPOTHETICAL
    if any(w.dep_ == "neg" for w in words) or lowers & {"never"}:
        return NEGATED
    going_to = cand.anchor.dep_ == "xcomp" and cand.anchor.head.lemma_.lower() in GOING_TO
    if lowers & FUTURE_AUX or going_to:
        return FUTURE
    if "would" in lowers:
        return FUTURE if reported else HYPOTHETICAL  # "said it would withdraw" is future-in-past
    if lowers & MODALS:
        return HYPOTHETICAL
    return ASSERTED


def _certainty(doc: Doc, sent: Span, cand: _Candidate) -> str:
    """The weaker of the sentence's and the event clause's certainty; a hedge on a number
    ("approximately 1 million") hedges the number, not the event."""
    numbers = [(q.start, q.end) for q in (doc._.quantities or [])]
    levels = []
    for span in (sent, doc[cand.anchor.left_edge.i : cand.anchor.right_edge.i + 1]):
        found = assess(span)
        hedges = [h for h in found.hedges if not any(s <= h.start < e for s, e in numbers)]
        if found.denial:
            levels.append("doubtful")
        elif hedges:
            strong = any(h.text.lower() in ("might", "possibly", "perhaps", "allegedly") for h in hedges)
            levels.append("possible" if strong or len(hedges) > 1 else "probable")
        else:
            levels.append("certain")
    return max(levels, key=LEVELS.index)


def _context(sent: Span, type_: str, item: str | None, lex: Lexicon) -> tuple[str, ...]:
    found: list[str] = []
    if type_ in ("AID", "AGREE") and item and any(w in lex.military_items for w in item.lower().split()):
        found.append("military")
    for tok in sent:
        ctx = lex.context_words.get(tok.lemma_.lower())
        if ctx and ctx not in found:
            found.append(ctx)
    return tuple(found[:3])


# --- transfers --------------------------------------------------------------------------------


def _theme(cand: _Candidate, passive: bool) -> Token | None:
    """What is transferred: the object, the passive subject, "provision of X", "arms transfers"."""
    anchor, trig = cand.anchor, cand.trigger
    if cand.offered is not None:  # "offered to provide X", "the willingness ... to provide X"
        return next((c for c in cand.offered.children if c.dep_ in ("dobj", "obj")), None)
    if trig.pos_ in ("NOUN", "PROPN"):
        of = _prep_objects(trig, frozenset({"of"}))
        if of:
            return of[0]
        compounds = [c for c in trig.children if c.dep_ == "compound"]
        if compounds:
            return compounds[-1]
        return None
    deps = ("nsubjpass",) if passive else ("dobj", "obj")
    return next((c for c in anchor.children if c.dep_ in deps), None)


MEASURE_NOUNS = frozenset({"amount", "number", "quantity", "lot", "batch", "consignment", "shipment", "supply", "range", "package"})


def _item_text(head: Token, numbers: list[tuple[int, int]]) -> str:
    """"approximately 1 million artillery shells" → "artillery shells"; "a substantial amount
    of military equipment" → "military equipment"."""
    if head.lemma_.lower() in MEASURE_NOUNS and (of := _prep_objects(head, frozenset({"of"}))):
        head = of[0]
    keep = [head] + [t for c in head.children if c.dep_ in ("compound", "amod") for t in c.subtree]
    keep = [t for t in keep if not t.like_num and t.pos_ != "DET" and not any(s <= t.idx < e for s, e in numbers)]
    keep.sort(key=lambda t: t.i)
    return " ".join(t.text for t in keep)


def _transfer(doc: Doc, cand: _Candidate, theme: Token | None, status: str, certainty: str, when: EventDate | None) -> Transfer:
    numbers = [(q.start, q.end) for q in (doc._.quantities or [])]
    item = _item_text(theme, numbers) if theme is not None else None
    quantity = None
    if theme is not None:
        start, stop = _clause(theme)
        quantity = next((q for q in (doc._.quantities or []) if start <= q.start < stop and q.kind != "time"), None)
    lex = lexicon()
    if cand.type == "AGREE" or status == FUTURE:
        tstatus = PROMISED
    elif cand.anchor.lemma_.lower() in lex.orders:
        tstatus = ORDERED
    elif status != ASSERTED or certainty != "certain" or cand.content_of is not None:
        tstatus = ALLEGED
    else:
        tstatus = DELIVERED
    begin = when.begin if when else None
    end = when.end if when else None
    if when and begin is None:
        begin = end = when.value
    return Transfer(item, quantity, tstatus, begin, end)


# --- coding -----------------------------------------------------------------------------------


def _roles(cand: _Candidate, roles: _Roles) -> tuple[list[Participant], list[Participant], bool]:
    anchor, trig = cand.anchor, cand.trigger
    subject, passive = _subject(anchor) if anchor.pos_ in ("VERB", "AUX") else (None, False)
    actors: list[Participant] = []
    recipients: list[Participant] = []
    if anchor.pos_ in ("VERB", "AUX"):
        if passive and (_agent(anchor) is not None or anchor.lemma_.lower() not in lexicon().light):
            actors = roles.participants(_agent(anchor))
            recipients = roles.participants(subject) if cand.type not in ("AID", "COOPERATE") else []
        else:
            actors = roles.participants(subject)
    else:  # a nominal event: "North Korea's provision of shells", "the Russian offensive"
        owner = next((c for c in anchor.children if c.dep_ == "poss"), None)
        by = _prep_objects(anchor, frozenset({"by"}))
        actors = roles.participants(owner or (by[0] if by else None))
        if not actors:
            actors = [p for c in anchor.children if c.dep_ in ("amod", "compound", "nmod") for p in roles.participants(c)]
        if not actors and owner is None:
            actors = roles.participants(_doer(anchor))
    if cand.converse:
        actors, recipients = roles.participants(next(iter(_prep_objects(anchor, frozenset({"from"}))), None)), actors
        if not actors:
            theme = next((c for c in anchor.children if c.dep_ in ("dobj", "obj")), None)
            if theme is not None:
                actors = roles.participants(next(iter(_prep_objects(theme, frozenset({"from"}))), None))
    heads = [anchor] if anchor is trig else [anchor, trig]
    for head in heads:
        for pobj in _prep_objects(head, COMPANY_PREPS):
            company = roles.participants(pobj)
            if cand.type == "CONSULT" and cand.mode != "visit":
                actors = _unique([*actors, *company])
            elif not recipients:
                recipients = company
        if not recipients:
            recipients = [p for pobj in _prep_objects(head, RECIPIENT_PREPS) for p in roles.participants(pobj)]
        if not recipients and not cand.converse:
            for child in head.children:
                if child.dep_ in ("dobj", "obj", "dative", "iobj") and child is not trig:
                    people = roles.participants(child)
                    if cand.type == "CONSULT" and cand.mode != "visit":
                        actors = _unique([*actors, *people])
                    else:
                        recipients = people
        if not recipients and cand.type in ("REQUEST", "ACCUSE", "REJECT", "THREATEN"):
            for comp in (c for c in head.children if c.dep_ in ("ccomp", "xcomp")):
                subj, _ = _subject(comp)
                if subj is not None and subj.head is comp:
                    recipients = roles.participants(subj)
    if not recipients and cand.type in ("AID", "COOPERATE", "AGREE"):
        # "delivered ... shells to Russia": the parser often hangs "to X" on the object.
        for obj in (c for h in heads for c in h.children if c.dep_ in ("dobj", "obj")):
            recipients = [p for pobj in _prep_objects(obj, frozenset({"to", "for"})) for p in roles.participants(pobj)]
    if not recipients and trig.pos_ in ("NOUN", "PROPN") and cand.type not in ("AID", "COOPERATE"):
        recipients = roles.participants(next(iter(_prep_objects(trig, frozenset({"of"}))), None))
    if not actors and not cand.converse and not (passive and anchor.lemma_.lower() not in lexicon().light):
        # The parse gave no agent: English puts it first, so the first entity named before
        # the event's clause head (a noun event's own clause), if it is not a recipient.
        recipient_ids = {r.id for r in recipients}
        scope = anchor.sent if anchor.pos_ in ("VERB", "AUX") else anchor.head.subtree
        for tok in scope:
            if tok.i >= anchor.i:
                break
            m = roles.entities.at(tok)
            if m is not None and m.kind in ACTOR_KINDS and m.id not in recipient_ids:
                actors = [roles._participant(m, _phrase_sector(tok.head) if tok.dep_ in ("amod", "compound") else None, tok)]
                break
    actor_ids = {a.id for a in actors}
    recipients = [r for r in recipients if r.id not in actor_ids]
    if not recipients and not cand.converse and not passive:
        recipients = _named_after(cand, roles, actor_ids | {a.code for a in actors if a.code})
    return actors, recipients, passive


def _named_after(cand: _Candidate, roles: _Roles, taken: set[str]) -> list[Participant]:
    """The parse gave no recipient: English puts the one acted on after the event word, so the
    first country or intergovernmental body named after it in its clause, outside the phrases
    that say where ("give Tanzania a grant", "military aid to war-torn Mozambique", "withdraw
    its troops from Lebanon")."""
    head = cand.anchor if cand.anchor.pos_ in ("VERB", "AUX") else cand.anchor.head
    # What a locative phrase names is where it happened: that is the event's place.
    where = {t.i for h in (cand.anchor, cand.trigger) for pobj in _locatives(h) for t in pobj.subtree}
    for tok in head.subtree:
        if tok.i <= cand.trigger.i or tok.i in where:
            continue
        m = roles.entities.at(tok)
        if m is not None and m.id not in taken and (m.kind in (COUNTRY, IGO) or (m.kind == PLACE and m.country)):
            found = roles._participant(m, None, tok)
            if found.code not in taken:  # "Putin met Turkey's foreign minister": a party, not acted on
                return [found]
    return []


def _code(doc: Doc, sent: Span, cand: _Candidate, roles: _Roles, attributions: list, lex: Lexicon) -> Event | None:
    actors, recipients, passive = _roles(cand, roles)
    reported_by: list[Participant] = []
    for att in attributions:
        if any(part.start <= cand.trigger.idx < part.end for part in att.content) and att.source is not None:
            source = doc.char_span(att.source.start, att.source.end, alignment_mode="expand")
            if source is not None:
                # A hedging verb's subject ("Pyongyang appears to have ...") is no reporter.
                parties = {p.id for p in (*actors, *recipients)}
                reported_by = [p for p in roles.participants(source.root) if p.id not in parties]
            break
    reported = bool(reported_by) or any(t.lemma_.lower() in lex.reporting for t in cand.anchor.ancestors)
    status = _auxiliary(cand, reported)
    if cand.content_of is not None and cand.content_of.type in ("REJECT",):
        status = NEGATED
    type_, mode = cand.type, cand.mode
    # PLOVER: future cooperation is an offer; an announced retreat is a concession.
    if status == FUTURE and type_ in FUTURE_TO_AGREE:
        type_, mode, status = "AGREE", None, ASSERTED
    elif status == FUTURE and type_ == "RETREAT":
        type_, mode, status = "CONCEDE", None, ASSERTED
    if mode is None:
        # A threat's or request's mode is what it is about; an attack's is how it is made.
        about = type_ in ("THREATEN", "REQUEST", "REJECT")
        words = [t for c in cand.anchor.children if c.dep_ in ("xcomp", "ccomp", "dobj") for t in c.subtree]
        mode = _mode_from(type_, words if about else _instruments(cand), lex)
    when = _date(doc, cand)
    published = doc._.published
    if when is not None and status == ASSERTED and isinstance(published, (datetime, date)):
        last = _last_day(when.end or when.value)
        day = published.date() if isinstance(published, datetime) else published
        if last is not None and (day - last).days > lex.historical_days:
            status = HISTORICAL
    taken = {p.id for p in (*actors, *recipients)}
    certainty = _certainty(doc, sent, cand)
    theme = _theme(cand, passive) if type_ in ("AID", "AGREE", "COOPERATE") else None
    if type_ == "AID" and theme is not None and theme.lemma_.lower() in lex.not_transfers:
        return None  # "delivered the information": a message, not material aid
    transfer = _transfer(doc, replace(cand, type=type_), theme, status, certainty, when) if type_ == "AID" or (
        type_ == "AGREE" and theme is not None and cand.intent is not None) else None
    trigger_text = cand.trigger.text if cand.intent is None else f"{cand.intent.text} … {cand.trigger.text}"
    return Event(
        type=type_,
        mode=mode,
        context=_context(sent, type_, transfer.item if transfer else None, lex),
        actors=actors,
        recipients=recipients,
        status=status,
        certainty=certainty,
        date=when,
        place=_place(doc, cand, roles.entities, taken),
        transfer=transfer,
        reported_by=reported_by,
        trigger=trigger_text,
        spans=[TextRef(doc._.report_id if Doc.has_extension("report_id") else None, *_trimmed(sent))],
    )


def _trimmed(sent: Span) -> tuple[int, int]:
    text = text_of(sent.doc)[sent.start_char:sent.end_char]  # sent.text, without a Token per word
    return sent.start_char + len(text) - len(text.lstrip()), sent.start_char + len(text.rstrip())


def sentence_events(
    doc: Doc, sent: Span, *, roles: _Roles | None = None, attributions: list | None = None, require_party: bool = True,
    words: _Words | None = None,
) -> list[Event]:
    """Every event a sentence codes, outermost first (the first is the sentence's main event);
    without `require_party`, also those whose parties were not found. `words`: the Doc's
    _Words, when coding many of its sentences."""
    lex = lexicon()
    words = words or _Words.of(doc, lex)
    roles = roles or _Roles(doc, _Entities(doc, doc._.mentions or []))
    attributions = attributions if attributions is not None else (doc._.attributions or find_attributions(doc))
    events = []
    for cand in _candidates(sent, lex, words):
        if cand.content_of is not None and cand.content_of.type not in ("ACCUSE",):
            continue  # what is requested, rejected, threatened or promised did not happen
        event = _code(doc, sent, cand, roles, attributions, lex)
        if event is not None and (event.actors or event.recipients or not require_party):
            events.append(event)
    return events


def code_events(doc: Doc) -> list[Event]:
    """The events of a parsed document (after fh_entities, fh_quantities and fh_times),
    mentions of one event merged."""
    if doc._.mentions is None:
        raise ValueError("code_events needs doc._.mentions: add the fh_entities component before fh_events")
    roles = _Roles(doc, _Entities(doc, doc._.mentions))
    attributions = doc._.attributions if doc._.attributions is not None else find_attributions(doc)
    found: list[Event] = []
    words = _Words.of(doc, lexicon())
    for sent in doc.sents:
        found.extend(sentence_events(doc, sent, roles=roles, attributions=attributions, words=words))
    # A mention without an actor ("were provided to Russia") only adds to one that has one;
    # PLOVER codes no event without a named actor. Two left with one id are one event stated
    # twice in a sentence (the same type, trigger and parties), and the store keys events by id.
    unique: dict[str, Event] = {}
    for event in merge_events(found):
        if event.actors:
            key = event_id(event)
            unique[key] = _merged(unique[key], event) if key in unique else event
    return list(unique.values())


# --- merging ----------------------------------------------------------------------------------


def _ids(participants: list[Participant]) -> frozenset[str]:
    return frozenset(p.code or p.id for p in participants)


def _compatible_dates(a: EventDate | None, b: EventDate | None) -> bool:
    if a is None or b is None:
        return True
    a_begin, a_end = a.begin or a.value, a.end or a.value
    b_begin, b_end = b.begin or b.value, b.end or b.value
    # TIMEX values of one calendar compare as strings by their common prefix.
    def before(x: str, y: str) -> bool:
        n = min(len(x), len(y))
        return x[:n] < y[:n]
    return not (before(a_end, b_begin) or before(b_end, a_begin))


def _same(a: Event, b: Event) -> bool:
    if a.type != b.type or a.happened != b.happened or a.status != b.status:
        return False
    if a.actors and b.actors:
        if _ids(a.actors) != _ids(b.actors):
            return False
        if a.recipients and b.recipients and _ids(a.recipients) != _ids(b.recipients):
            return False
    elif not (a.recipients and _ids(a.recipients) == _ids(b.recipients)):
        return False  # a mention without an actor ("were provided to Russia") needs the same recipients
    if a.place and b.place and a.place.place.country != b.place.place.country:
        return False
    return _compatible_dates(a.date, b.date)


def _finer_date(a: EventDate | None, b: EventDate | None) -> EventDate | None:
    if a is None or b is None:
        return a or b
    return a if len(a.value) >= len(b.value) else b


def _merged(a: Event, b: Event) -> Event:
    place = a.place
    if b.place and (place is None or PRECISION_RANK.get(b.place.precision, 9) < PRECISION_RANK.get(place.precision, 9)):
        place = b.place
    transfer = a.transfer or b.transfer
    if a.transfer and b.transfer:
        pick = a.transfer if a.transfer.quantity is not None else b.transfer
        other = b.transfer if pick is a.transfer else a.transfer
        transfer = replace(
            pick,
            item=pick.item or other.item,
            period_begin=pick.period_begin or other.period_begin,
            period_end=pick.period_end or other.period_end,
            status=pick.status if pick.status == other.status else min(pick.status, other.status, key=_STATUS_ORDER.index),
        )
    actors = _unique([*a.actors, *b.actors])
    actor_ids = {p.id for p in actors}
    return replace(
        a,
        mode=a.mode or b.mode,
        context=tuple(dict.fromkeys(a.context + b.context)),
        actors=actors,
        recipients=[p for p in _unique([*a.recipients, *b.recipients]) if p.id not in actor_ids],
        certainty=min(a.certainty, b.certainty, key=LEVELS.index),
        date=_finer_date(a.date, b.date),
        place=place,
        transfer=transfer,
        reported_by=_unique([*a.reported_by, *b.reported_by]),
        spans=list(dict.fromkeys([*a.spans, *b.spans])),
    )


_STATUS_ORDER = (DELIVERED, ORDERED, PROMISED, ALLEGED)


def merge_events(events: list[Event]) -> list[Event]:
    """One event per set of compatible mentions (same type, actors, recipients, date), in order."""
    merged: list[Event] = []
    for event in events:
        for i, kept in enumerate(merged):
            if _same(kept, event):
                merged[i] = _merged(kept, event)
                break
        else:
            merged.append(event)
    return merged


# --- spaCy ------------------------------------------------------------------------------------

Doc.set_extension("events", default=None, force=True)


@Language.component("fh_events")
def fh_events(doc: Doc) -> Doc:
    """Sets `doc._.events` (list[Event]); needs fh_entities, fh_quantities and fh_times before it."""
    doc._.events = code_events(doc)
    return doc
