"""Which observations bear on which claims: an observation (an AIS encounter, an image) matches a
claim when they share a vessel, and the time and place agree where both are stated. The rule, and
its tolerances as data (`data/observation_matching.json`):

- vessel: an id of the claim's (`vessel:imo-…`, `vessel:mmsi-…`, read/vessels.py) is among the
  observation's (which a vessel table extends from an MMSI to its IMO number);
- time: the observation's window overlaps a day span of a date the claim states (widened by
  `slack_days`); a claim that states no date matches an observation that began no later than the
  day its report was published (a report cannot rest on what was seen after it);
- place: when the claim names a place the reading geocoded, the observation lies within the
  tolerance of one of them for its precision (a site or town ~100 km, a country ~1,000 km from
  its representative point), or within the box of a sea it names (`seas`: "the Yellow Sea");
  a claim naming no such place is not held to one.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache

from .. import resources
from ..model.claim import Claim
from ..model.mention import Mention
from ..model.observation import Observation
from ..model.place import Place
from ..read.timeres.values import bounds

DATE_TYPES = frozenset({"DATE", "TIME"})
EARTH_KM = 6371.0


@dataclass(frozen=True)
class Rules:
    slack_days: int
    tolerance_km: dict[str, float]
    seas: dict[str, tuple[float, float, float, float]]  # by place id: south, north, west, east


@cache
def rules() -> Rules:
    data = resources.json_data("firsthand.link", "data", "observation_matching.json")
    return Rules(int(data["slack_days"]), {k: float(v) for k, v in data["tolerance_km"].items()},
                 {k: (s, n, w, e) for k, (s, n, w, e) in data["seas"].items()})


def vessels_of(entity_ids: Iterable[str]) -> frozenset[str]:
    return frozenset(e for e in entity_ids if e.startswith("vessel:"))


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(a)))


def _spans(claim: Claim) -> list[tuple[date, date]]:
    """The day spans of the dates a claim states; a range ("since August") from its begin to its end."""
    out = []
    for t in claim.times:
        if t.type not in DATE_TYPES:
            continue
        first, last = bounds(t.begin or t.value), bounds(t.range_end or t.value)
        if first and last:
            out.append((first[0], last[1]))
    return out


class ObservationMatcher:
    """A story's observations, matched claim by claim; `places` are the geocoded places the story's
    reports name, by place id, and `published` each report's publication time."""

    def __init__(self, observations: list[Observation], places: dict[str, Place],
                 published: dict[str, datetime | None], matching: Rules | None = None) -> None:
        self.rules = matching or rules()
        self.places = places
        self.published = published
        self.by_vessel: dict[str, list[Observation]] = {}
        for seen in observations:
            for vessel in seen.vessels:
                self.by_vessel.setdefault(vessel, []).append(seen)

    @classmethod
    def of_story(cls, observations: list[Observation], mentions: dict[str, list[Mention]],
                 published: dict[str, datetime | None]) -> ObservationMatcher:
        places = {m.place.id: m.place for found in mentions.values() for m in found if m.place is not None}
        return cls(observations, places, published)

    def matching(self, claims: Iterable[Claim]) -> list[Observation]:
        """The observations that match any of the claims, each once, in order of time."""
        found: dict[str, Observation] = {}
        for claim in claims:
            for vessel in vessels_of(claim.entity_ids):
                for seen in self.by_vessel.get(vessel, ()):
                    if seen.id not in found and self._time_agrees(claim, seen) and self._place_agrees(claim, seen):
                        found[seen.id] = seen
        return sorted(found.values(), key=lambda o: (o.begin, o.id))

    def _time_agrees(self, claim: Claim, seen: Observation) -> bool:
        slack = timedelta(days=self.rules.slack_days)
        spans = _spans(claim)
        if spans:
            return any(first - slack <= seen.end.date() and seen.begin.date() <= last + slack for first, last in spans)
        published = self.published.get(claim.report_id)
        return published is None or seen.begin.date() <= published.date()

    def _place_agrees(self, claim: Claim, seen: Observation) -> bool:
        named = [self.places[p] for p in claim.places if p in self.places]
        seas = [self.rules.seas[e] for e in claim.entity_ids if e in self.rules.seas]
        if not (named or seas) or seen.lat is None or seen.lon is None:
            return True
        lat, lon = seen.lat, seen.lon
        tolerance = self.rules.tolerance_km
        return any(distance_km(lat, lon, p.lat, p.lon) <= tolerance.get(p.precision, tolerance["site"]) for p in named) \
            or any(south <= lat <= north and west <= lon <= east for south, north, west, east in seas)
