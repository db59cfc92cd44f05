"""From what the user names (files, folders, URLs, feeds) to Reports, one error line per bad input."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from ..model.report import Report
from .dateline import find_dateline
from .decode import MAX_BYTES, decode, read_file, utf8_lines
from .feeds import FeedEntry, entry_metadata, looks_like_feed, parse_feed
from .fetch import FetchPolicy, fetch
from .front_matter import split_front_matter
from .html_page import looks_like_html, report_from_html, text_of_fragment
from .jsonl import records_from_jsonl
from .language import guess_language
from .limits import EXTRACTION_SECONDS
from .markdown import SUFFIXES as MARKDOWN_SUFFIXES, render_markdown
from .problem import IngestError, IngestNote
from .reuters import reports_from_sgml

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SGML_SUFFIXES = {".sgm", ".sgml"}
TEXT_SUFFIXES = {".txt", ".text"}
# What a folder walk takes; a file named on the command line is read whatever its name.
REPORT_SUFFIXES = HTML_SUFFIXES | FEED_SUFFIXES | JSONL_SUFFIXES | SGML_SUFFIXES | TEXT_SUFFIXES | MARKDOWN_SUFFIXES
NOT_REPORTS = ("readme", "license", "licence", "copying", "changelog")
# A feed entry's own text this long is the article itself (a summary is a paragraph or two).
FULL_TEXT_WORDS = 150

Item = Report | IngestError | IngestNote


@dataclass(frozen=True)
class IngestOptions:
    published: datetime | None = None  # used when a report carries no time of its own
    outlet: str | None = None
    max_bytes: int = MAX_BYTES
    fetch: FetchPolicy = field(default_factory=FetchPolicy)
    seconds: float | None = EXTRACTION_SECONDS  # per page or feed parse (see limits.py)


def is_url(value: str) -> bool:
    return value.startswith(("http://", "https://"))


def skip_reason(path: Path) -> str | None:
    """Why a folder walk leaves a file out, as it is counted in the summary (None: it is read)."""
    if path.name.startswith("."):
        return "hidden"
    if path.name.lower().startswith(NOT_REPORTS):
        return "README or licence"
    if path.suffix.lower() not in REPORT_SUFFIXES:
        return path.suffix.lower() or "no extension"
    return None


def expand(inputs: Iterable[str], skipped: Counter[str] | None = None) -> Iterator[str]:
    """URLs as they are, files, and the report files under folders (sorted). Hidden files and
    folders, READMEs and licences, images and other non-report files are left out, and counted in
    `skipped` by why ("hidden", "README or licence") or by extension (".pdf")."""
    for value in inputs:
        path = Path(value)
        if is_url(value) or not path.is_dir():
            yield value
            continue
        found = []
        for folder, folders, files in os.walk(path):
            for name in [name for name in folders if name.startswith(".")]:
                folders.remove(name)  # a hidden folder (.git) counts once, not by its thousands of files
                if skipped is not None:
                    skipped["hidden"] += 1
            for name in files:
                reason = skip_reason(Path(folder, name))
                if reason is None:
                    found.append(os.path.join(folder, name))
                elif skipped is not None:
                    skipped[reason] += 1
        yield from sorted(found)


def skipped_line(skipped: Counter[str]) -> str:
    """'skipped 6 file(s) that are not reports: 3 .pdf, 2 .png, 1 hidden' (most frequent first)."""
    kinds = ", ".join(f"{count} {kind}" for kind, count in sorted(skipped.items(), key=lambda item: (-item[1], item[0])))
    return f"skipped {skipped.total()} file(s) that are not reports: {kinds}"


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
    """Every report one input holds (a JSONL, SGML or feed holds many), the errors instead, and
    notes on what was ingested but not quite as it stood."""
    try:
        if is_url(value):
            yield from _from_url(value, options)
            return
        path = Path(value)
        if not path.exists():
            raise IngestError(value, "no such file or folder")
        data = read_file(path, options.max_bytes)
        if path.suffix.lower() in JSONL_SUFFIXES:
            yield from _from_jsonl(utf8_lines(data, value), value, options)
            return
        decoded = decode(data, value)
        if decoded.note:
            yield decoded.note
        yield from _from_text(decoded.text, path.suffix.lower(), value, options)
    except IngestError as error:
        yield error
    except OSError as error:
        yield IngestError(value, error.strerror or str(error))
    except Exception as error:  # noqa: BLE001 (a bug must cost one input, not the run)
        yield IngestError(value, f"internal error ({type(error).__name__}: {str(error)[:200]}); please report it")


def _from_text(text: str, suffix: str, source: str, options: IngestOptions) -> Iterator[Item]:
    if suffix in SGML_SUFFIXES:
        yield from (finish(report, options) for report in reports_from_sgml(text, source))
    elif suffix in FEED_SUFFIXES or looks_like_feed(text):
        yield from _from_feed(text.encode("utf-8"), source, options)
    elif suffix in HTML_SUFFIXES or looks_like_html(text):
        yield finish(report_from_html(text, source, seconds=options.seconds), options)
    else:
        yield from _from_document(text, suffix in MARKDOWN_SUFFIXES, source, options)


def _from_document(text: str, markdown: bool, source: str, options: IngestOptions, **known) -> Iterator[Item]:
    """A text or Markdown document: its front matter read and dropped, Markdown rendered to prose;
    what `known` says (a feed's or a JSONL line's metadata) wins over the front matter."""
    front = split_front_matter(text, source, options.seconds)
    if front.note:
        yield front.note
    body = render_markdown(front.body, source, options.seconds) if markdown else front.body
    if markdown and front.body.strip() and not body.strip():
        raise IngestError(source, "no prose in the Markdown (only images, links, tables, code or markup)")
    yield finish(Report(text=body, source=source, **{**front.metadata, **known}), options)


def _from_url(url: str, options: IngestOptions, meta: dict | None = None) -> Iterator[Item]:
    fetched = fetch(url, options.fetch)
    decoded = decode(fetched.content, url)
    if decoded.note:
        yield decoded.note
    text = decoded.text
    if "xml" in fetched.content_type and looks_like_feed(text) or meta is None and looks_like_feed(text):
        yield from _from_feed(fetched.content, url, options)
        return
    if "html" in fetched.content_type or looks_like_html(text):
        report = report_from_html(text, url, url=fetched.url, seconds=options.seconds)
        yield finish(report.with_(**meta) if meta else report, options)
        return
    markdown = "markdown" in fetched.content_type or Path(urlsplit(fetched.url).path).suffix.lower() in MARKDOWN_SUFFIXES
    yield from _from_document(text, markdown, url, options, **{"url": fetched.url, **(meta or {})})


def _from_feed(data: bytes, source: str, options: IngestOptions) -> Iterator[Item]:
    for entry in parse_feed(data, source, options.seconds):
        try:
            yield from _from_entry(entry, source, options)
        except IngestError as error:
            yield error


def _from_entry(entry: FeedEntry, feed: str, options: IngestOptions) -> Iterator[Item]:
    """The page an entry links to, unless the entry carries the whole article; the entry's own
    text when it has no link or the link fails."""
    meta = entry_metadata(entry)
    link = entry.link if entry.link and is_url(entry.link) else None
    where = link or f"{feed} (entry {(entry.title or 'without a title')[:80]!r})"
    text = _entry_text(entry, where, options)
    if entry.link and not link and not text:
        raise IngestError(where, f"the entry's link is not an http(s) URL ({entry.link[:80]!r}) and it has no text")
    if link and len(text.split()) < FULL_TEXT_WORDS:
        try:
            yield from _from_url(link, options, meta)
            return
        except IngestError as error:
            if not text:
                raise
            yield IngestNote(where, f"{error.reason}; the feed's own text of the entry is used instead")
    yield finish(Report(text=text, source=where, **meta), options)


def _entry_text(entry: FeedEntry, where: str, options: IngestOptions) -> str:
    if not entry.text or not entry.html:
        return entry.text or ""
    try:
        return text_of_fragment(entry.text, where, options.seconds)
    except IngestError:
        if entry.link:
            return ""  # the page it links to is the report
        raise


def _from_jsonl(data: bytes, source: str, options: IngestOptions) -> Iterator[Item]:
    for record in records_from_jsonl(data, source):
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
