"""A cheap language check, so that non-English reports are not read as English."""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# Function words are frequent in any English prose and rare in other languages' text.
_ENGLISH = frozenset(
    "the of and to in a is that for it as was with be by on not he this are or his from at which but "
    "have an they you were her she there been has their one we will would its who more if had said".split()
)


def guess_language(text: str, sample: int = 3000) -> str | None:
    """'en', 'und' (some other language), or None when the text is too short to tell."""
    words = _WORD.findall(text[:sample].lower())
    if len(words) < 12:
        return None
    share = sum(word in _ENGLISH for word in words) / len(words)
    return "en" if share >= 0.12 else "und"
