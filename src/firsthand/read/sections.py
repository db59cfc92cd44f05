"""Long reports are read in sections: stretches of the text cut at paragraph boundaries (blank
lines; else line breaks; else sentence ends; else between words), each read as a Doc of its own,
so that reading time grows with the length and memory stays bounded whatever the length.

The cutting is semantic-text-splitter's (the largest units of text that fit, merged up to the
size); a text no longer than one section is one section, read exactly as it always was.
"""

from __future__ import annotations

from functools import cache

from semantic_text_splitter import TextSplitter

# Characters in a section: large enough that a section holds what a component reads across
# sentences (the full name before "Mr. Kim", the date before "that day") in all but a few
# places; small enough to keep a section's Doc small. Chosen by bench/bench_long_report.py.
SECTION = 50_000


@cache
def _splitter(size: int) -> TextSplitter:
    return TextSplitter(size, trim=False)  # untrimmed: the sections put together are the text


def sections(text: str, size: int = SECTION) -> list[tuple[int, int]]:
    """(start, end) of each section of `text`, in order, covering it."""
    if len(text) <= size:
        return [(0, len(text))]
    return [(start, start + len(chunk)) for start, chunk in _splitter(size).chunk_indices(text)]
