"""The events coder reads only the tokens its TriggerWords finds: every trigger and intent word is among them."""

from __future__ import annotations

import pytest

from firsthand.events.ontology import lexicon
from firsthand.events.triggers import TriggerWords, is_intent, trigger
from firsthand.read.nlp import load_model

TEXTS = [
    "Russia pulled out its troops after the air strike, and Seoul launched a punitive raid.",
    "North Korea received shells from Russia and agreed to provide artillery to Moscow.",
    "The ministry said armed clashes broke out on Tuesday; officials plan to impose martial law.",
]


@pytest.fixture(scope="module")
def docs():
    nlp = load_model()
    return list(nlp.pipe(TEXTS))


def test_words_hold_every_trigger_and_intent(docs):
    lex = lexicon()
    triggers = intents = 0
    for doc in docs:
        words = TriggerWords.of(doc, lex)
        for tok in doc:
            if trigger(tok, lex) is not None:
                triggers += 1
                assert tok.i in words.triggers, tok.text
            assert is_intent(tok, lex) == (tok.i in words.intents), tok.text
            intents += is_intent(tok, lex)
        assert len(words.triggers) < len(doc) / 2  # it does rule most words out
    assert triggers >= 6 and intents >= 2
