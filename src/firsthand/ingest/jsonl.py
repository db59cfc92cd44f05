"""JSONL: one report per line, with its text or a URL to fetch, and its metadata."""

from __future__ import annotations

import json
from collections.abc import Iterator

from .problem import IngestError
from .published import parse_published

FIELDS = ("title", "outlet", "url", "byline", "dateline", "language")


def records_from_jsonl(data: bytes, source: str) -> Iterator[dict | IngestError]:
    """Each line's fields ready for a Report (text or url required); a bad line is an error naming
    its position (file:line:column), not the end."""
    # Lines end at "\n" only: JSON strings may hold U+2028 and other characters splitlines() breaks at.
    for number, raw in enumerate(data.split(b"\n"), 1):
        if not raw.strip():
            continue
        where = f"{source}:{number}"
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            yield IngestError(f"{where}:{error.start + 1}", "invalid UTF-8 (JSON text is UTF-8)")
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            yield IngestError(f"{where}:{error.colno}", f"invalid JSON: {error.msg}")
            continue
        except (ValueError, RecursionError) as error:  # a 5,000-digit number; arrays nested 100,000 deep
            yield IngestError(where, f"invalid JSON ({str(error).split(';')[0][:100] or type(error).__name__})")
            continue
        if not isinstance(row, dict) or not (_filled(row.get("text")) or _filled(row.get("url"))):
            yield IngestError(where, "a line needs a non-empty 'text' or 'url' string")
            continue
        record = {key: str(row[key]) for key in FIELDS if row.get(key)}
        record["text"] = row["text"] if _filled(row.get("text")) else None
        record["source"] = where
        if row.get("published"):
            try:
                record["published"], record["published_precision"] = parse_published(row["published"])
            except ValueError as error:
                yield IngestError(where, str(error))
                continue
        yield record


def _filled(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())
