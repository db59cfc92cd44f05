"""Where sentences may start (`unwrap`, then `fh_paragraphs`), before the parser decides the rest."""

from __future__ import annotations

import spacy

from firsthand.read.nlp import load_model
from firsthand.read.wrap import unbracket, unwrap, wrap_width

WRAPPED = (
    "Showers continued throughout the week in the Bahia cocoa zone,\n"
    "alleviating the drought since early January and improving the\n"
    "prospects for the coming crop, Comissaria Smith said.\n\n"
    "Arrivals for the week ended February 22 were 155,221 bags of 60\n"
    "kilos, making a cumulative total for the season of 5.93 mln.\n"
    "Shr 34 cts vs 1.19 dlrs\n"
    "Net 807,000 vs 2,858,000"
)
# Reuters-21578 reut2-000.sgm: a first line cut short by the dateline before it.
POGO = ("Pogo Producing Co said it has\nconsolidated its onshore and offshore Gulf Coast divisions into\n"
        "a Southern Division responsible for its onshore and offshore\noil and gas exploration and development "
        "activities in the Gulf\nCoast and Gulf of Mexico areas.")
DEGUSSA = ("Degussa AG <DGSG.F> is combining its\nforeign and domestic pharmaceutical activities into the\n"
           "Frankfurt-based <Asta Pharma AG>, so as to promote its business\nin that sector, the company said.\n\n"
           "Group consolidated turnover in Degussa's pharmaceuticals\nsector rose to 380 mln marks in 1985/86.")


def starts(text: str, nlp=None) -> list[str]:
    """The words that start a sentence once the text is unwrapped and `fh_paragraphs` has run."""
    if nlp is None:
        nlp = spacy.blank("en")
        nlp.add_pipe("fh_paragraphs")
    return [token.text for token in nlp(unwrap(text)) if token.i and token.is_sent_start]


def test_hard_wrapped_lines_go_on_and_paragraphs_and_short_lines_end():
    assert wrap_width(WRAPPED) == 63
    assert len(unwrap(WRAPPED)) == len(WRAPPED)  # every offset is the report's
    # After a full-width line the parser decides, even where the line ends a sentence ("mln.").
    assert starts(WRAPPED) == ["Arrivals", "Net"]


def test_a_first_line_cut_by_the_dateline_goes_on():
    assert "\n" not in unwrap(POGO)
    assert starts(DEGUSSA) == ["Group"]


def test_no_sentence_ends_on_said_or_a_determiner_with_the_parser():
    nlp = load_model(exclude=["ner"])
    nlp.add_pipe("fh_paragraphs", before="parser")
    # "The Columbia Gas Systems Inc said" / "it will redeem ..." was two sentences (reut2-000.sgm).
    text = ("The Columbia Gas Systems Inc said\nit will redeem 4.7 mln dlrs principal amount of its 9-1/8 pct\n"
            "debentures, series due May 1, 1996, and five mln dlrs\nprincipal amount of its 10-1/4 pct debentures.")
    assert starts(text, nlp) == []
    assert starts(POGO, nlp) == []


def test_lines_that_are_paragraphs_each_end():
    headline = "North Korea sent a million shells to Russia, Seoul's spy agency says"
    text = f"{headline}\nSEOUL - North Korea has delivered about 1 million artillery shells to Russia, " \
           "South Korea's spy agency said on Wednesday, citing its briefing to lawmakers.\nRussia denies it."
    assert wrap_width(text) is None
    assert unwrap(text) == text
    assert starts(text) == ["SEOUL", "Russia"]
    assert wrap_width("One line\nand another\nand a third") is None


# Reuters-21578 reut2-000.sgm: the parser ended the sentence at "<" ("majority holding in <").
GREENWOOD = ("Greenwood Resources Inc said it has sold\nits 4,300,000 common share majority holding in <New London Oil\n"
             "Ltd> of London to an affiliate of <Guinness Peat Group PLC> of\nLondon for a total of 1,700,0000 dlrs in cash.")


def test_name_brackets_are_blanked_and_no_sentence_ends_at_them():
    text = unbracket(unwrap(GREENWOOD))
    assert len(text) == len(GREENWOOD) and "<" not in text and " New London Oil Ltd  of London" in text
    assert unbracket("if a < b and c > d") == "if a < b and c > d"  # not a name
    nlp = load_model()
    assert [s.text.split()[0] for s in nlp(text).sents] == ["Greenwood"]
