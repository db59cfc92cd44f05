"""Stories: reports about the same real-world event, grouped.

Candidate pairs come from blocking (no all-pairs comparison). Each candidate pair gets a
similarity that combines what makes two reports about *one* event rather than about two
events of the same kind:

* wording: TF-IDF cosine of content words (rare shared words such as names weigh most);
* the same entities: Jaccard overlap of canonical entity ids;
* the same numbers and dates ("1 million", "Sept. 13", "6.1"): two earthquakes share the
  word "magnitude" but not the magnitude;
* a time window: reports published weeks apart are rarely about one breaking event.

Pairs are then clustered by average link over the sparse candidate graph: a cluster
joins another only when the *average* similarity between their reports clears the
threshold, so one bridging pair does not chain two events into one story (the failure of
single-link / plain union-find).
"""

from __future__ import annotations

import hashlib
import heapq
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import numpy as np

from firsthand.link.blocking import Blocking, SparseRows, candidate_pairs, text_features
from firsthand.model.story import Story

_NO_OFFSET = timedelta(0)
_EPOCH = datetime(1970, 1, 1)


@dataclass(frozen=True)
class StoryInput:
    report_id: str
    text: str
    published: datetime | None = None
    entity_ids: frozenset[str] = frozenset()


@dataclass(frozen=True)
class StoryWeights:
    """How much each signal counts in a pair's similarity, and the merge threshold.

    Defaults were chosen on ECB+ train topics 1-22 (bench/eval_ecbplus.py); the B-cubed F1
    surface there is flat (within 0.5 point) for text 0.5-0.7, entities 0.15-0.35 and
    threshold 0.12-0.16, so these are not a sharp optimum.
    """

    text: float = 0.6
    entities: float = 0.35
    numbers: float = 0.15
    threshold: float = 0.15
    window_days: float = 7.0


_MONTH = (
    r"(?P<month>jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
)
_NUMBER_OR_DATE = re.compile(
    rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})\b"
    rf"|\b(?P<day2>\d{{1,2}})\s+{_MONTH.replace('month', 'month2')}"
    r"|(?P<num>\d[\d,]*(?:\.\d+)?)\s*(?P<scale>million|billion|thousand|trillion|percent|%)?",
    re.IGNORECASE,
)


def numbers_and_dates(text: str) -> frozenset[str]:
    """Normalized number and day-of-month tokens: "Sept. 13" and "13 September" -> "sep 13"."""
    out = set()
    for m in _NUMBER_OR_DATE.finditer(text):
        month = m.group("month") or m.group("month2")
        if month:
            out.add(f"{month.lower()[:3]} {int(m.group('day') or m.group('day2'))}")
        else:
            num = m.group("num").replace(",", "")
            scale = (m.group("scale") or "").lower().replace("%", "percent")
            out.add(f"{num} {scale}".strip())
    return frozenset(out)


def tfidf_rows(counts: SparseRows) -> SparseRows:
    """Unit-length sublinear-TF x IDF vectors from a term-count matrix."""
    df = counts.column_counts()
    n = counts.n_rows
    # Smoothed IDF (+1): in a small collection, terms every report shares must still count.
    weights = (1 + np.log(counts.data)) * (np.log((1 + n) / (1 + df[counts.indices])) + 1)
    norms = np.sqrt(np.bincount(counts.row_of_entry, weights=weights * weights, minlength=n))
    return counts.with_data(weights / np.where(norms > 0, norms, 1.0)[counts.row_of_entry])


def tfidf_vectors(term_lists: Sequence[Sequence[str]]) -> list[dict[str, float]]:
    """``tfidf_rows`` as one sparse dict per term list."""
    vocabulary: dict[str, int] = {}
    vectors = tfidf_rows(SparseRows.of_sets(term_lists, vocabulary))
    names = list(vocabulary)
    bounds = vectors.indptr.tolist()
    columns, weights = vectors.indices.tolist(), vectors.data.tolist()
    return [
        {names[c]: w for c, w in zip(columns[lo:hi], weights[lo:hi], strict=True)}
        for lo, hi in zip(bounds, bounds[1:])
    ]


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _days(published: Sequence[datetime | None]) -> np.ndarray:
    """Publication times in days (NaN when undated); aware times are taken in UTC, naive
    ones as they stand."""
    return np.array(
        [
            np.nan
            if p is None
            else (p.replace(tzinfo=None) - (p.utcoffset() or _NO_OFFSET) - _EPOCH).total_seconds() / 86400
            for p in published
        ]
    )


def _time_factors(days: np.ndarray, i: np.ndarray, j: np.ndarray, window_days: float) -> np.ndarray:
    """1 inside the window, falling linearly to 0 at twice the window; 1 if either is undated."""
    factor = np.clip(2 - np.abs(days[i] - days[j]) / window_days, 0.0, 1.0)
    return np.where(np.isnan(factor), 1.0, factor)


def _root(parent: list[int], x: int) -> int:
    """Union-find root, halving the path on the way."""
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


def components(n: int, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Connected-component label of each of ``n`` nodes (the smallest node id in it):
    labels spread along the edges, with pointer jumping, until no edge joins two labels."""
    label = np.arange(n)
    while True:
        low = np.minimum(label[left], label[right])
        spread = label.copy()
        np.minimum.at(spread, left, low)
        np.minimum.at(spread, right, low)
        spread = spread[spread]
        if np.array_equal(spread, label):
            return label
        label = spread


def _merge_mutual_best(
    n: int, low: np.ndarray, high: np.ndarray, sums: np.ndarray, threshold: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Merge, all at once, every two clusters that are each other's most similar neighbour
    above the threshold, for as long as that merges many.

    Average link is reducible (a merged cluster is never closer to a third than the closer
    of its parts was), so such mutual pairs are merged by the one-at-a-time greedy order
    too, at the same heights; doing them in array rounds leaves the heap a smaller graph.
    Returns each item's cluster, cluster sizes, and the summed edges between clusters.
    """
    label, sizes = np.arange(n), np.ones(n)
    while len(sums):
        means = sums / (sizes[low] * sizes[high])
        ends, others, both = np.concatenate((low, high)), np.concatenate((high, low)), np.concatenate((means, means))
        order = np.lexsort((others, -both, ends))  # per cluster: the best neighbour first
        first = order[np.concatenate(([True], ends[order][1:] != ends[order][:-1]))]
        best = np.full(n, -1)
        strong = both[first] >= threshold
        best[ends[first][strong]] = others[first][strong]
        keep = np.flatnonzero(best >= 0)
        keep = keep[(best[best[keep]] == keep) & (keep < best[keep])]
        if len(keep) < max(1, len(first) // 100):  # few left: the heap does them cheaper
            break
        into = np.arange(n)
        into[best[keep]] = keep
        sizes[keep] += sizes[best[keep]]
        label, low, high = into[label], into[low], into[high]
        apart = low != high
        codes, where = np.unique(np.minimum(low, high)[apart] * n + np.maximum(low, high)[apart], return_inverse=True)
        low, high, sums = codes // n, codes % n, np.bincount(where.ravel(), weights=sums[apart], minlength=len(codes))
    return label, sizes, low, high, sums


def average_link(
    n: int, edges: Iterable[tuple[int, int, float]], threshold: float
) -> list[list[int]]:
    """Average-link agglomerative clustering of ``n`` items over a sparse similarity graph.

    Pairs absent from ``edges`` count as similarity 0; a pair given twice counts the sum.
    Clusters merge, best first, while the mean similarity over all cross-cluster item
    pairs is at least ``threshold``.
    """
    rows = np.array([(i, j, s) for i, j, s in edges], dtype=np.float64).reshape(-1, 3)
    return average_link_arrays(n, rows[:, 0].astype(np.int64), rows[:, 1].astype(np.int64), rows[:, 2], threshold)


def average_link_arrays(
    n: int, left: np.ndarray, right: np.ndarray, scores: np.ndarray, threshold: float
) -> list[list[int]]:
    """``average_link`` with the edges as three parallel arrays.

    A mean is never above its largest term, so clusters only ever merge inside connected
    components of the graph of edges at or above the threshold: edges between two such
    components, and items with no such edge, are set aside before clustering.
    """
    keep = (left != right) & (scores > 0)
    low, high = np.minimum(left, right)[keep], np.maximum(left, right)[keep]
    codes, where = np.unique(low * n + high, return_inverse=True)
    low, high, sums = codes // n, codes % n, np.bincount(where.ravel(), weights=scores[keep], minlength=len(codes))
    strong = sums >= threshold
    label = components(n, low[strong], high[strong])
    inside = label[low] == label[high]
    label, sizes, low, high, sums = _merge_mutual_best(n, low[inside], high[inside], sums[inside], threshold)
    # Both directions, grouped by the first: one dict of neighbours per cluster.
    source, target = np.concatenate((low, high)), np.concatenate((high, low))
    order = np.argsort(source, kind="stable")
    bounds = np.searchsorted(source[order], np.arange(n + 1)).tolist()
    targets, weights = target[order].tolist(), np.concatenate((sums, sums))[order].tolist()
    link = [dict(zip(targets[a:b], weights[a:b], strict=True)) for a, b in zip(bounds, bounds[1:])]
    size = sizes.tolist()
    means = sums / (sizes[low] * sizes[high])
    strong = means >= threshold
    # Heap entries are upper bounds, checked when popped: merging j into i raises the mean
    # only towards j's neighbours (pushed afresh); towards i's own it can only fall, so
    # those entries are refreshed lazily instead of on every merge (that would cost the
    # big cluster's whole neighbourhood each time it grows).
    heap = list(zip((-means[strong]).tolist(), low[strong].tolist(), high[strong].tolist(), strict=True))
    heapq.heapify(heap)
    parent = list(range(n))
    while heap:
        neg, i, j = heapq.heappop(heap)
        if -neg < threshold:
            break
        if parent[i] != i or parent[j] != j or j not in link[i]:
            continue
        mean = link[i][j] / (size[i] * size[j])
        if mean != -neg:
            if mean >= threshold:
                heapq.heappush(heap, (-mean, i, j))
            continue
        if len(link[i]) < len(link[j]):
            i, j = j, i
        parent[j] = i
        link[i].pop(j)
        link[j].pop(i)
        size[i] += size[j]
        for k, s in link[j].items():
            total = link[i].get(k, 0.0) + s
            link[i][k] = link[k][i] = total
            del link[k][j]
            mean = total / (size[i] * size[k])
            if mean >= threshold:
                heapq.heappush(heap, (-mean, *((i, k) if i < k else (k, i))))
        link[j] = {}

    groups: dict[int, list[int]] = {}
    for x, cluster in enumerate(label.tolist()):
        groups.setdefault(_root(parent, cluster), []).append(x)
    return list(groups.values())


def story_id(report_ids: Iterable[str]) -> str:
    """Stable id from the member reports, so re-running on the same reports keeps ids."""
    digest = hashlib.sha1("\n".join(sorted(report_ids)).encode("utf-8")).hexdigest()
    return f"story-{digest[:12]}"


@dataclass(frozen=True)
class StoryGraph:
    """Candidate pairs and the similarity of each (``scores[k]`` for ``blocking.left[k]``,
    ``blocking.right[k]``, indices into ``report_ids``)."""

    report_ids: list[str]
    blocking: Blocking
    scores: np.ndarray


def story_graph(
    items: Iterable[StoryInput],
    weights: StoryWeights = StoryWeights(),
    chunk: int = 50_000,
    **blocking_options: object,
) -> StoryGraph:
    """Similarity of every candidate pair that blocking yields. The items are read once, as a
    stream: only compact features are kept, never the texts, and pairs are scored a chunk at a
    time, so memory stays bounded by the features and the chunk, not the corpus or pair count."""
    num_perm = int(blocking_options.get("num_perm", 64))  # type: ignore[call-overload]
    report_ids: list[str] = []
    published: list[datetime | None] = []
    entity_ids: list[frozenset[str]] = []
    numbers: list[frozenset[str]] = []

    def texts() -> Iterator[str]:
        for item in items:
            report_ids.append(item.report_id)
            published.append(item.published)
            entity_ids.append(item.entity_ids)
            numbers.append(numbers_and_dates(item.text))
            yield item.text

    features = text_features(texts(), num_perm)
    blocking = candidate_pairs((), published, entity_ids, features=features, **blocking_options)  # type: ignore[arg-type]
    text = tfidf_rows(features.terms)
    entities = SparseRows.of_sets(entity_ids)
    numbers_rows = SparseRows.of_sets(numbers)
    days = _days(published)
    scores = np.empty(len(blocking))
    for lo in range(0, len(blocking), chunk):
        i, j = blocking.left[lo : lo + chunk], blocking.right[lo : lo + chunk]
        scores[lo : lo + chunk] = (
            weights.text * text.dot(i, j)
            + weights.entities * entities.jaccard(i, j)
            + weights.numbers * numbers_rows.jaccard(i, j)
        ) * _time_factors(days, i, j, weights.window_days)
    return StoryGraph(report_ids, blocking, scores)


def stories_of(graph: StoryGraph, threshold: float) -> list[Story]:
    """Average-link clusters of the graph as stories, largest first."""
    ids = graph.report_ids
    groups = average_link_arrays(len(ids), graph.blocking.left, graph.blocking.right, graph.scores, threshold)
    stories = [Story(story_id(members), members) for members in (tuple(ids[x] for x in group) for group in groups)]
    stories.sort(key=lambda s: (-len(s.report_ids), s.id))
    return stories


def cluster_stories(
    items: Iterable[StoryInput],
    weights: StoryWeights = StoryWeights(),
    **blocking_options: Any,
) -> list[Story]:
    """Group reports into stories, largest first; every report is in exactly one story. The items
    may be a stream: each is read once."""
    return stories_of(story_graph(items, weights, **blocking_options), weights.threshold)
