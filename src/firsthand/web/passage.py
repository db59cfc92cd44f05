"""A report laid out for reading: paragraphs of sentences, entity mentions marked, some highlighted."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..model.mention import Mention
from ..model.reading import Reading, Sentence
from ..model.report import Report

_SPAN = re.compile(r"^(\d+)-(\d+)$")


@dataclass(frozen=True)
class Piece:
    text: str
    mention: Mention | None = None


@dataclass(frozen=True)
class SentenceView:
    index: int
    start: int
    end: int
    highlighted: bool
    pieces: list[Piece]


def parse_spans(value: str | None) -> list[tuple[int, int]]:
    """`START-END` character spans, comma-separated; ValueError for anything else."""
    spans = []
    for part in (value or "").split(","):
        if not part.strip():
            continue
        found = _SPAN.match(part.strip())
        if not found or int(found[1]) >= int(found[2]):
            raise ValueError(f"highlight must be START-END character offsets with START < END, not {part.strip()!r}")
        spans.append((int(found[1]), int(found[2])))
    return spans


def _units(report: Report, reading: Reading) -> list[Sentence]:
    """The reading's sentences; for a report not read yet, its non-empty lines."""
    if reading.sentences:
        return reading.sentences
    units, offset = [], 0
    for line in report.text.split("\n"):
        if line.strip():
            units.append(Sentence(offset, offset + len(line)))
        offset += len(line) + 1
    return units


def _pieces(text: str, unit: Sentence, mentions: list[Mention]) -> list[Piece]:
    pieces, at = [], unit.start
    for mention in mentions:
        if mention.start < at or not unit.start <= mention.start < unit.end:
            continue
        end = min(mention.end, unit.end)
        if mention.start > at:
            pieces.append(Piece(text[at:mention.start]))
        pieces.append(Piece(text[mention.start:end], mention))
        at = end
    if at < unit.end:
        pieces.append(Piece(text[at:unit.end]))
    return pieces


def passage(report: Report, reading: Reading, highlights: Sequence[tuple[int, int]] = ()) -> list[list[SentenceView]]:
    """Paragraphs (a line break in the text starts one) of sentences, each split at its mentions."""
    mentions = sorted(reading.mentions, key=lambda m: m.start)
    paragraphs: list[list[SentenceView]] = []
    previous_end = None
    for index, unit in enumerate(_units(report, reading)):
        if previous_end is None or "\n" in report.text[previous_end:unit.start]:
            paragraphs.append([])
        lit = any(start < unit.end and unit.start < end for start, end in highlights)
        paragraphs[-1].append(SentenceView(index, unit.start, unit.end, lit, _pieces(report.text, unit, mentions)))
        previous_end = unit.end
    return paragraphs


@dataclass(frozen=True)
class Excerpt:
    """A claim's sentence with the claim's own span marked: before, marked, after."""

    before: str
    marked: str
    after: str


def excerpt(text: str, sentence: tuple[int, int], span: tuple[int, int]) -> Excerpt:
    """The sentence `text[sentence]` split at `span` (clipped to the sentence: an attributed claim
    may start in the sentence before its cue)."""
    first, last = sentence
    start, end = max(span[0], first), min(span[1], last)
    if start >= end:
        return Excerpt(text[first:last], "", "")
    return Excerpt(text[first:start], text[start:end], text[end:last])
