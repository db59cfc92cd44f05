"""A view is its holder's and the judgement sentence says so in the holder's words (issue 15 item 5);
the cases are sentences of Reuters-21578 (reut2-000.sgm) whose judgement read wrong."""

from __future__ import annotations

from firsthand.grade.views import verb_for, view_of
from firsthand.model.claim import Certainty, Claim, Source, TextSpan


def claim(text: str, origin: str, kind: str, cue: str, **certainty) -> Claim:
    return Claim("r", 0, len(text), text, 0, len(text), None, "said", None,
                 (Source("origin", origin, kind), Source("reporter", "Reuters", "outlet")), Certainty(**certainty), cue)


def test_an_apposition_does_not_make_its_holder_plural():
    # "Michael Hammes, vice president of international operations, said Chrysler planned to ..."
    assert verb_for("Michael Hammes, vice president of international operations", "says") == "says"
    assert verb_for("Russia, a permanent member of the United Nations Security Council", "denies") == "denies"
    assert verb_for("Japanese banking sources", "says") == "say"
    assert verb_for("The United States and experts", "suggests") == "suggest"
    assert verb_for("the United States", "estimates") == "estimates"


def test_a_denial_in_the_words_said_is_said_not_denied():
    # "<Contraves AG> unequivocally rejects charges by ... Philips ..., a Contraves official said."
    rejects = claim("Contraves AG unequivocally rejects charges by NV Philips", "a Contraves official", "party",
                    "said", denial=True)
    assert view_of([rejects], rejects) is None  # a refusal stated as a fact: what happened
    # "Late last year, Shearson's takeover offer to the E.F. Hutton Group Inc was rejected by Hutton"
    hutton = claim("Shearson's takeover offer to the E.F. Hutton Group Inc was rejected by Hutton", "Reuters",
                   "outlet", None, denial=True)
    assert view_of([hutton], hutton) is None
    will_not = claim("it will reject any offer", "the company", "company", "said", denial=True, modality="future")
    view = view_of([will_not], will_not)
    assert view.noun == "a denial" and view.verb == "says"
    # "Russia ... denied that it has violated numerous U.N. sanctions": the cue is the denial.
    denied = claim("it has violated numerous U.N. sanctions", "Russia", "party", "denied", denial=True)
    assert view_of([denied], denied).verb == "denies"


def test_a_plain_assertion_is_no_view():
    fact = claim("Louisiana Sweet also was lowered 1.50 dlrs to 16.35 dlrs", "the company", "company", "said")
    assert view_of([fact], fact) is None


def test_a_hedge_inside_the_words_said_is_not_what_the_holder_did():
    # "GAO will not likely suggest whether the certificates program should be slowed or expanded,
    # the GAO official said."
    hedge = TextSpan(0, 7, "suggest")
    gao = claim("GAO will not likely suggest whether the certificates program should be slowed", "the GAO official",
                "government", "said", modality="future", hedges=(hedge,))
    assert view_of([gao], gao).verb == "says"
    # "Mining of eluvial surface material ... is expected to produce 60,000 ounces in 1987."
    expected = claim("the mine is expected to produce 60,000 ounces in 1987", "Consolidated TVX", "company", "said",
                     modality="future", hedges=(TextSpan(0, 8, "expected"),))
    assert view_of([expected], expected).verb == "expects"
