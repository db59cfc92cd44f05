"""Vessel identifiers: IMO numbers and MMSIs where the text states them, and the vessel's name
when the text ties it to the number ("the tanker Wise Honest (IMO 8905490)").

Precision first: a number is a vessel only after "IMO" or "MMSI", an IMO number only with a valid
check digit, and never a bare seven-digit number. The ids (`vessel:imo-8905490`, or
`vessel:mmsi-123456789` when only an MMSI is given) are the convention screening and observations
match on.
"""

from __future__ import annotations

import re

from firsthand.model.mention import VESSEL, Mention, imo_valid, vessel_id

LABEL = "VESSEL"

_IMO = re.compile(r"\bIMO(?:\s+(?:number|no\.?|No\.?|#))?\s*:?\s*(\d{7})\b(?!\d)")
_MMSI = re.compile(r"\bMMSI(?:\s+(?:number|no\.?|No\.?|#))?\s*:?\s*(\d{9})\b(?!\d)")
# A name tied to the number: a run of capitalised words (or digits after them: "Chon Ma San 2")
# right before "(IMO …", or before ", IMO …" after a kind of vessel ("the tanker Wise Honest,
# IMO …": a bare "Reuters, IMO …" is no name); an article or a kind of vessel is no part of it.
_RUN = r"((?:[A-Z][\w'.-]*|\d+)(?:\s+(?:[A-Z][\w'.-]*|\d+)){0,4})"
_KINDS = r"(?:tanker|vessel|ship|freighter|carrier|boat|trawler)"
_NAME = re.compile(rf"(?:{_RUN}\s*\(|\b{_KINDS}\s+{_RUN}\s*,)\s*$")
# IMO numbers companies and registered owners have too ("Company Number IMO 5342883",
# "Identification Number IMO 1790183" in OFAC's list): a number so labelled is no vessel's.
_COMPANY_LABEL = re.compile(r"\b(?:company|owner|manager|number)\s*$", re.I)
_NOT_NAME = frozenset("The A An This That Its Their Tanker Vessel Ship Freighter Oil Cargo Bulk Carrier".split())


def _name_before(text: str, start: int) -> tuple[int, str] | None:
    """The vessel name the text writes right before an identifier, with where it starts."""
    window = text[max(0, start - 80):start]
    found = _NAME.search(window)
    if not found:
        return None
    group = 1 if found.group(1) else 2
    words = found.group(group).split()
    while words and words[0] in _NOT_NAME:
        words.pop(0)
    if not words or words[0].isdigit():
        return None
    name = " ".join(words)
    return start - len(window) + found.start(group) + found.group(group).rfind(name), name


def find_vessels(text: str) -> list[Mention]:
    """Every stated IMO number and MMSI as a vessel mention; the span covers the name when the
    text ties one to the number. An MMSI right after an IMO number ("IMO 8905490, MMSI …") is the
    same vessel and makes no second mention."""
    out: list[Mention] = []
    for found in _IMO.finditer(text):
        number = found.group(1)
        if not imo_valid(number) or _COMPANY_LABEL.search(text[max(0, found.start() - 30):found.start()]):
            continue
        named = _name_before(text, found.start())
        start, name = named if named else (found.start(), f"IMO {number}")
        out.append(Mention(start, found.end(), text[start:found.end()], LABEL, VESSEL, vessel_id(imo=number), name))
    for found in _MMSI.finditer(text):
        if any(m.start <= found.start() <= m.end + 20 for m in out if m.id.startswith("vessel:imo-")):
            continue
        number = found.group(1)
        named = _name_before(text, found.start())
        start, name = named if named else (found.start(), f"MMSI {number}")
        out.append(Mention(start, found.end(), text[start:found.end()], LABEL, VESSEL, vessel_id(mmsi=number), name))
    return sorted(out, key=lambda m: m.start)
