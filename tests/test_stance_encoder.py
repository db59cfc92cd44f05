"""The stance head on the fine-tuned encoder (claims/stance_encoder.py) as `fh_claims`' stance
backend beside the hand features; its Emergent figures are in docs/RESULTS.md."""

from __future__ import annotations

import numpy as np
import pytest

from firsthand.claims.stance import BACKENDS, DEFAULT_BACKEND
from firsthand.claims.stance_encoder import EncoderStance
from firsthand.pipeline.reader import Reader
from firsthand.read.nlp import load_model

from conftest import shared_path


@pytest.fixture(scope="module")
def head() -> EncoderStance:
    return EncoderStance.load()


def test_the_packaged_head_reads_emergent_as_it_was_fitted(head):
    # Fitted on all of Emergent (the cross-validated figure is in RESULTS): read back through numpy
    # from the int8 weights, its own training headlines come out as torch left them, so the
    # packaging (quantization, pooling, the head) is the model that was measured.
    from bench.stance import emergent

    shared_path("stance", "emergent")
    items = emergent()
    scores = head.encoder.pooled([i.headline for i in items]) @ head.weight.T + head.bias
    agreement = np.mean(scores.argmax(1) == np.array([i.label for i in items]))
    assert agreement >= 0.9


def test_unknown_stance_is_refused():
    with pytest.raises(ValueError, match="stance"):
        load_model().add_pipe("fh_claims", config={"stance": "gpt"})


def test_readings_of_another_stance_head_are_another_version():
    other = next(b for b in BACKENDS if b != DEFAULT_BACKEND)
    assert Reader(stance=other).version.endswith("+stance-" + other)
    assert Reader().version != Reader(stance=other).version
