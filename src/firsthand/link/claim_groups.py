"""The same claim across reports: "approximately 1 million artillery shells" ~ "more than one million
artillery rounds". Claims are matched on their words (with synonyms), their entities and their
quantities, only within a story, then grouped by average link over the matches.

Only pairs that can match are scored (blocking), so the cost follows the candidates, not the
square of a story: a match needs a shared entity and shared words weighing at least MIN_TERMS of
the lighter claim's, so the lighter claim must share one of its rarest words, those whose weight
the rest of its words could not make up for (prefix filtering, as in all-pairs set-similarity
joins: Bayardo, Ma and Srikant 2007). A word held by more than `max_block` of a story's claims is
no key: on long reports about one subject ("Russia", "missile") such a block would pair most of
the story, and a pair that shares nothing rarer says too little to be the same claim."""

from __future__ import annotations

import hashlib
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache

import numpy as np

from .. import resources
from ..model.claim import Claim
from .blocking import SparseRows, ranges
from .story import average_link_arrays

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
# Two claims whose words match must also mean alike: the cosine of their sentence embeddings
# (all-MiniLM-L6-v2, trained on paraphrase pairs) at least this. Set by reading reut2-003's
# claim groups (docs/RESULTS.md): below it, "Moscow had been told of U.S. concern over the
# incident" beside "concern over Soviet winter crops … cited as factors in Moscow's interest".
SAME_MEANING = 0.7
# Texts to L2-normalized sentence embeddings, one row each.
Meaning = Callable[[Sequence[str]], np.ndarray]
# A word shared by more of a story's claims is no blocking key (a grouping, not a comparison, cap).
MAX_BLOCK = 500
_SLACK = 1e-9  # screens on float sums keep what an exact sum might keep


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


def counted(claim: Claim) -> list:
    """The quantities of a claim that count something (not times or ordinals)."""
    return [q for q in claim.quantities if q.kind in {"count", "number", "money", "dimension", "percent"}]


def _same_thing(qa, qb) -> bool:
    return (qa.unit is None or qb.unit is None) or bool(terms(qa.unit) & terms(qb.unit))


def quantities_agree(a: Claim, b: Claim) -> bool:
    """Some quantity of each counts the same kind of thing and their intervals overlap."""
    return any(_same_thing(qa, qb) and qa.interval.overlaps(qb.interval) for qa in counted(a) for qb in counted(b))


def count_the_same(a: Claim, b: Claim) -> bool:
    """Some quantity of each counts the same kind of thing, whatever the values (a disagreement
    about one count is still one claim)."""
    return any(_same_thing(qa, qb) for qa in counted(a) for qb in counted(b))


class Matcher:
    """Similarity between the claims of one collection, weighting terms and entities by rarity in it."""

    def __init__(self, claims: list[Claim], subjects: list[set[str]] | None = None) -> None:
        self.subjects = subjects or [set() for _ in claims]
        self.terms = [terms(c.text) for c in claims]
        # What a claim says of its subject: its words without those naming the subject.
        self.said = [words - terms(c.subject or "") for words, c in zip(self.terms, claims)]
        self.entities = [frozenset(c.entity_ids) for c in claims]
        self.term_weight = _idf(self.terms)
        self.entity_weight = _idf(self.entities)
        self.claims = claims

    def similarity(self, i: int, j: int) -> float:
        a, b = self.claims[i], self.claims[j]
        # Something that could happen is not the same claim as something that did, nor what would
        # happen if something else did as what will ("if the administration did decide to offer
        # wheat, it could take months" is not "the administration will offer wheat").
        if a.certainty.modality != b.certainty.modality:
            return 0.0
        # Statements about different named subjects are different claims ("Qtly div 51 cts" of
        # two companies), however alike their words.
        # A claim that names the other's subject may still be about it ("North Korea has sent ...,
        # South Korea's spy agency told lawmakers" beside "North Korea has sent ...").
        # A view is about what its subject may do: "North Korea may be seeking technology from
        # Russia" and "Russia could supply technology" are two views, though each names the other.
        si, sj = self.subjects[i], self.subjects[j]
        if si and sj and not si & sj and (a.certainty.modality != "asserted"
                                          or not si & self.entities[j] and not sj & self.entities[i]):
            return 0.0
        shared_terms = _weighted_overlap(self.terms[i], self.terms[j], self.term_weight)
        if shared_terms < MIN_TERMS:
            return 0.0
        # Two claims that share only the words naming their subject say different things of it ("The
        # South Korean intelligence builds on satellite imagery" is not "The South Korean National
        # Intelligence Service disclosed information during an audit").
        if not self.said[i] & self.said[j]:
            return 0.0
        # A negated statement contradicts its positive twin only when it says nearly the same words.
        if a.certainty.polarity != b.certainty.polarity and shared_terms < SAME_WORDS:
            return 0.0
        # "At least ten transfers" is more than "the transfers began": a count one side states is
        # not corroborated by a claim without it (grouped, the count would be graded on both).
        if bool(counted(a)) != bool(counted(b)):
            return 0.0
        # "Ten arms transfers" and "one million rounds" count different things: not one claim.
        if counted(a) and not count_the_same(a, b):
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
    def shown(self) -> Claim:
        """The wording to show: a cited one before a report's own, then the most specific one."""
        return max(self.claims, key=lambda c: (c.origin.kind != "outlet", len(c.entity_ids) + len(c.quantities) + len(c.times),
                                              -len(c.text)))

    @property
    def text(self) -> str:
        return self.shown.text

    @property
    def entity_ids(self) -> set[str]:
        return {e for c in self.claims for e in c.entity_ids}


@dataclass
class Candidates:
    """The pairs that blocking let through, as arrays (``left[k] < right[k]``), and their counts."""

    left: np.ndarray
    right: np.ndarray
    probed: int = 0  # pairs met in the kept blocks, before the screens
    keys_dropped: int = 0  # (story, word) blocks over the cap

    def __len__(self) -> int:
        return len(self.left)


def candidate_pairs(matcher: Matcher, story: list[str], max_block: int = MAX_BLOCK, chunk: int = 250_000) -> Candidates:
    """The pairs of claims of one story that `matcher.similarity` could score above zero: sharing an
    entity and a word of the lighter claim's prefix, and passing the similarity's own cut-offs
    (modality, counts, shared words, polarity) computed on arrays. Pairs are made `chunk` at a time
    and only those that pass are kept, so memory follows the candidates, not the blocks."""
    n = len(matcher.claims)
    vocabulary: dict[str, int] = {}
    words = SparseRows.of_sets(matcher.terms, vocabulary)
    weight = np.array([matcher.term_weight[t] for t in vocabulary], dtype=np.float64)
    entry_weight = weight[words.indices]
    total = np.bincount(words.row_of_entry, weights=entry_weight, minlength=n)
    # Each claim's words rarest first; the prefix ends where the words left weigh under MIN_TERMS.
    order = np.lexsort((words.indices, -entry_weight, words.row_of_entry))
    rows, columns, ordered_weight = words.row_of_entry[order], words.indices[order], entry_weight[order]
    before = np.cumsum(ordered_weight) - ordered_weight
    before -= before[words.indptr[:-1]][rows] if len(rows) else 0.0
    prefix = total[rows] - before >= MIN_TERMS * total[rows] - _SLACK
    # Blocks: the claims of a story holding a word, lightest first, so that a claim meets in a
    # block only the claims at least as heavy as itself (the lighter one of a pair probes).
    _, story_code = np.unique(np.array(story, dtype=object), return_inverse=True) if n else (None, np.zeros(0, dtype=np.int64))
    story_code = story_code.astype(np.int64).ravel()
    heavier = np.sort(total)
    weight_rank = np.searchsorted(heavier, total)  # claims lighter than each
    width, ranks = max(words.width, 1), n + 1
    keys = story_code[words.row_of_entry] * width + words.indices
    codes = keys * ranks + weight_rank[words.row_of_entry]
    by_code = np.argsort(codes, kind="stable")
    codes, holders = codes[by_code], words.row_of_entry[by_code]
    probe, probe_keys = rows[prefix], story_code[rows[prefix]] * width + columns[prefix]
    block = np.searchsorted(codes, probe_keys * ranks + ranks) - np.searchsorted(codes, probe_keys * ranks)
    start = np.searchsorted(codes, probe_keys * ranks + np.searchsorted(heavier, total[probe] - _SLACK))
    size = np.searchsorted(codes, probe_keys * ranks + ranks) - start
    fits = block <= max_block
    found = Candidates(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64),
                       keys_dropped=len(np.unique(probe_keys[~fits])))
    probe, start, size = probe[fits], start[fits], size[fits]
    screen = _Screen(matcher, words.with_data(np.sqrt(entry_weight)), total)
    lefts, rights = [], []
    bounds = np.searchsorted(np.cumsum(size), np.arange(chunk, int(size.sum()) + chunk, chunk), side="right")
    for lo, hi in zip(np.concatenate(([0], bounds[:-1])), bounds):
        i = np.repeat(probe[lo:hi], size[lo:hi])
        j = holders[ranges(start[lo:hi], size[lo:hi])]
        found.probed += len(i)
        i, j = i[i != j], j[i != j]
        keep = screen(i, j)
        lefts.append(np.minimum(i, j)[keep])
        rights.append(np.maximum(i, j)[keep])
    codes = np.unique(np.concatenate(lefts) * n + np.concatenate(rights)) if lefts else np.zeros(0, dtype=np.int64)
    found.left, found.right = codes // max(n, 1), codes % max(n, 1)
    return found


class _Screen:
    """`Matcher.similarity`'s reasons for a zero, on arrays of pairs."""

    def __init__(self, matcher: Matcher, root_weights: SparseRows, total: np.ndarray) -> None:
        claims = matcher.claims
        self.words, self.total = root_weights, total  # square roots: a row dot product sums the weights
        self.entities = SparseRows.of_sets(matcher.entities)
        self.ids = np.array([c.id for c in claims], dtype=object)
        self.asserted = np.array([c.certainty.modality == "asserted" for c in claims], dtype=bool)
        self.positive = np.array([c.certainty.polarity for c in claims], dtype=object)
        self.counted = np.array([bool(counted(c)) for c in claims], dtype=bool)

    def __call__(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        keep = (self.asserted[i] == self.asserted[j]) & (self.counted[i] == self.counted[j]) & (self.ids[i] != self.ids[j])
        i, j, at = i[keep], j[keep], np.flatnonzero(keep)
        shared = self.words.dot(i, j) / np.minimum(self.total[i], self.total[j]) + _SLACK
        apart = self.positive[i] != self.positive[j]
        fits = (shared >= MIN_TERMS) & (~apart | (shared >= SAME_WORDS))
        i, j, at = i[fits], j[fits], at[fits]
        keep[:] = False
        keep[at[self.entities.dot(i, j) > 0]] = True
        return keep


def group_claims(claims: Iterable[Claim], story_of: dict[str, str], max_block: int = MAX_BLOCK,
                 subjects: list[set[str]] | None = None, meaning: Meaning | None = None) -> list[ClaimGroup]:
    """Group matching claims; `story_of` maps a report id to its story, and only a story's claims
    meet; `subjects` are the entities each claim's grammatical subject names, when known; with
    `meaning`, a pair whose words match must mean alike too (SAME_MEANING)."""
    claims = list(claims)
    matcher = Matcher(claims, subjects)
    found = candidate_pairs(matcher, [story_of.get(c.report_id, c.report_id) for c in claims], max_block)
    left, right, scores = _scored(matcher, found)
    if meaning is not None and len(left):
        alike = _alike(meaning, [c.text for c in claims], left, right)
        left, right, scores = left[alike], right[alike], scores[alike]
    # Average link: a claim joins a group only if it matches the group as a whole, so claims
    # about one story's actors do not chain into one group.
    clusters = average_link_arrays(len(claims), left, right, scores, MATCH_THRESHOLD)
    return [ClaimGroup([claims[i] for i in sorted(members)]) for members in clusters]


def sentence_meaning() -> Meaning | None:
    """The encoder's sentence embeddings, or None when its base weights are not installed (claims
    are then matched on their words alone; `pipeline.assess` says so). The encoder is loaded on
    the first pair to embed, not before: a run with no story to analyse never needs it."""
    from ..read.encoder import Encoder, base_installed

    return (lambda texts: Encoder.load().embed(texts)) if base_installed() else None


def _alike(meaning: Meaning, texts: list[str], left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Which pairs mean alike; only the claims in some pair are embedded, each once."""
    used, at = np.unique(np.concatenate((left, right)), return_inverse=True)
    vectors = meaning([texts[i] for i in used.tolist()])
    n = len(left)
    return np.einsum("ij,ij->i", vectors[at[:n]], vectors[at[n:]]) >= SAME_MEANING


def _scored(matcher: Matcher, found: Candidates) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The candidates that match at all, with their similarity."""
    def edges() -> Iterator[tuple[int, int, float]]:
        for i, j in zip(found.left.tolist(), found.right.tolist(), strict=True):
            if (score := matcher.similarity(i, j)) > 0:
                yield i, j, score

    rows = np.array(list(edges()), dtype=np.float64).reshape(-1, 3)
    return rows[:, 0].astype(np.int64), rows[:, 1].astype(np.int64), rows[:, 2]
