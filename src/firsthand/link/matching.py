"""Cross-report event matching: which event mentions, across reports, refer to one event.

A mention is a trigger word in a sentence ("shot", "the quake", "checked in") with what
the reading stages found around it: entity ids, time and place values. Mentions are only
compared inside one story (the reports' story cluster), which both keeps the cost down and
removes the main confusion: the same kind of event ("earthquake") in another story.

Two matchers:

* ``same_lemma_baseline``: mentions with the same trigger head lemma in the same story
  are coreferent, the standard ECB+ baseline (Upadhyay et al. 2016; Barhom et al. 2019).
* ``match_mentions``: average-link clustering over a pair score combining trigger
  similarity (same lemma, or the same stem: "shooting"/"shot"/"shoots"), the sentence
  context (TF-IDF cosine), shared arguments (entity ids), and shared times and places.
  The context and argument terms split mentions that share a lemma but not an event,
  chiefly reporting verbs ("said" in two different statements), and let different
  lemmas with the same arguments join.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from firsthand.link.blocking import Blocking, content_terms, pairs_in_blocks, words
from firsthand.link.story import average_link, cosine, jaccard, tfidf_vectors


@dataclass(frozen=True)
class EventMention:
    mention_id: str
    doc_id: str
    sentence: str
    start: int  # trigger span, character offsets into ``sentence``
    end: int
    lemma: str  # head lemma of the trigger
    entity_ids: frozenset[str] = frozenset()
    times: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()
    story_id: str | None = None


@dataclass(frozen=True)
class EventCluster:
    id: str
    mention_ids: tuple[str, ...]


@dataclass(frozen=True)
class MatchWeights:
    """Pair score weights and the average-link threshold.

    With lemma 1, the rest 0 and a threshold in (0, 1], the matcher is the baseline.
    The defaults were chosen by grid search on ECB+ train topics 1-22: the gain over the
    baseline there comes from stem matches; context and arguments only break ties (many
    settings score the same), and sentence-level times/places did not help, so their
    weight is 0 by default (kept for reports whose times and places are normalized).
    """

    lemma: float = 0.6
    stem: float = 0.5  # different lemma, same stem
    context: float = 0.2
    arguments: float = 0.2
    time_place: float = 0.0
    threshold: float = 0.5
    max_block: int = 200


# Longest first, so "ings" wins over "s". Enough to bring nominalizations and inflections
# the lemmatizer leaves alone ("shooting", "killings", "arrests") to one stem.
_SUFFIXES = ("ations", "ation", "ings", "ing", "ments", "ment", "ions", "ion", "ers", "er",
             "ed", "es", "s", "e")


def stem(lemma: str) -> str:
    """A crude stem of a lemma: lower-case, one derivational/inflectional suffix removed."""
    word = lemma.lower()
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    # Undo a doubled final consonant left by the suffix: "shoott" never, "stopp" -> "stop".
    return re.sub(r"([b-df-hj-np-tv-z])\1$", r"\1", word)


def _cluster_id(mention_ids: Sequence[str]) -> str:
    digest = hashlib.sha1("\n".join(sorted(mention_ids)).encode("utf-8")).hexdigest()
    return f"event-{digest[:12]}"


def _clusters(mentions: Sequence[EventMention], groups: list[list[int]]) -> list[EventCluster]:
    out = [
        EventCluster(_cluster_id(ids), ids)
        for ids in (tuple(mentions[x].mention_id for x in g) for g in groups)
    ]
    out.sort(key=lambda c: (-len(c.mention_ids), c.id))
    return out


def _story_key(mention: EventMention) -> str:
    # Without a story, a mention is only compared within its own report.
    return mention.story_id if mention.story_id is not None else f"doc:{mention.doc_id}"


def same_lemma_baseline(mentions: Sequence[EventMention]) -> list[EventCluster]:
    """Mentions with the same head lemma in the same story form one event."""
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        groups[(_story_key(m), m.lemma.lower())].append(i)
    return _clusters(mentions, list(groups.values()))


def _candidates(mentions: Sequence[EventMention], max_block: int) -> set[tuple[int, int]]:
    """Same story and (same stem or a shared argument, time or place)."""
    blocks: dict[object, list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        story = _story_key(m)
        blocks[(story, "stem", stem(m.lemma))].append(i)
        for key in m.entity_ids | m.times | m.places:
            blocks[(story, "arg", key)].append(i)
    result = Blocking()
    pairs_in_blocks(blocks, max_block, result)
    return result.pairs


def _context_terms(m: EventMention) -> list[str]:
    # The trigger itself is scored by the lemma terms; leave it out of the context.
    return content_terms(words(m.sentence[: m.start] + " " + m.sentence[m.end :]))


def match_mentions(
    mentions: Sequence[EventMention], weights: MatchWeights = MatchWeights()
) -> list[EventCluster]:
    """Cluster coreferent event mentions across (and within) reports."""
    vectors = tfidf_vectors([_context_terms(m) for m in mentions])
    stems = [stem(m.lemma) for m in mentions]
    edges = []
    for i, j in _candidates(mentions, weights.max_block):
        a, b = mentions[i], mentions[j]
        if a.lemma.lower() == b.lemma.lower():
            trigger = weights.lemma
        elif stems[i] == stems[j]:
            trigger = weights.stem
        else:
            trigger = 0.0
        score = (
            trigger
            + weights.context * cosine(vectors[i], vectors[j])
            + weights.arguments * jaccard(a.entity_ids, b.entity_ids)
            + weights.time_place * jaccard(a.times | a.places, b.times | b.places)
        )
        edges.append((i, j, score))
    return _clusters(mentions, average_link(len(mentions), edges, weights.threshold))
