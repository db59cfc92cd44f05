"""ECB+ evaluation of the link stage: story clustering and cross-document event coreference.

    PYTHONPATH=src python -m bench.eval_ecbplus            # topics 1-35, train 1-22, dev 23-25

(1) Stories: all documents of the chosen topics are clustered together; the gold story
    of a document is its topic x ecb/ecbplus subtopic (two events of one kind per topic).
    Scored with B-cubed.
(2) Event coreference on gold event mentions (ACTION_* / NEG_ACTION_* in the sentences
    ECB+ selected for coreference annotation), singletons included, scored with MUC,
    B-cubed, CEAF-e and CoNLL F1. Trigger head lemmas, entities, times and places come
    from en_core_web_sm on the sentence; stories come from (1), not from gold.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence
from dataclasses import replace

from bench import ecbplus
from bench.common import shared_path
from bench.coref_scores import b_cubed, conll
from firsthand.link.matching import (
    EventCluster,
    EventMention,
    MatchWeights,
    match_mentions,
    same_lemma_baseline,
)
from firsthand.link.story import StoryInput, cluster_stories

ENTITY_LABELS = {"PERSON", "ORG", "NORP", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
TIME_LABELS = {"DATE", "TIME"}
ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj", "attr", "agent", "pobj", "poss", "compound"}

SPLITS = {"all 1-35": range(1, 36), "train 1-22": range(1, 23), "dev 23-25": range(23, 26)}


def _entity_id(ent) -> str:  # noqa: ANN001 - spacy Span
    return f"{ent.label_}:{ent.text.lower()}"


def story_inputs(docs: Sequence[ecbplus.EcbDocument], nlp) -> list[StoryInput]:  # noqa: ANN001
    texts = [d.text() for d in docs]
    items = []
    for d, parsed in zip(docs, nlp.pipe(texts, batch_size=16), strict=True):
        ents = frozenset(
            _entity_id(e) for e in parsed.ents if e.label_ in ENTITY_LABELS | PLACE_LABELS
        )
        items.append(StoryInput(d.name, parsed.text, None, ents))
    return items


def event_mentions(
    docs: Sequence[ecbplus.EcbDocument], nlp, story_of: dict[str, str]  # noqa: ANN001
) -> tuple[list[EventMention], dict[str, str]]:
    """Gold mentions with system-read lemma and arguments, and the gold chain of each."""
    mentions, gold = [], {}
    jobs = []
    for d in docs:
        for sentence in sorted({m.sentence for m in d.mentions}):
            tokens = d.sentence_tokens(sentence)
            offsets, pos = {}, 0
            for t_id, w in tokens:
                offsets[t_id] = (pos, pos + len(w))
                pos += len(w) + 1
            text = " ".join(w for _, w in tokens)
            jobs.append((d, sentence, text, offsets))
    for (d, sentence, text, offsets), parsed in zip(
        jobs, nlp.pipe([j[2] for j in jobs], batch_size=64), strict=True
    ):
        entities = frozenset(_entity_id(e) for e in parsed.ents if e.label_ in ENTITY_LABELS)
        places = frozenset(e.text.lower() for e in parsed.ents if e.label_ in PLACE_LABELS)
        times = frozenset(e.text.lower() for e in parsed.ents if e.label_ in TIME_LABELS)
        for m in (m for m in d.mentions if m.sentence == sentence):
            start = min(offsets[t][0] for t in m.token_ids)
            end = max(offsets[t][1] for t in m.token_ids)
            span = parsed.char_span(start, end, alignment_mode="expand")
            head = span.root
            # The trigger's own arguments (subject, object, possessor) join the entities.
            arguments = frozenset(
                f"arg:{c.lemma_.lower()}"
                for c in (*head.children, *(g for c in head.children if c.dep_ == "prep" for g in c.children))
                if c.dep_ in ARGUMENT_DEPS and c.pos_ in {"NOUN", "PROPN"}
            )
            mention_id = f"{m.doc}:{m.token_ids[0]}"
            mentions.append(
                EventMention(
                    mention_id=mention_id,
                    doc_id=m.doc,
                    sentence=text,
                    start=start,
                    end=end,
                    lemma=head.lemma_.lower(),
                    entity_ids=entities | arguments,
                    times=times,
                    places=places,
                    story_id=story_of[m.doc],
                )
            )
            gold[mention_id] = m.gold
    return mentions, gold


def _sets(clusters: Sequence[EventCluster]) -> list[set[str]]:
    return [set(c.mention_ids) for c in clusters]


def _row(name: str, scores: dict) -> str:
    return (
        f"  {name:<34} MUC {100 * scores['MUC'].f1:5.1f}  B3 {100 * scores['B3'].f1:5.1f}  "
        f"CEAF-e {100 * scores['CEAF-e'].f1:5.1f}  CoNLL {100 * scores['CoNLL']:5.1f}"
    )


def evaluate(split: str, topics: range, nlp, weights: MatchWeights) -> None:  # noqa: ANN001
    docs = ecbplus.load(shared_path("ecbplus"), topics)
    t0 = time.perf_counter()
    items = story_inputs(docs, nlp)
    t1 = time.perf_counter()
    stories = cluster_stories(items)
    t2 = time.perf_counter()
    gold_stories = ecbplus.group(ecbplus.gold_subtopics(docs))
    print(f"\n== {split}: {len(docs)} documents, {len(gold_stories)} gold stories")
    print(
        f"stories: {len(stories)} predicted  B3 {b_cubed(gold_stories, [set(s.report_ids) for s in stories])}"
        f"  (spaCy {t1 - t0:.1f}s, clustering {t2 - t1:.2f}s)"
    )
    story_of = {r: s.id for s in stories for r in s.report_ids}
    mentions, gold = event_mentions(docs, nlp, story_of)
    key = ecbplus.group(gold)
    print(f"event mentions: {len(mentions)}, gold chains (with singletons): {len(key)}")
    gold_topic = {d.name: f"topic{d.topic}" for d in docs}
    gold_sub = ecbplus.gold_subtopics(docs)
    runs = {
        "lemma baseline, gold topics": same_lemma_baseline(
            [_with_story(m, gold_topic) for m in mentions]
        ),
        "lemma baseline, gold subtopics": same_lemma_baseline(
            [_with_story(m, gold_sub) for m in mentions]
        ),
        "lemma baseline, predicted stories": same_lemma_baseline(mentions),
        "matcher, predicted stories": match_mentions(mentions, weights),
        "matcher, gold subtopics": match_mentions(
            [_with_story(m, gold_sub) for m in mentions], weights
        ),
    }
    for name, clusters in runs.items():
        print(_row(name, conll(key, _sets(clusters))))


def _with_story(m: EventMention, story_of: dict[str, str]) -> EventMention:
    return replace(m, story_id=story_of[m.doc_id])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=list(SPLITS), action="append")
    args = parser.parse_args()
    nlp = ecbplus.load_spacy()
    for split in args.split or list(SPLITS):
        evaluate(split, SPLITS[split], nlp, MatchWeights())


if __name__ == "__main__":
    main()
