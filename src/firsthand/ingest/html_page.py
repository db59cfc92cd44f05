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


def _extract(html: str, source: str, seconds: float | None, **params):
    try:
        with time_limit(seconds, source, "HTML extraction"):
            doc = trafilatura.bare_extraction(html, include_comments=False, **params)
    except IngestError:
        raise
    except Exception as error:  # trafilatura raises many kinds on broken markup
        raise IngestError(source, f"unreadable HTML ({type(error).__name__})") from error
    if doc is None or not (doc.text or "").strip():
        raise IngestError(source, "no main text found in the HTML")
    return doc


def report_from_html(html: str, source: str, url: str | None = None, seconds: float | None = EXTRACTION_SECONDS) -> Report:
    """The main text and metadata of a page; at most `seconds` of extraction (see limits.py)."""
    doc = _extract(html, source, seconds, url=url, with_metadata=True, date_extraction_params=_DATE_PARAMS)
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


def text_of_fragment(html: str, source: str, seconds: float | None = EXTRACTION_SECONDS) -> str:
    """The text of an HTML fragment (a feed entry's content or summary): it is all main text, so it
    is extracted as an article's body, keeping short paragraphs that a page's boilerplate filter drops."""
    return _extract(f"<html><body><article>{html}</article></body></html>", source, seconds, favor_recall=True).text
