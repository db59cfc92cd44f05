"""Sanctions lists, their entries, and what screening the store's entities against them found."""

from __future__ import annotations

from dataclasses import dataclass

HIT = "hit"  # the entity is the listed one: names agree beyond doubt, or an identifier does
CANDIDATE = "candidate"  # a weaker likeness, for an analyst to check; never shown as a hit


@dataclass(frozen=True)
class SanctionsList:
    """One dated version of a list as the user supplied it; `series` names the list across versions
    ("UN Security Council consolidated list"), so a report is screened against the version in force."""

    id: str  # series and date, e.g. "ofac-sdn@2024-05-03"
    series: str  # "UN Security Council consolidated list", "OFAC SDN", a FtM file's name
    date: str  # ISO date of the version (UN: dateGenerated; OFAC: the file name or --date)
    source: str  # the file it was read from
    format: str  # un-xml | ofac-csv | ftm


@dataclass(frozen=True)
class ListEntry:
    """One listed person, organisation or vessel, with every name it is listed under."""

    entry_id: str  # the list's own reference: "KPi.033", OFAC ent_num "20157", a FtM id
    kind: str  # person | organization | vessel | other
    name: str  # the primary name as listed
    aliases: tuple[str, ...] = ()  # a.k.a., f.k.a. and original-script names
    weak_aliases: tuple[str, ...] = ()  # names the list itself calls weak (UN "Low" quality): candidates at most
    programmes: tuple[str, ...] = ()  # "DPRK3", "RUSSIA-EO14024", UN list type "DPRK"
    listed_on: str | None = None  # ISO date the entry was listed, where the list gives it
    imo: str | None = None  # a vessel's IMO number, 7 digits with a valid check digit
    birth_dates: tuple[str, ...] = ()  # ISO dates or years
    countries: tuple[str, ...] = ()  # nationality or country as the list writes it

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Match:
    """A store entity likened to a list entry: how strongly, on what, and whether it is a hit."""

    entity_id: str  # the canonical entity, "person:kim-jong-un", "vessel:imo-9123456"
    list_id: str
    entry_id: str
    score: float  # 0–1, from the matcher
    level: str  # HIT | CANDIDATE
    matched: str  # what matched: 'name "Kim Jong Un" ~ "KIM, Jong Un"', "IMO 9123456"


@dataclass(frozen=True)
class Screened:
    """An entity of the store as screening sees it: its id, kind and every name the reports give it."""

    entity_id: str
    kind: str  # person | organization | vessel
    name: str
    names: tuple[str, ...] = ()  # other names the reports use
    imo: str | None = None  # a vessel's IMO number

    @property
    def all_names(self) -> list[str]:
        return list(dict.fromkeys((self.name, *self.names)))
