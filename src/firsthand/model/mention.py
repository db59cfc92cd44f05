"""An entity mention: one occurrence of a canonical entity in a report."""

from __future__ import annotations

from dataclasses import dataclass

from .place import Place


@dataclass(frozen=True)
class Mention:
    """One occurrence of an entity; `start`/`end` are character offsets into the document text."""

    start: int
    end: int
    text: str
    label: str  # spaCy NER label, or GAZETTEER when only a gazetteer found it
    kind: str  # country | person | organization | igo | place | other
    id: str  # "PRK", "person:kim-jong-un", "org:kor-nis", "igo:un", "place:curated:avdiivka"
    name: str  # canonical name
    country: str | None = None  # ISO alpha-3 the entity is, belongs to, or lies in
    place: Place | None = None  # where a place mention was geocoded


VESSEL = "vessel"  # the kind of a vessel mention


def imo_valid(number: str) -> bool:
    """The IMO number's check: the first six digits weighted 7 down to 2 and summed; the sum's last
    digit is the seventh. One line, so no identifier library is needed for it."""
    if len(number) != 7 or not number.isascii() or not number.isdigit() or number == "0000000":
        return False
    return sum(int(d) * w for d, w in zip(number[:6], range(7, 1, -1), strict=True)) % 10 == int(number[6])


def vessel_id(imo: str | None = None, mmsi: str | None = None) -> str:
    """A vessel's canonical id, the one screening and observations match on: by IMO number when
    known (`vessel:imo-8905490`), else by MMSI (`vessel:mmsi-123456789`)."""
    return f"vessel:imo-{imo}" if imo else f"vessel:mmsi-{mmsi}"
