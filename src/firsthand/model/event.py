"""The coded event: who did what to whom, when and where, how surely, and which sentences say so."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from .place import Place
from .quantity import Interval, Quantity

# PLOVER's auxiliary modes, plus "asserted" for an event said to have happened.
ASSERTED, NEGATED, HYPOTHETICAL, FUTURE, HISTORICAL = "asserted", "negated", "hypothetical", "future", "historical"
STATUSES = (ASSERTED, NEGATED, HYPOTHETICAL, FUTURE, HISTORICAL)
# SIPRI-style transfer status.
DELIVERED, ORDERED, PROMISED, ALLEGED = "delivered", "ordered", "promised", "alleged"


@dataclass(frozen=True)
class Participant:
    """An actor or recipient: a canonical entity, the country (or IGO/NGO) it codes to, its sector."""

    id: str  # canonical entity id: "PRK", "person:kim-jong-un", "org:kor-nis", "igo:un"
    code: str | None  # PLOVER entity code: ISO alpha-3, "IGO" or "NGO"; None when unknown
    sector: str | None  # GOV, MIL, SPY, LEG, ... or None for the state as a whole
    text: str  # the words in the report ("its", "Moscow"): evidence, never the rendering
    name: str = ""  # the canonical name ("Russia"), what descriptions show

    @property
    def label(self) -> str:
        return self.name or self.text


@dataclass(frozen=True)
class EventDate:
    """When: a TIMEX3 value at a precision (day, week, month, year...), or a period."""

    value: str
    precision: str | None
    text: str
    begin: str | None = None  # "since August" → begin 2023-08, end the publication date
    end: str | None = None

    @property
    def label(self) -> str:
        """The date as a reader should see it: a period is "since" its start, not the start itself."""
        return f"since {self.value}" if self.begin and self.end else self.value


@dataclass(frozen=True)
class EventPlace:
    place: Place
    text: str

    @property
    def precision(self) -> str:  # site | town | region | country
        return self.place.precision


@dataclass(frozen=True)
class Transfer:
    """SIPRI-style fields of a described transfer."""

    item: str | None  # "artillery shells"
    quantity: Quantity | None  # as the quantity stage read it, bounds kept
    status: str  # delivered | ordered | promised | alleged
    period_begin: str | None = None
    period_end: str | None = None

    @property
    def interval(self) -> Interval | None:
        return self.quantity.interval if self.quantity else None


@dataclass(frozen=True)
class TextRef:
    """A sentence that states the event: offsets into the report's text."""

    report_id: str | None
    start: int
    end: int


@dataclass
class Event:
    type: str  # one of the 16 PLOVER types
    mode: str | None
    context: tuple[str, ...]
    actors: list[Participant]
    recipients: list[Participant]
    status: str = ASSERTED  # asserted | negated | hypothetical | future | historical
    certainty: str = "certain"  # certain | probable | possible | doubtful (hedges in the text)
    date: EventDate | None = None
    place: EventPlace | None = None
    transfer: Transfer | None = None
    reported_by: list[Participant] = field(default_factory=list)  # the attributed source, if any
    trigger: str = ""  # the word(s) that name the event
    spans: list[TextRef] = field(default_factory=list)

    @property
    def happened(self) -> bool:
        """Whether the report says it took place (not denied, supposed or still to come)."""
        return self.status in (ASSERTED, HISTORICAL)

    @property
    def actor_codes(self) -> list[str]:
        return _codes(self.actors)

    @property
    def recipient_codes(self) -> list[str]:
        return _codes(self.recipients)


def _codes(participants: list[Participant]) -> list[str]:
    return list(dict.fromkeys(p.code for p in participants if p.code))


def event_id(event: Event) -> str:
    """A stable id: the report and the first sentence that states the event, its type, trigger and
    parties (one sentence may state two sales: "Japan's firms sold ..., U.S. firms sold ...")."""
    ref = event.spans[0] if event.spans else None
    parties = ",".join(p.id for p in event.actors) + ">" + ",".join(p.id for p in event.recipients)
    key = f"{ref.report_id}:{ref.start}:{ref.end}:{event.type}:{event.trigger}:{parties}" if ref else event.trigger
    return f"FH-{event.type}-{hashlib.sha256(key.encode()).hexdigest()[:12]}"
