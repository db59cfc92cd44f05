"""Moving what was read in a stretch of a text (a section of a long report, one sentence read on its
own) to where that stretch starts in the whole text.

Which fields are character offsets is data, per type: everything else is followed into when it holds
more of the model (a claim's quantities and hedges, an event's sentences and transfer), and left
as it is otherwise (an event date's `end` is a date, not an offset).
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

from .claim import Claim, TextSpan
from .event import TextRef
from .mention import Mention
from .quantity import Quantity
from .reading import Sentence
from .time_expression import TimeExpr

T = TypeVar("T")

OFFSETS: dict[type, tuple[str, ...]] = {
    Sentence: ("start", "end"),
    TextSpan: ("start", "end"),
    Mention: ("start", "end"),
    Quantity: ("start", "end"),
    TimeExpr: ("start", "end"),
    Claim: ("start", "end", "sentence_start", "sentence_end"),
    TextRef: ("start", "end"),
}


def shifted(value: T, by: int) -> T:
    """`value` with every character offset in it moved `by` characters; unchanged parts are kept, not copied."""
    if not by:
        return value
    return _shifted(value, by)


def _shifted(value: Any, by: int) -> Any:
    if isinstance(value, (list, tuple)):
        moved = [_shifted(item, by) for item in value]
        if all(new is old for new, old in zip(moved, value)):
            return value
        return moved if isinstance(value, list) else tuple(moved)
    if not dataclasses.is_dataclass(value) or isinstance(value, type):
        return value
    offsets = OFFSETS.get(type(value), ())
    changes = {}
    for field in dataclasses.fields(value):
        if not field.init:
            continue
        old = getattr(value, field.name)
        new = old + by if field.name in offsets else _shifted(old, by)
        if new is not old:
            changes[field.name] = new
    return dataclasses.replace(value, **changes) if changes else value
