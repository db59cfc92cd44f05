"""Places on an equirectangular plot, drawn as inline SVG by the map page: no tiles, no script."""

from __future__ import annotations

import math
from dataclasses import dataclass

from markupsafe import Markup

from ..present.worldmap import TOLERANCE, countries, land, region_defs
from ..store.store import Located

WIDTH = 900
MIN_SPAN = 40.0  # degrees of longitude: a few nearby places still show the region around them
MARGIN = 8.0  # degrees around the outermost places
ASPECT = 0.45  # the least height for the width: a band of places along one parallel stays legible
LABELS = 25  # the most mentioned places are named on the plot, where their names do not collide


@dataclass(frozen=True)
class Point:
    located: Located
    x: float
    y: float
    r: float
    label: bool = False
    left: bool = False  # the name goes left of the dot, near the east edge


@dataclass(frozen=True)
class Plot:
    width: int
    height: int
    points: list[Point]
    meridians: list[tuple[float, int]]  # x, longitude
    parallels: list[tuple[float, int]]  # y, latitude
    west: float
    east: float
    south: float
    north: float

    @property
    def shapes(self) -> Markup:
        """The Natural Earth outlines of the countries in the plot's box, for the page to hold once."""
        # Simplified to about a pixel of this plot, in steps of 0.1° so that few tolerances are cached.
        return region_defs(self.west, self.south, self.east, self.north,
                           tolerance=max(TOLERANCE, round((self.east - self.west) / self.width, 1)))

    @property
    def land(self) -> Markup:
        """The countries drawn under the places (the outlines of `shapes`); nothing without them."""
        return Markup(land(self.west, self.south, self.east, self.north, self.width, self.height)) if countries() else Markup("")


def _extent(values: list[float], low: float, high: float, span: float) -> tuple[float, float]:
    lo, hi = min(values) - MARGIN, max(values) + MARGIN
    if hi - lo < span:
        middle = (lo + hi) / 2
        lo, hi = middle - span / 2, middle + span / 2
    if lo < low:
        lo, hi = low, min(high, low + (hi - lo))
    if hi > high:
        lo, hi = max(low, high - (hi - lo)), high
    return lo, hi


def _step(span: float) -> int:
    return next(step for step in (5, 10, 15, 30, 60) if span / step <= 8)


def plot(places: list[Located], width: int = WIDTH) -> Plot | None:
    """The places inside the box around them (plate carrée: x from longitude, y from latitude, at
    one scale), each a dot whose area grows with its mentions; None when there is none."""
    if not places:
        return None
    west, east = _extent([p.place.lon for p in places], -180.0, 180.0, MIN_SPAN)
    south, north = _extent([p.place.lat for p in places], -90.0, 90.0, max(MIN_SPAN / 2, ASPECT * (east - west)))
    scale = width / (east - west)
    height = round((north - south) * scale)
    most = max(p.mentions for p in places)
    points: list[Point] = []
    named: list[tuple[float, float]] = []
    for located in sorted(places, key=lambda p: -p.mentions):
        x, y = (located.place.lon - west) * scale, (north - located.place.lat) * scale
        label = len(named) < LABELS and all(abs(x - nx) > 60 or abs(y - ny) > 14 for nx, ny in named)
        if label:
            named.append((x, y))
        points.append(Point(located, x, y, 3 + 9 * math.sqrt(located.mentions / most), label, x > 0.8 * width))
    step = _step(east - west)
    meridians = [((lon - west) * scale, lon) for lon in range(math.ceil(west / step) * step, math.floor(east) + 1, step)]
    parallels = [((north - lat) * scale, lat) for lat in range(math.ceil(south / step) * step, math.floor(north) + 1, step)]
    return Plot(width, height, points, meridians, parallels, west, east, south, north)
