"""The speed-ups keep their results: the gazetteer scan against a plain reference scan, the
cached Doc text, and city lookups that no longer depend on the process's hash seed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import spacy
from hypothesis import given, settings, strategies as st

from firsthand.read.countries import Match, PhraseTable, country_term, tokenize
from firsthand.read.doc import text_of

SRC = Path(__file__).resolve().parents[1] / "src"
PHRASES = ["North Korea", "Korea", "South Korea", "U.S.", "Far East", "Russia", "East", "New York Times"]
WORDS = ["North", "Korea", "south", "South", "KOREA", "U.S.", "Far", "East", "the", "Russia’s", "New", "York",
         "Times", "NORTH", "said", ",", "\n"]


def _table() -> PhraseTable[str]:
    table: PhraseTable[str] = PhraseTable()
    for phrase in PHRASES:
        table.add(phrase, phrase)
    return table


def _reference_scan(table: PhraseTable[str], text: str) -> list[Match[str]]:
    """Leftmost-longest by trying every length at every capitalised token, as the scan once did."""
    toks = tokenize(text)
    longest = max(len(tokenize(p)) for p in PHRASES)
    found, i = [], 0
    while i < len(toks):
        if toks[i][0][:1].isupper():
            for n in range(min(longest, len(toks) - i), 0, -1):
                value = table._lookup(tuple(t for t, _, _ in toks[i : i + n]))
                if value is not None:
                    found.append((toks[i][1], toks[i + n - 1][2], value))
                    i += n
                    break
            else:
                i += 1
        else:
            i += 1
    return found


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=14))
def test_scan_matches_the_reference(words):
    table, text = _table(), " ".join(words)
    assert [(m.start, m.end, m.value) for m in table.scan(text)] == _reference_scan(table, text)
    assert table.scan(text, tokenize(text)) == table.scan(text)


def test_scan_finds_capitals_and_longest():
    found = [(m.value, m.start) for m in _table().scan("NORTH KOREA and South Korea, the Far East")]
    assert found == [("North Korea", 0), ("South Korea", 16), ("Far East", 33)]


def test_text_of_is_the_doc_text_and_read_once():
    doc = spacy.blank("en")("Seoul said  on Tuesday:\n“We know.”")
    assert text_of(doc) == doc.text
    assert text_of(doc) is text_of(doc)


def test_los_angeles_is_in_california_whatever_the_hash_seed():
    # The city table was built in set order: "Los Ángeles" (Chile) won in most processes.
    assert country_term("Los Angeles").code == "USA"
    probe = "from firsthand.read.places import city; print(city('Los Angeles').country)"
    for seed in ("1", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(SRC)}
        out = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True)
        assert out.stdout.strip() == "USA"
