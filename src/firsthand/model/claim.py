"""The Claim: one check-worthy factual statement in one report, with its attribution chain (Source)
and its Certainty, everything needed to judge it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from .quantity import Quantity
from .time_expression import TimeExpr


@dataclass(frozen=True)
class TextSpan:
    """A stretch of the document text; start and end are character offsets into it."""

    start: int
    end: int
    text: str

    def overlaps(self, other: TextSpan) -> bool:
        """Whether the two share a character."""
        return self.start < other.end and other.start < self.end

    def covers(self, offset: int) -> bool:
        """Whether the character at offset (a token's `idx`) is in the span."""
        return self.start <= offset < self.end

    def within(self, other: TextSpan) -> bool:
        """Whether every character of this span is in the other."""
        return other.start <= self.start and self.end <= other.end


@dataclass(frozen=True)
class Cue:
    kind: str
    span: TextSpan


@dataclass(frozen=True)
class Certainty:
    hedges: tuple[TextSpan, ...] = ()
    boosters: tuple[TextSpan, ...] = ()
    negations: tuple[TextSpan, ...] = ()
    level: str = "certain"
    polarity: str = "positive"  # "positive" | "negative"
    denial: bool = False
    modality: str = "asserted"  # "asserted" | "hypothetical" | "future" | "conditional"
    opinion: bool = False  # the claim is someone's belief ("officials think ...")
    # The report's stance toward the claim (claims/stance.py): "asserts" it, "reports" it without
    # endorsing it (attributed, hedged), or "disputes" it.
    stance: str = "asserts"
    cues: tuple[Cue, ...] = field(default=(), repr=False, compare=False)


@dataclass(frozen=True)
class Source:
    """One link of an attribution chain: the origin first, relays next, the reporting outlet last."""

    role: str  # "origin" | "recipient" | "relay" | "reporter"
    name: str
    kind: str  # intelligence | government | legislator | open-source | party | anonymous | person | outlet
    entity_id: str | None = None

    @property
    def key(self) -> str:
        """What makes two origins the same across reports: the entity, else the normalized name."""
        return self.entity_id or f"{self.kind}:{' '.join(self.name.lower().split())}"


@dataclass(frozen=True)
class Claim:
    report_id: str
    start: int  # the claim's own span (a clause, or the content of an attribution)
    end: int
    text: str
    sentence_start: int
    sentence_end: int
    subject: str | None
    predicate: str
    object: str | None
    chain: tuple[Source, ...]
    certainty: Certainty
    cue: str | None = None  # "said", "according to", "disclosed"
    direct: bool = False  # a direct quote
    entity_ids: tuple[str, ...] = ()
    quantities: tuple[Quantity, ...] = field(default=(), compare=False)
    times: tuple[TimeExpr, ...] = ()
    places: tuple[str, ...] = ()  # place ids of the entities it names

    @property
    def id(self) -> str:
        # The origin is part of the identity: one sentence may cite two sources for the same words.
        return hashlib.sha256(f"{self.report_id}:{self.start}:{self.end}:{self.origin.key}".encode()).hexdigest()[:16]

    @property
    def origin(self) -> Source:
        return self.chain[0]

    @property
    def qualifiers(self) -> list[str]:
        """What an analyst should see beside the claim: hedges, bounds, denial, modality."""
        out = [h.text for h in self.certainty.hedges]
        out += [q.interval.render() for q in self.quantities if not q.interval.is_point or q.approximate]
        if self.certainty.denial:
            out.append("denial")
        elif self.certainty.polarity == "negative":
            out.append("negated")
        if self.certainty.modality != "asserted":
            out.append(self.certainty.modality)
        return out
