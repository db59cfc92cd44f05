"""Independent origins: ten reports relaying one briefing are one origin, not ten.

Within a group of matching claims, two origins are one when they are the same source (entity or
name), when one relayed the other's information in the same report (NIS → lawmaker Yoo, or one
attribution nested in another), or when both are the reports' own voice and one report was
derived from the other. A report's own voice
does not count beside a source that report cites for the same claim.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..model.claim import Claim, Source
from ..model.story import Derivation

RELAYING = {"recipient", "relay"}


@dataclass
class OriginSet:
    """One independent origin: the sources found to be the same, and the claims resting on it."""

    sources: list[Source] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)

    @property
    def source(self) -> Source:
        """The one to name: a cited source before an outlet's own voice."""
        return min(self.sources, key=lambda s: (s.kind == "outlet", self.sources.index(s)))

    @property
    def via(self) -> list[str]:
        names = {s.name for s in self.sources}
        return list(dict.fromkeys(link.name for c in self.claims for link in c.chain[1:-1]
                                  if link.role == "relay" and link.name not in names))

    @property
    def report_ids(self) -> list[str]:
        return list(dict.fromkeys(c.report_id for c in self.claims))


def _outlet_key(claim: Claim) -> str:
    return f"outlet:{claim.report_id}"


def _key(claim: Claim) -> str:
    # A report's own voice is keyed by the report: two outlets' own statements are two origins.
    return _outlet_key(claim) if claim.origin.kind == "outlet" else claim.origin.key


class Relays:
    """Who relayed whom among a story's claims, and which of its reports derive from which: read
    once per story, then asked for each group of claims (scanning the whole story for every group
    would cost groups x claims)."""

    def __init__(self, context: Iterable[Claim] = (), derivations: Iterable[Derivation] = ()) -> None:
        self.links: dict[str, set[str]] = defaultdict(set)
        for claim in context:
            self._add_chain(claim, self.links)
        for derivation in derivations:
            if derivation.label != "not":
                self._add(f"outlet:{derivation.derived_id}", f"outlet:{derivation.source_id}", self.links)

    @staticmethod
    def _add(a: str, b: str, links: dict[str, set[str]]) -> None:
        links[a].add(b)
        links[b].add(a)

    @classmethod
    def _add_chain(cls, claim: Claim, links: dict[str, set[str]]) -> None:
        for link in claim.chain[1:-1]:
            if link.role in RELAYING:
                cls._add(link.key, claim.origin.key, links)

    def origins(self, claims: Iterable[Claim]) -> list[OriginSet]:
        """The independent origins of a group of claims."""
        claims = list(claims)
        cited = {c.report_id for c in claims if c.origin.kind != "outlet"}
        claims = [c for c in claims if c.origin.kind != "outlet" or c.report_id not in cited]
        keys = {_key(c) for c in claims}
        parent = {k: k for k in keys}

        def find(k: str) -> str:
            while parent[k] != k:
                parent[k] = parent[parent[k]]
                k = parent[k]
            return k

        # The group's own chains, beside the story's, in case they are not in its context.
        own: dict[str, set[str]] = defaultdict(set)
        for claim in claims:
            self._add_chain(claim, own)
        for links in (self.links, own):
            for key in keys:
                for other in links.get(key, ()):
                    if other in parent:
                        parent[find(key)] = find(other)
        # Nested attributions ("X told lawmakers ..., according to a lawmaker") cover the same words
        # of one report: the outer source relays the inner one. Swept in order of start.
        ordered = sorted(claims, key=lambda c: (c.report_id, c.start))
        for n, a in enumerate(ordered):
            for b in ordered[n + 1:]:
                if b.report_id != a.report_id or b.start >= a.end:
                    break
                if a.start < b.end:
                    parent[find(_key(a))] = find(_key(b))
        sets: dict[str, OriginSet] = {}
        for claim in claims:
            found = sets.setdefault(find(_key(claim)), OriginSet())
            found.claims.append(claim)
            if claim.origin not in found.sources:
                found.sources.append(claim.origin)
        return list(sets.values())


def independent_origins(claims: Iterable[Claim], context: Iterable[Claim] = (),
                        derivations: Iterable[Derivation] = ()) -> list[OriginSet]:
    """The independent origins of a group of claims; `context` holds the other claims of the same
    reports (whose chains show who relayed whom), `derivations` the text reuse between reports."""
    return Relays(context, derivations).origins(claims)
