"""Attribution tags from the shared encoder fine-tuned on PolNeAR (`bench/train_attribution_encoder.py`),
with the CRF's.

The tagger is the base encoder with its top layers replaced by the fine-tuned ones and a linear
head over each spaCy token's state: O / B-/I- SRC, CUE, CON, the CRF's tag set. Each token's
probabilities are the mean of the head's and the CRF's marginals (equal weights, fixed: the two
err apart, the encoder on long content spans, the CRF on sources), decoded as the likeliest
well-formed BIO sequence (`viterbi`); the spans are linked into attributions as the CRF's are
(`attribution.attributions_from_tags`). Its weights (`data/attribution_encoder.npz`: the
fine-tuned layers int8 as `bench/encoder_weights.py` writes them, and the head) are small; the
rest comes from the packaged encoder.
"""

from __future__ import annotations

import numpy as np
import pycrfsuite
from scipy.special import log_softmax, softmax
from spacy.tokens import Doc

from firsthand import resources
from firsthand.read.encoder import Encoder, dequantize

MODEL_FILE = "attribution_encoder.npz"
TAGS = ("O", "B-SRC", "I-SRC", "B-CUE", "I-CUE", "B-CON", "I-CON")


class EncoderTagger:
    """BIO attribution tags per token of a parsed Doc, from the fine-tuned encoder and the CRF."""

    def __init__(self, encoder: Encoder, weight: np.ndarray, bias: np.ndarray, crf: pycrfsuite.Tagger) -> None:
        self.encoder, self.weight, self.bias, self.crf = encoder, weight, bias, crf

    @classmethod
    def load(cls) -> EncoderTagger:
        from .attribution import load_tagger  # attribution.py imports this module

        trained = resources.open_file("firsthand.claims", "data", MODEL_FILE, opener=lambda path: dequantize(np.load(path)))
        return cls(Encoder.load().replaced(trained, name="attribution"), trained["head.weight"], trained["head.bias"],
                   load_tagger())

    def prepare(self, docs: list[Doc]) -> None:
        """Reads the encoder over many Docs at once (kept on each Doc for `tag`). A failure here is
        left to `tag`, which reads each Doc alone, so that only the Doc at fault loses its reading."""
        try:
            self.encoder.read_docs(docs)
        except Exception:  # noqa: BLE001, S110
            pass

    def head(self, doc: Doc, words: list[int]) -> np.ndarray:
        """The head's probability of each tag (TAGS order) for the given tokens, before the CRF's."""
        # einsum, not BLAS: after each call OpenBLAS's threads spin on the other cores a while, which
        # cost the Reader ~15% more CPU time for this thin product.
        return softmax(np.einsum("nd,td->nt", self.encoder.doc_states(doc)[words], self.weight) + self.bias, axis=1)

    def tag(self, doc: Doc, features: list[list[str]]) -> list[str]:
        """Tags of a Doc's tokens; features: the CRF's for each token (`attribution.token_features`)."""
        return self.tag_with_crf(doc, features)[0]

    def tag_with_crf(self, doc: Doc, features: list[list[str]]) -> tuple[list[str], list[str]]:
        """The tags, and the CRF's own (its Viterbi path over the features already set for its
        marginals: the features are handed to crfsuite once)."""
        if len(doc) == 0:
            return [], []
        words = [t.i for t in doc if not t.is_space]
        head = self.head(doc, words)
        self.crf.set(features)
        crf = np.array([[self.crf.marginal(tag, i) for tag in TAGS] for i in words])
        tags = ["O"] * len(doc)
        for i, n in zip(words, viterbi(np.log((head + crf) / 2 + 1e-12))):
            tags[i] = TAGS[n]
        # Whitespace tokens are not read (no word piece): one inside a span (the blanked brackets of
        # "Pacific Telesis Group's  PAC  Pacific Bell") takes the span's tag instead of cutting it.
        following = "O"
        for token in reversed(doc):
            if token.is_space:
                tags[token.i] = following if following.startswith("I-") else "O"
            else:
                following = tags[token.i]
        return tags, self.crf.tag()


def _transitions() -> np.ndarray:
    """0 where a tag may follow another, -inf where BIO forbids it (an I- only after its own B- or I-)."""
    allowed = np.zeros((len(TAGS), len(TAGS)))
    for j, tag in enumerate(TAGS):
        if tag.startswith("I-"):
            for i, before in enumerate(TAGS):
                if before[2:] != tag[2:]:
                    allowed[i, j] = -np.inf
    return allowed


TRANSITIONS = _transitions()
# The first tag may not continue a span.
START = np.array([-np.inf if tag.startswith("I-") else 0.0 for tag in TAGS])


def viterbi(scores: np.ndarray) -> list[int]:
    """The likeliest well-formed BIO sequence under per-token scores (tokens, tags): the head scores
    each token alone, so its argmax can open a span with I- or switch kinds mid-span, and exact span
    match needs both ends right."""
    log = log_softmax(scores, axis=1)
    best = log[0] + START
    back = np.zeros(log.shape, dtype=np.int64)
    for n in range(1, len(log)):
        total = best[:, None] + TRANSITIONS
        back[n] = total.argmax(0)
        best = total.max(0) + log[n]
    path = [int(best.argmax())]
    for n in range(len(log) - 1, 0, -1):
        path.append(int(back[n, path[-1]]))
    return path[::-1]
