"""Attribution tags from the shared encoder fine-tuned on PolNeAR (`bench/train_attribution_encoder.py`).

The tagger is the base encoder with its top layers replaced by the fine-tuned ones and a linear
head over each spaCy token's state: O / B-/I- SRC, CUE, CON, the CRF's tag set, so the spans are
linked into attributions the same way (`attribution.attributions_from_tags`). Its weights
(`data/attribution_encoder.npz`: the fine-tuned layers int8 as `bench/encoder_weights.py` writes
them, and the head) are small; the rest comes from the packaged encoder.
"""

from __future__ import annotations

import numpy as np
from spacy.tokens import Doc

from firsthand import resources
from firsthand.read.encoder import Encoder, dequantize

MODEL_FILE = "attribution_encoder.npz"
TAGS = ("O", "B-SRC", "I-SRC", "B-CUE", "I-CUE", "B-CON", "I-CON")


class EncoderTagger:
    """BIO attribution tags per token of a parsed Doc, from the fine-tuned encoder."""

    def __init__(self, encoder: Encoder, weight: np.ndarray, bias: np.ndarray) -> None:
        self.encoder, self.weight, self.bias = encoder, weight, bias

    @classmethod
    def load(cls) -> EncoderTagger:
        trained = resources.open_file("firsthand.claims", "data", MODEL_FILE, opener=lambda path: dequantize(np.load(path)))
        return cls(Encoder.load().replaced(trained, name="attribution"), trained["head.weight"], trained["head.bias"])

    def tag(self, doc: Doc) -> list[str]:
        if len(doc) == 0:
            return []
        scores = self.encoder.doc_states(doc) @ self.weight.T + self.bias
        best = scores.argmax(1)
        return ["O" if token.is_space else TAGS[int(n)] for token, n in zip(doc, best)]
