"""Vessel identifiers read from text (read/vessels.py): IMO numbers with a valid check digit and
MMSIs after their label, the name the text ties to the number, never a bare number."""

from __future__ import annotations

import pytest

from firsthand.model.mention import imo_valid, vessel_id
from firsthand.read.vessels import find_vessels


def _found(text: str) -> list[tuple[str, str]]:
    return [(m.id, m.name) for m in find_vessels(text)]


@pytest.mark.parametrize("number, valid", [("8905490", True), ("9756573", True), ("8035087", True),
                                           ("8905491", False), ("0000000", False), ("123456", False)])
def test_imo_check_digit(number, valid):
    assert imo_valid(number) is valid


def test_a_name_tied_to_its_number():
    assert _found("U.S. officials seized the tanker Wise Honest (IMO 8905490) in May.") == [
        ("vessel:imo-8905490", "Wise Honest")]
    assert _found("The tanker Wise Honest, IMO 8905490, was seized.") == [("vessel:imo-8905490", "Wise Honest")]
    assert _found("The Chon Ma San 2 (IMO: 8660313) was seen.") == [("vessel:imo-8660313", "Chon Ma San 2")]


def test_a_number_without_a_name_is_named_by_it():
    assert _found("a ship with IMO number 9756573 was seen") == [("vessel:imo-9756573", "IMO 9756573")]
    assert _found("the vessel, MMSI 273825810, turned off its transponder") == [
        ("vessel:mmsi-273825810", "MMSI 273825810")]


def test_no_vessel_from_a_bad_or_bare_number():
    assert _found("IMO 8905491 is mistyped") == []  # fails the check digit
    assert _found("The shipment was worth 8905490 dollars.") == []  # no label
    assert _found("Identification Number IMO 1790183; Company Number IMO 6013334") == []  # companies' numbers
    assert _found("Reuters, IMO 8905490") == [("vessel:imo-8905490", "IMO 8905490")]  # a comma ties no name without a kind of vessel


def test_an_mmsi_beside_its_imo_number_is_one_vessel():
    assert _found("the Wise Honest (IMO 8905490, MMSI 445114000)") == [("vessel:imo-8905490", "Wise Honest")]


def test_vessel_ids():
    assert vessel_id(imo="8905490") == "vessel:imo-8905490"
    assert vessel_id(mmsi="445114000") == "vessel:mmsi-445114000"


def test_a_vessel_identifier_is_no_quantity():
    from firsthand.read.quantities import scan_quantities

    found = scan_quantities("The Wise Honest (IMO 8905490, MMSI: 445114000) carried 25,000 tonnes of coal.")
    assert [q.text for q in found] == ["25,000 tonnes"]
