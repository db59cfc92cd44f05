"""From what the user names (files, folders, URLs, feeds) to Reports, one error line per bad input."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ..model.report import Report
from .dateline import find_dateline
from .decode import MAX_BYTES, decode, read_file
from .feeds import entry_metadata, looks_like_feed, parse_feed
from .fetch import FetchPolicy, fetch
from .html_page import looks_like_html, report_from_html
from .jsonl import records_from_jsonl
from .language import guess_language
from .limits import EXTRACTION_SECONDS
from .problem import IngestError
from .reuters import reports_from_sgml

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SGML_SUFFIXES = {".sgm", ".sgml"}
TEXT_SUFFIXES = {".txt", ".text", ".md"}
# What a folder walk takes; a file named on the command line is read whatever its name.
REPORT_SUFFIXES = HTML_SUFFIXES | FEED_SUFFIXES | JSONL_SUFFIXES | SGML_SUFFIXES | TEXT_SUFFIXES
NOT_REPORTS = ("readme", "license", "licence", "copying", "changelog")

Item = Report | IngestError


@dataclass(frozen=True)
class IngestOptions:
    published: datetime | None = None  # used when a report carries no time of its own
    outlet: str | None = None
    max_bytes: int = MAX_BYTES
    fetch: FetchPolicy = field(default_factory=FetchPolicy)
    seconds: float | None = EXTRACTION_SECONDS  # per page or feed parse (see limits.py)


def is_url(value: str) -> bool:
    return value.startswith(("http://", "https://"))


def is_report_file(path: Path) -> bool:
    return path.suffix.lower() in REPORT_SUFFIXES and not path.name.lower().startswith(NOT_REPORTS)


def expand(inputs: Iterable[str]) -> Iterator[str]:
    """URLs as they are, files, and the report files under folders (sorted; hidden files, READMEs
    and licences, images and other non-report files skipped)."""
    for value in inputs:
        path = Path(value)
        if is_url(value) or not path.is_dir():
            yield value
            continue
        for child in sorted(path.rglob("*")):
            relative = child.relative_to(path).parts
            if child.is_file() and is_report_file(child) and not any(part.startswith(".") for part in relative):
                yield str(child)


def finish(report: Report, options: IngestOptions) -> Item:
    """Fill what the input did not say: dateline, language, the user's defaults."""
    if not report.text:
        return IngestError(report.source, "no text (empty after whitespace is removed)")
    changes: dict = {}
    if report.dateline is None:
        dateline, agency = find_dateline(report.text)
        if dateline:
            changes["dateline"] = dateline
            if agency and not report.outlet:
                changes["outlet"] = agency
    guess = guess_language(report.text)
    # A declared "en" is often a CMS default on pages in other languages; a confident guess wins.
    if report.language is None or report.language == "en" and guess not in (None, "en", "und"):
        changes["language"] = guess
    if report.published is None and options.published is not None:
        changes["published"], changes["published_precision"] = options.published, "second"
    if report.outlet is None and options.outlet:
        changes["outlet"] = options.outlet
    return report.with_(**changes) if changes else report


def reports_from(value: str, options: IngestOptions = IngestOptions()) -> Iterator[Item]:
    """Every report one input holds (a JSONL, SGML or feed holds many), or the errors instead."""
    try:
        if is_url(value):
            yield from _from_url(value, options)
            return
        path = Path(value)
        if not path.exists():
            raise IngestError(value, "no such file or folder")
        text = decode(read_file(path, options.max_bytes), value)
        yield from _from_text(text, path.suffix.lower(), value, options)
    except IngestError as error:
        yield error
    except OSError as error:
        yield IngestError(value, error.strerror or str(error))
    except Exception as error:  # noqa: BLE001 (a bug must cost one input, not the run)
        yield IngestError(value, f"internal error ({type(error).__name__}: {str(error)[:200]}); please report it")


def _from_text(text: str, suffix: str, source: str, options: IngestOptions) -> Iterator[Item]:
    if suffix in JSONL_SUFFIXES:
        yield from _from_jsonl(text, source, options)
    elif suffix in SGML_SUFFIXES:
        yield from (finish(report, options) for report in reports_from_sgml(text, source))
    elif suffix in FEED_SUFFIXES or looks_like_feed(text):
        yield from _from_feed(text.encode("utf-8"), source, options)
    elif suffix in HTML_SUFFIXES or looks_like_html(text):
        yield finish(report_from_html(text, source, seconds=options.seconds), options)
    else:
        yield finish(Report(text=text, source=source), options)


def _from_url(url: str, options: IngestOptions, meta: dict | None = None) -> Iterator[Item]:
    fetched = fetch(url, options.fetch)
    text = decode(fetched.content, url)
    if "xml" in fetched.content_type and looks_like_feed(text) or meta is None and looks_like_feed(text):
        yield from _from_feed(fetched.content, url, options)
        return
    if "html" in fetched.content_type or looks_like_html(text):
        report = report_from_html(text, url, url=fetched.url, seconds=options.seconds)
    else:
        report = Report(text=text, url=fetched.url, source=url)
    yield finish(report.with_(**meta) if meta else report, options)


def _from_feed(data: bytes, source: str, options: IngestOptions) -> Iterator[Item]:
    for entry in parse_feed(data, source, options.seconds):
        try:
            yield from _from_url(entry.link, options, entry_metadata(entry))
        except IngestError as error:
            yield error


def _from_jsonl(text: str, source: str, options: IngestOptions) -> Iterator[Item]:
    for record in records_from_jsonl(text, source):
        if isinstance(record, IngestError):
            yield record
            continue
        body = record.pop("text")
        try:
            if body:
                yield finish(Report(text=body, **record), options)
            else:
                meta = {key: value for key, value in record.items() if key != "source"}
                yield from _from_url(record["url"], options, meta)
        except IngestError as error:
            yield error
