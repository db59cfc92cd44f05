"""An event's arguments besides its parties: when (the nearest time in its clause), where (the
most precise place of a locative phrase), how sure (tense, modals, negation and conditionals
give the auxiliary mode, so a supposed or denied event is never coded as having happened; hedges
give the certainty), and its PLOVER contexts."""

from __future__ import annotations

import re
from datetime import date, timedelta

from spacy.tokens import Doc, Span, Token

from firsthand.claims.certainty import LEVELS, assess
from firsthand.events.ontology import Lexicon, ontology
from firsthand.events.parties import Entities
from firsthand.events.phrases import clause, locatives, phrase_tokens, subject
from firsthand.events.triggers import Candidate
from firsthand.model.event import ASSERTED, FUTURE, HYPOTHETICAL, NEGATED, EventDate, EventPlace
from firsthand.read.entities import COUNTRY
from firsthand.read.places import COUNTRY as COUNTRY_PRECISION, REGION, SITE, TOWN, country_place

MODALS = frozenset({"could", "may", "might", "should", "must", "can", "would", "ought"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
# Governing words that say the act was not done: "unwilling to provide", "by failing to support".
NOT_DONE = frozenset({"unwilling", "fail", "reluctant", "unable", "refuse", "decline", "hesitant", "without"})
NO_ONE = frozenset({"none", "nobody", "neither", "nothing"})
GOING_TO = frozenset({"plan", "intend", "expect", "schedule", "aim", "prepare", "hope", "consider"})
PRECISION_RANK = {SITE: 0, TOWN: 1, REGION: 2, COUNTRY_PRECISION: 3}


def event_date(doc: Doc, cand: Candidate) -> EventDate | None:
    """The time expression of the event's clause nearest its word."""
    times = [t for t in (doc._.times or []) if t.type in ("DATE", "TIME") and not t.value.endswith("_REF")]
    for tok in (cand.anchor, cand.trigger):
        start, end = clause(tok)
        inside = [t for t in times if start <= t.start and t.end <= end]
        if inside:
            best = min(inside, key=lambda t: abs(t.start - tok.idx))
            return EventDate(best.value, best.precision, best.text, best.begin, best.range_end)
    return None


def first_day(value: str) -> date | None:
    """The first day a TIMEX3 calendar value covers ("2023-09" → 2023-09-01)."""
    if m := re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", value):
        return date(int(m[1]), int(m[2]), int(m[3] or 1))
    if m := re.fullmatch(r"(\d{4})-W(\d{2})", value):
        return date.fromisocalendar(int(m[1]), int(m[2]), 1)
    if m := re.fullmatch(r"(\d{4})", value):
        return date(int(m[1]), 1, 1)
    return None


def last_day(value: str) -> date | None:
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


def event_place(cand: Candidate, entities: Entities, taken: set[str]) -> EventPlace | None:
    """The most precise place named by a locative phrase of the event's clause."""
    best: EventPlace | None = None
    heads = {cand.anchor.i: cand.anchor, cand.trigger.i: cand.trigger}
    for head in heads.values():
        for pobj in locatives(head):
            for tok in phrase_tokens(pobj):
                m = entities.at(tok)
                if m is None or m.id in taken:
                    continue
                place = m.place or (country_place(m.id) if m.kind == COUNTRY else None)
                if place is None:
                    continue
                if best is None or PRECISION_RANK.get(place.precision, 9) < PRECISION_RANK.get(best.precision, 9):
                    best = EventPlace(place, m.text)
    return best


def auxiliary(cand: Candidate, reported: bool) -> str:
    """asserted | negated | hypothetical | future, from the words governing the event."""
    chain = [cand.anchor]
    tok = cand.anchor
    while tok.dep_ in ("xcomp", "conj", "acl", "pcomp", "prep", "pobj", "dobj", "nsubjpass") and tok.head is not tok:
        tok = tok.head
        chain.append(tok)
    words = [c for t in chain for c in t.children if c.dep_ in ("aux", "neg", "advmod", "mark", "auxpass")]
    lowers = {w.lower_ for w in words}
    if tok.dep_ == "advcl" and any(c.lower_ in ("if", "unless", "until") for c in tok.children):
        return HYPOTHETICAL  # "until the Mexican government agreed": a condition
    if any(w.dep_ == "mark" and w.lower_ == "whether" for w in words):
        return HYPOTHETICAL  # "a ruling whether U.S. exports have injured growers": a question
    if any(w.dep_ == "neg" for w in words) or lowers & {"never"} or any(t.lemma_.lower() in NOT_DONE for t in chain[1:]):
        return NEGATED
    subj, _ = subject(cand.anchor)
    if subj is not None and (subj.lower_ in NO_ONE or any(c.dep_ == "det" and c.lower_ == "no" for c in subj.children)):
        return NEGATED  # "none of the OPEC members has asked"
    if any(c.dep_ == "det" and c.lower_ == "no" for c in cand.trigger.children):
        return NEGATED  # "the delegation had made no demands"
    going_to = cand.anchor.dep_ in ("xcomp", "ccomp") and cand.anchor.head.lemma_.lower() in GOING_TO
    if any(t.dep_ in ("advcl", "acl") and any(c.tag_ == "TO" for c in t.children) for t in _own_clause(chain)):
        # a purpose or an aim: "a trip to enlist support", "power to decree sanctions"
        return HYPOTHETICAL
    if lowers & FUTURE_AUX or going_to:
        return FUTURE
    if "would" in lowers:
        return FUTURE if reported else HYPOTHETICAL  # "said it would withdraw" is future-in-past
    if lowers & MODALS:
        return HYPOTHETICAL
    return ASSERTED


def _own_clause(chain: list[Token]) -> list[Token]:
    """The governing words up to the first other noun: what a video or report shows is not aimed
    at because the video is to be released ("an order to release a video of an officer shooting")."""
    for n, tok in enumerate(chain[1:], 1):
        if tok.pos_ in ("NOUN", "PROPN"):
            return chain[:n]
    return chain


def certainty(doc: Doc, sent: Span, cand: Candidate) -> str:
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


def contexts(sent: Span, type_: str, item: str | None, lex: Lexicon) -> tuple[str, ...]:
    """Up to three PLOVER contexts: "military" for arms transferred, then the sentence's words."""
    found: list[str] = []
    if ontology().coding(type_).transfer and item and any(w in lex.military_items for w in item.lower().split()):
        found.append("military")
    for tok in sent:
        ctx = lex.context_words.get(tok.lemma_.lower())
        if ctx and ctx not in found:
            found.append(ctx)
    return tuple(found[:3])
