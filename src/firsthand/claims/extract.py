"""Claim extraction: every check-worthy clause of a report, with its attribution chain and qualifiers.

Runs after the reader's components (entities, quantities, times, attributions, check-worthiness)
and reads their results from the Doc. A clause is check-worthy when its sentence states
something (a main verb, not a question, not a headline or page furniture), is check-worthy
(`checkworthy.py`: the scorer's threshold, or a named source's words) and the clause is about
something specific (a named entity, a quantity or a time). Attributed content becomes claims
with the attribution's chain; clauses no one is cited for are the outlet's own, unless they
refer back to a cited finding ("the revelation was that ...").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from spacy.attrs import LEMMA, LOWER
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..ingest.dateline import dateline_end
from ..model.claim import Certainty, Claim, Source, TextSpan
from ..model.mention import Mention
from ..read.columns import column
from ..read.component import Component, isolated, option
from ..read.doc import text_of  # also registers Doc._.report_id, Doc._.outlet
from .attribution import RELATIVE_PRONOUNS, Attribution, text_span
from .certainty import _kinds, assess, level_of, lexicon
from .chain import attribution_chain, noun_phrase
from .checkworthy import DANGLING_POS, annotate, is_checkworthy
from .origin import is_speaker, source_entity, source_kind, source_kinds, title_kind
from .stance import BACKENDS as STANCE_BACKENDS, DEFAULT_BACKEND as DEFAULT_STANCE, stance, stance_reader

Doc.set_extension("claims", default=None, force=True)

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
# Clauses that take their subject from the verb they hang on: without it, a fragment.
DEPENDENT_CLAUSES = frozenset({"conj", "xcomp", "advcl", "acl", "relcl", "pcomp"})
OBJECTS = ("dobj", "attr", "oprd", "acomp", "xcomp", "ccomp", "prep", "dative", "agent")
# Nouns by which a sentence refers back to what a cited source disclosed.
FINDING_NOUNS = frozenset({"revelation", "finding", "findings", "information", "disclosure", "report", "assessment",
                           "estimate", "conclusion", "briefing", "audit"})
# Evidence that speaks for its makers: "imagery from X and Y showing Z" cites X and Y for Z.
EVIDENCE_NOUNS = frozenset({"imagery", "image", "images", "photo", "photos", "photograph", "photographs", "footage",
                            "video", "videos", "data", "document", "documents", "evidence", "record", "records"})
SHOWING = frozenset({"show", "indicate", "suggest", "reveal", "depict", "confirm"})
# Participles by which a writer reads the news after stating it (", signaling a shift").
GLOSSES = frozenset({"signal", "suggest", "highlight", "underscore", "underline", "indicate", "show", "reflect",
                     "demonstrate", "illustrate", "mark", "raise", "fuel", "spark", "deepen", "heighten"})
# The verbs by which a finding states its content ("the revelation was that X", "the report shows X").
CONTENT_VERBS = SHOWING | {"be", "say", "state", "find"}
# "X said ..., citing the NIS": the cited one is the origin and the speaker relays it.
CITING = frozenset({"cite", "quote"})
CONDITIONS = frozenset({"if", "unless", "whether"})
SPOKESPEOPLE = frozenset({"spokesman", "spokeswoman", "spokesperson", "official", "representative"})
# Verbs that report speech whatever their subject (not "announce", "agree": an outlet reports acts).
SPEECH = frozenset({"say", "tell", "add", "quote", "state"})
BOILERPLATE = re.compile(r"@\w|comment policy|can be reached at|image source|all rights reserved|subscribe|cookie", re.I)
CONTEXT_SENTENCES = 3
# Raising verbs hedge their clause ("Pyongyang appears to have received"); they cite no one.
RAISING = frozenset({"appear", "seem"})
EXPLETIVES = frozenset({"it", "this", "there", "that"})
NOT_COUNTED = frozenset({"time", "ordinal"})  # numbers inside dates, "a third attempt"
# Words by which a report refers back to a speaker it named, and the kind of entity each stands for.
REFERRING = {"he": "person", "she": "person", "it": "organization", "the company": "organization",
             "the firm": "organization", "the group": "organization"}


def _tokens_named(doc: Doc, words: frozenset[str]) -> list[Token]:
    """The tokens whose lowercased lemma or form is one of words (read from the Doc's arrays)."""
    found = zip(column(doc, LEMMA), column(doc, LOWER))
    return [doc[i] for i, (lemma, lower) in enumerate(found) if lemma.lower() in words or lower in words]


def _tokens_in(doc: Doc, start: int, end: int) -> set[int]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return set(range(span.start, span.end)) if span is not None else set()


def is_statement(sent: Span) -> bool:
    """A sentence that can state a fact: has a verb, is not a question, a headline or page furniture."""
    text = text_of(sent.doc)[sent.start_char:sent.end_char].strip()  # sent.text, without a Token per word
    if len(sent) < 4 or text.endswith("?") or BOILERPLATE.search(text):
        return False
    if not any(t.pos_ in {"VERB", "AUX"} for t in sent):
        return False
    # Headlines: no closing punctuation and mostly capitalized words.
    words = [t for t in sent if t.is_alpha]
    if text[-1] not in ".!\"'”’" and words and sum(t.is_title for t in words) / len(words) > 0.5:
        return False
    return True


def clause_roots(tokens: list[Token]) -> list[Token]:
    """The verbs heading the clauses of a span: its top verb(s) and the conjoined verbs under them."""
    inside = {t.i for t in tokens}
    tops = [t for t in tokens if t.head.i not in inside or t.head == t]
    roots: list[Token] = []
    for top in tops:
        if top.pos_ not in {"VERB", "AUX"}:
            continue
        roots.append(top)
        # A conjunct with no subject of its own ("must be registered and shipped by ...") stays in
        # its first conjunct's clause: alone it would be a fragment.
        roots.extend(c for c in top.conjuncts if c.i in inside and c.pos_ in {"VERB", "AUX"} and c.i > top.i
                     and any(child.dep_ in SUBJECTS for child in c.children))
    return roots


def _clause_tokens(root: Token, roots: list[Token], excluded: set[int]) -> list[Token]:
    """A clause's words: the root's subtree without the other clauses and the excluded words."""
    others = {t.i for r in roots if r is not root and root in r.ancestors or (r is not root and r.head is root) for t in r.subtree}
    return [t for t in root.subtree if t.i not in others and t.i not in excluded]


def _phrase(token: Token | None, limit: int = 12) -> str | None:
    if token is None:
        return None
    text = noun_phrase(token)[0]
    words = text.split()
    return " ".join(words[:limit]) + (" …" if len(words) > limit else "") or None


def _subject(root: Token) -> Token | None:
    for candidate in (root, *root.ancestors):
        subject = next((c for c in candidate.children if c.dep_ in SUBJECTS), None)
        if subject is not None:
            return subject
        if candidate.dep_ != "conj":
            break
    return None


def _predicate(root: Token) -> str:
    parts = [c for c in root.children if c.dep_ in {"aux", "auxpass", "neg", "prt"}] + [root]
    return " ".join(t.text for t in sorted(parts, key=lambda t: t.i))


def _object(root: Token) -> str | None:
    for dep in OBJECTS:
        child = next((c for c in root.children if c.dep_ == dep), None)
        if child is not None:
            return _phrase(child)
    return None


class ClaimExtractor:
    def __init__(self, doc: Doc, stance: Callable[[Span, Iterable[Token]], str] = stance) -> None:
        self.doc = doc
        self.stance = stance
        self.mentions: list[Mention] = doc._.mentions or []
        self.quantities = doc._.quantities or []
        self.times = doc._.times or []
        self.inherited: set[int] = set()  # attributions whose source is borrowed from the verb above
        # Attributions to the makers of cited evidence, and where the evidence's noun phrase starts.
        self.evidence: dict[int, int] = {}
        self.unnamed: set[int] = set()  # attributions to an "it" the report names no one for: no claims
        self.relayed_by: dict[int, Attribution] = {}  # an attribution nested in another's words: its relay
        found = [a for a in map(self._usable, doc._.attributions or []) if a is not None]
        self.attributions = sorted(found + self._evidence(), key=lambda a: a.cue.start)
        self.outlet = doc._.outlet or "the reporting outlet"
        self.story_start = dateline_end(text_of(doc))

    def _usable(self, attribution: Attribution) -> Attribution | None:
        """An attribution that names who is cited, or None when it cites no one.

        A participle cue takes the subject of the verb it hangs on ("The NIS disclosed
        information, revealing that ..."); "it appears that" and "X seems to" are hedges."""
        cue = self.doc[attribution.cue_head]
        if cue.lemma_.lower() in RAISING:
            return None
        sent = cue.sent
        if attribution.source is not None and not any(sent.start_char <= p.start < sent.end_char for p in attribution.content):
            # No content in the cue's sentence: none found, or the tagger's link gave it the next
            # sentence's ("X, the agency said. Y, the ministry said." links Y to the agency's cue).
            attribution = replace(attribution, content=_before_final_cue(self.doc, attribution) or attribution.content)
        source = attribution.source
        if source is not None and source.text.lower() == "it" and cue.pos_ == "VERB" \
                and any(c.dep_ == "nsubj" and c.lower_ == "it" for c in cue.children):
            # "It said the debentures ...": a company or an agency speaks, not the outlet.
            if self._referent("it", source.start) is None:
                self.unnamed.add(id(attribution))
            return attribution
        if source is not None and source.text.lower() in EXPLETIVES:
            source = None
        if source is None and cue.dep_ in {"advcl", "xcomp", "conj"}:
            subject = _subject(cue.head)
            # "It said ... and noted that ...": the "it" a company or an agency the report named.
            speaking_it = subject is not None and subject.lower_ == "it" and subject.dep_ == "nsubj" \
                and cue.head.lemma_.lower() not in RAISING and self._referent("it", subject.idx) is not None
            if subject is not None and (subject.lower_ not in EXPLETIVES or speaking_it):
                source = noun_phrase(subject)[1]
                borrowed = replace(attribution, source=source)
                self.inherited.add(id(borrowed))
                return borrowed
        if source is None or not self._speaks(source, cue):
            return None
        return replace(attribution, source=source)

    def _evidence(self) -> list[Attribution]:
        """One attribution per maker of cited evidence ("satellite imagery from the White House and
        open-source intelligence groups showing expanding rail traffic")."""
        out = []
        for noun in _tokens_named(self.doc, EVIDENCE_NOUNS):
            # The parser hangs "from X" and "showing Y" on the noun, the verb above it, or on X.
            around = list(noun.children) + ([c for c in noun.head.head.children if c.i > noun.i] if noun.dep_ == "pobj" else [])
            origin = next((c for c in around if c.dep_ == "prep" and c.lower_ == "from"), None)
            maker = next((c for c in origin.children if c.dep_ == "pobj"), None) if origin is not None else None
            if maker is None:
                continue
            holders = [noun, maker, *maker.conjuncts] + ([noun.head.head] if noun.dep_ == "pobj" else [])
            shows = next((c for h in holders for c in h.children
                          if c.dep_ in {"acl", "advcl"} and c.i > noun.i and c.lemma_.lower() in SHOWING), None)
            if shows is None:
                continue
            content = [t for t in shows.subtree if t.i != shows.i]
            if not content:
                continue
            body = text_span(self.doc, content[0].idx, content[-1].idx + len(content[-1]))
            cue = text_span(self.doc, shows.idx, shows.idx + len(shows))
            for who in (maker, *maker.conjuncts):
                source = noun_phrase(who, alone=True)[1]
                evidence = Attribution(source, cue, (body,), False, shows.i)
                self.evidence[id(evidence)] = noun.left_edge.idx
                out.append(evidence)
        return out

    def _speaks(self, source: TextSpan, cue: Token) -> bool:
        span = self.doc.char_span(source.start, source.end, alignment_mode="expand")
        mentions = list(self._within(self.mentions, source.start, source.end))
        return is_speaker(source.text, span.root if span is not None else None, mentions, cue.lemma_.lower())

    def _person_kind(self, entity_id: str) -> str:
        """A person's kind from the title the report gives them where it names them ("lawmaker Yoo
        Sang-bum", "Energy Minister Subroto"), read from the parse; else a person."""
        for mention in self.mentions:
            if mention.id == entity_id:
                name = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
                kind = title_kind(name) if name is not None else None
                if kind is not None:
                    return kind
        return "person"

    def _referent(self, name: str, at: int) -> Mention | None:
        """He, she, it or "the company": the last person (organisation) named before it as the
        subject of a clause or a possessor ("Kim Jong Un's visit"), the one the report goes on
        about, not whoever they met ("He told reporters after meeting with President Suharto" is
        still Subroto). "The institute", "the exchange": the last organisation named before it
        with that word in its name (the Institute for the Study of War). None when there is none."""
        words = name.lower().split()
        described = len(words) == 2 and words[0] == "the" and name.lower() not in REFERRING
        kind = "organization" if described else REFERRING.get(name.lower())
        if kind is None:
            return None
        for mention in sorted(self.mentions, key=lambda m: m.start, reverse=True):
            if mention.kind != kind or mention.end > at:
                continue
            if described:
                if words[1] in f"{mention.name} {mention.text}".lower().replace("-", " ").split():
                    return mention
                continue
            span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is not None and span.root.dep_ in SUBJECTS | {"poss"}:
                return mention
        return None

    def _spokesperson(self, head: Token) -> bool:
        """"A spokeswoman", "the bank official": one who speaks for an organisation, and the report
        has named one before; the organisation's voice, not an anonymous source ("officials", "a
        source" stay anonymous)."""
        return head.lemma_.lower() in SPOKESPEOPLE and head.tag_ == "NN" \
            and any(m.kind in {"organization", "igo"} and m.end <= head.idx for m in self.mentions)

    def _described(self, name: str, at: int) -> TextSpan | None:
        """"The agency": the source last cited before it whose words name it ("South Korea's spy
        agency told lawmakers ... The agency believes ..."), when no entity does."""
        words = name.lower().split()
        if len(words) != 2 or words[0] != "the" or name.lower() in REFERRING:
            return None
        cited = [a.source for a in self.attributions if a.source is not None and a.source.end <= at
                 and words[1] in a.source.text.lower().split() and a.source.text.lower() != name.lower()]
        return max(cited, key=lambda source: source.start) if cited else None

    def _within(self, items, start: int, end: int) -> tuple:
        return tuple(item for item in items if start <= item.start and item.end <= end)

    def chain(self, attribution: Attribution | None, actors: set[str], denial: bool) -> tuple[Source, ...]:
        reporter = Source("reporter", self.outlet, "outlet")
        if attribution is None or attribution.source is None:
            return (Source("origin", self.outlet, "outlet"),)
        links = []
        for link in attribution_chain(self.doc, attribution, outlet=None):
            mentions = list(self._within(self.mentions, link.span.start, link.span.end)) if link.span else []
            name = link.name
            person = self._referent(name, link.span.start) if link.span else None
            if person is not None:
                mentions, name = [person], person.name
            elif link.span and (earlier := self._described(name, link.span.start)) is not None:
                mentions, name = list(self._within(self.mentions, earlier.start, earlier.end)), earlier.text
            head = self.doc.char_span(link.span.start, link.span.end, alignment_mode="expand") if link.span else None
            entity = source_entity(mentions, head.root.idx if head is not None and person is None else None)
            # Only the origin can be a party speaking for itself; relays pass on others' words.
            party_actors = (actors | ({entity} if denial and entity else set())) if link.role == "origin" else set()
            # A proper name no entity covers ("WEDGE", "Philips of the Netherlands": not the country).
            named = person is None and head is not None and head.root.pos_ == "PROPN" and not any(
                m.start <= head.root.idx < m.end and m.kind in {"country", "igo"} for m in mentions)
            kind = source_kind(name, mentions, party_actors, named, entity)
            if kind == "person" and entity:
                kind = self._person_kind(entity)
            elif REFERRING.get(name.lower()) == "person":
                kind = "person"  # "he", its referent unknown: a person still, not an anonymous source
            elif kind == "anonymous" and head is not None and self._spokesperson(head.root):
                kind = "organization"
            links.append(Source(link.role, name, kind, entity))
        outer = self.relayed_by.get(id(attribution))
        if outer is not None and links:
            # "X has sent ..., the agency told lawmakers, according to a lawmaker": the lawmaker
            # relays the agency's words, and is no origin of them.
            relays = [replace(link, role="relay") for link in self.chain(outer, actors, False)[:-1]]
            return (*links, *relays, reporter)
        cited = _citing(self.doc[attribution.cue_head])
        if cited is not None and links:
            text, span = noun_phrase(cited)
            mentions = list(self._within(self.mentions, span.start, span.end))
            origin = Source("origin", text, source_kind(text, mentions), source_entity(mentions, cited.idx))
            links = [origin, replace(links[0], role="relay"), *links[1:]]
        return (*links, reporter)

    def claims(self) -> list[Claim]:
        doc = self.doc
        out: list[Claim] = []
        recent: list[tuple[int, Attribution]] = []  # (sentence number, attribution) with a named source
        sents = list(doc.sents)
        if sents and sents[0]._.checkworthy is None:
            annotate(doc)  # a Doc not read through the Reader's pipeline (no fh_checkworthy)
        for number, sent in enumerate(sents):
            here = [a for a in self.attributions if sent.start_char <= a.cue.start < sent.end_char]
            # Commentary, opinion, headings and fragments stay sentences of the reading, not claims.
            # What a named source says is a claim of that source whatever its style (an estimate,
            # a forecast): the scorer, trained on speakers' own words, judges the outlet's own.
            cited = any(a.source is not None for a in here)
            if is_statement(sent) and is_checkworthy(sent, cited):
                with isolated(NAME, doc, sent):
                    out.extend(self._sentence_claims(sent, here, recent, number))
            recent = [(n, a) for n, a in recent if number - n < CONTEXT_SENTENCES]
            recent.extend((number, a) for a in here if a.source is not None)
        # Two cues over the same words from the same source ("…," said one source when asked
        # about …) make one claim, not two rows of it.
        unique: dict[str, Claim] = {}
        for claim in out:
            unique.setdefault(claim.id, claim)
        return list(unique.values())

    def _framing(self, attribution: Attribution) -> set[int]:
        """The attribution's own words: its source and cue phrases ("according to X" whole)."""
        doc = self.doc
        framing = {attribution.cue_head}
        own_source = attribution.source if id(attribution) not in self.inherited else None
        for part in (own_source, attribution.cue):
            if part is not None:
                framing |= _tokens_in(doc, part.start, part.end)
        cue = doc[attribution.cue_head]
        if cue.lower_ == "according":
            framing |= {t.i for t in cue.subtree}
        citing = _citing(cue)
        if citing is not None:
            framing |= {t.i for t in citing.head.subtree}
        return framing

    def _sentence_claims(self, sent: Span, here: list[Attribution], recent, number: int) -> list[Claim]:
        doc = self.doc
        claims: list[Claim] = []
        done: set[int] = set()
        framing: set[int] = set()
        # An attribution inside another's words ("X has sent ..., the agency told lawmakers,
        # according to a lawmaker") is relayed by it; its words are its own claims, not the relay's.
        nested: dict[int, list[Attribution]] = {}
        for outer in here:
            # Only a clause of its own is the inner one's: "Microsoft reported [a profit of $0.78 a
            # share], the SEC said" is the SEC's claim that Microsoft reported it.
            nested[id(outer)] = [inner for inner in here if inner is not outer and _inside(inner, outer)
                                 and not _inside(outer, inner) and _said([doc[i] for i in sorted(self._content(inner))])]
            for inner in nested[id(outer)]:
                self.relayed_by[id(inner)] = outer
        # The sentence's first word of the story (after any dateline).
        opening = next((t.i for t in sent if t.idx >= self.story_start and not (t.is_punct or t.is_space)), None)
        for attribution in here:
            own = self._framing(attribution)
            content = self._content(attribution) - own
            for inner in nested[id(attribution)]:
                content -= self._framing(inner) | self._content(inner)
            if id(attribution) in self.unnamed:
                done |= content  # someone's words, but whose the report does not say
                framing |= own
                continue
            tokens = [doc[i] for i in sorted(content) if sent.start <= i < sent.end and doc[i].idx >= self.story_start]
            found = self._clauses(sent, tokens, attribution, own)
            if not found and tokens and id(attribution) in self.evidence:
                # What evidence shows is often a bare noun phrase ("photos showing smoke over X"):
                # the claim is the evidence and what it shows, a phrase that says something whole.
                start = min(self.evidence[id(attribution)], tokens[0].idx)
                claim = self._claim(sent, doc[attribution.cue_head], start, tokens[-1].idx + len(tokens[-1]), attribution)
                found = [claim] if claim is not None else []
            # Content with no clause of its own ("condemning North Korea's supply of arms") is
            # no separate claim: the sentence stating the attribution is the claim. A clause
            # someone is cited for that names nothing to check ("'The middle class is getting
            # clobbered,' Mr. Biden told reporters") is theirs all the same: never the outlet's
            # with the cue inside it.
            if not found and tokens and attribution.source is not None and tokens[-1].idx < attribution.source.start \
                    and tokens[0].i == opening and tokens[-1].i - tokens[0].i + 1 == len(tokens):
                # Words before their source and cue ("A magnitude 6.1 earthquake struck ..., the
                # agency said") in which the parse found no clause (a noun phrase with a relative
                # clause): written as a sentence, they are the claim all the same. Only the sentence's
                # words in one piece: what a nested attribution left ("…, the agency told
                # [lawmakers on Wednesday]") is none.
                span = doc[tokens[0].i:tokens[-1].i + 1]
                claim = self._claim(sent, span.root, tokens[0].idx, tokens[-1].idx + len(tokens[-1]), attribution)
                found = [claim] if claim is not None else []
            # A relay whose words are all another's ("X said ..., the agency reported") is framing
            # too: never a claim of the outlet that the agency reported. ("The president praised
            # producers, which he said ..." keeps the praise: words of its own are left.)
            if found or (attribution.source is not None and (_said(tokens) or (nested[id(attribution)] and not tokens))):
                claims.extend(found)
                done |= content
                framing |= own
        rest = [t for t in sent if t.i not in done and t.i not in framing and t.idx >= self.story_start]
        inherited = None
        # "The revelation was that ...", "the findings show ...": the finding's content, cited; not
        # what befell the finding ("the findings were made public by Yoo" is the outlet's account).
        if any(t.lemma_.lower() in FINDING_NOUNS and t.dep_ in SUBJECTS and t.head.lemma_.lower() in CONTENT_VERBS
               for t in rest) and recent:
            inherited = recent[-1][1]
        # A cue set into the sentence's main clause ("Last year, he said, production hit a record …,
        # while industry profits exceeded …") speaks for the whole sentence: what its content left
        # is the speaker's too, never the outlet's. Only a cue before the main verb: in "Asked about
        # …, he said" the question is the outlet's account.
        inserted = next((a for a in here if a.source is not None and id(a) not in self.unnamed
                         and doc[a.cue_head].dep_ == "parataxis" and doc[a.cue_head].head == sent.root
                         and sent.root.left_edge.idx < a.cue.start < sent.root.idx), None)
        if inherited is None and inserted is not None:
            inherited, framing = inserted, framing | self._framing(inserted)
            rest = [t for t in rest if t.i not in framing]
        claims.extend(self._clauses(sent, rest, inherited, framing))
        return claims

    def _clauses(self, sent: Span, tokens: list[Token], attribution: Attribution | None, excluded: set[int]) -> list[Claim]:
        roots = [r for r in clause_roots(tokens) if r.i not in excluded]
        claims = []
        allowed = {t.i for t in tokens}
        for found in roots:
            if found.dep_ in DEPENDENT_CLAUSES and found.head.i not in allowed \
                    and not any(c.dep_ in SUBJECTS for c in found.children):
                continue  # "refused to rule out ...", "to finalise ...": its subject is in another claim
            root, frame = _promote(found)
            # In text order: a subtree of a non-projective parse is not ("advice from Moscow regarding
            # its efforts": "from Moscow" hangs on the verb, after the object's subtree).
            words = sorted((t for t in _clause_tokens(root, roots, excluded) if t.i in allowed), key=lambda t: t.i)
            gloss = self._gloss(words)
            words = [t for t in words if t.i not in gloss]
            # A clause ends on a whole phrase: never on a preposition or article whose object was
            # another claim's ("builds on satellite imagery last month from [the White House ...]"), nor
            # on a relative pronoun whose clause was someone's words ("a deadline that [insiders said ...]").
            while words and (words[-1].is_punct or words[-1].is_space or words[-1].dep_ in {"cc", "mark"}
                             or words[-1].pos_ in DANGLING_POS or words[-1].lower_ in RELATIVE_PRONOUNS):
                words.pop()
            # A clause's own "that" or "because" goes; the mark of a clause inside it stays ("[If]
            # current trends continue, it's inevitable ..." is no claim that they continue).
            while words and (words[0].is_punct or words[0].dep_ == "cc" or words[0].lower_ in {"that", "and"}
                             or (words[0].dep_ == "mark" and words[0].head == root)):
                words.pop(0)
            if len(words) < 3 or not self._whole(root, words) or (attribution is None and _reported(root, words)):
                continue
            start, end = words[0].idx, words[-1].idx + len(words[-1])
            claim = self._claim(sent, root, start, _closing_quote(text_of(self.doc), start, end), attribution, frame)
            if claim is not None:
                claims.append(claim)
        return claims

    def _content(self, attribution: Attribution) -> set[int]:
        """The indices of the tokens an attribution's content spans cover."""
        return set().union(*(_tokens_in(self.doc, p.start, p.end) for p in attribution.content))

    def _whole(self, root: Token, words: list[Token]) -> bool:
        """A clause that states something: its subject is in its words (or in the dateline the
        parser took for it) and it is no condition ("if any member raised concerns"). A whole
        sentence, capitalized, whose parse found no subject is the parser's miss, not a fragment
        ("In the case of North Korea, its ongoing nuclear weapons testing ... have resulted")."""
        if any(c.dep_ == "mark" and c.lower_ in CONDITIONS for c in root.children):
            return False
        subject = _subject(root)
        if subject is None:
            return root.dep_ == "ROOT" and bool(words[0].is_sent_start) and words[0].text[:1].isupper()
        return subject.i in {t.i for t in words} or subject.idx < self.story_start

    def _gloss(self, words: list[Token]) -> set[int]:
        """The writer's gloss closing a clause: a participle set off by a comma or dash, that reads
        the news ("—suggesting new heights of partnership between the two countries", ", signaling
        a significant development") or names nothing to check (", thereby raising concerns about
        the conflict"). ", killing 12 people" states a figure and stays."""
        inside = {t.i for t in words}
        last = max((t.i for t in words if not (t.is_punct or t.is_space)), default=-1)
        for t in words:
            if t.dep_ != "advcl" or t.tag_ != "VBG" or t.i < t.head.i or t.head.i not in inside \
                    or t.right_edge.i < last or any(c.dep_ in SUBJECTS for c in t.children):
                continue
            before = self.doc[t.left_edge.i - 1] if t.left_edge.i > 0 else None
            start, end = t.left_edge.idx, t.right_edge.idx + len(t.right_edge)
            names = any(self._within(found, start, end) for found in (self.mentions, self.quantities, self.times))
            if before is not None and before.text in {",", "—", "–", "-"} and (t.lemma_.lower() in GLOSSES or not names):
                return {x.i for x in t.subtree}
        return set()

    def _claim(self, sent: Span, root: Token, start: int, end: int, attribution: Attribution | None,
               frame: Token | None = None) -> Claim | None:
        doc = self.doc
        mentions = self._within(self.mentions, start, end)
        quantities = tuple(q for q in self._within(self.quantities, start, end) if q.kind not in NOT_COUNTED)
        times = self._within(self.times, start, end)
        if not (mentions or quantities or times):
            return None  # nothing specific to check
        span = doc.char_span(start, end, alignment_mode="expand")
        certainty = assess(span) if span is not None else assess(sent)
        if attribution is not None:
            certainty = _framed(certainty, self.doc, attribution.cue_head)
        if frame is not None:
            certainty = _framed(certainty, self.doc, frame.i)
        certainty = replace(certainty, stance=self.stance(sent, span if span is not None else sent))
        # Whoever the report cites is no party to the claim for being named in its words ("imagery
        # from the White House showing ..." is the White House's evidence, not its own affair).
        source = attribution.source if attribution is not None else None
        actors = {m.id for m in mentions if source is None or not source.covers(m.start)}
        subject = _subject(root)
        if subject is not None and subject.idx < self.story_start:
            # The parser took the dateline for the subject; the story's own subject hangs under it.
            rest = [t for t in subject.subtree if t.idx >= self.story_start]
            subject = next((t for t in rest if t.head not in rest), None)
        return Claim(
            report_id=doc._.report_id or "",
            start=start, end=end, text=text_of(doc)[start:end],
            sentence_start=sent.start_char, sentence_end=sent.end_char,
            subject=_phrase(subject), predicate=_predicate(root), object=_object(root),
            chain=self.chain(attribution, actors, certainty.denial),
            certainty=certainty,
            cue=attribution.cue.text if attribution else None,
            direct=bool(attribution and attribution.direct),
            entity_ids=tuple(dict.fromkeys(m.id for m in mentions)),
            quantities=quantities, times=times,
            places=tuple(dict.fromkeys(m.place.id for m in mentions if m.place is not None)),
        )


def _before_final_cue(doc: Doc, attribution: Attribution) -> tuple[TextSpan, ...]:
    """The content of a cue that ends its sentence after its source, where the tagger and the
    parse found none: "A magnitude 6.1 earthquake struck near Izmir ..., the disaster agency AFAD
    said [in a statement]." is the sentence up to the comma before the source; nothing when a verb
    follows the cue or no comma sets the source off."""
    cue = doc[attribution.cue_head]
    source = doc.char_span(attribution.source.start, attribution.source.end, alignment_mode="expand") \
        if attribution.source is not None else None
    if source is None or source.start > cue.i or source.start < 2:
        return ()
    sent = cue.sent
    comma = doc[source.start - 1]
    if comma.text != "," or any(t.pos_ in {"VERB", "AUX"} for t in doc[cue.i + 1:sent.end]) \
            or any(t.pos_ in {"VERB", "AUX"} and t.i != cue.i for t in doc[source.start:cue.i]) \
            or comma.i - sent.start < 3:
        return ()
    return (text_span(doc, doc[sent.start].idx, comma.idx),)


def _said(tokens: list[Token]) -> bool:
    """Whether content is a clause of its own (a verb with its subject), not an act's object ("the
    two companies agreed [to pool their research]": the outlet reports the agreement)."""
    return any(any(c.dep_ in SUBJECTS for c in root.children) for root in clause_roots(tokens))


def _reported(root: Token, words: list[Token]) -> bool:
    """Whether a clause is someone's speech ("..., he said in a statement", "Ongpin has said the
    government ...", "was quoted ... as saying"): it holds a speech verb with a speaker of its own
    or the clause it reports, or a speech verb governs it. Attribution missed who; the outlet is
    no origin for it, and the claim is dropped rather than given to the outlet."""
    if any(a.pos_ == "VERB" and a.lemma_.lower() in SPEECH for a in root.ancestors):
        return True
    inside = {t.i for t in words}
    for verb in words:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in SPEECH:
            continue
        if any(c.dep_ in {"nsubj", "nsubjpass", "agent", "ccomp", "pcomp"} and c.i in inside for c in verb.children):
            return True
        if verb.dep_ in {"parataxis", "ccomp", "advcl", "pcomp"} and verb.head.i in inside:
            return True
    return False


def _inside(inner: Attribution, outer: Attribution) -> bool:
    return any(p.covers(inner.cue.start) for p in outer.content)


_CLOSING = re.compile(r"[,.;:!?]?[”\"]")


def _closing_quote(text: str, start: int, end: int) -> int:
    """A claim that opens a quotation ends with it: "his country's “number one priority,”", not
    "… “number one priority"."""
    said = text[start:end]
    opened = said.count("“") > said.count("”") or said.count('"') % 2 == 1
    found = _CLOSING.match(text, end) if opened else None
    return found.end() if found else end


def _citing(cue: Token) -> Token | None:
    """The object of a "citing X" / "quoting X" that hangs on a cue verb."""
    for child in cue.children:
        if child.dep_ in {"advcl", "xcomp", "conj", "dep"} and child.lemma_.lower() in CITING:
            return next((c for c in child.children if c.dep_ in {"dobj", "pobj"}), None)
    return None


def _promote(root: Token) -> tuple[Token, Token | None]:
    """The clause that carries the claim, and the framing verb it sits in: "The revelation was
    that X" and "it appears that X" claim X (the latter hedged by "appears")."""
    subject = _subject(root)
    inner = next((c for c in root.children if c.dep_ == "ccomp" and c.pos_ in {"VERB", "AUX"}), None)
    if inner is None or subject is None:
        return root, None
    if root.lemma_ == "be" and subject.lemma_.lower() in FINDING_NOUNS:
        return inner, None
    if root.lemma_.lower() in RAISING and subject.lower_ in EXPLETIVES:
        return inner, root
    return root, None


def _framed(certainty: Certainty, doc: Doc, cue_index: int) -> Certainty:
    """What a framing verb adds: a denial ("Russia denies ..."), a hedge ("suggested", "it appears
    that"), a belief ("officials think")."""
    cue = doc[cue_index]
    kinds = _kinds(cue)
    if "denial" in kinds:
        return replace(certainty, denial=True, polarity="positive" if certainty.polarity == "negative" else "negative",
                       level=level_of(certainty.hedges, certainty.boosters, True))
    changes: dict[str, Any] = {}
    if "hedge" in kinds:
        hedges = (*certainty.hedges, text_span(doc, cue.idx, cue.idx + len(cue)))
        changes.update(hedges=hedges, level=level_of(hedges, certainty.boosters, certainty.denial))
    if "opinion" in kinds:
        changes["opinion"] = True
    return replace(certainty, **changes) if changes else certainty


def extract_claims(doc: Doc, stance: Callable[[Span, Iterable[Token]], str] = stance) -> list[Claim]:
    return ClaimExtractor(doc, stance).claims()


NAME = "fh_claims"


class Claims(Component):
    """Sets `doc._.claims` (list[Claim]); a failure on one sentence costs that sentence's claims."""

    extension = "claims"
    shared = (lexicon, source_kinds)
    guards_sentences = True

    def __init__(self, nlp: Language, name: str, stance: str = DEFAULT_STANCE) -> None:
        super().__init__(nlp, name)
        self.stance_backend = option(NAME, "stance", stance, STANCE_BACKENDS)

    def initialize(self, get_examples=None, *, nlp=None) -> None:
        self.stance = stance_reader(self.stance_backend)
        super().initialize()

    def read(self, doc: Doc) -> list[Claim]:
        return extract_claims(doc, self.stance)


@Language.factory(NAME, requires=["doc._.mentions", "doc._.quantities", "doc._.times", "doc._.attributions",
                                  "token.dep", "token.head", "token.lemma"], assigns=["doc._.claims"],
                  default_config={"stance": DEFAULT_STANCE})
def make_claims(nlp: Language, name: str, stance: str) -> Claims:
    return Claims(nlp, name, stance)
