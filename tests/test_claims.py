"""Claims: check-worthy clauses with attribution chains and qualifiers, on sentences written here
and on the two seed reports (the issue's done-when list)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from firsthand.ingest.published import parse_published
from firsthand.model.report import Report
from firsthand.pipeline.reader import Reader

from conftest import shared_path


@pytest.fixture(scope="module")
def reader() -> Reader:
    return Reader()


def claims_of(reader: Reader, text: str, outlet: str = "Example Wire"):
    report = Report(text=text, outlet=outlet, published=datetime(2023, 11, 1, tzinfo=UTC), published_precision="day")
    return next(reader.read([report])).claims


def one(claims, words: str):
    found = [c for c in claims if words in c.text]
    assert len(found) == 1, [c.text for c in claims]
    return found[0]


def test_attributed_claim_has_origin_quantity_and_time(reader):
    claims = claims_of(reader, "According to the Defense Ministry, the rebels fired at least 20 rockets at the airport on Tuesday.")
    claim = one(claims, "rockets")
    assert claim.origin.name == "the Defense Ministry" and claim.origin.kind == "government"
    assert claim.chain[-1].role == "reporter" and claim.chain[-1].name == "Example Wire"
    assert [q.interval.render() for q in claim.quantities] == ["[20, ∞)"]
    assert [t.value for t in claim.times] == ["2023-10-31"]
    assert "according to" not in claim.text.lower()


def test_denial_by_a_party(reader):
    claim = one(claims_of(reader, "Acme Corporation denied that it had sold weapons to Iran last year."), "weapons")
    assert claim.certainty.denial and claim.certainty.polarity == "negative"
    assert claim.origin.kind == "party" and "denial" in claim.qualifiers


def test_hedges_and_unattributed_claims_belong_to_the_outlet(reader):
    claim = one(claims_of(reader, "It appears that the convoy crossed the border near Rafah on Monday."), "convoy")
    assert claim.text.startswith("the convoy crossed") and "appears" in claim.qualifiers
    assert claim.certainty.level != "certain" and claim.origin.kind == "outlet"


def test_evidence_cites_its_maker(reader):
    claims = claims_of(reader, "The agency released photos from residents showing smoke over the refinery in Novoshakhtinsk on Monday.")
    smoke = one(claims, "smoke over the refinery")
    assert smoke.origin.name == "residents" and smoke.text.startswith("smoke")


def test_headlines_questions_and_commentary_are_not_claims(reader):
    claims = claims_of(reader, "Weapons Transfers to Russia\n\nWhat happens next?\n\nThus, the situation highlights the intricate interplay of interests.")
    assert claims == []


@pytest.fixture(scope="module")
def seed_claims(reader):
    rows = [json.loads(line) for line in shared_path("seeds", "seeds.jsonl").read_text().splitlines()]
    reports = []
    for row in rows:
        published, precision = parse_published(row["published"])
        reports.append(Report(text=row["text"], outlet=row["outlet"], published=published, published_precision=precision))
    readings = list(reader.read(reports))
    return {report.outlet or "web rewrite": reading.claims for report, reading in zip(reports, readings)}


def test_seed_million_shells_in_both_reports_with_their_qualifiers(seed_claims):
    times = one(seed_claims["The Washington Times"], "approximately 1 million artillery shells")
    rewrite = one(seed_claims["web rewrite"], "more than one million artillery rounds had been provided")
    assert times.origin.entity_id == rewrite.origin.entity_id == "org:kor-nis"
    assert times.origin.kind == rewrite.origin.kind == "intelligence"
    assert [s.role for s in times.chain] == ["origin", "recipient", "relay", "reporter"]
    assert "Yoo Sang-bum" in times.chain[2].name
    assert [q.interval.render() for q in times.quantities] == ["≈1000000"]
    assert "(1000000, ∞)" in [q.interval.render() for q in rewrite.quantities]


def test_seed_ten_transfers_since_august(seed_claims):
    claim = one(seed_claims["web rewrite"], "at least ten arms transfers")
    assert claim.origin.entity_id == "org:kor-nis"
    assert [(q.interval.render(), q.unit) for q in claim.quantities] == [("[10, ∞)", "arms transfers")]
    assert [(t.value, t.begin) for t in claim.times] == [("2023-08", "2023-08")]


def test_seed_hedged_satellite_help(seed_claims):
    claim = one(seed_claims["web rewrite"], "Pyongyang has received technical advice from Moscow")
    assert "appears" in claim.qualifiers and claim.certainty.level in {"probable", "possible"}


def test_seed_kim_putin_meeting(seed_claims):
    claim = one(seed_claims["The Washington Times"], "Mr. Kim met with Mr. Putin")
    assert [t.value for t in claim.times] == ["2023-09-13"]
    assert {"person:kim-jong-un", "person:vladimir-putin"} <= set(claim.entity_ids)
    assert any("vostochny" in place for place in claim.places)


def test_seed_imagery_has_two_independent_makers(seed_claims):
    traffic = [c for c in seed_claims["The Washington Times"] if c.text.startswith("expanding rail and sea traffic")]
    assert {(c.origin.name, c.origin.kind) for c in traffic} == {("the White House", "government"),
                                                                ("open-source intelligence groups", "open-source")}
    assert len({c.id for c in traffic}) == 2


def test_seed_russian_denial(seed_claims):
    claim = one(seed_claims["The Washington Times"], "violated numerous U.N. sanctions")
    assert claim.certainty.denial and claim.origin.entity_id == "RUS" and claim.origin.kind == "party"


def test_seed_hypotheticals_are_marked(seed_claims):
    claim = one(seed_claims["The Washington Times"], "Russia could supply food, fuel")
    assert claim.certainty.modality == "hypothetical"


def test_citing_makes_the_cited_the_origin(reader):
    claim = one(claims_of(reader, "More than 500 drones were shipped to the front, a lawmaker said on Friday, citing the defence ministry."), "drones")
    assert [(s.role, s.name) for s in claim.chain[:2]] == [("origin", "the defence ministry"), ("relay", "a lawmaker")]
    assert claim.origin.kind == "government"
