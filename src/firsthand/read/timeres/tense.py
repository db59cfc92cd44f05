"""Whether a time expression's clause speaks of what lies ahead, from the verb that governs it
in a parsed Doc (tags and arcs only, so a pipeline without a lemmatizer serves)."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

# Word stems, not lemmas, for the same reason.
_PLAN = re.compile(r"(?:plan|schedul|expect|intend|due$|hop|aim|prepar|propos|slat|await|going$|vow|promis|threaten)", re.I)
_SAY = re.compile(r"(?:say|said|tell|told|report|announc|claim|stat|add)", re.I)
# "could not be reached Tuesday" is past, "may meet Tuesday" ahead: only the plain future modals tell.
_WILL = {"will", "'ll", "shall", "wo"}
_PRESENT_BE = {"is", "are", "am", "'s", "'re", "'m"}
_PAST_AUX = {"was", "were", "had", "has", "have", "'ve", "did", "been"}
# Present forms spelled like the past ("hurt", "set"): the tagger's present is a guess.
_BARE_PAST = {"hurt", "set", "put", "cut", "hit", "let", "cost", "quit", "shut", "spread", "bid", "read", "beat"}
# Arcs by which a time expression modifies a clause (rather than a noun: "Friday's close").
_CLAUSAL = {"npadvmod", "tmod", "obl", "advmod", "pobj"}


def verb_future(verb: Token, depth: int = 0) -> bool | None:
    """Whether a verb's tense and auxiliaries put its event ahead (True), behind (False), or neither."""
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if aux & _PAST_AUX and verb.tag_ == "VBN" and not _PLAN.match(verb.lower_):
        return False  # "has gained since Tuesday", "may have been responsible Wednesday"
    if aux & _WILL:
        return True
    if "to" in aux:  # an infinitive looks forward from its governing verb: "plans to meet Tuesday"
        head = verb.head
        if head is verb or depth > 2:
            return None
        return True if _PLAN.match(head.lower_) else verb_future(head, depth + 1)
    tag = verb.tag_
    if tag == "VBD":
        return bool(_PLAN.match(verb.lower_))
    if tag == "VBN":
        if _PLAN.match(verb.lower_):
            # "is scheduled for Tuesday" is ahead; "a service planned for Saturday" takes the tense of
            # the clause it sits in: "had experienced a failure, followed by a launch scheduled for
            # October" narrates the past
            return True if aux else _clause_future(verb, depth)
        return False if aux & _PAST_AUX or not aux else None  # "statements made Friday"
    if tag == "VBG":
        if aux & {"was", "were"}:
            return False
        return True if aux & _PRESENT_BE else None
    if tag in ("VBZ", "VBP") and verb.lower_ not in _BARE_PAST:
        # the present with a dated adverbial is a timetable ("meets Monday", "the vote is Tuesday");
        # "says Monday" is a reporting present and tells nothing
        return None if _SAY.match(verb.lower_) else True
    if tag == "VB" and "did" in aux:
        return False
    return None


def _clause_future(verb: Token, depth: int) -> bool | None:
    """The tense of the clause a non-finite verb hangs in: its nearest governing verb's, unless that
    verb reports speech ("said a vote planned for Tuesday" tells nothing of the vote's time)."""
    for head in verb.ancestors:
        if head.pos_ in ("VERB", "AUX"):
            if depth > 2 or _SAY.match(head.lower_):
                return None
            return verb_future(head, depth + 1)
    return None


def parsed_future(doc: Doc, start: int, end: int) -> bool | None:
    """Tense of the clause a time expression modifies, from the dependency parse."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    tok = span.root
    if tok.dep_ not in _CLAUSAL or tok.head is tok:
        return None
    head = tok.head
    if tok.dep_ == "pobj":  # "on Tuesday": the preposition hangs from the verb
        if head.head is head:
            return None
        head = head.head
    return verb_future(head) if head.pos_ in ("VERB", "AUX") else None
