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
