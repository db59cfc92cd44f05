"""Check-worthiness: the packaged scorer, the component on sentences of the seed reports, and a
floor under its cross-validated ClaimBuster F1 (shared data)."""

from __future__ import annotations

import subprocess
import sys
from importlib import resources
from pathlib import Path

import numpy as np
import pytest

from firsthand.claims.checkworthy import BITS, MODEL_FILE, is_checkworthy, model
from firsthand.pipeline.reader import Reader

from conftest import ROOT, shared_path


@pytest.fixture(scope="module")
def nlp():
    return Reader().nlp


def test_packaged_weights_load_offline_with_numpy_only():
    path = resources.files("firsthand.claims").joinpath("data", MODEL_FILE)
    assert path.is_file() and Path(str(path)).stat().st_size < 30 * 2**20
    weights = model()
    assert weights.weights.shape == (1 << BITS,) and np.isfinite(weights.weights).all()
    assert 0 < weights.threshold < 1
    # Scoring needs neither scikit-learn nor a network: a fresh process with sockets refused.
    code = ("import socket, sys\n"
            "def refuse(*args, **kwargs): raise OSError('no network in this test')\n"
            "socket.socket.connect = socket.create_connection = refuse\n"
            "from firsthand.pipeline.reader import Reader\n"
            "doc = Reader().nlp('North Korea has twice failed with satellite launch attempts this year.')\n"
            "assert next(doc.sents)._.checkworthy is not None\n"
            "assert 'sklearn' not in sys.modules\n")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, env={"PYTHONPATH": str(ROOT / "src")})


def test_every_sentence_gets_a_score(nlp):
    doc = nlp("Mr. Kim met with Mr. Putin on Sept. 13 at the Vostochny Cosmodrome in Russia’s Far East. "
              "That site is used exclusively for launches of unmanned satellites.")
    assert all(0.0 <= sent._.checkworthy <= 1.0 for sent in doc.sents) and len(list(doc.sents)) == 2


# Sentences of the seed reports (../shared/data/seeds), as the reports have them.
WORTHY = [
    "North Korea has twice failed with satellite launch attempts this year.",
    "Mr. Kim met with Mr. Putin on Sept. 13 at the Vostochny Cosmodrome in Russia’s Far East.",
]
NOT_WORTHY = [
    "Please read our comment policy before commenting.",
]


@pytest.mark.parametrize("text", WORTHY)
def test_seed_facts_are_check_worthy(nlp, text):
    assert is_checkworthy(next(nlp(text).sents)), next(nlp(text).sents)._.checkworthy


@pytest.mark.parametrize("text", NOT_WORTHY)
def test_seed_commentary_is_not(nlp, text):
    assert not is_checkworthy(next(nlp(text).sents))


def test_questions_figures_and_fragments_are_vetoed(nlp):
    # From issue 15's real outputs: a reference to a figure, a fragment cut mid-phrase.
    doc = nlp("This entire process is depicted in Figure 3.\n\n"
              "The South Korean intelligence builds on satellite imagery last month from\n\n"
              "What happens next?")
    assert [sent._.checkworthy for sent in doc.sents] == [0.0, 0.0, 0.0]


# 5-fold cross-validated positive-class F1 on a fixed random sample of 2,000 ClaimBuster sentences
# with the packaged model's settings: 0.709 measured (the whole set gives 0.752; docs/RESULTS.md).
SAMPLE_F1_FLOOR = 0.68


@pytest.mark.shared
@pytest.mark.slow
def test_claimbuster_cross_validated_floor():
    pytest.importorskip("sklearn", reason="scikit-learn (the train extra) fits the folds")
    shared_path("checkworthiness", "claimbuster", "train.json")
    from bench.checkworthiness import claimbuster, load_nlp, parse, prf
    from bench.train_checkworthiness import WEIGHT, C, cross_validated

    sentences = claimbuster()
    rng = np.random.default_rng(0)
    chosen = np.sort(rng.choice(len(sentences), 2000, replace=False))
    sample = [sentences[i] for i in chosen]
    labels = np.array([s.label for s in sample])
    scores = cross_validated(parse(load_nlp(), sample), labels, C, WEIGHT)
    p, r, f1 = prf(labels == 1, scores >= 0.5)
    assert f1 >= SAMPLE_F1_FLOOR, (p, r, f1)
