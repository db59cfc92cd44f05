"""Entity canonicalization: spaCy NER corrected and tied to stable ids by the gazetteers.

North Korea = DPRK = Pyongyang (as an actor) → `PRK`; Kim Jong Un = Kim Jong-un = Mr. Kim →
`person:kim-jong-un`; NIS = National Intelligence Service = South Korean National Intelligence
Service → one organisation id; U.N. → `igo:un`; Avdiivka is a town in Ukraine even where the
model calls it a PERSON. Merging ids between reports is link work (link/entity_merging.py).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from firsthand import resources
from firsthand.model.mention import Mention
from firsthand.model.place import Place
from firsthand.read.component import Component
from firsthand.read.countries import (
    CAPITAL,
    CITY,
    DEMONYM,
    NAME,
    CountryTerm,
    Match,
    PhraseTable,
    country_name,
    country_table,
    find_countries,
    name_key,
    tokenize,
)
from firsthand.read.doc import text_of
from firsthand.read.places import Region, city, city_table, dateline_country, geocode, locate, region, site_table
from firsthand.read.vessels import find_vessels

COUNTRY, PERSON, ORGANIZATION, IGO, PLACE, OTHER = "country", "person", "organization", "igo", "place", "other"

ENTITY_LABELS = frozenset({"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "LAW", "WORK_OF_ART"})
GAZETTEER = "GAZETTEER"  # the label of a mention the model missed and a gazetteer found

# Honorifics and offices that precede a name ("Mr. Kim", "President Putin"); not part of the name.
TITLES = frozenset(
    "Mr Mrs Ms Miss Dr Prof Sir Dame Gen General Lt Col Colonel Maj Major Capt Captain Adm Admiral "
    "Sgt President Premier Chairman Chairwoman Leader Minister Secretary Senator Sen Rep "
    "Representative Governor Gov Mayor Ambassador King Queen Prince Princess Sheikh Pope "
    "Lawmaker Judge Justice Rev Reverend Marshal".split()
)
# A capital after one of these is where something happens, not the government acting.
LOCATIVE_PREPOSITIONS = frozenset({"in", "at", "near", "outside", "inside", "around", "within", "across", "throughout"})
_ACRONYM_DEFINITION = re.compile(r"\s*\(\s*([A-Z][A-Za-z]?[A-Z&/.-]{0,8}[A-Z])\s*\)")
_MINOR_WORDS = frozenset({"of", "for", "the", "and", "on", "de", "du", "des", "la", "&"})


@dataclass(frozen=True)
class Entity:
    """An entity as the mentions of one report (or of several, after `resolve_across`) name it."""

    id: str
    name: str
    kind: str
    country: str | None
    aliases: tuple[str, ...]  # the distinct surface forms, in order of first use
    mentions: int


@dataclass(frozen=True)
class _Org:
    id: str
    name: str
    kind: str
    country: str | None


def slug(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")


Organizations = PhraseTable[_Org]


def load_organizations() -> Organizations:
    """The curated organisations and IGOs (`data/organizations.json`) as a phrase table."""
    data = resources.json_data("firsthand.read", "data", "organizations.json")
    table: Organizations = PhraseTable()
    for entry in data["organizations"]:
        org = _Org(entry["id"], entry["name"], entry["kind"], entry.get("country"))
        for phrase in (entry["name"], *entry["aliases"]):
            table.add(phrase, org)
    return table


# --- people -------------------------------------------------------------------------------


def _person_parts(text: str) -> list[str]:
    """The name's parts without titles or possessive: "Mr. Kim Jong-un’s" → [Kim, Jong, un]."""
    parts = [t for t in name_key(text) if t != "'"]
    if len(parts) > 1 and parts[-1] == "s" and ("'" in text or "’" in text):
        parts = parts[:-1]
    while len(parts) > 1 and parts[0].rstrip(".").title() in TITLES:
        parts = parts[1:]
    return parts


def _person_name(parts: list[str]) -> str:
    return " ".join(p if p[:1].isupper() else p.title() for p in parts)


# --- the document's own vocabulary ----------------------------------------------------------


def _initials_match(acronym: str, words: list[str]) -> bool:
    """Whether the acronym's letters are, in order, initials of the words (minor words optional)."""
    letters = [c for c in acronym.upper() if c.isalpha()]
    initials = [w[0].upper() for w in words]
    i = 0
    for initial, word in zip(initials, words):
        if i < len(letters) and initial == letters[i]:
            i += 1
        elif word.lower() not in _MINOR_WORDS and i > 0:
            return False  # a skipped content word inside the expansion: not its acronym
    return i == len(letters)


def _long_form(text: str, end: int, acronym: str) -> str | None:
    """The capitalised name ending at `end` (on the same line) that `acronym` abbreviates,
    with the country adjective that qualifies it: "South Korean National Intelligence Service"."""
    window = max(0, end - 200)
    run: list[tuple[str, int, int]] = []
    for token, start, stop in reversed(tokenize(text[window:end])):
        start, stop = start + window, stop + window
        next_start = run[0][1] if run else end
        if not text[stop:next_start].isspace() and stop != next_start and run:
            break  # a line break or punctuation ends the name
        if token == "'" or not (token[:1].isupper() or token in _MINOR_WORDS):
            break
        run.insert(0, (token, start, stop))
    # The shortest tail whose initials spell the acronym.
    for i in range(len(run) - 1, -1, -1):
        tail = [t for t, _, _ in run[i:]]
        if tail[0].lower() in _MINOR_WORDS:
            continue
        if _initials_match(acronym, [p for w in tail for p in w.split("-")]):
            start = run[i][1]
            before = [m for m in find_countries(text[run[0][1] : start]) if m.value.how in (NAME, DEMONYM)]
            if before and text[run[0][1] + before[-1].end : start].isspace():
                start = run[0][1] + before[-1].start
            return text[start:end]
    return None


@dataclass
class _Vocabulary:
    """What one report teaches: acronyms it defines, people it names in full, countries it is about."""

    acronyms: dict[str, str]  # acronym → the long form it stands for in this report
    full_names: list[tuple[int, list[str]]]  # (offset, name parts) of every multi-part person name
    countries: tuple[str, ...]  # alpha-3 codes by how often the report names them


def _vocabulary(doc: Doc, text: str, in_text: list[Match[CountryTerm]]) -> _Vocabulary:
    acronyms: dict[str, str] = {}
    for match in _ACRONYM_DEFINITION.finditer(text):
        found = _long_form(text, match.start(), match.group(1))
        if found is not None:
            acronyms.setdefault(match.group(1), found)
    full_names = [
        (ent.start_char, parts)
        for ent in doc.ents
        if ent.label_ == "PERSON" and len(parts := _person_parts(ent.text)) > 1
    ]
    counts = Counter(m.value.code for m in in_text if m.value.how in (NAME, DEMONYM))
    # The country the report is written from comes first: a Houston story's "Virginia" is the state.
    dateline = dateline_country(doc._.dateline)
    named = [code for code, _ in counts.most_common() if code != dateline]
    # Then the countries of the places it names that need no context ("Iowa", "Chicago"): a US
    # campaign story that never writes "U.S." still puts its Richmond in Virginia.
    placed = Counter(_country_of(locate(ent.text)) for ent in doc.ents if ent.label_ in ("GPE", "LOC"))
    located = [code for code, _ in placed.most_common() if code and code != dateline and code not in named]
    return _Vocabulary(acronyms, full_names, tuple(([dateline] if dateline else []) + named + located))


def _country_of(found: Place | Region | None) -> str | None:
    return found.country if found is not None else None


# --- resolving one span ---------------------------------------------------------------------


@cache
def known_organization_ids() -> frozenset[str]:
    """The ids of the curated organisations and IGOs (read once: the event coder asks per party)."""
    data = resources.json_data("firsthand.read", "data", "organizations.json")
    return frozenset(entry["id"] for entry in data["organizations"])


def _split_country_prefix(text: str) -> tuple[str | None, str]:
    """"The South Korean National Intelligence Service" → ("KOR", "National Intelligence Service")."""
    text = re.sub(r"^(?:the|The|THE)\s+", "", text)
    matches = find_countries(text)
    if matches and matches[0].start == 0 and matches[0].value.how in (NAME, DEMONYM):
        rest = text[matches[0].end :].lstrip()
        rest = re.sub(r"^['’]s?\s*", "", rest)
        if rest and rest[:1].isupper():
            return matches[0].value.code, rest
    return None, text


def _organization(text: str, vocab: _Vocabulary, known: Organizations) -> tuple[str, str, str, str | None]:
    """(kind, id, name, country) of an organisation named `text` in this report."""
    text = vocab.acronyms.get(text, text)
    country, core = _split_country_prefix(text)
    for candidate in (text, core):
        org = known.get(candidate)
        if org is not None and (country is None or org.country in (None, country)):
            return org.kind, org.id, org.name, org.country or country
    core_slug = slug(" ".join(t for t in name_key(core) if t not in ("the", "The", "'")))
    prefix = f"{country.lower()}-" if country else ""
    return ORGANIZATION, f"org:{prefix}{core_slug}", core, country


def _is_locative(doc: Doc, text: str, start: int, end: int) -> bool:
    """Whether a capital names a location here ("officials in Seoul", "SEOUL, South Korea")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    token = span.root
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    if token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_PREPOSITIONS:
        return True
    after = text[end : end + 40]
    if re.match(r"\s*-\s*based\b", after):
        return True
    # A dateline or an address: "SEOUL, South Korea".
    comma = re.match(r",\s*", after)
    return bool(comma and find_countries(after[comma.end() :][:30]) and find_countries(after)[0].start == comma.end())


def _place_mention(place: Place) -> tuple[str, str, str, str | None]:
    return PLACE, f"place:{place.id}", place.name, place.country


def _resolve(
    doc: Doc, doc_text: str, start: int, end: int, label: str, vocab: _Vocabulary, organizations: Organizations
) -> tuple[str, str, str, str | None, Place | None] | None:
    """(kind, id, name, country, place) for the span, or None to drop it."""
    text = doc_text[start:end]
    if text in vocab.acronyms or organizations.get(text):
        return (*_organization(text, vocab, organizations), None)
    site = site_table().get(text)
    if site is not None:
        return (*_place_mention(site), site)
    term = country_table().get(text)
    if term is not None and term.how != CITY:
        if term.how == CAPITAL and _is_locative(doc, doc_text, start, end):
            place = city(text, term.code) or geocode(text, term.code)
            if place is not None:
                return (*_place_mention(place), place)
        return COUNTRY, term.code, country_name(term.code) or term.code, term.code, None
    if label == "PERSON":
        parts = _person_parts(text)
        if not parts:
            return None
        # The model often calls an unfamiliar town a PERSON; a town of that name in a country
        # the report is about, that is not part of a name the report gives, is the town.
        if len(parts) == 1 and not _known_name_part(parts[0], vocab) and not _speaker(doc, start, end):
            place = city(text, vocab.countries, anywhere=False)
            if place is not None:
                return (*_place_mention(place), place)
        return _person(parts, start, vocab)
    if label in ("ORG", GAZETTEER):
        return (*_organization(text, vocab, organizations), None)
    if label in ("GPE", "LOC", "FAC"):
        if _speaker(doc, start, end):
            # "Henderson said": a person the report names in full; "Hartford said ... premiums
            # rose": a company. No town speaks.
            parts = _person_parts(text)
            if len(parts) == 1 and _known_name_part(parts[0], vocab):
                return _person(parts, start, vocab)
            return OTHER, f"other:{slug(text)}", text, None, None
        found = locate(text, (*_address(doc_text, end), *vocab.countries))
        if isinstance(found, Place):
            return (*_place_mention(found), found)
        if isinstance(found, Region):  # named, not a point on the map
            return PLACE, found.id, found.name, found.country, None
        return PLACE, f"place:{slug(text)}", text, None, None
    country, _ = _split_country_prefix(text)
    if label == "NORP" and country is not None:
        return COUNTRY, country, country_name(country) or country, country, None
    return OTHER, f"other:{slug(text)}", text, country, None


_SPEECH = {"say", "says", "said", "tell", "tells", "told", "add", "adds", "added", "announce", "announced",
           "announces", "report", "reported", "reports", "note", "noted", "notes", "comment", "commented"}


def _speaker(doc: Doc, start: int, end: int) -> bool:
    """The span is the subject of a verb of saying: a town does not speak ("Matsumoto, who manages
    Nikko's research, said"), and a capital that does is its government, read before this."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not doc.has_annotation("DEP"):
        return False
    root = span.root
    return root.dep_ == "nsubj" and root.head.lower_ in _SPEECH


def _address(text: str, end: int) -> tuple[str, ...]:
    """The country of the state or country written after a place ("Boulder, Colorado", "Bridgend,
    Wales"): the first context for that place."""
    after = re.match(r",\s*([A-Z][\w.]*(?:\s[A-Z][\w.]*)?)", text[end:end + 40])
    if after is None:
        return ()
    term = country_table().get(after[1])
    if term is not None and term.how == NAME:
        return (term.code,)
    area = region(after[1])
    return (area.country,) if area is not None and area.country else ()


def _person(parts: list[str], start: int, vocab: _Vocabulary) -> tuple[str, str, str, None, None]:
    full = _full_name(parts, start, vocab)
    return PERSON, f"person:{slug(' '.join(full))}", _person_name(full), None, None


def _known_name_part(part: str, vocab: _Vocabulary) -> bool:
    return any(part.lower() in (p.lower() for p in parts) for _, parts in vocab.full_names)


def _full_name(parts: list[str], start: int, vocab: _Vocabulary) -> list[str]:
    """A lone surname or given name ("Kim", "Mr. Putin") → the full name the report gives for it,
    the nearest one before it, else the nearest after it; family-name-first names match too."""
    if len(parts) > 1:
        return parts
    part = parts[0].lower()
    fits = [(offset, full) for offset, full in vocab.full_names if part in (full[0].lower(), full[-1].lower())]
    before = [f for f in fits if f[0] < start]
    chosen = before[-1] if before else (fits[0] if fits else None)
    return chosen[1] if chosen else parts


# --- spans ----------------------------------------------------------------------------------


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets without a leading article or a trailing possessive."""
    span = text[start:end]
    if m := re.match(r"(?:the|The|THE)\s+(?=\S)", span):
        start += m.end()
    if (m := re.search(r"\s*['’]s?$", text[start:end])) and end - start > m.end() - m.start():
        end -= m.end() - m.start()
    return start, end


def _candidates(
    doc: Doc, text: str, toks: list[tuple[str, int, int]], in_text: list[Match[CountryTerm]], vocab: _Vocabulary,
    organizations: Organizations,
) -> list[tuple[int, int, str]]:
    """(start, end, label) spans: the model's entities, with gazetteer finds added or preferred;
    `toks` and `in_text` are the text's tokens and country terms."""
    ner = [(*_trimmed(text, e.start_char, e.end_char), e.label_) for e in doc.ents if e.label_ in ENTITY_LABELS]
    ner = [(s, e, label) for s, e, label in ner if e > s and not _is_title_word(text, e)]
    found = [(m.start, m.end) for m in site_table().scan(text, toks)]
    found += [(m.start, m.end) for m in organizations.scan(text, toks)]
    found += [(m.start, m.end) for m in in_text if not (m.in_name_run and m.value.tier > 0)]
    found += [(m.start(1), m.end(1)) for m in re.finditer(r"\b([A-Z]{2,6})\b", text) if m.group(1) in vocab.acronyms]
    spans = list(ner)
    for gs, ge in sorted(set(found), key=lambda x: (x[0], -x[1])):
        overlapping = [n for n in spans if n[0] < ge and gs < n[1]]
        if any(n[0] <= gs and ge <= n[1] for n in overlapping):
            continue  # the model's span holds it ("South Korean National Intelligence Service")
        if all(gs <= n[0] and n[1] <= ge for n in overlapping):
            # The gazetteer's longer name wins ("Russia’s Far East" over "Russia" + "Far East").
            label = overlapping[0][2] if len(overlapping) == 1 else GAZETTEER
            spans = [n for n in spans if n not in overlapping] + [(gs, ge, label if overlapping else GAZETTEER)]
    return sorted(spans)


def _is_title_word(text: str, end: int) -> bool:
    """A department word the model tags as an ORG in front of an office: "Defense" in "Defense Minister"."""
    following = text[end : end + 20].split()
    return bool(following) and following[0].rstrip(".,").title() in TITLES


def canonicalize(doc: Doc, organizations: Organizations) -> list[Mention]:
    """The entity mentions of a parsed document, each with its canonical id and name."""
    text = text_of(doc)
    toks = tokenize(text)  # one tokenization for the three gazetteers
    in_text = find_countries(text, toks=toks)
    vocab = _vocabulary(doc, text, in_text)
    mentions: list[Mention] = []
    for start, end, label in _candidates(doc, text, toks, in_text, vocab, organizations):
        resolved = _resolve(doc, text, start, end, label, vocab, organizations)
        if resolved is None:
            continue
        kind, id_, name, country, place = resolved
        mentions.append(Mention(start, end, text[start:end], label, kind, id_, name, country, place))
    # A vessel the text identifies by number is that vessel, whatever the model called its name.
    vessels = find_vessels(text)
    kept = [m for m in mentions if not any(v.start < m.end and m.start < v.end for v in vessels)]
    return sorted(kept + vessels, key=lambda m: m.start) if vessels else mentions


def entities(mentions: Iterable[Mention]) -> list[Entity]:
    """The distinct entities of some mentions, most mentioned first."""
    grouped: dict[str, list[Mention]] = {}
    for mention in mentions:
        grouped.setdefault(mention.id, []).append(mention)
    result = [
        Entity(
            id=id_,
            name=Counter(m.name for m in group).most_common(1)[0][0],
            kind=group[0].kind,
            country=next((m.country for m in group if m.country), None),
            aliases=tuple(dict.fromkeys(m.text for m in group)),
            mentions=len(group),
        )
        for id_, group in grouped.items()
    ]
    return sorted(result, key=lambda e: -e.mentions)


# --- spaCy ----------------------------------------------------------------------------------

Doc.set_extension("mentions", default=None, force=True)


class Entities(Component):
    """Sets `doc._.mentions` (list[Mention])."""

    extension = "mentions"
    shared = (country_table, site_table, city_table)  # the coder and the exports read them too

    def initialize(self, get_examples=None, *, nlp=None) -> None:
        self.organizations = load_organizations()
        super().initialize()

    def read(self, doc: Doc) -> list[Mention]:
        return canonicalize(doc, self.organizations)


@Language.factory("fh_entities", requires=["doc.ents", "token.dep", "token.head"], assigns=["doc._.mentions"])
def make_entities(nlp: Language, name: str) -> Entities:
    return Entities(nlp, name)
