"""Stance of a report toward a claim: it asserts the claim, reports it without endorsing it
(attributed, hedged: "X says ...", "reportedly"), or disputes it (denies, debunks).

A multinomial logistic regression over hashed features of the reporting sentence, in the spirit of
Ferreira & Vlachos (2016): its words and lemmas and word bigrams; which kinds of the certainty
lexicon it holds (hedge, denial, negation, ...) and whether a verb of attribution (`cues.txt`) does;
a question; a negation near the root; the root verb's lemma, and whether it is one of the claim's
words or an attribution cue; the overlap of its content words with the claim's. Trained on
Emergent (headline stance toward a claim) by `bench/train_stance.py`; the weights ship in
`data/stance.npz` and are read with numpy.

In the pipeline the sentence is the one a claim is read from and the claim is the claim's own
span, so "Russia denied that its troops crossed" disputes "its troops crossed", and "its troops
crossed, officials said" reports it.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from scipy.special import softmax
from spacy.tokens import Span, Token

from .. import resources
from .attribution import load_cues
from .certainty import lexicon

MODEL_FILE = "stance.npz"
# Emergent's labels in this order: for, observing, against.
STANCES = ("asserts", "reports", "disputes")
BITS = 18  # 2**18 slots for the ~30k features of 2,000 headlines: few collisions, a small file
NEAR_ROOT = 2  # edges from the root within which a negation negates the sentence's main verb


@dataclass(frozen=True)
class Model:
    weights: np.ndarray  # (stances, 2**BITS)
    bias: np.ndarray  # (stances,)


@lru_cache(maxsize=1)
def model() -> Model:
    """The packaged weights (numpy only: no scikit-learn at run time)."""
    return resources.open_file("firsthand.claims", "data", MODEL_FILE, opener=_weights)


def _weights(path: Path) -> Model:
    with np.load(path) as data:
        return Model(data["weights"].astype(np.float32), data["bias"].astype(np.float32))


@lru_cache(maxsize=1)
def _cues() -> frozenset[str]:
    return load_cues()


def _content(tokens: Iterable[Token]) -> set[str]:
    return {t.lemma_.lower() for t in tokens if not (t.is_stop or t.is_punct or t.is_space)}


def _depth(token: Token, root: Token) -> int:
    depth = 0
    while token.i != root.i and token.head.i != token.i:
        token, depth = token.head, depth + 1
    return depth


def features(sentence: Span, claim: Iterable[Token]) -> dict[str, float]:
    """The named features of a sentence toward a claim (value 1 unless stated)."""
    words = [t for t in sentence if not t.is_space]
    out: dict[str, float] = {}
    kinds = lexicon()
    cues = _cues()
    for n, tok in enumerate(words):
        low, lemma = tok.lower_, tok.lemma_.lower()
        out[f"w={low}"] = 1.0
        out[f"l={lemma}"] = 1.0
        if n:
            out[f"b={words[n - 1].lower_}_{low}"] = 1.0
        for kind, lex in kinds.items():
            if low in lex or lemma in lex:
                out[f"kind={kind}"] = 1.0
                if kind in {"negation", "denial"} and _depth(tok, sentence.root) <= NEAR_ROOT:
                    out[f"{kind}_near_root"] = 1.0
        if tok.pos_ in {"VERB", "AUX"} and lemma in cues:
            out["cue"] = 1.0
    if "?" in sentence.text:
        out["question"] = 1.0
    root = sentence.root
    claim_words = _content(claim)
    out[f"root={root.lemma_.lower()}"] = 1.0
    if root.lemma_.lower() in claim_words:
        out["root_in_claim"] = 1.0
    if root.lemma_.lower() in cues:
        out["root_cue"] = 1.0
    own = _content(words)
    if own and claim_words:
        overlap = len(own & claim_words) / len(own | claim_words)
        out["overlap"] = overlap
        out[f"overlap~{min(int(overlap * 5), 4)}"] = 1.0
    return out


def _slot(name: str) -> int:
    return zlib.crc32(name.encode()) & ((1 << BITS) - 1)


def slots(found: dict[str, float]) -> tuple[np.ndarray, np.ndarray]:
    """Hashed slots and their values, each row scaled to unit length as in training."""
    index = np.fromiter((_slot(name) for name in found), dtype=np.int64, count=len(found))
    values = np.fromiter(found.values(), dtype=np.float64, count=len(found))
    norm = float(np.sqrt((values**2).sum())) or 1.0
    return index, values / norm


def probabilities(found: dict[str, float], weights: Model | None = None) -> np.ndarray:
    """Each stance's probability, in STANCES order."""
    m = weights or model()
    index, values = slots(found)
    return softmax(m.weights[:, index] @ values + m.bias)


def stance(sentence: Span, claim: Iterable[Token]) -> str:
    """asserts, reports or disputes: the likeliest of the three."""
    return STANCES[int(np.argmax(probabilities(features(sentence, claim))))]


# The stance heads fh_claims can use (its `stance` config, `Reader(stance=...)`): the hand
# features alone (fast, the default) or with the fine-tuned encoder (`stance_encoder.py`).
BACKENDS = ("features", "encoder")
DEFAULT_BACKEND = FAST_BACKEND = "features"


def stance_reader(backend: str) -> Callable[[Span, Iterable[Token]], str]:
    """The stance function of a backend (its weights loaded)."""
    if backend == "encoder":
        from .stance_encoder import EncoderStance

        return EncoderStance.load()
    return stance
