"""Observations as origins: the observations matching a claim or an event (link/observations.py)
become independent origins of kind "observation", one per observer, graded by the observer's kind
(reliability.json `observers`). An observer the reports already cite as an origin ("Global
Fishing Watch data show ...") is that origin, not a second one: nothing is counted twice."""

from __future__ import annotations

from collections.abc import Sequence

from ..model.assessment import Origin
from ..model.observation import Observation
from .reliability import ReliabilityTable

OBSERVATION = "observation"  # the Origin.kind of an observation


def _key(name: str) -> str:
    return " ".join(name.lower().split())


def observed_origins(observations: Sequence[Observation], cited: Sequence[Origin],
                     table: ReliabilityTable) -> tuple[Origin, ...]:
    """One origin per observer of the matching observations, named by what it saw ("an AIS
    encounter on 2016-06-03 at 38.69 N 124.37 E, by Global Fishing Watch"), unless the reports
    already cite that observer."""
    named = {_key(o.name) for o in cited}
    by_observer: dict[str, list[Observation]] = {}
    for one in observations:
        if _key(one.observer) not in named:
            by_observer.setdefault(one.observer, []).append(one)
    out = []
    for observer, seen in by_observer.items():
        more = f" and {len(seen) - 1} more" if len(seen) > 1 else ""
        out.append(Origin(f"{OBSERVATION}:{_key(observer)}", f"{seen[0].describe()}{more}, by {observer}",
                          table.observer(seen[0].observer_kind), kind=OBSERVATION))
    return tuple(out)


def resting_on(observations: Sequence[Observation], origins: Sequence[Origin]) -> tuple[str, ...]:
    """The ids of the observations an assessment's origins include."""
    keys = {o.key for o in origins if o.kind == OBSERVATION}
    return tuple(seen.id for seen in observations if f"{OBSERVATION}:{_key(seen.observer)}" in keys)
