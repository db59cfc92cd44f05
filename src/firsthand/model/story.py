"""Stories (reports about one development), derivations between their reports, and what the
analysis of a story stores."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .assessment import Assessment

# The METER corpus labels of journalistic text reuse.
Label = Literal["wholly", "partially", "not"]


@dataclass(frozen=True)
class Story:
    id: str
    report_ids: tuple[str, ...]


@dataclass(frozen=True)
class Derivation:
    source_id: str
    derived_id: str
    label: Label
    containment: float  # share of the derived report's unquoted trigrams found in the source
    shared_quotes: tuple[str, ...]
    wire_credit: tuple[str, ...]  # wires the derived report credits


@dataclass
class StoryAnalysis:
    """What linking and grading found in one story, ready to store."""

    story: Story
    title: str | None
    first: str | None
    last: str | None
    derivations: list[Derivation]
    assessments: list[Assessment]
    basis: str = ""  # what the analysis was made from: unchanged, it need not be made again


@dataclass(frozen=True)
class StoryRow:
    """A stored story as the pages list it: its title, size and span of publication."""

    id: str
    title: str | None
    size: int
    first_published: str | None
    last_published: str | None
    report_ids: tuple[str, ...]
