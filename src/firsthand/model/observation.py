"""An observation: something seen at a time and place by someone other than a reporter (an AIS
encounter of two vessels, a satellite image of a port). Not a report: a first-hand origin of its
own, which grading counts beside the reports' origins when it matches what they claim."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Observation:
    """One row of an observation file. `begin`/`end` are UTC; `vessels` the canonical vessel ids it
    observed, sorted (`vessel:imo-…`, `vessel:mmsi-…`, both when a vessel table ties an MMSI to an IMO)."""

    kind: str  # what was observed: "AIS encounter", "satellite image"
    observer: str  # who made it: "Global Fishing Watch"
    observer_kind: str  # what kind of observer, which its reliability is looked up by: "AIS provider"
    begin: datetime
    end: datetime
    lat: float | None
    lon: float | None
    vessels: tuple[str, ...] = ()
    names: tuple[str, ...] = ()  # the vessels' names where the file or its vessel table gives them
    description: str = ""
    source: str = ""  # the file and line it came from

    @property
    def id(self) -> str:
        """First 16 hex of SHA-256 of what was observed: the same row ingested again is the same observation."""
        content = [self.kind, self.observer, self.observer_kind, self.begin.isoformat(), self.end.isoformat(),
                   self.lat, self.lon, sorted(self.vessels), self.description]
        return hashlib.sha256(json.dumps(content).encode("utf-8")).hexdigest()[:16]

    @property
    def where(self) -> str:
        if self.lat is None or self.lon is None:
            return ""
        return f"{abs(self.lat):.2f} {'N' if self.lat >= 0 else 'S'} {abs(self.lon):.2f} {'E' if self.lon >= 0 else 'W'}"

    @property
    def when(self) -> str:
        first, last = self.begin.date().isoformat(), self.end.date().isoformat()
        return first if first == last else f"{first} to {last}"

    def describe(self) -> str:
        """How an explanation names it: "an AIS encounter on 2016-06-03 at 38.69 N 124.37 E"."""
        article = "an" if self.kind[:1].lower() in "aeiou" else "a"
        at = f" at {self.where}" if self.where else ""
        return f"{article} {self.kind} on {self.when}{at}"
