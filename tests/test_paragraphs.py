"""Where line breaks end sentences (`fh_paragraphs`), before the parser decides the rest."""

from __future__ import annotations

import spacy

from firsthand.read.paragraphs import wrap_width

WRAPPED = (
    "Showers continued throughout the week in the Bahia cocoa zone,\n"
    "alleviating the drought since early January and improving the\n"
    "prospects for the coming crop, Comissaria Smith said.\n\n"
    "Arrivals for the week ended February 22 were 155,221 bags of 60\n"
    "kilos, making a cumulative total for the season of 5.93 mln.\n"
    "Shr 34 cts vs 1.19 dlrs\n"
    "Net 807,000 vs 2,858,000"
)


def starts(text: str) -> list[str]:
    """The words `fh_paragraphs` marks as starting a sentence."""
    nlp = spacy.blank("en")
    nlp.add_pipe("fh_paragraphs")
    return [token.text for token in nlp(text) if token.i and token.is_sent_start]


def test_hard_wrapped_lines_go_on_and_paragraphs_and_short_lines_end():
    assert wrap_width(WRAPPED) == 63
    # After a full-width line the parser decides, even where the line ends a sentence ("mln.").
    assert starts(WRAPPED) == ["Arrivals", "Net"]


def test_lines_that_are_paragraphs_each_end():
    headline = "North Korea sent a million shells to Russia, Seoul's spy agency says"
    text = f"{headline}\nSEOUL - North Korea has delivered about 1 million artillery shells to Russia, " \
           "South Korea's spy agency said on Wednesday, citing its briefing to lawmakers.\nRussia denies it."
    assert wrap_width(text) is None
    assert starts(text) == ["SEOUL", "Russia"]
    assert wrap_width("One line\nand another\nand a third") is None
