"""The same claim across reports: "approximately 1 million artillery shells" ~ "more than one million
artillery rounds". Claims are matched on their words (with synonyms), their entities and their
quantities, only within a story and only among claims that share an entity (blocking), then
grouped by single link over the matches."""

from __future__ import annotations

import hashlib
import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import combinations

from .. import resources
from ..model.claim import Claim
from .story import average_link

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*|\d+(?:[.,]\d+)*")
_STOP = frozenset("""a an the and or but of to in on at by for from with as that this these those it its is are was were be
been being has have had do does did will would could may might can shall should not no than then there their they them
he she his her we our you your which who whom whose what when where while also into over under about after before
since during more most less some such each other both all any only very so just""".split())
# Weights and thresholds set by reading the seed reports' claim pairs, not tuned on an evaluation set.
MATCH_THRESHOLD = 0.3
MIN_TERMS = 0.2  # sharing only the story's actors is not saying the same thing
WEIGHTS = {"terms": 0.6, "entities": 0.25, "quantities": 0.15}
SAME_WORDS = 0.6


@cache
def _synonyms() -> dict[str, str]:
    data = resources.json_data("firsthand.link", "data", "synonyms.json")
    return {word: group[0] for group in data["groups"] for word in group}


@lru_cache(maxsize=65536)
def terms(text: str) -> frozenset[str]:
    """Content words, synonyms folded to one term, plurals and -ed/-ing roughly stripped. Cached:
    matching and grading ask for the same claim's terms once per pair it takes part in."""
    synonyms = _synonyms()
    out = set()
    for word in _WORD.findall(text.lower()):
        if word in _STOP:
            continue
        if word in synonyms:
            out.add(synonyms[word])
            continue
        for suffix in ("ing", "ed", "es", "s"):
            if len(word) > len(suffix) + 3 and word.endswith(suffix):
                word = word[: -len(suffix)]
                break
        out.add(word)
    return frozenset(out)


def _weighted_overlap(a: frozenset, b: frozenset, weight: dict[str, float]) -> float:
    """Shared share of the smaller set, rare items counting more (every claim of a story names its
    main actors), so a claim restated inside a longer sentence still matches."""
    smaller = min(sum(weight.get(x, 1.0) for x in a), sum(weight.get(x, 1.0) for x in b))
    return sum(weight.get(x, 1.0) for x in a & b) / smaller if smaller else 0.0


def _idf(sets: list[frozenset]) -> dict[str, float]:
    counts: dict[str, int] = defaultdict(int)
    for items in sets:
        for item in items:
            counts[item] += 1
    return {item: math.log((1 + len(sets)) / (1 + n)) + 1 for item, n in counts.items()}


def _counted(claim: Claim) -> list:
    return [q for q in claim.quantities if q.kind in {"count", "number", "money", "dimension", "percent"}]


def quantities_agree(a: Claim, b: Claim) -> bool:
    """Some quantity of each counts the same kind of thing and their intervals overlap."""
    for qa in _counted(a):
        for qb in _counted(b):
            same_thing = (qa.unit is None or qb.unit is None) or bool(terms(qa.unit) & terms(qb.unit))
            if same_thing and qa.interval.overlaps(qb.interval):
                return True
    return False


class Matcher:
    """Similarity between the claims of one collection, weighting terms and entities by rarity in it."""

    def __init__(self, claims: list[Claim]) -> None:
        self.terms = [terms(c.text) for c in claims]
        self.entities = [frozenset(c.entity_ids) for c in claims]
        self.term_weight = _idf(self.terms)
        self.entity_weight = _idf(self.entities)
        self.claims = claims

    def similarity(self, i: int, j: int) -> float:
        a, b = self.claims[i], self.claims[j]
        # Something that could happen is not the same claim as something that did.
        if (a.certainty.modality == "asserted") != (b.certainty.modality == "asserted"):
            return 0.0
        shared_terms = _weighted_overlap(self.terms[i], self.terms[j], self.term_weight)
        if shared_terms < MIN_TERMS:
            return 0.0
        # A negated statement contradicts its positive twin only when it says nearly the same words.
        if a.certainty.polarity != b.certainty.polarity and shared_terms < SAME_WORDS:
            return 0.0
        # "At least ten transfers" is more than "the transfers began": a count one side states is
        # not corroborated by a claim without it (grouped, the count would be graded on both).
        if bool(_counted(a)) != bool(_counted(b)):
            return 0.0
        score = WEIGHTS["terms"] * shared_terms
        score += WEIGHTS["entities"] * _weighted_overlap(self.entities[i], self.entities[j], self.entity_weight)
        if quantities_agree(a, b):
            score += WEIGHTS["quantities"]
        return score


@dataclass
class ClaimGroup:
    """One claim as every report states it."""

    claims: list[Claim] = field(default_factory=list)

    @property
    def id(self) -> str:
        return hashlib.sha256(":".join(sorted(c.id for c in self.claims)).encode()).hexdigest()[:16]

    @property
    def report_ids(self) -> list[str]:
        return list(dict.fromkeys(c.report_id for c in self.claims))

    @property
    def text(self) -> str:
        """The statement to show: a cited wording before a report's own, then the most specific one."""
        return max(self.claims, key=lambda c: (c.origin.kind != "outlet", len(c.entity_ids) + len(c.quantities) + len(c.times),
                                              -len(c.text))).text

    @property
    def entity_ids(self) -> set[str]:
        return {e for c in self.claims for e in c.entity_ids}


def group_claims(claims: Iterable[Claim], story_of: dict[str, str]) -> list[ClaimGroup]:
    """Group matching claims; `story_of` maps a report id to its story, and only a story's claims meet."""
    claims = list(claims)
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, claim in enumerate(claims):
        for entity in set(claim.entity_ids):
            blocks[(story_of.get(claim.report_id, claim.report_id), entity)].append(i)
    matcher = Matcher(claims)
    edges = {}
    for members in blocks.values():
        for i, j in combinations(members, 2):
            if (i, j) not in edges and claims[i].id != claims[j].id:
                edges[(i, j)] = matcher.similarity(i, j)
    # Average link: a claim joins a group only if it matches the group as a whole, so claims
    # about one story's actors do not chain into one group.
    clusters = average_link(len(claims), ((i, j, s) for (i, j), s in edges.items()), MATCH_THRESHOLD)
    return [ClaimGroup([claims[i] for i in sorted(members)]) for members in clusters]
