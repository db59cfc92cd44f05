"""Matching the store's entities against one list version.

Candidates come from an inverted index on name keys (each name's tokens and their phonetic keys,
transliterated to ASCII), ranked by the rarity of the keys they share and cut at `CANDIDATES`, so a
screening costs the entities times a constant, never entities × entries. Each candidate is scored
by followthemoney's name comparison, chosen by measurement over nomenklatura's logic-v2 (the same
recall, higher precision, ten times faster, no new dependency: bench/screen_names.py, docs/RESULTS.md);
a hit further needs the names to agree part for part. A vessel whose IMO number is listed is a hit
whatever either spells its name."""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence

from followthemoney import model
from followthemoney.compare import compare_names
from followthemoney.proxy import EntityProxy
from rigour.names import remove_org_types, tokenize_name
from rigour.text import ascii_text, levenshtein, metaphone

from ..model.screening import CANDIDATE, HIT, ListEntry, Match, Screened

CANDIDATES = 10  # list entries scored per entity, the rarest shared keys first
HIT_SCORE = 0.7
CANDIDATE_SCORE = 0.8  # below, the likeness is too loose for an analyst to chase
_SCHEMAS = {"person": "Person", "organization": "Organization", "vessel": "Vessel", "other": "LegalEntity"}
# Which kinds may be the same thing: a report's "organization" may be listed as a vessel's owner, never a person.
COMPATIBLE = {"person": {"person"}, "organization": {"organization", "other"}, "vessel": {"vessel"}}


def name_keys(name: str) -> set[str]:
    """A name's blocking keys: its ASCII tokens of two letters or more, and their metaphones."""
    tokens = [t for t in tokenize_name(ascii_text(name).lower()) if len(t) > 1]
    return {*tokens, *(f"~{m}" for m in map(metaphone, tokens) if m)}


def name_tokens(name: str) -> list[str]:
    return [t for t in tokenize_name(ascii_text(name).lower()) if t]


def proxy(kind: str, key: str, names: Iterable[str], weak: Iterable[str] = ()) -> EntityProxy:
    """The names to compare as a FtM entity (a report gives names only, so only names are compared)."""
    entity = model.make_entity(_SCHEMAS.get(kind, "LegalEntity"))
    entity.id = key
    entity.add("name", list(names))
    entity.add("weakAlias", list(weak), quiet=True)
    return entity


def name_similarity(query: EntityProxy, entry: EntityProxy) -> float:
    """The best similarity of any two of their names (followthemoney.compare)."""
    return compare_names(query.schema, query, entry) or 0.0


class ListIndex:
    """One list version's entries, by IMO number and by name key."""

    def __init__(self, list_id: str, entries: Sequence[ListEntry]) -> None:
        self.list_id = list_id
        self.entries = list(entries)
        self.by_imo = {e.imo: i for i, e in enumerate(self.entries) if e.imo}
        self.postings: dict[str, list[int]] = defaultdict(list)
        for i, entry in enumerate(self.entries):
            for key in set().union(*(name_keys(n) for n in (*entry.names, *entry.weak_aliases))):
                self.postings[key].append(i)
        self._proxies: dict[int, EntityProxy] = {}

    def distinctive(self, token: str) -> bool:
        """A name part few entries share (a quarter of a percent of them, or twenty in a short list)."""
        return len(self.postings.get(token, ())) <= max(20, len(self.entries) // 400)

    def idf(self, key: str) -> float:
        return math.log(len(self.entries) / (1 + len(self.postings.get(key, ()))))

    def candidates(self, names: Iterable[str], kinds: set[str]) -> list[int]:
        """The entries sharing the rarest keys with any of `names`, of a compatible kind."""
        weights: dict[int, float] = defaultdict(float)
        for key in set().union(*(name_keys(n) for n in names)):
            weight = self.idf(key)
            for i in self.postings.get(key, ()):
                weights[i] += weight
        fitting = (i for i in weights if self.entries[i].kind in kinds)
        return heapq.nsmallest(CANDIDATES, fitting, key=lambda i: (-weights[i], i))

    def entry_proxy(self, i: int) -> EntityProxy:
        if i not in self._proxies:
            e = self.entries[i]
            self._proxies[i] = proxy(e.kind, f"entry:{i}", e.names, e.weak_aliases)
        return self._proxies[i]


Scorer = Callable[[EntityProxy, EntityProxy], float]


def screen(entities: Iterable[Screened], index: ListIndex, scorer: Scorer = name_similarity) -> list[Match]:
    """Every hit and candidate of `entities` on one list version, best first per entity."""
    out = []
    for entity in entities:
        out += screen_one(entity, index, scorer)
    return out


def screen_one(entity: Screened, index: ListIndex, scorer: Scorer = name_similarity) -> list[Match]:
    if entity.kind == "vessel" and entity.imo in index.by_imo:
        entry = index.entries[index.by_imo[entity.imo]]
        return [Match(entity.entity_id, index.list_id, entry.entry_id, 1.0, HIT, f"IMO {entity.imo}")]
    names = entity.all_names
    query = proxy(entity.kind, entity.entity_id, names)
    found = []
    for i in index.candidates(names, COMPATIBLE.get(entity.kind, set())):
        entry = index.entries[i]
        score = scorer(query, index.entry_proxy(i))
        if score >= CANDIDATE_SCORE and (entity.kind == "person" or _shares_rare_part(names, entry, index)):
            level = HIT if score >= HIT_SCORE and _may_be_hit(entity, entry, index) else CANDIDATE
            found.append(Match(entity.entity_id, index.list_id, entry.entry_id, round(score, 3), level, _matched(names, entry)))
    return sorted(found, key=lambda m: (m.level != HIT, -m.score))


def _may_be_hit(entity: Screened, entry: ListEntry, index: ListIndex) -> bool:
    """Precision first. A vessel is a hit only on its IMO number (ships' names repeat). A person is
    one where one of its names and one the entry is listed under agree part for part: every part
    of the shorter has its own counterpart in the longer, two at least, so a surname alone ("Kim")
    is a candidate, and so are brothers listed under one father's and grandfather's names. An
    organisation is one where two names agree part for part both ways once legal forms are set
    aside ("Inc", "S.A."), and is not an acronym alone. Either needs one part the same and rare in
    the list: "Hill International Inc" is not "IAC INTERNATIONAL INC.", "National Bank" not every
    bank of that name, "Muhammad Ali" not everyone so called."""
    if entity.kind == "vessel":
        return False
    for ours in entity.all_names:
        for theirs in entry.names:
            if entity.kind == "person":
                pairs = _aligned(name_tokens(ours), name_tokens(theirs), 2)
            else:
                left, right = name_tokens(remove_org_types(ours)), name_tokens(remove_org_types(theirs))
                short = len(left) == 1 and len(left[0]) < 5  # an acronym ("MIT", "PCP") names many things
                pairs = _aligned(left, right, 1) if len(left) == len(right) and not short else None
            if pairs and any(index.distinctive(b) for _, b in pairs):
                return True
    return False


def _shares_rare_part(names: Sequence[str], entry: ListEntry, index: ListIndex) -> bool:
    """Whether an organisation or vessel shares a name part with the entry that few entries have: a
    likeness on words as common as "International" or "Inc" is none. (People's names are held to
    agreeing part for part instead: common given names and surnames make up most of them.)"""
    ours = {t for n in names for t in name_tokens(remove_org_types(n))}
    return any(t in ours and index.distinctive(t) for n in (*entry.names, *entry.weak_aliases)
               for t in name_tokens(remove_org_types(n)))


def _aligned(left: list[str], right: list[str], least: int) -> list[tuple[str, str]] | None:
    """(left part, right part) for each part of the shorter paired with its own counterpart in the
    longer, or None."""
    swapped = len(left) > len(right)
    shorter, longer = (right, left) if swapped else (left, right)
    if len(shorter) < least:
        return None
    free = list(longer)
    pairs = []
    for token in shorter:
        same = next((other for other in free if _same_part(token, other)), None)
        if same is None:
            return None
        free.remove(same)
        pairs.append((same, token) if swapped else (token, same))
    return pairs


def _same_part(a: str, b: str) -> bool:
    """One name part spelled two ways: equal; or, both of five letters or more, one letter apart
    (Gadhafi, Qadhafi), or two apart and sounding the same (Awlaki, Aulaqi). Short parts must be
    equal: Korean syllables a letter apart are other names (Yong, Song); nor is Don Dorn, or
    Anton Anthony."""
    if a == b:
        return True
    if min(len(a), len(b)) < 5:
        return False
    distance = levenshtein(a, b)
    return distance <= 1 or (distance == 2 and metaphone(a) == metaphone(b))


def _matched(names: Sequence[str], entry: ListEntry) -> str:
    """The pair of names sharing the most tokens, as the explanation of what matched."""
    def overlap(pair: tuple[str, str]) -> int:
        return len(set(name_tokens(pair[0])) & set(name_tokens(pair[1])))
    ours, theirs = max(((n, e) for n in names for e in (*entry.names, *entry.weak_aliases)), key=overlap)
    return f'name "{ours}" ~ "{theirs}"'
