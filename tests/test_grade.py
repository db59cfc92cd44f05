"""Grades follow the stated rules, and every grade explains itself."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from firsthand.grade.estimative import TERMS, for_credibility
from firsthand.grade.grade import grade
from firsthand.grade.key import is_key, strength
from firsthand.grade.reliability import ReliabilityTable, default_table
from firsthand.model.assessment import Assessment, Evidence, Origin
from firsthand.model.event import Event, Participant

TABLE = default_table()
NIS = Origin("org:nis", "National Intelligence Service briefing", TABLE.origin("intelligence"), via=("lawmaker Yoo Sang-bum",))
USA = Origin("gov:usa", "US government", TABLE.origin("government"))
IMAGERY = Origin("osint:imagery", "open-source imagery groups", TABLE.origin("open-source"))
OUTLET_ONLY = Origin("outlet:blog", "an unnamed web outlet", TABLE.outlet(None), kind="outlet")


def test_two_reports_of_one_origin_are_not_confirmation():
    result = grade(Evidence("about 1 million shells delivered", ("The Washington Times", "unknown outlet"), (NIS,),
                            notes=("Qualifiers differ: ≈1e6 vs >1e6 (compatible)",)))
    assert result.credibility == 2 and result.code == "B2"
    assert "1 independent origin" in result.explanation and "2 reports" in result.explanation
    assert "via lawmaker Yoo Sang-bum" in result.explanation and "Qualifiers differ" in result.explanation
    assert str(result.estimate) == "likely (55–80%)"


def test_independent_origins_confirm():
    result = grade(Evidence("North Korea is sending weapons to Russia", ("a", "b"), (NIS, USA, IMAGERY),
                            denied_by=("Russia denies “it has violated sanctions”",)))
    assert result.credibility == 1 and "3 independent origins" in result.explanation
    assert "Russia denies “it has violated sanctions” (a party's denial" in result.explanation


def test_hedged_contradicted_and_unjudgeable():
    assert grade(Evidence("c", ("a",), (NIS,), hedged=True)).credibility == 3
    assert grade(Evidence("c", ("a",), (IMAGERY,), contradicted_by=(USA,))).credibility == 4
    assert grade(Evidence("c", ("a",), (IMAGERY,), contradicted_by=(USA, NIS))).credibility == 5
    unjudged = grade(Evidence("c", ("blog",), (OUTLET_ONLY,)))
    assert unjudged.credibility == 6 and unjudged.estimate is None and unjudged.code == "F6"


def test_an_estimate_is_graded_as_its_holders_view_not_as_doubt():
    # "1 million shells would supply Russian guns for two months, Mr. Yoo said": Yoo's estimate.
    estimate = grade(Evidence("1 million shells would supply Russian guns for two months", ("a",), (NIS,), view="an estimate"))
    assert estimate.credibility == 2 and "It is an estimate, graded as the view" in estimate.explanation


RUSSIA = Origin("RUS", "Russia", TABLE.origin("party"), kind="party")
KREMLIN = Origin("org:rus-kremlin", "the Kremlin spokesman", TABLE.origin("party"), kind="party")


def test_a_party_to_the_events_never_corroborates_nor_contradicts():
    # Two mouths of one interested party do not confirm its own account.
    own = grade(Evidence("Russia has not violated U.N. sanctions", ("a", "b"), (RUSSIA, KREMLIN)))
    assert own.credibility == 3 and "a party to the events" in own.explanation
    # Beside one independent origin, a party's word does not make two.
    assert grade(Evidence("c", ("a", "b"), (NIS, RUSSIA))).credibility == 2
    # Its contradiction does not lower an independent origin's claim either.
    assert grade(Evidence("c", ("a", "b"), (NIS,), contradicted_by=(RUSSIA,))).credibility == 2


def test_estimative_terms_cover_the_scale_in_order():
    assert [t.term for t in TERMS][0] == "almost no chance" and TERMS[-1].term == "almost certain"
    assert all(a.high == b.low for a, b in zip(TERMS, TERMS[1:]))
    assert [for_credibility(c).low for c in range(1, 6)] == sorted([for_credibility(c).low for c in range(1, 6)], reverse=True)


def test_reliability_table_is_configurable(tmp_path: Path):
    assert TABLE.outlet("The Washington Times").letter == "C" and TABLE.outlet("Reuters").letter == "B"
    assert TABLE.outlet("Some Blog").letter == "F"
    path = tmp_path / "mine.json"
    path.write_text(json.dumps({"outlets": {"Some Blog": {"grade": "D", "why": "anonymous aggregator"}}}))
    assert ReliabilityTable.load(path).outlet("some blog").letter == "D"
    path.write_text(json.dumps({"outlets": {"X": {"grade": "Z"}}}))
    with pytest.raises(ValueError, match="A-F"):
        ReliabilityTable.load(path)


def _assessment(credibility: int, subject: str = "claim", reports: int = 1, origins: tuple[Origin, ...] = (NIS,),
                text: str = "North Korea shipped shells", event: Event | None = None) -> Assessment:
    return Assessment(f"a{credibility}{subject}{reports}", "story", subject, text, ("claim",),
                      tuple(f"r{i}" for i in range(reports)), origins, credibility, "F", None, "", event=event)


def _event(actor: str = "North Korea", recipient: str = "Russia") -> Event:
    return Event("AID", None, (), [Participant("PRK", "PRK", None, actor)], [Participant("RUS", "RUS", None, recipient)])


def test_key_judgements_need_credibility_identified_parties_and_origins():
    assert is_key(_assessment(2, origins=(IMAGERY,)))
    assert is_key(_assessment(3, subject="event", event=_event()))
    assert not is_key(_assessment(3, reports=3, origins=(OUTLET_ONLY,)))  # outlets' own word only
    assert not is_key(_assessment(3, origins=(Origin("x", "He", TABLE.origin("person"), identified=False),)))
    assert not is_key(_assessment(2, text="it won a contract worth more than 50 mln dlrs"))  # who won?
    assert not is_key(_assessment(2, subject="event", event=_event(actor="its")))
    assert not is_key(_assessment(4, subject="event", reports=3, event=_event()))  # doubtful


def test_a_known_outlets_own_report_of_a_claim_may_be_key_but_not_of_an_event():
    # The audit of 2026-11-29 judged Reuters' own reports of results correct ("Current year net
    # includes 15 ct shr extraordinary gain", B2), and every event resting on its word alone wrong.
    reuters = Origin("outlet:reuters", "Reuters", TABLE.outlet("Reuters"), kind="outlet")
    assert is_key(_assessment(2, text="Current year net includes 15 ct shr extraordinary gain", origins=(reuters,)))
    assert not is_key(_assessment(2, subject="event", event=_event(), origins=(reuters,)))
    # "Comalco said the aluminium industry continued to suffer ...": someone else's words, with
    # the outlet as origin only because attribution missed the speaker.
    assert not is_key(_assessment(2, text="Comalco said the aluminium industry continued to suffer from low prices",
                                  origins=(reuters,)))
    assert not is_key(_assessment(2, text="Picketing will commence at corporate headquarters, the guild said",
                                  origins=(reuters,)))
    named, own = _assessment(2, origins=(USA,)), _assessment(2, reports=2, origins=(reuters,))
    assert sorted([own, named], key=strength) == [named, own]  # a named origin before an outlet's word


def test_key_judgements_rank_by_strength_not_events_first():
    ranked = sorted([_assessment(3, reports=2), _assessment(2, "event", event=_event()), _assessment(2, reports=2),
                     _assessment(2, origins=(NIS, USA))], key=strength)
    assert [(a.credibility, a.subject, len(a.origins), len(a.report_ids)) for a in ranked] == [
        (2, "claim", 2, 1), (2, "claim", 1, 2), (2, "event", 1, 1), (3, "claim", 1, 2)]
