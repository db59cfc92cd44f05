"""HTML pages: main text and metadata with trafilatura, boilerplate removed."""

from __future__ import annotations

import re

import trafilatura

from ..model.report import Report
from .limits import EXTRACTION_SECONDS, time_limit
from .problem import IngestError
from .published import parse_published

_LANG = re.compile(r"<html[^>]*\blang=[\"']?([A-Za-z]{2,3})", re.I)
# Ask htmldate for the full time, not only the day, when the page carries it.
_DATE_PARAMS = {"outputformat": "%Y-%m-%dT%H:%M:%S%z", "extensive_search": True, "original_date": True}


def looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in head)


def report_from_html(html: str, source: str, url: str | None = None, seconds: float | None = EXTRACTION_SECONDS) -> Report:
    """The main text and metadata of a page; at most `seconds` of extraction (see limits.py)."""
    try:
        with time_limit(seconds, source, "HTML extraction"):
            doc = trafilatura.bare_extraction(
                html, url=url, with_metadata=True, include_comments=False, date_extraction_params=_DATE_PARAMS
            )
    except IngestError:
        raise
    except Exception as error:  # trafilatura raises many kinds on broken markup
        raise IngestError(source, f"unreadable HTML ({type(error).__name__})") from error
    if doc is None or not (doc.text or "").strip():
        raise IngestError(source, "no main text found in the HTML")
    published = precision = None
    if doc.date:
        try:
            published, precision = parse_published(doc.date)
        except ValueError:
            pass
    lang = _LANG.search(html[:4096])
    return Report(
        text=doc.text,
        title=doc.title,
        outlet=doc.sitename or doc.hostname,
        url=url or doc.url,
        byline=doc.author,
        published=published,
        published_precision=precision,
        language=lang.group(1).lower() if lang else None,
        source=source,
    )
