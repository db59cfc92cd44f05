"""Reuters-21578 SGML files: dated 1987 newswire stories, one <REUTERS> element each."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from ..model.report import Report
from .published import parse_published

_STORY = re.compile(r"<REUTERS\b(.*?)</REUTERS>", re.S)
_FIELD = {name: re.compile(rf"<{name}>(.*?)</{name}>", re.S) for name in ("DATE", "TITLE", "DATELINE", "BODY")}
_NEWID = re.compile(r'NEWID="(\d+)"')
_TRAILER = re.compile(r"\s*Reuter\s*(&#3;)?\s*$")
# A body's lines are wrapped at ~70 columns and each paragraph starts indented; normalizing
# trims the indent, so it is kept as a blank line, where reading ends a paragraph.
_INDENT = re.compile(r"\n[ \t]+(?=\S)")


def _field(name: str, story: str) -> str | None:
    match = _FIELD[name].search(story)
    return html.unescape(match.group(1)).strip() if match else None


def reports_from_sgml(text: str, source: str) -> Iterator[Report]:
    """Every story with a body; stories without one (about 10%) hold no report text."""
    for match in _STORY.finditer(text):
        story = match.group(1)
        body = _field("BODY", story)
        if not body:
            continue
        published = precision = None
        date = _field("DATE", story)
        if date:
            try:
                published, precision = parse_published(date)
            except ValueError:
                pass
        newid = _NEWID.search(story)
        yield Report(
            text=_INDENT.sub("\n\n", _TRAILER.sub("", body)),
            title=_field("TITLE", story),
            outlet="Reuters",
            dateline=(_field("DATELINE", story) or "").rstrip(" -") or None,
            published=published,
            published_precision=precision,
            language="en",
            source=f"{source}#{newid.group(1)}" if newid else source,
        )
