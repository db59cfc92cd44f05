"""What an aid event or an offer moves: the item ("artillery shells"), its quantity, and whether
it was delivered, ordered, promised or only alleged."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from firsthand.events.ontology import lexicon, ontology
from firsthand.events.phrases import clause, prep_objects
from firsthand.events.triggers import Candidate
from firsthand.model.event import ALLEGED, ASSERTED, DELIVERED, FUTURE, ORDERED, PROMISED, EventDate, Transfer

MEASURE_NOUNS = frozenset({"amount", "number", "quantity", "lot", "batch", "consignment", "shipment", "supply", "range", "package"})


def theme(cand: Candidate, passive: bool) -> Token | None:
    """What is transferred: the object, the passive subject, "provision of X", "arms transfers"."""
    anchor, trig = cand.anchor, cand.trigger
    if cand.offered is not None:  # "offered to provide X", "the willingness ... to provide X"
        return next((c for c in cand.offered.children if c.dep_ in ("dobj", "obj")), None)
    if trig.pos_ in ("NOUN", "PROPN"):
        of = prep_objects(trig, frozenset({"of"}))
        if of:
            return of[0]
        compounds = [c for c in trig.children if c.dep_ == "compound"]
        if compounds:
            return compounds[-1]
        return None
    deps = ("nsubjpass",) if passive else ("dobj", "obj")
    return next((c for c in anchor.children if c.dep_ in deps), None)


def _item_text(head: Token, numbers: list[tuple[int, int]]) -> str:
    """"approximately 1 million artillery shells" → "artillery shells"; "a substantial amount
    of military equipment" → "military equipment"."""
    if head.lemma_.lower() in MEASURE_NOUNS and (of := prep_objects(head, frozenset({"of"}))):
        head = of[0]
    keep = [head] + [t for c in head.children if c.dep_ in ("compound", "amod") for t in c.subtree]
    keep = [t for t in keep if not t.like_num and t.pos_ != "DET" and not any(s <= t.idx < e for s, e in numbers)]
    keep.sort(key=lambda t: t.i)
    return " ".join(t.text for t in keep)


def transfer(doc: Doc, cand: Candidate, theme: Token | None, status: str, certainty: str, when: EventDate | None) -> Transfer:
    numbers = [(q.start, q.end) for q in (doc._.quantities or [])]
    item = _item_text(theme, numbers) if theme is not None else None
    quantity = None
    if theme is not None:
        start, end = clause(theme)
        quantity = next((q for q in (doc._.quantities or []) if start <= q.start < end and q.kind != "time"), None)
    if ontology().coding(cand.type).transfer == "promised" or status == FUTURE:
        tstatus = PROMISED
    elif cand.anchor.lemma_.lower() in lexicon().orders:
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
