"""Stance from the shared encoder fine-tuned on Emergent (`bench/train_stance_encoder.py`).

The base encoder with its top layers replaced by the fine-tuned ones and a linear head over the
sentence's mean word-piece state: asserts / reports / disputes (`stance.STANCES`). It reads the
reporting sentence alone, as it was trained on headlines alone (given the claim too, a model
learns claims rather than stances in claim-disjoint folds), and its probabilities are averaged
with the hand-feature head's, which reads the sentence toward the claim's own span. Weights
(`data/stance_encoder.npz`: the fine-tuned layers int8, as `bench/encoder_weights.py` writes them,
and the head) are small; the rest comes from the packaged encoder.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

import numpy as np
from scipy.special import softmax
from spacy.tokens import Span, Token

from firsthand import resources
from firsthand.read.encoder import Encoder, dequantize

from .stance import STANCES, features, probabilities

MODEL_FILE = "stance_encoder.npz"
# Sentences whose reading is kept: the claims of one sentence are read toward it once.
CACHE = 1024


class EncoderStance:
    """A report's stance toward a claim, from the fine-tuned encoder with the hand-feature head."""

    def __init__(self, encoder: Encoder, weight: np.ndarray, bias: np.ndarray) -> None:
        self.encoder, self.weight, self.bias = encoder, weight, bias
        self._sentence = functools.lru_cache(maxsize=CACHE)(self._read)

    @classmethod
    def load(cls) -> EncoderStance:
        trained = resources.open_file("firsthand.claims", "data", MODEL_FILE, opener=lambda path: dequantize(np.load(path)))
        return cls(Encoder.load().replaced(trained, name="stance"), trained["head.weight"], trained["head.bias"])

    def _read(self, text: str) -> np.ndarray:
        return softmax(self.encoder.pooled([text])[0] @ self.weight.T + self.bias)

    def __call__(self, sentence: Span, claim: Iterable[Token]) -> str:
        both = self._sentence(sentence.text) + probabilities(features(sentence, claim))
        return STANCES[int(np.argmax(both))]
