"""Stories: reports about the same happening (one event or developing situation), grouped.

Candidate pairs come from blocking (no all-pairs comparison). Each candidate pair gets a
similarity built from what identifies a happening, not from what every report of a kind
shares (a dividend brief's "Qtly div ... cts vs ... cts", the big actors every report on
Russia names):

* wording: each report's title and text as its 20 most distinctive terms, weighted by
  IDF cubed, so the company, the person and the place carry the cosine and template words
  almost nothing; long reports are compared by what is particular to them;
* the same entities and the same figures and dates ("1 million", "Sept. 13", "6.1"), by
  IDF-weighted overlap of those that few reports hold: two earthquakes share the word
  "magnitude" but not the magnitude, two briefs the misread entity "cts" but not the company;
* a time window: reports published weeks apart are rarely about one breaking event;
* a gate: a pair that shares no rare term, entity or figure at all never links.

Two events of one kind (two pirate seizures in one gulf) look alike to every such measure;
what tells them apart is that reports of one story are much closer to each other than to
their other neighbours. So a pair's similarity is scaled by how close its reports' nearest
neighbours are, and only ever down: a report whose neighbours are all weak is not lifted.

Pairs are then clustered by average link over the sparse candidate graph: a cluster joins
another only when the *average* similarity between their reports clears the threshold, so
one bridging pair does not chain two events into one story. Last, every member must hold
to its story: a report whose mean similarity to the other members is under a bar (lower,
per pair, the larger the story, since many weak ties are more evidence than one) leaves
it, weakest first, and stands alone. A singleton is better than a wrong merge.
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

from firsthand.link.blocking import Blocking, SparseRows, candidate_pairs, content_terms, text_features, words
from firsthand.model.report import Report
from firsthand.model.story import Story
from firsthand.read.countries import is_country_code
from firsthand.read.numbers import find_numbers

_NO_OFFSET = timedelta(0)
_EPOCH = datetime(1970, 1, 1)


@dataclass(frozen=True)
class StoryInput:
    report_id: str
    text: str
    published: datetime | None = None
    entity_ids: frozenset[str] = frozenset()
    title: str | None = None  # a wire brief names its company only in the title

    @classmethod
    def of_report(cls, report: Report, entity_ids: frozenset[str]) -> StoryInput:
        return cls(report.id, report.text, report.published, entity_ids, report.title)

    @property
    def words(self) -> str:
        return f"{self.title}\n{self.text}" if self.title else self.text


@dataclass(frozen=True)
class StoryWeights:
    """How much each signal counts in a pair's similarity, and when pairs make a story.

    Chosen on ECB+ train topics 1-22 (bench/eval_ecbplus.py) and checked against the largest
    stories of real corpora (docs/audits/stories/): among the settings within about two B3
    points of the best on train, the strictest, so that precision comes first.
    """

    text: float = 0.6
    entities: float = 0.5
    numbers: float = 0.5
    threshold: float = 0.2  # average link, on the similarity relative to the neighbours
    window_days: float = 7.0
    rarity: float = 3.0  # the power of IDF in the text vectors
    terms_per_report: int = 20
    rare: float = 0.4  # a term, entity or figure held by at most n**rare of n reports can identify a happening
    common: float = 0.5  # entities and figures held by more than n**common reports do not count
    neighbours: int = 5  # how many best pairs set a report's neighbour scale
    typical: float = 0.2  # neighbour scales up to this leave a pair's similarity as it is
    hold: float = 0.12  # a member's mean similarity to the rest of its story must reach hold / sqrt(size - 1)


_MONTH = (
    r"(?P<month>jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
)
_MONTH_WORD = re.compile(_MONTH)
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
            # A bare small integer ("4", "28") recurs by chance; a figure does not.
            if scale or len(num.replace(".", "")) >= 3:
                out.add(f"{num} {scale}".strip())
    # A figure spelled out is the same figure: "one million" and "a million" are "1 million".
    # Only scaled ones: "two hundred" recurs by chance as "200" does not.
    for n in find_numbers(text):
        if n.text[:1].isalpha() and n.kind not in ("ordinal", "vague") and _SCALE_WORD.search(n.text):
            out.add(_figure(n.value))
    return frozenset(out)


_SCALE_WORD = re.compile(r"thousand|million|billion|trillion", re.IGNORECASE)
_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"), (1e3, "thousand"))


def _figure(value: float) -> str:
    """A value as the digits path writes it: "1 million", "2.5 billion", "300"."""
    for size, word in _SCALES:
        if value >= size:
            return f"{value / size:g} {word}"
    return f"{value:g}"


def tfidf_rows(counts: SparseRows) -> SparseRows:
    """Unit-length sublinear-TF x IDF vectors from a term-count matrix."""
    df = counts.column_counts()
    n = counts.n_rows
    # Smoothed IDF (+1): in a small collection, terms every report shares must still count.
    weights = (1 + np.log(counts.data)) * (np.log((1 + n) / (1 + df[counts.indices])) + 1)
    norms = np.sqrt(np.bincount(counts.row_of_entry, weights=weights * weights, minlength=n))
    return counts.with_data(weights / np.where(norms > 0, norms, 1.0)[counts.row_of_entry])


# Document frequencies are read as if the reports stood among this many others that hold none
# of their terms: in a collection of two reports, what both share is not thereby common.
_BACKGROUND = 100


def distinctive_rows(counts: SparseRows, rarity: float, per_report: int) -> SparseRows:
    """Unit-length vectors of each report's ``per_report`` most distinctive terms, weighted by
    sublinear TF x IDF**rarity.

    A high power of IDF lets rare terms (the company, the person, the place) carry the
    similarity and leaves little to the words every report of a kind shares (a dividend
    brief's "qtly div ... cts vs ... cts", a long report's "Russia" and "NATO"); keeping only
    the top terms compares long reports by what is particular to them, not by their length.
    """
    df = counts.column_counts()
    n = counts.n_rows
    weights = (1 + np.log(counts.data)) * (np.log((_BACKGROUND + n) / (1 + df[counts.indices])) + 1) ** rarity
    rows = counts.row_of_entry
    order = np.lexsort((-weights, rows))
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order)) - counts.indptr[rows[order]]
    weights = np.where(rank < per_report, weights, 0.0)
    norms = np.sqrt(np.bincount(rows, weights=weights * weights, minlength=n))
    return counts.with_data(weights / np.where(norms > 0, norms, 1.0)[rows])


def rare_overlap(sets: SparseRows, i: np.ndarray, j: np.ndarray, limit: float) -> np.ndarray:
    """IDF-weighted Jaccard of paired rows' column sets, over the columns at most ``limit``
    rows hold: sharing a rare entity or number counts for much; one that many reports hold
    ("United States", "march 31", a misread "cts") is left out, so two briefs whose only
    entity is the same frequent one do not overlap at all."""
    df = sets.column_counts()[sets.indices]
    idf = np.where(df <= limit, np.log((_BACKGROUND + sets.n_rows) / (1 + df)), 0.0)
    shared = sets.with_data(np.sqrt(idf)).dot(i, j)
    total = np.bincount(sets.row_of_entry, weights=idf, minlength=sets.n_rows)
    # One unshared rare entity's worth more in every union: two small sets that share their
    # one entity ("person:avg", misread from "Avg shrs" in every earnings table) are not alike.
    union = total[i] + total[j] - shared + np.log(_BACKGROUND + sets.n_rows)
    return shared / union


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
    """Candidate pairs and the similarity of each (``similarity[k]`` and ``scores[k]`` for
    ``blocking.left[k]``, ``blocking.right[k]``, indices into ``report_ids``)."""

    report_ids: list[str]
    blocking: Blocking
    similarity: np.ndarray  # what the pair shares, 0 to about 1
    scores: np.ndarray  # the similarity relative to the two reports' neighbours: what average link uses


def identifying(entity_id: str) -> bool:
    """Whether an entity can tell one happening from another. Countries and international
    bodies are the big actors of most reports (every report on the war names Russia, NATO
    and Ukraine); a person, a company, an agency or a town is particular to a happening."""
    return not (entity_id.startswith("igo:") or is_country_code(entity_id))


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
    briefs: list[bool] = []
    title_words: list[list[str]] = []

    def texts() -> Iterator[str]:
        for item in items:
            brief = bool(item.title) and len(content_terms(words(item.text))) < _BRIEF_WORDS
            briefs.append(brief)
            title_words.append([t for t in content_terms(words(item.title or "")) if not _MONTH_WORD.fullmatch(t)])
            report_ids.append(item.report_id)
            published.append(item.published)
            entity_ids.append(frozenset(filter(identifying, item.entity_ids)))
            numbers.append(numbers_and_dates(item.words))
            yield item.words

    features = text_features(texts(), num_perm)
    blocking = candidate_pairs((), published, entity_ids, features=features, **blocking_options)  # type: ignore[arg-type]
    text = distinctive_rows(features.terms, weights.rarity, weights.terms_per_report)
    entities = SparseRows.of_sets(entity_ids)
    numbers_rows = SparseRows.of_sets(numbers)
    days = _days(published)
    scores = np.empty(len(blocking))
    # Dates do not open the gate: many happenings share a day (two dividends paid April 24).
    figures = SparseRows.of_sets([n for n in number_set if not n[:1].isalpha()] for number_set in numbers)
    limit = max(_FEW_RARE, len(report_ids) ** weights.rare)
    rare = rare_features(limit, features.terms, entities, figures)
    titles = rare_features(limit, SparseRows.of_sets(title_words))
    brief = np.array(briefs, dtype=bool)
    common = max(_FEW_COMMON, len(report_ids) ** weights.common)
    for lo in range(0, len(blocking), chunk):
        i, j = blocking.left[lo : lo + chunk], blocking.right[lo : lo + chunk]
        scores[lo : lo + chunk] = (
            weights.text * text.dot(i, j)
            + weights.entities * rare_overlap(entities, i, j, common)
            + weights.numbers * rare_overlap(numbers_rows, i, j, common)
        ) * _time_factors(days, i, j, weights.window_days) * (rare.dot(i, j) > 0) * _titles_agree(brief, titles, i, j)
    return StoryGraph(report_ids, blocking, scores, relative_to_neighbours(len(report_ids), blocking, scores, weights))


# A brief ("Qtly div 51 cts vs 51 cts / Pay April 15 / Record March 31") is all template but
# for its title, which names the company: it joins a story only through a rare title word.
_BRIEF_WORDS = 40


def _titles_agree(brief: np.ndarray, titles: SparseRows, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """1 for a pair unless one of them is a brief and they share no rare word of their titles
    (the other's title may be a long report's: it names the company too)."""
    return np.where((brief[i] | brief[j]) & (titles.dot(i, j) == 0), 0.0, 1.0)


# In a small collection every count is small: n**rare and n**common would leave a story's own
# names out (ECB+ dev, 73 reports: sqrt(73) = 8.5, fewer than one story's reports).
_FEW_RARE = 10.0
_FEW_COMMON = 20.0


def rare_features(limit: float, *kinds: SparseRows) -> SparseRows:
    """One row per report of the features (terms, entity ids, numbers) that at most ``limit``
    reports hold: what can identify one happening. Template words ("qtly", "cts", "shr"), the
    big actors and routine dates are held by more."""
    n = kinds[0].n_rows
    rows, cols, offset = [], [], 0
    for kind in kinds:
        keep = kind.column_counts()[kind.indices] <= limit
        rows.append(kind.row_of_entry[keep])
        cols.append(kind.indices[keep] + offset)
        offset += kind.width
    return SparseRows.of_entries(np.concatenate(rows), np.concatenate(cols), n, offset)


def neighbour_scale(n: int, left: np.ndarray, right: np.ndarray, scores: np.ndarray, k: int) -> np.ndarray:
    """Each item's mean score over its ``k`` best-scoring pairs (0 without any)."""
    ends, both = np.concatenate((left, right)), np.concatenate((scores, scores))
    order = np.lexsort((-both, ends))
    ends, both = ends[order], both[order]
    best = np.arange(len(ends)) - np.searchsorted(ends, ends) < k
    counts = np.bincount(ends[best], minlength=n)
    sums = np.bincount(ends[best], weights=both[best], minlength=n)
    return np.divide(sums, counts, out=np.zeros(n), where=counts > 0)


def relative_to_neighbours(n: int, blocking: Blocking, scores: np.ndarray, weights: StoryWeights) -> np.ndarray:
    """Each pair's similarity over its two reports' neighbour scale, where that scale is
    above the typical one.

    Reports of one kind of event (two earthquakes, two pirate seizures in one gulf) share
    so much that every pair among them looks similar; what marks one story is being much
    closer to each other than to those neighbours. Dividing by the geometric mean of the
    two reports' neighbour scales asks exactly that. Reports whose neighbours are not
    unusually close keep their similarity over the typical scale, so scaling never lifts a
    report with only weak neighbours into a story.
    """
    scale = neighbour_scale(n, blocking.left, blocking.right, scores, weights.neighbours)
    return scores / np.maximum(np.sqrt(scale[blocking.left] * scale[blocking.right]), weights.typical)


def held_together(label: np.ndarray, graph: StoryGraph, hold: float) -> np.ndarray:
    """Clusters (``label[x]`` per report) with every member held to its cluster: while some
    member's mean similarity to the others is under ``hold / sqrt(size - 1)``, the weakest
    such member of each cluster leaves and stands alone. Average link bounds only a merge's
    mean, so a report can sit in a story on the strength of the others' ties; this bar is
    per member, and a pair must share more than each tie of a large story must."""
    label = label.copy()
    left, right, similarity = graph.blocking.left, graph.blocking.right, graph.similarity
    alone = len(label)
    while True:
        inside = label[left] == label[right]
        ties = np.bincount(left[inside], similarity[inside], len(label)) + np.bincount(right[inside], similarity[inside], len(label))
        others = np.bincount(label)[label] - 1
        short = ties / np.maximum(others, 1) - hold / np.sqrt(np.maximum(others, 1))
        weak = np.flatnonzero((others > 0) & (short < 0))
        if not len(weak):
            return label
        weak = weak[np.lexsort((short[weak], label[weak]))]
        first = weak[np.concatenate(([True], label[weak][1:] != label[weak][:-1]))]
        label[first] = alone + np.arange(len(first))
        alone += len(first)


def stories_of(graph: StoryGraph, weights: StoryWeights = StoryWeights()) -> list[Story]:
    """Average-link clusters of the graph whose members hold together, as stories, largest first."""
    ids = graph.report_ids
    groups = average_link_arrays(len(ids), graph.blocking.left, graph.blocking.right, graph.scores, weights.threshold)
    label = np.empty(len(ids), dtype=np.int64)
    for k, group in enumerate(groups):
        label[group] = k
    label = held_together(label, graph, weights.hold)
    members: dict[int, list[str]] = {}
    for x, k in enumerate(label.tolist()):
        members.setdefault(k, []).append(ids[x])
    stories = [Story(story_id(group), tuple(group)) for group in members.values()]
    stories.sort(key=lambda s: (-len(s.report_ids), s.id))
    return stories


def cluster_stories(
    items: Iterable[StoryInput],
    weights: StoryWeights = StoryWeights(),
    **blocking_options: Any,
) -> list[Story]:
    """Group reports into stories, largest first; every report is in exactly one story. The items
    may be a stream: each is read once."""
    return stories_of(story_graph(items, weights, **blocking_options), weights)
