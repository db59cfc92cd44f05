"""RSS and Atom feeds: each entry is a report, from its own text or from the page its link names,
with the entry's metadata."""

from __future__ import annotations

import re
from dataclasses import dataclass

import feedparser

from .limits import EXTRACTION_SECONDS, time_limit
from .problem import IngestError
from .published import parse_published


@dataclass(frozen=True)
class FeedEntry:
    link: str | None
    title: str | None
    byline: str | None
    outlet: str | None
    published: object | None  # struct_time from feedparser
    text: str | None = None  # the entry's own text: its content (content:encoded, Atom content), else its summary
    html: bool = True  # whether `text` is HTML (feedparser gives the type of each)


def looks_like_feed(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith("<?xml") and ("<rss" in head or "<feed" in head or "<rdf" in head) or head.startswith(("<rss", "<feed"))


# An entity declaration: news feeds never need one, and it is how XML entity expansion ("billion
# laughs") and external entities (XXE, file:///etc/passwd) are smuggled in. Searched anywhere, as a
# plain substring, so that no arrangement of comments hides it and the check stays linear.
_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.I)


def parse_feed(data: bytes, source: str, seconds: float | None = EXTRACTION_SECONDS) -> list[FeedEntry]:
    if _ENTITY_DECLARATION.search(data):
        raise IngestError(source, "feed declares XML entities (refused: entity expansion and external entities)")
    try:
        with time_limit(seconds, source, "feed parsing"):
            parsed = feedparser.parse(data)
    except IngestError:
        raise
    except Exception as error:  # feedparser's own bugs on broken markup (fuzzing found a KeyError)
        raise IngestError(source, f"malformed feed (the feed parser failed: {type(error).__name__} {error})") from None
    outlet = parsed.feed.get("title")
    entries = []
    for entry in parsed.entries:
        text, html = _entry_text(entry)
        if entry.get("link") or text:
            entries.append(FeedEntry(entry.get("link") or None, entry.get("title"), entry.get("author"), outlet,
                                     entry.get("published_parsed") or entry.get("updated_parsed"), text, html))
    if not entries:
        reason = parsed.get("bozo_exception")
        raise IngestError(source, f"malformed feed ({reason})" if reason else "feed has no entries with a link or text")
    return entries


def _entry_text(entry) -> tuple[str | None, bool]:
    """The longest of the entry's contents, else its summary, and whether it is HTML."""
    details = sorted(entry.get("content") or [], key=lambda content: len(content.get("value") or ""), reverse=True)
    details.append(entry.get("summary_detail") or {})
    for detail in details:
        value = (detail.get("value") or "").strip()
        if value:
            return value, "html" in (detail.get("type") or "text/html")
    return None, True


def entry_metadata(entry: FeedEntry) -> dict:
    """The feed's metadata for a report: the entry knows title and time better than the page."""
    meta = {"title": entry.title, "byline": entry.byline, "outlet": entry.outlet, "url": entry.link}
    if entry.published:
        try:
            meta["published"], meta["published_precision"] = parse_published(entry.published)
        except ValueError:
            pass  # an impossible entry time (a leap second, day 0): the page may still carry its own
    return {key: value for key, value in meta.items() if value}
