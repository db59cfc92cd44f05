"""The attribution tagger on the fine-tuned encoder (claims/attribution_encoder.py) as the
`fh_attribution` backend beside the CRF; its PolNeAR figures are in docs/RESULTS.md."""

from __future__ import annotations

import pytest

from firsthand.claims.attribution import BACKENDS, DEFAULT_BACKEND, load_cues, token_features
from firsthand.claims.attribution_encoder import TAGS, EncoderTagger
from firsthand.model.report import Report
from firsthand.pipeline.reader import Reader
from firsthand.read.nlp import load_model


@pytest.fixture(scope="module")
def nlp():
    nlp = load_model()
    nlp.add_pipe("fh_attribution", config={"backend": "encoder"})
    return nlp


def test_tags_every_token_from_the_packaged_weights(nlp):
    doc = nlp("The minister said that the army had withdrawn from the border.\n\nNo one else spoke.")
    tags = EncoderTagger.load().tag(doc, token_features(doc, load_cues()))
    assert len(tags) == len(doc) and set(tags) <= set(TAGS)
    assert all(tag == "O" for tag, token in zip(tags, doc) if token.is_space)


def test_said_is_a_cue_with_its_content(nlp):
    # The shipped tagger is an early checkpoint (docs/RESULTS.md): only the plainest case is pinned.
    doc = nlp("The minister said that the army had withdrawn from the border.")
    (att,) = [a for a in doc._.attributions if a.cue.text == "said"]
    assert att.content and all(doc.text[p.start : p.end] == p.text for p in att.content)


def test_unknown_backend_is_refused():
    nlp = load_model()
    with pytest.raises(ValueError, match="backend"):
        nlp.add_pipe("fh_attribution", config={"backend": "bert-large"})


def test_the_encoder_is_the_default_and_every_reader_names_its_taggers():
    assert DEFAULT_BACKEND == "encoder"
    other = next(b for b in BACKENDS if b != DEFAULT_BACKEND)
    # The taggers are in the version whatever the default, so a store read under one default is
    # read again under another.
    assert Reader().version.endswith(f"+{DEFAULT_BACKEND}+stance-features")
    assert Reader(attribution=other).version.endswith(f"+{other}+stance-features")


def test_decoding_keeps_spans_well_formed():
    # Scores whose argmax opens a span with I-CON and switches to I-SRC inside it: the decoded tags
    # never continue a span of another kind, nor one that was never opened.
    import numpy as np

    from firsthand.claims.attribution_encoder import viterbi

    rng = np.random.default_rng(0)
    scores = rng.normal(size=(200, len(TAGS)))
    scores[0, TAGS.index("I-CON")] = 10.0
    scores[1, TAGS.index("I-SRC")] = 10.0
    tags = [TAGS[n] for n in viterbi(scores)]
    assert not tags[0].startswith("I-")
    for before, tag in zip(tags, tags[1:]):
        if tag.startswith("I-"):
            assert before[2:] == tag[2:]


def test_the_seeds_keep_every_claim_and_its_chain():
    # Issue 16's bar: every claim of the seed reports keeps (or gains) its attribution chain.
    from firsthand.ingest.sources import reports_from
    from firsthand.model.report import Report

    from conftest import shared_path

    reports = [r for r in reports_from(str(shared_path("seeds", "seeds.jsonl"))) if isinstance(r, Report)]

    def chains(backend: str) -> dict[tuple[str, str], tuple[str, ...]]:
        return {(reading.report_id, claim.text): tuple(s.name for s in claim.chain)
                for reading in Reader(attribution=backend).read(reports) for claim in reading.claims}

    crf, encoder = chains("crf"), chains("encoder")
    assert crf
    for key, chain in crf.items():
        assert key in encoder and len(encoder[key]) >= len(chain), key


def test_blanked_brackets_do_not_cut_a_span(nlp):
    # Reuters-21578 (reut2-000.sgm): the reader blanks "<PAC>"'s brackets, leaving whitespace tokens
    # the encoder does not read; the tagger's content runs on through them.
    from firsthand.model.report import Report
    from firsthand.read.doc import report_doc

    text = ("Eagle Telephonics Inc said it signed a two-year agreement under which Pacific Telesis Group's "
            "<PAC> Pacific Bell unit will buy its Eagle line of electronic key telephone systems for internal use.")
    doc = nlp(report_doc(nlp, Report(text=text, outlet="Reuters")))
    tags = EncoderTagger.load().tag(doc, token_features(doc, load_cues()))
    spaces = [t.i for t in doc if t.is_space]
    assert spaces and all(tags[i] == tags[i + 1] == "I-CON" for i in spaces)


def test_a_batch_reads_as_each_report_alone(nlp):
    # The encoder reads a batch of Docs at once (per-word-piece int8 scales, so nothing depends on
    # what else is in the batch): the same attributions as each Doc read alone.
    texts = ["The minister said that the army had withdrawn from the border.",
             "Average interest rates on yen certificates of deposit, CD, fell to 4.27 pct in the week ended "
             "February 25 from 4.32 pct the previous week, the Bank of Japan said.",
             "Officials, who spoke on condition of anonymity, said talks would resume on Monday in Geneva."]
    together = [doc._.attributions for doc in nlp.pipe(texts, batch_size=3)]
    alone = [nlp(text)._.attributions for text in texts]
    assert together == alone and all(together)


def test_according_to_keeps_its_clause_as_content(nlp):
    # Reuters-21578 (reut2-000.sgm): the encoder read "according to X"'s source as its content too,
    # so the claim fell back on the outlet; the parse's clause is the content.
    text = ("Sweden had a 1986 current balance of payments surplus of 7.6 billion crowns compared with a deficit "
            "of 10.1 billion the preceding year, according to preliminary figures from the central bank.")
    doc = nlp(text)
    (att,) = doc._.attributions
    assert att.source.text == "preliminary figures from the central bank"
    assert [p.text for p in att.content] == [text[: text.index(", according")]]


def test_two_cues_over_one_quote_make_one_claim():
    # Reuters-21578 (reut2-000.sgm): the encoder tagged "asked about" as a second cue over the quote
    # "one source" is said to have given; the same words from the same source are one claim.
    text = ('"This new White House is going to need all the strength it can get," said one source when asked '
            "about the possibility of Volcker's reappointment.")
    (reading,) = Reader(attribution="encoder").read([Report(text=text, outlet="Reuters")])
    ids = [claim.id for claim in reading.claims]
    assert ids and len(ids) == len(set(ids))


def test_a_verbless_fragment_of_the_clause_is_not_the_content(nlp):
    # The encoder tagged only "The Russian" as content here (test_observations' report); a fragment
    # without a verb inside the parse's clause for the same cue gives way to that clause.
    text = ("The Russian refrigerated cargo ship Luchistyy (IMO 8035087) took on fish from a trawler at sea off "
            "Nakhodka on April 2, 2015, the Federal Fisheries Agency said on Friday.")
    (att,) = nlp(text)._.attributions
    assert [p.text for p in att.content] == [text[: text.index(", the Federal")]]


def test_the_speaker_is_the_source_not_the_agency_relaying_him(nlp):
    # Reuters-21578 (reut2-000.sgm, the attribution audit's item 33): the encoder tagged the agency
    # as the source of "said"; the minister said it, the agency passed it on.
    text = ('Nazer, quoted by SPA, said recent pressure on free market prices "may be because of the end of '
            'the winter season."')
    (att,) = [a for a in nlp(text)._.attributions if a.content]
    assert att.source.text == "Nazer, quoted by SPA"
    (reading,) = Reader(attribution="encoder").read([Report(text=text, outlet="Reuters")])
    assert [claim.origin.name for claim in reading.claims] == ["Nazer"]


def test_a_content_keeps_the_words_the_encoder_dropped_from_its_middle(nlp):
    # Reuters-21578 (reut2-001.sgm): the encoder tagged "Winter" and "may suffer …" as content and
    # not the long subject between them, and no claim was made of the sentence.
    text = ("Winter wheat crops in the western Soviet Union, Poland and eastern Czechoslovakia through northern "
            "Romania may suffer some winterkill over the next two nights, private forecaster Accu-Weather Inc said.")
    (att,) = nlp(text)._.attributions
    assert [p.text for p in att.content] == [text[: text.index(", private")]]


@pytest.mark.parametrize("text, source", [
    # Reuters-21578 (reut2-001.sgm): the encoder tagged "lead" as the source.
    ("The Commonwealth of Australia is offering in the Yankee bond market 400 mln dlrs of bonds in two "
     "tranches, said lead manager Morgan Stanley and Co Inc.", "lead manager Morgan Stanley and Co Inc."),
    # reut2-003.sgm (held-out audit, item 14): the same where the parse finds no subject ("Barney" punctuation).
    ("Anitec Image Technology Corp is\nraising 75 mln dlrs via an issue of convertible subordinated\n"
     "debentures due 2012 with a 5-7/8 pct coupon and par pricing,\nsaid lead manager Smith Barney, Harris "
     "Upham and Co Inc.\n\nThe debentures are convertible.", "lead manager Smith Barney, Harris Upham and Co Inc."),
])
def test_a_modifier_of_the_speaker_is_not_the_source(nlp, text, source):
    (att,) = [a for a in nlp(text)._.attributions if a.cue.text == "said"]
    assert att.source is not None and att.source.text == source


def test_another_party_s_contrasting_clause_is_not_the_speaker_s(nlp):
    # reut2-003.sgm (held-out audit, item 28): the tagger ends Midland's words before Lloyds' offer,
    # which the parse hangs under them; the clause does not take it back in.
    text = ("Midland Bank Plc <MDBL.L> said it has initially allocated\n500 mln stg for home loans at this rate, "
            "while Lloyds Bank Plc\n<LLOY.L> will offer 300 mln stg.\n")
    (reading,) = Reader(attribution="encoder").read([Report(text=text, outlet="Reuters")])
    assert [claim.text for claim in reading.claims] == ["it has initially allocated 500 mln stg for home loans at this rate"]


def test_a_name_cut_off_after_a_function_word_is_the_parse_s(nlp):
    # Reuters-21578 (reut2-002.sgm): the encoder ended sources at "who" and at "covering".
    quote = ('"Their buying over the last six months has been very much concentrated in the medium term '
             'maturities," noted one Canadian bond trader who asked not to be identified.')
    (att,) = nlp(quote)._.attributions
    assert att.source.text == "one Canadian bond trader who asked not to be identified"
    report = ("According to the department's Export Sales Report covering transactions in the week ended "
              "February 26, China has outstanding wheat commitments for the 1986/87 season of 30,000 tonnes.")
    (att,) = [a for a in nlp(report)._.attributions if a.cue.text == "According to"]
    assert att.source.text == "the department's Export Sales Report"


def test_who_was_asked_is_not_the_source(nlp):
    # reut2-003.sgm (held-out audit, item 6): the encoder made the king the source of the question put
    # to him, and the report's statement that he was asked made no claim.
    asked = ("King Fahd was asked whether Saudi Arabia would be prepared\nto reduce its oil output below its OPEC "
             "quota of 4.133 mln\nbarrels per day (bpd) to defend the 18 dlr benchmark price\nagreed to by OPEC last "
             "December")
    text = ("King Fahd said today Saudi Arabia wants\noil price stability and he called on non-OPEC producers to\n"
            "avoid harmful competition with the 13 nation group.\n\n" + asked + ".\n\nThe King replied: \"Saudi "
            "Arabia doesn't decide prices by\nitself but certainly desires price stability.\"\n")
    assert all(a.source is None for a in nlp(text)._.attributions if a.cue.text == "was asked")
    (reading,) = Reader(attribution="encoder").read([Report(text=text, outlet="Reuters")])
    assert ("Reuters", " ".join(asked.split())) in [(claim.origin.name, claim.text) for claim in reading.claims]


def test_a_source_running_into_its_content_is_the_parse_s():
    # reut2-003.sgm (held-out audit, item 7): the encoder ran the source of "According to" on into
    # the content, and no claim was made of the sentence.
    text = ("<Nissan Motor Manufacturing (UK) Ltd> has\nreached agreement with <Lombard North Central Plc> of the "
            "U.K.\nTo build plants, the Nissan\nMotor Co Ltd <NSAN.T> said.\n\nThe agreement was reached "
            "through negotiations with the\nBritish government.\n\nAccording to the 230 mln stg contract, Lombard "
            "North\nCentral, an affiliate of National Westminster Bank Plc\n<NWBL.L>, will build and lease plants "
            "for engine assembly, body\npanel pressing and resin moulding by 1988.\n")
    (reading,) = Reader(attribution="encoder").read([Report(text=text, outlet="Reuters")])
    claims = [(claim.origin.name, claim.text[:21]) for claim in reading.claims]
    assert ("the 230 mln stg contract", "Lombard North Central") in claims
