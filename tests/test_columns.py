"""Token attributes read as columns from a Doc's arrays equal those read token by token."""

from __future__ import annotations

import pytest
from spacy.attrs import DEP, LEMMA, LOWER, POS, TAG

from firsthand.read import columns
from firsthand.read.nlp import load_model


@pytest.fixture(scope="module")
def nlp():
    return load_model()


@pytest.mark.parametrize(("attr", "name"), [(LOWER, "lower_"), (LEMMA, "lemma_"), (POS, "pos_"), (TAG, "tag_"), (DEP, "dep_")])
def test_column_is_the_token_attribute(nlp, attr, name):
    doc = nlp("Shells were shipped to Russia, the NIS told lawmakers on Wednesday.")
    assert columns.column(doc, attr) == [getattr(t, name) for t in doc]
    assert columns.column(doc[:0].as_doc(), attr) == []


def test_cache_bound_keeps_answers(nlp, monkeypatch):
    doc = nlp("Yoo Sang-bum said the shipments began in August.")
    stale = {n: f"stale{n}" for n in range(3)}  # a full cache: the first new id clears it
    monkeypatch.setattr(columns, "_NAMES", stale)
    monkeypatch.setattr(columns, "_CACHE_BOUND", 3)
    assert columns.column(doc, LOWER) == [t.lower_ for t in doc]
    assert not any(value.startswith("stale") for value in stale.values())
    assert len(stale) == len({t.lower_ for t in doc})


def test_heads_are_token_heads(nlp):
    doc = nlp("Shells were shipped to Russia, the NIS told lawmakers on Wednesday.")
    assert columns.heads(doc) == [t.head.i for t in doc]
