"""Blocking: find candidate report pairs without comparing every report with every other.

Two kinds of key put reports into the same block:

* MinHash LSH over word shingles catches copies and light rewrites (wire copy reprinted,
  a web rewrite of a newspaper report): reports whose shingle sets have a high Jaccard
  similarity share at least one LSH band with high probability.
* Discriminative keys catch independent reports of the same event, whose wording differs
  (their shingle Jaccard is near zero) but which name the same people, places and
  organisations, or the same rare words. A key is an entity id or salient term, bucketed
  by publication week when the report has a date.

A block larger than ``max_block`` is dropped: a key shared by that many reports ("United
States", "said") does not discriminate, and keeping it would make the cost quadratic. With
the block size capped, the number of candidate pairs is at most ``n * keys * max_block``,
so the cost grows linearly with the number of reports.
"""

from __future__ import annotations

import math
import re
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np

WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*", re.UNICODE)

# Words that carry no topic: the head of any TF-IDF list otherwise. Short by design; IDF
# does the rest.
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if
    in into is it its itself just me more most my myself no nor not now of off on once only
    or other our ours out over own said same says she should so some such than that the
    their theirs them themselves then there these they this those through to too under until
    up very was we were what when where which while who whom why will with would you your
    yours mr mrs ms told say also one two new last year years""".split()
)

_MERSENNE = (1 << 61) - 1
_MAX_HASH = np.uint64((1 << 32) - 1)


def words(text: str) -> list[str]:
    """Lower-cased word tokens; inner apostrophes, dots and hyphens stay in the word."""
    return [w.lower().replace("’", "'") for w in WORD.findall(text)]


def shingles(tokens: Sequence[str], k: int = 3) -> set[str]:
    """Contiguous word k-grams ("shifted" n-grams: one starting at every word)."""
    if len(tokens) < k:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i : i + k]) for i in range(len(tokens) - k + 1)}


def content_terms(tokens: Iterable[str]) -> list[str]:
    """Tokens that can carry topic: not stopwords, not single characters."""
    return [t for t in tokens if len(t) > 1 and t not in STOPWORDS]


def _hash32(items: Iterable[str]) -> np.ndarray:
    # crc32 is stable across processes (unlike hash()) and fast enough in C.
    return np.fromiter((zlib.crc32(s.encode("utf-8")) for s in items), dtype=np.uint64)


@dataclass(frozen=True)
class MinHasher:
    """Universal-hash MinHash: ``(a * x + b) mod p`` per permutation, vectorized over reports."""

    num_perm: int = 64
    seed: int = 1

    def _params(self) -> tuple[np.ndarray, np.ndarray]:
        rng = np.random.default_rng(self.seed)
        # a, b < 2**29 and x < 2**32 keep a*x+b below 2**61 and inside uint64.
        a = rng.integers(1, 1 << 29, size=self.num_perm, dtype=np.uint64)
        b = rng.integers(0, 1 << 29, size=self.num_perm, dtype=np.uint64)
        return a, b

    def signatures(self, shingle_sets: Sequence[set[str]], chunk: int = 256) -> np.ndarray:
        """One row of ``num_perm`` minimum hash values per shingle set."""
        a, b = self._params()
        out = np.full((len(shingle_sets), self.num_perm), _MAX_HASH, dtype=np.uint64)
        for lo in range(0, len(shingle_sets), chunk):
            part = shingle_sets[lo : lo + chunk]
            sizes = np.fromiter((len(s) for s in part), dtype=np.int64, count=len(part))
            if sizes.sum() == 0:
                continue
            x = _hash32(s for shingle_set in part for s in shingle_set)
            hashed = ((x[:, None] * a[None, :] + b[None, :]) % np.uint64(_MERSENNE)) & _MAX_HASH
            filled = np.flatnonzero(sizes)
            starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))[filled]
            out[lo + filled] = np.minimum.reduceat(hashed, starts, axis=0)
        return out


def lsh_bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """Bands x rows whose S-curve midpoint ``(1/b)**(1/r)`` is closest to ``threshold``."""
    best = min(
        ((b, num_perm // b) for b in range(1, num_perm + 1) if num_perm % b == 0),
        key=lambda br: abs((1 / br[0]) ** (1 / br[1]) - threshold),
    )
    return best


def week_bucket(published: datetime | None) -> int | None:
    """ISO-ordinal week number, or None when the report is undated."""
    if published is None:
        return None
    return published.toordinal() // 7


@dataclass
class Blocking:
    """Candidate pairs (i < j, indices into the input) and what it took to find them."""

    pairs: set[tuple[int, int]] = field(default_factory=set)
    blocks_kept: int = 0
    blocks_dropped: int = 0
    comparisons: int = 0  # pairs enumerated inside kept blocks, before de-duplication


def pairs_in_blocks(blocks: dict[object, list[int]], max_block: int, result: Blocking) -> None:
    for members in blocks.values():
        if len(members) < 2:
            continue
        if len(members) > max_block:
            result.blocks_dropped += 1
            continue
        result.blocks_kept += 1
        members = sorted(set(members))
        result.comparisons += len(members) * (len(members) - 1) // 2
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                result.pairs.add((members[x], members[y]))


def lsh_blocks(signatures: np.ndarray, threshold: float) -> dict[object, list[int]]:
    """LSH buckets: reports whose signatures agree on a whole band share a bucket."""
    bands, rows = lsh_bands(threshold, signatures.shape[1])
    blocks: dict[object, list[int]] = defaultdict(list)
    for band in range(bands):
        chunk = np.ascontiguousarray(signatures[:, band * rows : (band + 1) * rows])
        for i, row in enumerate(chunk):
            blocks[(band, row.tobytes())].append(i)
    return blocks


def key_blocks(
    keys: Sequence[Iterable[str]], published: Sequence[datetime | None]
) -> dict[object, list[int]]:
    """Blocks on shared keys within about two weeks.

    A dated report joins its own week's block and the next week's, so two reports up to
    a week apart always share a block whatever day the week boundary falls on. Undated
    reports only share blocks with undated ones.
    """
    blocks: dict[object, list[int]] = defaultdict(list)
    for i, (report_keys, when) in enumerate(zip(keys, published, strict=True)):
        week = week_bucket(when)
        weeks = (None,) if week is None else (week, week + 1)
        for key in set(report_keys):
            for w in weeks:
                blocks[(key, w)].append(i)
    return blocks


def salient_terms(term_lists: Sequence[Sequence[str]], per_report: int = 8) -> list[list[str]]:
    """Each report's highest TF-IDF terms: rare words the report repeats."""
    df = Counter(t for terms in term_lists for t in set(terms))
    n = len(term_lists)
    out = []
    for terms in term_lists:
        tf = Counter(terms)
        # Words in one report only cannot link anything; skip them as keys.
        scored = [(c * math.log(n / df[t]), t) for t, c in tf.items() if df[t] > 1]
        scored.sort(reverse=True)
        out.append([t for _, t in scored[:per_report]])
    return out


def candidate_pairs(
    texts: Sequence[str],
    published: Sequence[datetime | None],
    entity_ids: Sequence[frozenset[str]],
    *,
    lsh_threshold: float = 0.5,
    num_perm: int = 64,
    terms_per_report: int = 8,
    max_block: int = 50,
    token_lists: Sequence[Sequence[str]] | None = None,
) -> Blocking:
    """Candidate pairs from MinHash LSH, entity keys and salient-term keys.

    ``token_lists`` may pass already computed ``words(text)`` to avoid tokenizing twice.
    """
    tokens = token_lists if token_lists is not None else [words(t) for t in texts]
    result = Blocking()
    signatures = MinHasher(num_perm).signatures([shingles(t) for t in tokens])
    pairs_in_blocks(lsh_blocks(signatures, lsh_threshold), max_block, result)
    terms = salient_terms([content_terms(t) for t in tokens], terms_per_report)
    keys = [
        [f"e:{e}" for e in ents] + [f"t:{t}" for t in report_terms]
        for ents, report_terms in zip(entity_ids, terms, strict=True)
    ]
    pairs_in_blocks(key_blocks(keys, published), max_block, result)
    return result
