"""Chain of authority inside one report: who first said it, who passed it on, who reports it.

"according to the NIS" + "The NIS delivered the information in a closed-door briefing to
lawmakers. The findings were made public by lawmaker Yoo Sang-bum" gives
origin NIS -> relayed by Yoo Sang-bum (via lawmakers) -> reported by the outlet.
Relays are found by kind of language: a relay verb whose subject is the origin and
whose recipient is named ("delivered/briefed/shared ... to X"), or an information noun
made public, disclosed, revealed or shared "by Y", or "Y, who revealed the information".
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.attrs import LEMMA
from spacy.tokens import Doc, Token

from firsthand.claims.attribution import Attribution, text_span
from firsthand.model.claim import TextSpan
from firsthand.read.columns import column

RELAY_VERBS = frozenset(
    {"deliver", "brief", "share", "pass", "relay", "provide", "give", "present", "hand", "leak",
     "disclose", "reveal", "publish", "release", "make", "announce", "report", "tell"}
)
INFORMATION_NOUNS = frozenset(
    {"information", "finding", "findings", "intelligence", "assessment", "report", "details",
     "detail", "briefing", "data", "estimate", "figure", "figures", "conclusion", "analysis",
     "claim", "this", "it"}
)


@dataclass(frozen=True)
class Link:
    role: str  # "origin" | "recipient" | "relay" | "reporter"
    name: str
    span: TextSpan | None = None


def noun_phrase(token: Token, alone: bool = False) -> tuple[str, TextSpan]:
    """A noun phrase's text without its relative or participial clauses (and, `alone`, without
    the phrases conjoined to it: "the White House" of "the White House and analysts")."""
    cut = {"relcl", "acl", "conj", "cc"} if alone else {"relcl", "acl"}
    dropped = {t.i for c in token.children if c.dep_ in cut for t in c.subtree}
    keep = [t for t in token.subtree if t.i not in dropped]
    while len(keep) > 1 and keep[-1].is_punct:
        keep.pop()
    # An aside cut off by the clause boundary ("Service (NIS") is dropped, not left unbalanced.
    opened = [i for i, t in enumerate(keep) if t.text == "("]
    if opened and not any(t.text == ")" for t in keep[opened[-1]:]) and opened[-1] > 0:
        keep = keep[:opened[-1]]
    span = text_span(token.doc, keep[0].idx, keep[-1].idx + len(keep[-1]))
    return span.text, span


def _initials(text: str) -> str:
    return "".join(w[0] for w in text.split() if w[:1].isupper())


def same_party(a: str, b: str) -> bool:
    """Two mentions of one source: shared head word, or one an acronym of the other."""
    a_words, b_words = a.split(), b.split()
    if not a_words or not b_words:
        return False
    if a_words[-1].lower() == b_words[-1].lower():
        return True
    for short, long in ((a_words[-1], b), (b_words[-1], a)):
        if short.isupper() and len(short) >= 2 and _initials(long).endswith(short):
            return True
    return False


def passive_agent(verb: Token) -> Token | None:
    """The object of a passive verb's "by" phrase."""
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _recipient(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "dative" and child.pos_ != "ADP":
            return child
    # "to X" on the verb or on its phrase ("in a briefing to lawmakers"), not in a clause below.
    for tok in verb.subtree:
        between = [a for a in tok.ancestors if verb in a.ancestors]
        if tok.dep_ == "prep" and tok.lower_ == "to" and not any(a.pos_ == "VERB" for a in between):
            return next((c for c in tok.children if c.dep_ == "pobj"), None)
    return None


_RELAY_VERBS_OF_DOC = "firsthand.relay_verbs"


def _relay_verbs(doc: Doc) -> list[int]:
    """Indices of the words whose lemma is a relay verb, found once per Doc: every attribution
    chain of the Doc asks, and scanning the Doc each time made a long Doc's chains quadratic."""
    found = doc.user_data.get(_RELAY_VERBS_OF_DOC)
    if found is None:
        found = doc.user_data[_RELAY_VERBS_OF_DOC] = [
            i for i, lemma in enumerate(column(doc, LEMMA)) if lemma.lower() in RELAY_VERBS]
    return found


def _relays(doc: Doc, origin: str) -> list[tuple[int, Link]]:
    links: list[tuple[int, Link]] = []
    for verb in (doc[i] for i in _relay_verbs(doc)):
        if verb.pos_ not in {"VERB", "AUX"}:
            continue
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        obj = next((c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}), None)
        about_information = obj is not None and bool({obj.lower_, obj.lemma_.lower()} & INFORMATION_NOUNS)
        # The origin passes it on to someone: that someone is a link.
        if subj is not None and same_party(origin, noun_phrase(subj)[0]):
            recipient = _recipient(verb)
            if recipient is not None and about_information:
                name, span = noun_phrase(recipient)
                links.append((verb.i, Link("recipient", name, span)))
            continue
        # Information made public / disclosed / shared by Y.
        agent = passive_agent(verb)
        if agent is not None and about_information:
            name, span = noun_phrase(agent)
            links.append((verb.i, Link("relay", name, span)))
        # "Y, who revealed this information": the relative clause's head is the relay.
        elif verb.dep_ == "relcl" and about_information and subj is not None and subj.lower_ in {"who", "that"}:
            name, span = noun_phrase(verb.head)
            links.append((verb.i, Link("relay", name, span)))
    return links


def _last_cited(attributions: list[Attribution], before: int, relay: str) -> str | None:
    """The source most recently cited before a token, other than the relay itself."""
    cited = [(a.cue_head, a.source.text) for a in attributions
             if a.source is not None and a.cue_head < before and not same_party(a.source.text, relay)]
    return max(cited, key=lambda c: c[0])[1] if cited else None


QUOTING_VERBS = frozenset({"quote", "cite"})


def _quoted(cue: Token, source: TextSpan) -> tuple[Link, Link] | None:
    """The speaker and the relay of a quote passed on: a passive "quote" whose agent is the source
    ("a bank official was quoted by the China Daily as saying"), or a source with its quoting
    agency beside it ("Nazer, quoted by SPA, said"). None when the source spoke for itself."""
    doc = cue.doc
    agent = passive_agent(cue) if cue.lemma_.lower() == "quote" else None
    if agent is not None and source.covers(agent.idx):
        speaker = next((c for c in cue.children if c.dep_ == "nsubjpass"), None)
        if speaker is not None:
            return Link("origin", *noun_phrase(speaker)), Link("relay", source.text, source)
    span = doc.char_span(source.start, source.end, alignment_mode="expand")
    if span is None:
        return None
    for verb in span.root.children:
        agent = passive_agent(verb) if verb.dep_ == "acl" and verb.lemma_.lower() in QUOTING_VERBS else None
        if agent is not None:
            return Link("origin", *noun_phrase(span.root)), Link("relay", *noun_phrase(agent))
    return None


def attribution_chain(doc: Doc, attribution: Attribution, outlet: str | None = None) -> list[Link]:
    """Origin first, then recipients and relays in text order, then the reporting outlet.

    A relay ("made public by Y") belongs to this origin only when the information it passes on
    was last cited to the same party; otherwise it relays someone else's information."""
    chain: list[Link] = []
    if attribution.source is not None:
        quoted = _quoted(doc[attribution.cue_head], attribution.source)
        # "X was quoted by Y as saying", "X, quoted by Y, said": X is the origin, Y passes it on.
        chain.extend(quoted or [Link("origin", attribution.source.text, attribution.source)])
        origin = chain[0].name
        seen = {link.name for link in chain} | {attribution.source.text}
        attributions = doc._.attributions if doc.has_extension("attributions") and doc._.attributions else [attribution]
        for at, link in sorted(_relays(doc, origin), key=lambda x: x[0]):
            if link.role == "relay":
                cited = _last_cited(attributions, at, link.name)
                if cited is None or not same_party(origin, cited):
                    continue
            if link.name not in seen and not same_party(origin, link.name):
                chain.append(link)
                seen.add(link.name)
    if outlet:
        chain.append(Link("reporter", outlet))
    return chain
