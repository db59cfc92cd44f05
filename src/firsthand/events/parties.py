"""The parties to a report's events: its entity mentions by token, people's affiliations, and
role phrases resolved to participants (pronouns and "the institute" to the last fitting entity;
sector from the phrase's words: "forces" → MIL, "lawmaker" → LEG)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc, Span, Token

from firsthand.events.ontology import lexicon, ontology
from firsthand.events.phrases import modifier_tokens, phrase_text, phrase_tokens, with_conjuncts
from firsthand.model.event import Participant
from firsthand.model.mention import Mention
from firsthand.read.countries import country_code, country_name, is_country_code
from firsthand.read.entities import COUNTRY, IGO, ORGANIZATION, PERSON, PLACE, known_organization_ids

# Sectors of actors PLOVER does not code as political parties on their own.
NON_POLITICAL = frozenset({"BUS", "UNK"})
ACTOR_KINDS = frozenset({COUNTRY, PERSON, ORGANIZATION, IGO})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers"})
# Not "we", "our", "us": in a quote they are the speaker's side, not the last entity named before them.
THING_PRONOUNS = frozenset({"it", "its", "they", "them", "their"})


class Entities:
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


class Parties:
    """Resolves role phrases to participants, with the report's entities and recent context."""

    def __init__(self, doc: Doc, entities: Entities) -> None:
        self.doc = doc
        self.entities = entities

    @classmethod
    def of(cls, doc: Doc) -> Parties:
        """The parties of a Doc whose entities are found (doc._.mentions)."""
        return cls(doc, Entities(doc, doc._.mentions or []))

    def participants(self, head: Token | None, *, places: bool = False, agent: bool = False) -> list[Participant]:
        """The parties a phrase names; `agent`: only if it names people or a body that can act (an
        actor), not a thing, a figure or a document that names a country ("U.S. corn exports")."""
        if head is None:
            return []
        found: list[Participant] = []
        for tok in with_conjuncts(head):
            if tok is not head and ((self.entities.at(tok) is None and tok.pos_ != "PRON")
                                    or any(c.dep_ == "case" for c in tok.children)):
                continue  # another phrase, not a list member ("the invasion of Ukraine and North Korea's tests")
            if not agent or agentive(tok) or self.entities.at(tok) is not None:
                found.extend(self._one(tok, places))
        return unique(found)

    def _one(self, head: Token, places: bool) -> list[Participant]:
        sector = phrase_sector(head)
        own = self.entities.at(head)
        if own is not None and own.kind == PLACE:
            # A place stands for itself, coded to its country ("shelled Kadugli": Sudan), never
            # for the country in its name ("Russia's Far East"); `identified` keeps it out of
            # what a report is said to state.
            return [self.participant(own, None, head)]
        if own is not None and (own.kind in ACTOR_KINDS or places):
            if own.kind == COUNTRY:
                # A nationality as the phrase itself is its people ("Americans approved", "English denied").
                return [self.participant(own, _people_sector(None) if _demonym(head) else None, head)]
            return [self.participant(own, sector, head)]
        mentions: list[Mention] = []
        # The head's own modifiers first ("Russian forces in Ukraine" are Russian), then
        # its "of/in" phrases ("opposition groups in Zimbabwe").
        for tier in (modifier_tokens(head), phrase_tokens(head)):
            for tok in sorted(tier, key=lambda t: t.i):
                m = self.entities.at(tok)
                if m is not None and m.kind == COUNTRY and not (_of_state(head) or _of_state(tok.head)):
                    sector = _people_sector(sector)  # "German banks", "British Columbians"
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
            code = country_code(phrase_text(head))
            if code and not (country_code(head.text) or _of_state(head)):
                sector = _people_sector(sector)  # "Dutch port and transport union"
            return [Participant(code, code, sector, phrase_text(head), country_name(code) or code)] if code else []
        # Several entities in one phrase are a compound actor only when they are alike
        # ("Hungarian and Romanian officials"); otherwise the first one the phrase names.
        kinds = {m.kind for m in mentions}
        chosen = mentions if len(kinds) == 1 else mentions[:1]
        return [self.participant(m, sector, head) for m in _unique_mentions(chosen)]

    def participant(self, m: Mention, sector: str | None, head: Token) -> Participant:
        """A mention as a participant, with its country code and sector."""
        code: str | None
        if m.kind == COUNTRY:
            code = m.id
        elif m.kind == IGO:
            code = "IGO"
        elif m.kind == PERSON:
            code, person_sector = self.entities.affiliation.get(m.id, (None, None))
            sector = sector or person_sector
            code = code or country_code(phrase_text(head))  # "Iraqi President Saddam Hussein"
        elif m.kind == PLACE:
            code = m.country
        else:  # an organization: its country is often in its name ("the Nigerian Union of Teachers")
            code = m.country or country_code(m.name) or "NGO"
            named = _name_sector(m.name)
            # A firm's chairman or spokesman speaks for the firm ("the chairman of Goodyear Tire and Rubber Co").
            sector = named if named in NON_POLITICAL else sector or named
        text = m.text if head.i in _token_range(self.doc, m) else phrase_text(head)
        return Participant(m.id, code, sector, text, m.name)

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
                # "it", "they" go back to a subject, not to any country a clause names ("the
                # federation said in its request", "American Acquisition Corp said it ...").
                if lower in THING_PRONOUNS and not _subject_mention(self.doc, m):
                    continue
                return self.participant(m, None, pronoun)
        return None

    def _described(self, noun: Token) -> Participant | None:
        """"The institute" → the last named organisation whose name holds that word."""
        word = noun.lemma_.lower()
        for m in reversed(self.entities.mentions):
            if m.end <= noun.idx and m.kind in (ORGANIZATION, IGO) and word in m.name.lower().split():
                return self.participant(m, None, noun)
        return None


def identified(p: Participant) -> bool:
    """Whether a participant is an identified political party to an event: a country (not its
    people, firms or parties: "German banks", "British Columbians") or IGO, an
    organisation the curated list knows or whose name gives it a political sector, a person the
    report ties to a country. A company, an unplaced person or a place is no PLOVER actor."""
    if p.code == "IGO":
        return True
    if p.id == p.code:  # the country itself, or its state's organs and forces ("Russian forces")
        return p.sector is None or p.sector in lexicon().state_sectors
    if p.id.startswith("person:"):
        return p.code is not None and is_country_code(p.code) and p.sector not in NON_POLITICAL
    if p.id.startswith("org:"):
        return p.id in known_organization_ids() or (p.sector is not None and p.sector not in NON_POLITICAL)
    return False


def _subject_mention(doc: Doc, m: Mention) -> bool:
    """Whether a mention is its clause's subject ("Venezuela asked"), or owns it ("Brazil's request")."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    if root.dep_ == "poss":
        root = root.head
    return root.dep_ in ("nsubj", "nsubjpass")


def _token_range(doc: Doc, m: Mention) -> range:
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    return range(span.start, span.end) if span is not None else range(0)


def agentive(head: Token) -> bool:
    """Whether a phrase's head names people, a body or a state's act or arms, so it can act: a
    name, a pronoun, a sector, people or body word ("officials", "team"), not a thing, a figure
    or a document ("exports", "32 percent of British Columbians", "a Watchdog report"); an act of
    force names its doer ("Israeli airstrikes killed"), other acts do not ("declines in U.S. oil
    production could push demand", "U.S. corn exports have injured")."""
    if head.pos_ in ("PRON", "PROPN"):
        return True
    lex, lemma = lexicon(), head.lemma_.lower()
    return (phrase_sector(head) is not None or lemma in lex.captives or lemma in lex.agents
            or lemma in lex.military_items or ((act := lex.nouns.get(lemma)) is not None and ontology().coding(act.type).physical))


def _demonym(head: Token) -> bool:
    """A nationality word heading its own phrase ("Americans", "English", "Central Americans"), not
    modifying one ("Dutch grants"); "the Russians" in news is the state's side ("The Russians have
    used ... to justify airstrikes")."""
    return (head.ent_type_ in ("NORP", "LANGUAGE") and head.pos_ in ("NOUN", "PROPN")
            and head.dep_ not in ("amod", "compound", "nmod", "poss")
            and not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children))


def phrase_sector(head: Token) -> str | None:
    """Sector from the phrase's head noun, then its modifiers: "Russian forces" → MIL."""
    if (sector := _sector_word(head)) is not None:
        return sector
    for child in head.children:
        if child.dep_ in ("compound", "amod") and (sector := _sector_word(child)) is not None:
            return sector
    return None


def _people_sector(sector: str | None) -> str:
    """The sector of a country's people, firms or parties named by a phrase that is not of its
    state: its own (BUS, LAB, CVL...), else UNK, which `identified` keeps from being the country."""
    return sector if sector is not None and sector not in lexicon().state_sectors else "UNK"


def _of_state(noun: Token) -> bool:
    """Whether a noun names a state's organ, force or act ("forces", "officials", "warplanes"), not
    its people, firms, unions or parties: the head's sector, with a compound's before it
    ("party leader", "union official" are not the state's)."""
    lex = lexicon()
    if noun.lemma_.lower() in lex.military_items or noun.lemma_.lower() in lex.trigger_lemmas:
        return True  # "Israeli warplanes"; an act is the country's own ("Iran's attack")
    sectors = [_sector_word(c) for c in noun.children if c.dep_ == "compound"] + [_sector_word(noun)]
    named = [s for s in sectors if s is not None]
    return bool(named) and all(s in lex.state_sectors for s in named)


def _name_sector(name: str) -> str | None:
    for word in reversed(re.findall(r"[A-Za-z]+", name)):
        found = lexicon().sector_words.get(word.lower()) or lexicon().sector_words.get(word.lower().rstrip("s"))
        if found:
            return found
    return None


def unique(participants: Iterable[Participant]) -> list[Participant]:
    """One participant per id, keeping one that has a sector."""
    seen: dict[str, Participant] = {}
    for p in participants:
        if p.id not in seen or (seen[p.id].sector is None and p.sector is not None):
            seen[p.id] = p
    return list(seen.values())


def _unique_mentions(mentions: list[Mention]) -> list[Mention]:
    return list({m.id: m for m in mentions}.values())
