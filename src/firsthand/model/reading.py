"""What reading one report yields: the data that crosses from the read stage to the store."""

from __future__ import annotations

from dataclasses import dataclass, field

from .claim import Claim
from .event import Event
from .mention import Mention
from .quantity import Quantity
from .time_expression import TimeExpr


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int


@dataclass
class Reading:
    report_id: str
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    skipped: str | None = None  # why the report was not read (not English, say)
