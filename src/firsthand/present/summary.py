"""What a table cell shows of a list that can run to hundreds: disagreements counted by label and
kind with the strongest few written out."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from ..model.assessment import Disagreement

SHOWN = 3  # disagreements written out in a cell; the rest are counted
_STRENGTH = {"conflict": 0, "unclear": 1, "compatible": 2}  # a conflict matters most to the reader


@dataclass(frozen=True)
class Tally:
    label: str  # conflict | unclear | compatible
    kind: str  # quantity | date | polarity
    count: int

    def __str__(self) -> str:
        return f"{self.count} {self.label} ({self.kind})"


def tally(disagreements: Iterable[Disagreement]) -> list[Tally]:
    """Counts by label and kind, conflicts first."""
    counts = Counter((d.label, d.kind) for d in disagreements)
    return [Tally(label, kind, n) for (label, kind), n in sorted(counts.items(), key=lambda item: (_STRENGTH[item[0][0]], -item[1]))]


def strongest(disagreements: Iterable[Disagreement], n: int = SHOWN) -> list[Disagreement]:
    """The first `n` by strength (conflicts, then unclear, then compatible), each kept in its order."""
    return sorted(disagreements, key=lambda d: _STRENGTH[d.label])[:n]
