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

TABLE = default_table()
NIS = Origin("org:nis", "National Intelligence Service briefing", TABLE.origin("intelligence"), via=("lawmaker Yoo Sang-bum",))
USA = Origin("gov:usa", "US government", TABLE.origin("government"))
IMAGERY = Origin("osint:imagery", "open-source imagery groups", TABLE.origin("open-source"))
OUTLET_ONLY = Origin("outlet:blog", "an unnamed web outlet", TABLE.outlet(None))


def test_two_reports_of_one_origin_are_not_confirmation():
    result = grade(Evidence("about 1 million shells delivered", ("The Washington Times", "unknown outlet"), (NIS,),
                            notes=("Qualifiers differ: ≈1e6 vs >1e6 (compatible)",)))
    assert result.credibility == 2 and result.code == "B2"
    assert "1 independent origin" in result.explanation and "2 reports" in result.explanation
    assert "via lawmaker Yoo Sang-bum" in result.explanation and "Qualifiers differ" in result.explanation
    assert str(result.estimate) == "likely (55–80%)"


def test_independent_origins_confirm():
    result = grade(Evidence("North Korea is sending weapons to Russia", ("a", "b"), (NIS, USA, IMAGERY), denied_by=("Russia",)))
    assert result.credibility == 1 and "3 independent origins" in result.explanation
    assert "Denied by Russia" in result.explanation


def test_hedged_speculative_contradicted_and_unjudgeable():
    assert grade(Evidence("c", ("a",), (NIS,), hedged=True)).credibility == 3
    assert grade(Evidence("c", ("a",), (NIS,), speculative=True)).credibility == 4
    assert grade(Evidence("c", ("a",), (IMAGERY,), contradicted_by=(USA,))).credibility == 4
    assert grade(Evidence("c", ("a",), (IMAGERY,), contradicted_by=(USA, NIS))).credibility == 5
    unjudged = grade(Evidence("c", ("blog",), (OUTLET_ONLY,)))
    assert unjudged.credibility == 6 and unjudged.estimate is None and unjudged.code == "F6"


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


def _assessment(credibility: int, subject: str = "claim", reports: int = 1, origins: tuple[Origin, ...] = (OUTLET_ONLY,)) -> Assessment:
    return Assessment(f"a{credibility}{subject}{reports}", "story", subject, "c", ("claim",),
                      tuple(f"r{i}" for i in range(reports)), origins, credibility, "F", None, "")


def test_key_judgements_need_credibility_and_more_than_one_outlets_word():
    assert is_key(_assessment(2, origins=(IMAGERY,)))  # one origin, fairly reliable or better
    assert is_key(_assessment(3, reports=2))  # carried by two reports
    assert is_key(_assessment(3, subject="event"))
    assert not is_key(_assessment(3))  # one outlet's own word
    assert not is_key(_assessment(4, subject="event", reports=3, origins=(NIS,)))  # doubtful
    ranked = sorted([_assessment(3, reports=2), _assessment(2, reports=2), _assessment(2, "event")], key=strength)
    assert [(a.credibility, a.subject) for a in ranked] == [(2, "event"), (2, "claim"), (3, "claim")]
