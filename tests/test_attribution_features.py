"""The attribution tagger's token features, built a column at a time from the Doc's arrays."""

from __future__ import annotations

import pytest

from firsthand.claims.attribution import load_cues, token_features
from firsthand.read import columns
from firsthand.read.nlp import load_model

CUES = load_cues()


@pytest.fixture(scope="module")
def nlp():
    return load_model()


def test_features_of_a_token_in_order(nlp):
    doc = nlp("He said it rained and she said so.")
    feats = token_features(doc, CUES)
    assert len(feats) == len(doc)
    assert feats[0] == [
        "w=he", "l=he", "p=PRON", "t=PRP", "d=nsubj", "s=Xx", "hl=say", "hd=ROOT", "hp=VERB", "r=B-SRC",
        "q=out", "root=L", "hcue", "gov=nsubj", "govd=1", "nc=L1", "bos", "-2:pad", "-1:pad",
        "1:p=VERB", "1:r=B-CUE", "1:w=said", "1:d=ROOT", "2:p=PRON", "2:r=B-CON",
    ]
    assert feats[-1][-9:] == ["eos", "-2:p=VERB", "-2:r=B-CUE", "-1:p=ADV", "-1:r=I-CON", "-1:w=so",
                              "-1:d=advmod", "1:pad", "2:pad"]


def test_nearest_cue_of_two_equally_near_is_the_earlier(nlp):
    doc = nlp("He said that they said so.")
    assert [t.text for t in doc][:5] == ["He", "said", "that", "they", "said"]
    assert "nc=R1" in token_features(doc, CUES)[2]


def test_string_cache_bound_changes_nothing(nlp, monkeypatch):
    doc = nlp("“We will not pay,” the minister told reporters in Geneva on Tuesday.")
    expected = token_features(doc, CUES)
    stale = {n: f"stale{n}" for n in range(5)}  # a full cache: the first new id clears it
    monkeypatch.setattr(columns, "_NAMES", stale)
    monkeypatch.setattr(columns, "_CACHE_BOUND", 5)
    assert token_features(doc, CUES) == expected
    assert not any(value.startswith("stale") for value in stale.values())
