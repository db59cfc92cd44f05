"""Datelines: the place (and agency) that opens a wire or newspaper story."""

from __future__ import annotations

import re

# "SEOUL, South Korea — ", "WASHINGTON (Reuters) - ", "KYIV, Ukraine, Nov. 1 (AP) — "
_DATELINE = re.compile(
    # Names end in a letter or a period, so that "SEOUL -- " leaves both hyphens to the dash.
    r"^(?P<place>[A-Z][A-Z.'\- ]{1,39}[A-Z.](?:,\s*[A-Z](?:[A-Za-z.'\- ]{0,39}[A-Za-z.])?){0,2})"
    r"\s*(?:\((?P<agency>[A-Za-z]{2,12})\))?\s*[—–-]{1,2}\s+"
)


def dateline_end(text: str) -> int:
    """Where the story proper starts, after a leading dateline (0 when there is none)."""
    match = _DATELINE.match(text)
    return match.end() if match else 0


def find_dateline(text: str) -> tuple[str | None, str | None]:
    """(dateline place, agency credit) at the start of a text, or (None, None)."""
    match = _DATELINE.match(text)
    if not match:
        return None, None
    return match.group("place").strip(" ,"), match.group("agency")
