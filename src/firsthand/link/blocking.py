"""Blocking: find candidate report pairs without comparing every report with every other.

Two kinds of key put reports into the same block:

* MinHash LSH over word shingles catches copies and light rewrites (wire copy reprinted,
  a web rewrite of a newspaper report): reports whose shingle sets have a high Jaccard
  similarity share at least one LSH band with high probability.
* Discriminative keys catch independent reports of the same event, whose wording differs
  (their shingle Jaccard is near zero) but which name the same people, places and
  organisations, or the same rare words. A key is an entity id or salient term, bucketed
  by publication week when the report has a date.

A block larger than ``max_block`` would not discriminate ("United States", "said") and
would make the cost quadratic. Key frequencies per week are counted first, so a report
only takes keys whose blocks fit under the cap, and its salient terms are chosen among
those: no key is spent on a block that is then dropped. With every block capped, the
number of comparisons is at most ``n * keys * max_block``, linear in the number of reports.

Everything after the one pass over the texts works on numpy arrays (pairs as two index
arrays, term vectors as sparse rows), so the per-pair cost is a few array operations.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

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
    """Tokens that can carry topic: not stopwords, not single characters, not bare digits (a
    figure is matched whole, as a number: "659" of "659,000" matches by chance)."""
    return [t for t in tokens if len(t) > 1 and t not in STOPWORDS and not t.isdigit()]


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

    def signatures(self, shingle_sets: Sequence[set[str]], chunk: int = 1 << 15) -> np.ndarray:
        """One row of ``num_perm`` minimum hash values per shingle set. Shingles are hashed
        ``chunk`` at a time whatever the sets they come from, so memory does not follow the
        length of a report (a 7,500-word report has as many shingles as 50 short ones)."""
        a, b = self._params()
        out = np.full((len(shingle_sets), self.num_perm), _MAX_HASH, dtype=np.uint64)
        sizes = np.fromiter((len(s) for s in shingle_sets), dtype=np.int64, count=len(shingle_sets))
        owner = np.repeat(np.arange(len(shingle_sets)), sizes)
        x = _hash32(s for shingle_set in shingle_sets for s in shingle_set)
        for lo in range(0, len(x), chunk):
            rows = owner[lo : lo + chunk]
            hashed = ((x[lo : lo + chunk, None] * a[None, :] + b[None, :]) % np.uint64(_MERSENNE)) & _MAX_HASH
            starts = np.flatnonzero(np.concatenate(([True], rows[1:] != rows[:-1])))
            out[rows[starts]] = np.minimum(out[rows[starts]], np.minimum.reduceat(hashed, starts, axis=0))
        return out


def lsh_bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """Bands x rows whose S-curve midpoint ``(1/b)**(1/r)`` is closest to ``threshold``."""
    best = min(
        ((b, num_perm // b) for b in range(1, num_perm + 1) if num_perm % b == 0),
        key=lambda br: abs((1 / br[0]) ** (1 / br[1]) - threshold),
    )
    return best


_NONE = np.zeros(0, dtype=np.int64)
_LOW32 = np.int64(0xFFFFFFFF)


def ranges(starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """The positions ``starts[k], ..., starts[k] + counts[k] - 1`` for every k, concatenated."""
    ends = np.cumsum(counts)
    return np.repeat(starts - (ends - counts), counts) + np.arange(ends[-1] if len(ends) else 0)


@dataclass(frozen=True)
class SparseRows:
    """A sparse matrix by rows (CSR): row ``r`` has columns ``indices[indptr[r]:indptr[r + 1]]``,
    sorted, with values ``data`` at the same positions."""

    indptr: np.ndarray
    indices: np.ndarray
    data: np.ndarray
    width: int

    @classmethod
    def of_sets(cls, rows: Iterable[Iterable[str]], vocabulary: dict[str, int] | None = None) -> SparseRows:
        """Count matrix: one row per iterable, one column per distinct string (ids are given
        out in ``vocabulary`` as strings are first seen); values count repeats."""
        vocabulary = {} if vocabulary is None else vocabulary
        ids = [np.fromiter((vocabulary.setdefault(s, len(vocabulary)) for s in row), dtype=np.int64) for row in rows]
        row_of = np.repeat(np.arange(len(ids), dtype=np.int64), [len(x) for x in ids])
        return cls.of_entries(row_of, np.concatenate(ids) if ids else _NONE, len(ids), len(vocabulary))

    @classmethod
    def of_entries(cls, rows: np.ndarray, cols: np.ndarray, n_rows: int, width: int) -> SparseRows:
        """Count matrix from parallel row and column arrays (a repeated entry counts twice)."""
        codes, counts = np.unique(rows * max(width, 1) + cols, return_counts=True)
        row_of = codes // max(width, 1)
        indptr = np.searchsorted(row_of, np.arange(n_rows + 1))
        return cls(indptr, codes % max(width, 1), counts.astype(np.float64), width)

    @property
    def n_rows(self) -> int:
        return len(self.indptr) - 1

    @cached_property
    def lengths(self) -> np.ndarray:
        return np.diff(self.indptr)

    @cached_property
    def row_of_entry(self) -> np.ndarray:
        return np.repeat(np.arange(self.n_rows, dtype=np.int64), self.lengths)

    @cached_property
    def _codes(self) -> np.ndarray:
        # Globally sorted (row, column) codes: one searchsorted finds any entry.
        return self.row_of_entry * max(self.width, 1) + self.indices

    def column_counts(self) -> np.ndarray:
        """Number of rows holding each column (document frequency)."""
        return np.bincount(self.indices, minlength=self.width)

    def with_data(self, data: np.ndarray) -> SparseRows:
        return SparseRows(self.indptr, self.indices, data, self.width)

    def dot(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """Dot product of row ``i[k]`` with row ``j[k]`` for every k: the shorter row of each
        pair is walked and its columns looked up in the other."""
        swap = self.lengths[i] > self.lengths[j]
        short, long_ = np.where(swap, j, i), np.where(swap, i, j)
        if not len(self._codes):
            return np.zeros(len(i))
        counts = self.lengths[short]
        pair = np.repeat(np.arange(len(i)), counts)
        pos = ranges(self.indptr[short], counts)
        keys = long_[pair] * max(self.width, 1) + self.indices[pos]
        found = np.minimum(np.searchsorted(self._codes, keys), len(self._codes) - 1)
        hit = self._codes[found] == keys
        return np.bincount(pair[hit], weights=self.data[pos[hit]] * self.data[found[hit]], minlength=len(i))


@dataclass(frozen=True)
class TextFeatures:
    """What blocking and pair scoring need from the texts, taken in one pass over them."""

    signatures: np.ndarray  # MinHash of word shingles, one row per text
    terms: SparseRows  # content-term counts, one row per text


def text_features(texts: Iterable[str], num_perm: int = 64, chunk: int = 256) -> TextFeatures:
    """Tokenize each text once; only compact arrays are kept, not the tokens."""
    hasher = MinHasher(num_perm)
    vocabulary: dict[str, int] = {}
    signatures, term_ids, batch, held = [], [], [], 0
    for text in texts:
        tokens = words(text)
        batch.append(shingles(tokens))
        held += len(batch[-1])
        term_ids.append(np.fromiter((vocabulary.setdefault(t, len(vocabulary)) for t in content_terms(tokens)), dtype=np.int64))
        # Shingle sets wait in memory as strings: `chunk` texts at most, fewer when they are long.
        if len(batch) == chunk or held >= 1 << 18:
            signatures.append(hasher.signatures(batch))
            batch, held = [], 0
    signatures.append(hasher.signatures(batch))
    row_of = np.repeat(np.arange(len(term_ids), dtype=np.int64), [len(x) for x in term_ids])
    terms = SparseRows.of_entries(row_of, np.concatenate(term_ids) if term_ids else _NONE, len(term_ids), len(vocabulary))
    return TextFeatures(np.concatenate(signatures), terms)


def week_bucket(published: datetime | None) -> int | None:
    """ISO-ordinal week number, or None when the report is undated."""
    if published is None:
        return None
    return published.toordinal() // 7


@dataclass
class Blocking:
    """Candidate pairs (``left[k] < right[k]``, indices into the input, each pair once) and
    what it took to find them."""

    left: np.ndarray = field(default_factory=lambda: _NONE)
    right: np.ndarray = field(default_factory=lambda: _NONE)
    blocks_kept: int = 0
    blocks_dropped: int = 0  # LSH buckets over the cap, and (key, week)s too common to be keys
    comparisons: int = 0  # pairs enumerated inside kept blocks, before de-duplication

    def __len__(self) -> int:
        return len(self.left)

    @property
    def pairs(self) -> set[tuple[int, int]]:
        return set(zip(self.left.tolist(), self.right.tolist(), strict=True))

    def add(self, left: np.ndarray, right: np.ndarray) -> None:
        codes = np.unique(np.concatenate((self.left << 32 | self.right, left << 32 | right)))
        self.left, self.right = codes >> 32, codes & _LOW32


def block_pairs(groups: np.ndarray, members: np.ndarray, max_block: int, result: Blocking) -> None:
    """Add every pair of members sharing a group (``groups[k]`` holds ``members[k]``) to
    ``result``; groups of more than ``max_block`` distinct members are dropped."""
    _, group = np.unique(groups, return_inverse=True)
    codes = np.unique(group.astype(np.int64).ravel() << 32 | members)  # by group, then member
    group, member = codes >> 32, codes & _LOW32
    starts = np.flatnonzero(np.concatenate(([True], group[1:] != group[:-1]))) if len(codes) else _NONE
    sizes = np.diff(np.concatenate((starts, [len(codes)])))
    result.blocks_dropped += int((sizes > max_block).sum())
    left, right = [], []
    for size in np.unique(sizes[(sizes >= 2) & (sizes <= max_block)]).tolist():
        block = member[starts[sizes == size][:, None] + np.arange(size)]
        a, b = np.triu_indices(size, 1)
        left.append(block[:, a].ravel())
        right.append(block[:, b].ravel())
        result.blocks_kept += len(block)
        result.comparisons += len(block) * len(a)
    if left:
        result.add(np.concatenate(left), np.concatenate(right))


def pairs_in_blocks(blocks: dict[object, list[int]], max_block: int, result: Blocking) -> None:
    """``block_pairs`` for blocks given as a mapping from key to members."""
    sizes = [len(members) for members in blocks.values()]
    groups = np.repeat(np.arange(len(sizes), dtype=np.int64), sizes)
    members = np.fromiter((m for ms in blocks.values() for m in ms), dtype=np.int64, count=sum(sizes))
    block_pairs(groups, members, max_block, result)


def lsh_groups(signatures: np.ndarray, threshold: float) -> tuple[np.ndarray, np.ndarray]:
    """LSH buckets as (bucket, member) arrays: reports whose signatures agree on a whole band
    share a bucket. Empty texts (untouched signatures) share nothing."""
    bands, rows = lsh_bands(threshold, signatures.shape[1])
    filled = np.flatnonzero((signatures != _MAX_HASH).any(axis=1))
    groups = []
    for band in range(bands):
        _, bucket = np.unique(signatures[filled, band * rows : (band + 1) * rows], axis=0, return_inverse=True)
        groups.append(band * len(filled) + bucket.ravel())
    return np.concatenate(groups), np.tile(filled, bands)


_UNDATED = np.iinfo(np.int64).min


def _weeks(published: Sequence[datetime | None]) -> np.ndarray:
    return np.array([_UNDATED if p is None else week_bucket(p) for p in published], dtype=np.int64)


def week_slots(published: Sequence[datetime | None]) -> tuple[np.ndarray, np.ndarray]:
    """The (report, week) memberships of key blocks.

    A dated report joins its own week's block and the next week's, so two reports up to
    a week apart always share a block whatever day the week boundary falls on. Undated
    reports share one slot of their own, so they only meet undated ones.
    """
    week = _weeks(published)
    dated = week != _UNDATED
    reports = np.arange(len(week), dtype=np.int64)
    week = np.where(dated, week, -1)
    return np.concatenate((reports, reports[dated])), np.concatenate((week, week[dated] + 1))


def key_groups(
    rows: np.ndarray, keys: np.ndarray, slots: tuple[np.ndarray, np.ndarray]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each (report ``rows[k]``, key ``keys[k]``) entry joins the blocks of its report's
    week slots. Returns one (entry index, block number) per membership, and per block how
    many reports it holds."""
    slot_report, slot_week = slots
    order = np.argsort(slot_report, kind="stable")
    first = np.searchsorted(slot_report[order], rows)
    per_entry = np.searchsorted(slot_report[order], rows, side="right") - first
    entry = np.repeat(np.arange(len(rows)), per_entry)
    week = slot_week[order[ranges(first, per_entry)]] - (slot_week.min() if len(slot_week) else 0)
    span = int(week.max()) + 1 if len(week) else 1
    _, block, counts = np.unique(keys[entry] * span + week, return_inverse=True, return_counts=True)
    return entry, block.ravel(), counts


def fitting_entries(
    rows: np.ndarray, keys: np.ndarray, published: Sequence[datetime | None], max_block: int, result: Blocking
) -> np.ndarray:
    """Mask of the (report ``rows[k]``, key ``keys[k]``) entries whose blocks all fit under
    the cap and link something.

    Counted per (key, week) over the entries themselves rather than per block membership
    (twice as many): the block of week slot s holds the reports of weeks s - 1 and s.
    """
    week = _weeks(published)[rows]
    dated = week != _UNDATED
    first = int(week[dated].min()) if dated.any() else 0
    span = (int(week[dated].max()) - first if dated.any() else 0) + 4
    # Dated weeks from 1 on, undated last in the span: no week is next to the undated one.
    week = np.where(dated, week - first + 1, span - 1)
    codes, counts = np.unique(keys * span + week, return_counts=True)

    def count(offset: int) -> np.ndarray:
        wanted = keys * span + week + offset
        at = np.minimum(np.searchsorted(codes, wanted), len(codes) - 1)
        return np.where(codes[at] == wanted, counts[at], 0)

    own, before, after = count(0), count(-1), count(1)
    largest = np.where(dated, np.maximum(own + before, own + after), own)
    result.blocks_dropped += int((counts > max_block).sum())
    return (largest >= 2) & (largest <= max_block)


def salient_entries(terms: SparseRows, fits: np.ndarray, per_report: int) -> np.ndarray:
    """Mask of each report's ``per_report`` highest TF-IDF terms among those that fit:
    rare words the report repeats."""
    df = terms.column_counts()
    score = terms.data * np.log(terms.n_rows / np.maximum(df[terms.indices], 1))
    candidates = np.flatnonzero(fits)
    order = candidates[np.lexsort((-score[candidates], terms.row_of_entry[candidates]))]
    rows = terms.row_of_entry[order]
    rank = np.arange(len(order)) - np.searchsorted(rows, rows)
    keep = np.zeros(len(fits), dtype=bool)
    keep[order[rank < per_report]] = True
    return keep


def candidate_pairs(
    texts: Sequence[str],
    published: Sequence[datetime | None],
    entity_ids: Sequence[Collection[str]],
    *,
    lsh_threshold: float = 0.5,
    num_perm: int = 64,
    terms_per_report: int = 6,
    max_block: int = 50,
    features: TextFeatures | None = None,
) -> Blocking:
    """Candidate pairs from MinHash LSH, entity keys and salient-term keys.

    ``features`` may pass already computed ``text_features(texts, num_perm)`` to avoid
    reading the texts twice.
    """
    features = features if features is not None else text_features(texts, num_perm)
    result = Blocking()
    block_pairs(*lsh_groups(features.signatures, lsh_threshold), max_block, result)

    slots = week_slots(published)
    terms = features.terms
    term_rows = terms.row_of_entry
    salient = salient_entries(terms, fitting_entries(term_rows, terms.indices, published, max_block, result), terms_per_report)
    entities = SparseRows.of_sets(entity_ids)
    entity_rows = entities.row_of_entry
    entity_fits = fitting_entries(entity_rows, entities.indices, published, max_block, result)
    # Entity ids and terms are separate key spaces: entity ids are numbered after the terms.
    rows = np.concatenate((term_rows[salient], entity_rows[entity_fits]))
    keys = np.concatenate((terms.indices[salient], entities.indices[entity_fits] + terms.width))
    entry, block, _ = key_groups(rows, keys, slots)
    block_pairs(block, rows[entry], max_block, result)
    return result
