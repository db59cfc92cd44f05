"""Phrases of the dependency parse that the roles and arguments of an event are read from: a
verb's subject and agent, prepositional objects, a noun's own phrase, a clause's extent."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

SUBJECTS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECTS = frozenset({"nsubjpass", "csubjpass"})
OBJECTS = frozenset({"dobj", "obj", "attr", "oprd"})
PLACE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "around", "across", "throughout", "within", "along", "off"})
# Clause-opening dependents: an argument's own entities stop at them.
OTHER_CLAUSES = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis", "appos", "conj", "cc", "punct", "prep"})
# Prepositions whose object still belongs to the phrase ("officials in Seoul", "groups of rebels").
PHRASE_PREPS = frozenset({"of", "in", "throughout", "within", "across"})


def is_verb(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX")


def subject(verb: Token) -> tuple[Token | None, bool]:
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
            # "a statement condemning X": the statement's issuer; "forces fighting": the forces;
            # "forces backed by artillery fire": the forces are backed, not backing
            owner = tok.head
            if tok.tag_ == "VBN" and any(c.dep_ == "agent" for c in tok.children):
                return owner, True
            if owner.dep_ in OBJECTS and is_verb(owner.head):
                tok = owner.head
                continue
            return owner, passive
        if tok.dep_ in ("xcomp", "conj", "advcl", "pcomp") and tok.head is not tok:
            tok = tok.head if tok.dep_ != "pcomp" else tok.head.head
            continue
        return None, passive
    return None, False


def doer(noun: Token) -> Token | None:
    """Who does what a noun names, from the verb it is the object of, or hangs on by a
    preposition: "Syrian officers ended mediation efforts", "youths threw stones during
    demonstrations" (not when the noun is the verb's subject: "the talks angered Israel")."""
    tok = noun
    for _ in range(4):
        if tok.dep_ not in (*OBJECTS, "pobj", "prep", "compound") or tok.head is tok:
            return None
        if tok.dep_ == "prep" and tok.head.pos_ in ("NOUN", "PROPN") and tok.head.tag_ != "VBG":
            return None  # in another noun's phrase: "cited reports of cyberattacks" are not the citer's
        tok = tok.head
        if is_verb(tok):
            found, passive = subject(tok)
            return None if passive else found
    return None


def prep_objects(tok: Token, preps: frozenset[str]) -> list[Token]:
    return [
        pobj
        for prep in tok.children
        if prep.dep_ in ("prep", "dative") and prep.lower_ in preps
        for pobj in prep.children
        if pobj.dep_ == "pobj"
    ]


def with_conjuncts(tok: Token) -> list[Token]:
    """The head and the other members of its list ("the United States, South Korea, and
    Japan", where the parser often takes a middle member for an appositive)."""
    members = [tok, *(c for c in tok.conjuncts if c.i > tok.i)]
    if len(members) > 1:
        members += [c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
    return sorted(members, key=lambda t: t.i)


def phrase_tokens(head: Token) -> list[Token]:
    """The head's own noun phrase: modifiers and "of/in" phrases, not clauses or conjuncts."""
    out = [head]
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in PHRASE_PREPS:
            for pobj in child.children:
                out.extend(phrase_tokens(pobj))
        elif child.dep_ not in OTHER_CLAUSES:
            out.extend(phrase_tokens(child))
    return out


def modifier_tokens(head: Token) -> list[Token]:
    return [t for c in head.children if c.dep_ in ("amod", "compound", "poss", "nmod") for t in c.subtree]


def phrase_text(head: Token) -> str:
    toks = sorted(phrase_tokens(head), key=lambda t: t.i)
    toks = [t for t in toks if t.dep_ != "det" or t.i != toks[0].i]
    return head.doc[toks[0].i : toks[-1].i + 1].text if toks else head.text


def clause(tok: Token) -> tuple[int, int]:
    """Character range of a token's clause (its subtree)."""
    left, right = tok.left_edge, tok.right_edge
    return left.idx, right.idx + len(right)


def locatives(head: Token) -> Iterator[Token]:
    """The objects of a head's place phrases, nested ones too ("at the Cosmodrome in Russia's Far East")."""
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in PLACE_PREPS:
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    yield pobj
                    yield from locatives(pobj)
