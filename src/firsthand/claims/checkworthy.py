"""Check-worthiness: how likely a sentence states a fact worth checking, not commentary,
opinion, a recommendation, a heading or a fragment.

A logistic regression over hashed features of the parse: word and lemma unigrams, word and
tag bigrams, tags, dependency labels and entity types, plus sentence-level signals (first or
second person, modals of recommendation, a question, an imperative, a number, past tense, a
hedge, a finite verb, closing punctuation, length). Trained by `bench/train_checkworthiness.py`
on ClaimBuster and CLEF-2019 (`../shared/data/checkworthiness`); the weights ship in
`data/checkworthy.npz` and are read with numpy. Some sentences are no claim whatever the
weights say (`vetoed`): questions, references to the document's own figures and tables, table
rows and headings (unclosed, half figures or capitals), and fragments without a finite verb or cut
off mid-phrase.

Component `fh_checkworthy` sets `Span._.checkworthy` (0–1) on every sentence; `fh_claims`
makes claims only of sentences at or above the model's threshold.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, LEMMA, LIKE_NUM, LOWER, POS, TAG
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from .. import resources
from ..read.columns import heads, names
from .certainty import lexicon, word_kinds

Span.set_extension("checkworthy", default=None, force=True)

MODEL_FILE = "checkworthy.npz"
BITS = 20  # 2**20 feature slots: few collisions among the ~200k n-grams of the training data
_SHIFT = np.uint64(64 - BITS)
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)  # multiplicative (Fibonacci) hashing
_PAIR = np.uint64(0x100000001B3)
_COLUMNS = [LOWER, LEMMA, TAG, POS, DEP, ENT_IOB, ENT_TYPE, LIKE_NUM]
# Salts that keep the feature families apart in the hashed space.
_UNIGRAMS = {0: 1, 1: 2, 2: 3, 4: 4}  # column -> salt: word, lemma, tag, dependency label
_BIGRAMS = {0: 11, 2: 12}  # word and tag bigrams
_ENTITY_SALT = 21
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
PAST_TAGS = frozenset({"VBD"})
END_PUNCT = frozenset({".", "!", "\"", "'", "”", "’", ")", "…"})
# A sentence ending on one of these was cut mid-phrase ("satellite imagery last month from").
DANGLING_POS = frozenset({"ADP", "DET", "CCONJ", "SCONJ"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
SIGNALS = ("first_person", "second_person", "recommend", "hedge")  # cue kinds that are features
_BIT = {kind: 1 << n for n, kind in enumerate((*SIGNALS, "meta", "number"))}
# "raise concerns", "spark questions": a reaction with no one named who reacts.
REACTION_VERBS = frozenset({"raise", "spark", "prompt", "fuel", "stoke"})


@dataclass(frozen=True)
class Model:
    weights: np.ndarray  # one per hashed feature slot
    bias: float
    threshold: float  # a sentence scoring at least this is check-worthy


@lru_cache(maxsize=1)
def model() -> Model:
    """The packaged weights (numpy only: no scikit-learn at run time)."""
    return resources.open_file("firsthand.claims", "data", MODEL_FILE, opener=_weights)


def _weights(path: Path) -> Model:
    with np.load(path) as data:
        return Model(data["weights"].astype(np.float32), float(data["bias"]), float(data["threshold"]))


@lru_cache(maxsize=1)
def _cue_words() -> dict[str, frozenset[str]]:
    """The cue words of `data/checkworthy_cues.txt`, by kind, and the certainty lexicon's hedges."""
    return {**word_kinds("checkworthy_cues.txt"), "hedge": lexicon()["hedge"]}


@lru_cache(maxsize=1)
def _cue_bits() -> dict[int, int]:
    """For each cue word's string id (as in a Doc's LOWER column), a bit per kind it is of."""
    bits: dict[int, int] = {}
    for kind in (*SIGNALS, "meta"):
        for word in _cue_words()[kind]:
            bits[get_string_id(word)] = bits.get(get_string_id(word), 0) | _BIT[kind]
    return bits


def _slot(values: np.ndarray, salt: int) -> np.ndarray:
    return ((values ^ np.uint64(salt)) * _GOLDEN) >> _SHIFT


@lru_cache(maxsize=64)
def flag_slot(name: str) -> int:
    return int(_slot(np.array([get_string_id(name)], dtype=np.uint64), 31)[0])


@dataclass(frozen=True)
class Features:
    """Every hashed feature of a Doc's sentences: slot and sentence number of each occurrence."""

    slots: np.ndarray
    owners: np.ndarray
    sentences: int
    vetoed: np.ndarray  # per sentence: no claim whatever the weights say


def features(doc: Doc, bounds: list[tuple[int, int]]) -> Features:
    """The features of the sentences doc[start:end] for each (start, end) in bounds."""
    count = len(bounds)
    if not bounds:
        empty = np.zeros(0, dtype=np.int64)
        return Features(empty, empty, 0, np.zeros(0, dtype=bool))
    arrays = doc.to_array(_COLUMNS).astype(np.uint64)
    strings = doc.vocab.strings
    owner = np.full(len(doc), -1, dtype=np.int64)
    for n, (start, end) in enumerate(bounds):
        owner[start:end] = n
    inside = owner >= 0
    slots, owners = [], []
    for column, salt in _UNIGRAMS.items():
        slots.append(_slot(arrays[inside, column], salt))
        owners.append(owner[inside])
    pairs = inside[:-1] & (owner[:-1] == owner[1:])
    for column, salt in _BIGRAMS.items():
        values = arrays[:, column]
        slots.append(_slot((values[:-1][pairs] * _PAIR) ^ values[1:][pairs], salt))
        owners.append(owner[:-1][pairs])
    entity = inside & (arrays[:, 5] == 3)  # ENT_IOB 3: an entity's first token
    slots.append(_slot(arrays[entity, 6], _ENTITY_SALT))
    owners.append(owner[entity])

    # The sentence signals, word by word in Python: numpy costs more than it saves on ~25 words.
    known = _cue_bits()
    number_bit, cd = _BIT["number"], get_string_id("CD")
    bits = [known.get(word, 0) | (number_bit if like_num or tag == cd else 0)
            for word, like_num, tag in arrays[:, [0, 7, 2]].tolist()]
    lowers, tags, poses, deps, lemmas = (names(arrays[:, c].tolist(), strings) for c in (0, 2, 3, 4, 1))
    head = heads(doc)
    vetoed = np.zeros(count, dtype=bool)
    flag_slots: list[int] = []
    flag_owners: list[int] = []
    for n, (start, end) in enumerate(bounds):
        words = [i for i in range(start, end) if poses[i] != "SPACE"]
        if not words:
            vetoed[n] = True
            continue
        last = words[-1]
        found = 0
        for i in words:
            found |= bits[i]
        finite = any(tags[i] in FINITE_TAGS for i in words)
        subject = any(deps[i] in SUBJECT_DEPS for i in words)
        meta = bool(found & _BIT["meta"]) and any(bits[i] & _BIT["meta"] and i + 1 < end and bits[i + 1] & number_bit
                                                  for i in words)
        question = lowers[last] == "?"
        dangling = poses[last] in DANGLING_POS
        closed = lowers[last] in END_PUNCT
        flags = {
            "question": question, "meta": meta, "finite": finite, "subject": subject,
            "closed": closed, "dangling": dangling,
            "imperative": not subject and any(deps[i] == "ROOT" and tags[i] == "VB" for i in words),
            "past": any(tags[i] in PAST_TAGS for i in words),
            **{kind: bool(found & _BIT[kind]) for kind in (*SIGNALS, "number")},
            f"length:{min(len(words).bit_length(), 7)}": True,
        }
        vetoed[n] = (question or meta or not finite or dangling or (not closed and _row(doc, words, bits, number_bit))
                     or _commentary(words, head, deps, lemmas, poses, arrays[:, 6]))
        flag_slots.extend(flag_slot(name) for name, on in flags.items() if on)
        flag_owners.extend(n for on in flags.values() if on)
    slots.append(np.array(flag_slots, dtype=np.uint64))
    owners.append(np.array(flag_owners, dtype=np.int64))
    return Features(np.concatenate(slots).astype(np.int64), np.concatenate(owners), count, vetoed)


def _row(doc: Doc, words: list[int], bits: list[int], number_bit: int) -> bool:
    """A table row or heading by its shape: at least half its words figures or capitals
    ("AUSTRALIA nil 75,530", "CUMULATIVE QUOTA 1987"); read only for a sentence not closed."""
    return 2 * sum(bool(bits[i] & number_bit) or doc[i].is_upper for i in words) >= len(words)


def _commentary(words: list[int], head: list[int], deps: list[str], lemmas: list[str], poses: list[str],
                entity_types: np.ndarray) -> bool:
    """The sentence's main verb evaluates ("underscores", "reflects", "raises questions") with a
    subject that is no named party, and reports no clause: commentary, not a fact to check."""
    kinds = _cue_words()
    for i in words:
        if deps[i] != "ROOT":
            continue
        children = [j for j in words if head[j] == i and j != i]
        subject = next((j for j in children if deps[j] in SUBJECT_DEPS), None)
        if subject is None or poses[subject] == "PROPN" or entity_types[subject] or any(deps[j] == "ccomp" for j in children):
            continue
        lemma = lemmas[i].lower()
        if lemma in kinds["commentary"]:
            return True
        if lemma in REACTION_VERBS and any(deps[j] == "dobj" and lemmas[j].lower() in kinds["reaction"] for j in children):
            return True
    return False


def scores(doc: Doc, bounds: list[tuple[int, int]]) -> np.ndarray:
    """The check-worthiness (0–1) of each sentence doc[start:end]; 0 for a vetoed one."""
    return scores_of(features(doc, bounds), model())


def scores_of(found: Features, weights: Model) -> np.ndarray:
    # A sentence's feature counts are divided by the square root of their total, as in training.
    sizes = np.bincount(found.owners, minlength=found.sentences)
    totals = np.bincount(found.owners, weights=weights.weights[found.slots], minlength=found.sentences)
    logits = totals / np.sqrt(np.maximum(sizes, 1)) + weights.bias
    return np.where(found.vetoed, 0.0, 1.0 / (1.0 + np.exp(-logits)))


def is_checkworthy(sent: Span, cited: bool = False) -> bool:
    """At or above the threshold; a sentence citing a named source needs only not to be vetoed
    (score 0): its style is its source's, not the outlet's."""
    score = sent._.checkworthy
    return score is not None and (score >= model().threshold or (cited and score > 0.0))


def annotate(doc: Doc) -> Doc:
    sents = list(doc.sents)
    for sent, score in zip(sents, scores(doc, [(s.start, s.end) for s in sents])):
        sent._.checkworthy = float(score)
    return doc


class CheckWorthiness:
    """Sets every sentence's check-worthiness. The weights and cue words are shared with claim
    extraction (`is_checkworthy`), so built once per process; `initialize` builds them before the
    first Doc."""

    def initialize(self, get_examples=None, *, nlp: Language | None = None) -> None:
        model()
        _cue_bits()

    def __call__(self, doc: Doc) -> Doc:
        return annotate(doc)


@Language.factory("fh_checkworthy", assigns=["span._.checkworthy"], requires=["token.dep", "token.tag"])
def make_checkworthy(nlp: Language, name: str) -> CheckWorthiness:
    return CheckWorthiness()
