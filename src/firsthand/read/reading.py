"""What reading one report yields: the data that crosses from the read stage to the store."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int


@dataclass(frozen=True)
class Mention:
    """A named entity in a report; `entity_id` is its canonical id when one is known."""

    start: int
    end: int
    text: str
    label: str
    entity_id: str | None = None


@dataclass
class Reading:
    report_id: str
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    skipped: str | None = None  # why the report was not read (not English, say)
