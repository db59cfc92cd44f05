"""A geocoded place: where a mention or an event lies."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Place:
    """A geocoded place. For a region or a country, (lat, lon) is a representative point."""

    name: str
    lat: float
    lon: float
    country: str | None  # ISO alpha-3
    precision: str  # site | town | region | country
    feature: str  # cosmodrome, port, city, capital, country...
    id: str  # "curated:vostochny-cosmodrome", "geonames:2013348"
    source: str  # curated | geonames
