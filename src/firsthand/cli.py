"""The `firsthand` command: thin wrappers over the pipeline, with progress bars and one-line errors."""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from sqlalchemy.exc import OperationalError

from . import __version__, pipeline
from .claims.attribution import (
    BACKENDS as ATTRIBUTION_BACKENDS,
    DEFAULT_BACKEND as DEFAULT_ATTRIBUTION,
    FAST_BACKEND as FAST_ATTRIBUTION,
)
from .claims.stance import BACKENDS as STANCE_BACKENDS, DEFAULT_BACKEND as DEFAULT_STANCE, FAST_BACKEND as FAST_STANCE
from .events.plover_json import to_plover
from .grade.reliability import ReliabilityError, ReliabilityTable, default_table, packaged_text
from .ingest.decode import MAX_BYTES
from .ingest.fetch import FetchPolicy
from .ingest.observations import layouts
from .ingest.problem import IngestError, IngestNote
from .ingest.published import parse_published
from .ingest.sources import IngestOptions, expand, skipped_line
from .model.edit import KINDS, Edit, EditError, active
from .model.event import event_id
from .model.report import Report
from .model.scope import Scope
from .pipeline import edits as editing
from .pipeline.screening import load_lists, screen_store
from .present.dossier import gather
from .present.exports import FORMATS, export as export_dossier
from .present.pages import write_dossier
from .present.scope import scope_of
from .progress import Meter
from .read.encoder import BASE_INSTALL
from .read.nlp import ModelNotFound
from .screen.lists import ListError
from .store import DEFAULT_DB, Access, Added, Store, StoreError
from .store.codec import to_plain

app = typer.Typer(help="Trace every claim in the news back to its first-hand source.", no_args_is_help=True)
console = Console(stderr=True, soft_wrap=True)

Db = Annotated[str, typer.Option("--db", envvar="FIRSTHAND_DB", help="SQLite file (file:PATH?mode=ro to open it read only) or postgresql:// URL.")]
Paths = Annotated[list[str], typer.Argument(help="Files, folders, URLs or feeds (JSONL, HTML, text, RSS/Atom, Reuters SGML).")]
Out = Annotated[Path, typer.Option("--out", help="Folder for the dossier.")]
Published = Annotated[str | None, typer.Option("--published", help="Publication time for reports that carry none (ISO 8601).")]
Outlet = Annotated[str | None, typer.Option("--outlet", help="Outlet for reports that name none.")]
AllowPrivate = Annotated[bool, typer.Option("--allow-private", metavar="", help="Allow fetching from loopback and private addresses.")]
MaxBytes = Annotated[int, typer.Option("--max-bytes", help="Largest file or response to ingest.")]
Timeout = Annotated[float, typer.Option("--timeout", help="Seconds to wait for a URL.")]
# metavar "": typer would print <bool> after a flag, as if it took a value ("--strict true" is then a path).
Strict = Annotated[bool, typer.Option("--strict/--no-strict", metavar="", help="Exit non-zero if any input fails.")]
ReliabilityFile = Annotated[Path | None, typer.Option(
    "--reliability", envvar="FIRSTHAND_RELIABILITY", show_envvar=True,
    help="Source-reliability table (JSON) to grade with instead of the packaged one; `firsthand reliability --write FILE` copies that out for editing.")]
Who = Annotated[str, typer.Option("--by", envvar="FIRSTHAND_ANALYST", help="Who makes the edit (default: your login name).")]
Why = Annotated[str, typer.Option("--why", help="Why: recorded with the edit and shown beside it.")]
Dask = Annotated[str | None, typer.Option("--dask", help="Read on a Dask cluster: local:N (N worker processes) or tcp://host:8786.")]


def _choice(allowed: tuple[str, ...], option: str):
    def check(value: str | None) -> str | None:
        if value is not None and value not in allowed:
            raise typer.BadParameter(f"one of {', '.join(allowed)}", param_hint=option)
        return value
    return check


# The reader's taggers (docs/RESULTS.md); a store keeps each reader's readings apart (its version).
Attribution = Annotated[str | None, typer.Option(
    "--attribution", callback=_choice(ATTRIBUTION_BACKENDS, "--attribution"), rich_help_panel="Reading",
    help=f"Attribution tagger: {' or '.join(ATTRIBUTION_BACKENDS)} (default {DEFAULT_ATTRIBUTION}: the fine-tuned "
         "encoder averaged with the CRF, better on PolNeAR and on real reports; the CRF alone reads faster).")]
Stance = Annotated[str | None, typer.Option(
    "--stance", callback=_choice(STANCE_BACKENDS, "--stance"), rich_help_panel="Reading",
    help=f"Stance head: {' or '.join(STANCE_BACKENDS)} (default {DEFAULT_STANCE}; the encoder is averaged with the "
         "hand features).")]
Fast = Annotated[bool, typer.Option(
    "--fast", envvar="FIRSTHAND_FAST", show_envvar=True, rich_help_panel="Reading",
    help=f"Read on the fast path ({FAST_ATTRIBUTION} attribution, {FAST_STANCE} stance): about 0.8 of bare spaCy's "
         "speed against 0.5, for less accurate attribution.")]


def _taggers(attribution: str | None, stance: str | None, fast: bool) -> tuple[str, str]:
    """The reader's attribution tagger and stance head: those named, else the fast or the default ones."""
    if fast and (attribution or FAST_ATTRIBUTION) != FAST_ATTRIBUTION:
        raise typer.BadParameter(f"--fast reads with the {FAST_ATTRIBUTION} tagger", param_hint="--attribution")
    if fast and (stance or FAST_STANCE) != FAST_STANCE:
        raise typer.BadParameter(f"--fast reads with the {FAST_STANCE} stance head", param_hint="--stance")
    if fast:
        return FAST_ATTRIBUTION, FAST_STANCE
    return attribution or DEFAULT_ATTRIBUTION, stance or DEFAULT_STANCE


# The scope of a dossier, export or listing (model/scope.py); every option narrows it.
InStory = Annotated[str | None, typer.Option("--story", help="Only this story (its id).", rich_help_panel="Scope")]
Since = Annotated[str | None, typer.Option("--since", help="Only reports published on or after this time (ISO 8601: 2023-11, 2023-11-03).", rich_help_panel="Scope")]
Until = Annotated[str | None, typer.Option("--until", help="Only reports published up to the end of this day, month or year.", rich_help_panel="Scope")]
OfOutlet = Annotated[str | None, typer.Option("--outlet", help="Only reports of this outlet (any case).", rich_help_panel="Scope")]
Entity = Annotated[str | None, typer.Option("--entity", help="Only reports mentioning this entity (a canonical id such as PRK, or a name as written).", rich_help_panel="Scope")]
MinGrade = Annotated[int | None, typer.Option("--min-grade", min=1, max=6, help="Only judgements graded this credibility or better (1 confirmed … 6 cannot be judged).", rich_help_panel="Scope")]
Limit = Annotated[int | None, typer.Option("--limit", min=1, help="At most this many stories (dossier, export) or rows (listings).", rich_help_panel="Scope")]


def _scope(story: str | None, since: str | None, until: str | None, outlet: str | None, entity: str | None,
           min_grade: int | None, limit: int | None) -> Scope:
    try:
        return scope_of(story, since, until, outlet, entity, min_grade, limit)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None
Lists = Annotated[list[Path] | None, typer.Option("--list", help="A sanctions list to screen against: UN consolidated XML, "
                                                                 "OFAC SDN CSV or FollowTheMoney JSON lines (repeatable).")]
ListDate = Annotated[str | None, typer.Option("--date", help="The date (YYYY-MM-DD) of a list file that carries none.")]
ListName = Annotated[str | None, typer.Option("--list-name", help="The name of a FollowTheMoney list (default: its file name).")]


def _n(count: int, singular: str, plural: str | None = None) -> str:
    """A count with its noun: "1 story", "2 stories"."""
    return f"{count:,} {singular if count == 1 else plural or singular + 's'}"


@contextmanager
def _resumable() -> Iterator[None]:
    """Ctrl-C ends the run but keeps every committed report; the same command resumes."""
    try:
        yield
    except KeyboardInterrupt:
        console.print("interrupted: everything stored so far is kept; run the same command again to resume")
        raise typer.Exit(130) from None
    except (ModelNotFound, pipeline.ReaderUnavailable) as error:
        console.print(f"error: {error}")
        raise typer.Exit(2) from None


@contextmanager
def _opened(db: str, access: Access) -> Iterator[Store]:
    """The store for one command, or one line saying why not (exit code 2)."""
    try:
        store = Store(db, access)
    except StoreError as error:
        _fail(str(error))
    with store:
        try:
            yield store
        except OperationalError as error:
            if "readonly database" not in str(error):
                raise
            _fail(f"{store.name} is read-only, and this command writes to the store")


def _fail(message: str) -> NoReturn:
    print(f"error: {message}", file=sys.stderr, flush=True)
    raise typer.Exit(2)


def _options(published: str | None, outlet: str | None, allow_private: bool, max_bytes: int, timeout: float) -> IngestOptions:
    when = None
    if published:
        try:
            when = parse_published(published)[0]
        except ValueError as error:
            raise typer.BadParameter(str(error), param_hint="--published") from None
    return IngestOptions(published=when, outlet=outlet, max_bytes=max_bytes,
                         fetch=FetchPolicy(allow_private=allow_private, timeout=timeout, max_bytes=max_bytes))


def _error_line(error: IngestError) -> None:
    # One line per bad input, unwrapped, so it can be grepped and counted.
    print(f"error: {error}", file=sys.stderr, flush=True)


def _note_line(note: IngestNote) -> None:
    print(f"{note.level}: {note}", file=sys.stderr, flush=True)


class _Counted:
    """The store as ingest sees it from the command line: each distinct report counted once, by
    what storing it first did, however often the inputs hold it; its text moves the progress."""

    def __init__(self, store: Store, meter: Meter) -> None:
        self.store, self.meter = store, meter
        self.added: Counter[Added] = Counter()
        self.seen: set[str] = set()
        self.repeats = 0

    def add_report(self, report: Report) -> Added:
        added = self.store.add_report(report)
        if report.id in self.seen:
            self.repeats += 1
        else:
            self.seen.add(report.id)
            self.added[added] += 1
        self.meter.advance(len(report.text.encode()), _n(len(self.seen), "report"))
        return added


def _size(value: str) -> int:
    """An input's bytes, for progress: a file's size; a URL's is not known before it is fetched."""
    try:
        return os.path.getsize(value)
    except OSError:
        return 0


def _ingest(store: Store, paths: list[str], options: IngestOptions, strict: bool) -> pipeline.IngestSummary:
    skipped: Counter[str] = Counter()
    inputs = list(expand(paths, skipped))
    sizes = [_size(value) for value in inputs]
    with Meter(console, "ingest", sum(sizes) or None, ("byte", "bytes")) as meter:
        counted = _Counted(store, meter)
        begun = iter(range(len(inputs)))

        def next_input(_: str) -> None:  # an input's report texts are shorter than its bytes: catch up at the next
            meter.update(sum(sizes[:next(begun)]))

        summary = pipeline.ingest(counted, inputs, options, on_input=next_input, on_error=_error_line, on_note=_note_line)
        meter.update(sum(sizes))
    if skipped:
        console.print(skipped_line(skipped))
    added = counted.added
    repeats = f"; {_n(counted.repeats, 'repeat')} of a report already among the inputs" if counted.repeats else ""
    console.print(
        f"ingested {_n(len(counted.seen), 'report')} from {_n(len(inputs), 'input')}: {added[Added.NEW]:,} new, "
        f"{added[Added.MERGED]:,} known with new metadata, {added[Added.KNOWN]:,} already stored"
        + (f", {added[Added.DELETED]:,} deleted by an analyst (not stored again)" if added[Added.DELETED] else "")
        + f"{repeats}; {_n(len(summary.errors), 'input')} failed"
    )
    if (summary.errors and (strict or summary.stored == 0)) or not inputs:
        raise typer.Exit(1)
    return summary


def _read(store: Store, dask: str | None, attribution: str, stance: str) -> pipeline.ReadSummary:
    with pipeline.open_reader(dask, attribution=attribution, stance=stance) as reader, Meter(console, "read", store.count_unread(reader.version), ("report", "reports")) as meter:
        summary = pipeline.read(store, reader, on_report=lambda _: meter.advance())
    for report_id, reason in summary.skipped:
        console.print(f"skipped {report_id}: {reason}")
    console.print(f"read {_n(summary.read, 'report')}")
    return summary


def _table(path: Path | None) -> ReliabilityTable:
    """The reliability table a command grades with, or one line naming the file that is not one."""
    try:
        return ReliabilityTable.load(path) if path else default_table()
    except ReliabilityError as error:
        _fail(str(error))


def _assess(store: Store, fresh: bool = False, table: ReliabilityTable | None = None) -> None:
    with Meter(console, "link and grade", None, ("story", "stories")) as meter:
        summary = pipeline.assess(store, table, on_story=lambda _: meter.advance(), fresh=fresh)
    console.print(f"linked {_n(summary.reports, 'report')} into {_n(summary.stories, 'story', 'stories')}; analysed "
                  f"{_n(summary.analysed, 'story', 'stories')} anew ({summary.stories - summary.analysed:,} unchanged), "
                  f"grading {_n(summary.judged, 'claim or event', 'claims and events')}")
    if not summary.by_meaning:
        console.print(f"claims were matched on their words alone; to match them by meaning too, install: {BASE_INSTALL}")


def _dossier(store: Store, out: Path, table: ReliabilityTable | None = None, scope: Scope | None = None) -> Path:
    dossier = gather(store, table=table, scope=scope or Scope())
    markdown, path = write_dossier(dossier, out)
    console.print(f"dossier: {markdown}")
    console.print(f"dossier: {path}" + (f" (an index of {_n(len(dossier.stories), 'story', 'stories')}, each a page in "
                                        f"{out / 'stories'})" if len(dossier.stories) > 1 else ""))
    for story in dossier.stories[:3]:
        console.print(f"[bold]{escape(_one_line(story.title))}[/bold] ({_n(len(story.reports), 'report')})", highlight=False)
        for judgement in story.key_judgements[:5]:
            console.print(f"  • {_one_line(judgement.judgement)}", markup=False, highlight=False)
    return path


def _one_line(text: str) -> str:
    """A judgement quotes report text, which may hold line breaks; a console line must not."""
    return " ".join(text.split())


def _screen(store: Store, lists: list[Path], date: str | None, name: str | None) -> None:
    try:
        for version in load_lists(store, lists, date, name):
            console.print(f"list: {version.series} of {version.date} ({version.source})")
    except (ListError, OSError) as error:
        _fail(str(error))
    summary = screen_store(store, progress=lambda what: console.print(f"screening against {what}"))
    if not summary.lists:
        console.print("no sanctions list stored: give one with --list FILE")
    for version, entries, hits, candidates in summary.lists:
        console.print(f"{version.series} {version.date}: {entries} entries; {summary.entities} entities screened, "
                      f"{_n(hits, 'hit')}, {_n(candidates, 'candidate')}")


@app.command()
def ingest(paths: Paths, db: Db = DEFAULT_DB, published: Published = None, outlet: Outlet = None,
           allow_private: AllowPrivate = False, max_bytes: MaxBytes = MAX_BYTES, timeout: Timeout = 20.0,
           strict: Strict = False) -> None:
    """Store reports; the same text twice is stored once."""
    with _resumable(), _opened(db, Access.CREATE) as store:
        _ingest(store, paths, _options(published, outlet, allow_private, max_bytes, timeout), strict)


@app.command()
def read(db: Db = DEFAULT_DB, dask: Dask = None, attribution: Attribution = None, stance: Stance = None,
         fast: Fast = False) -> None:
    """Read every stored report not yet read: sentences, entities, quantities, times, claims, events."""
    taggers = _taggers(attribution, stance, fast)
    with _resumable(), _opened(db, Access.WRITE) as store:
        _read(store, dask, *taggers)


@app.command()
def assess(
    db: Db = DEFAULT_DB,
    fresh: Annotated[bool, typer.Option("--fresh", metavar="", help="Analyse every story again, also those whose reports, "
                                                         "readings and grading rules are unchanged.")] = False,
    reliability: ReliabilityFile = None,
) -> None:
    """Link the read reports into stories, trace independent origins and grade every claim and event."""
    table = _table(reliability)
    with _resumable(), _opened(db, Access.WRITE) as store:
        _assess(store, fresh, table)


@app.command()
def dossier(db: Db = DEFAULT_DB, out: Out = Path("out"), reliability: ReliabilityFile = None, story: InStory = None,
            since: Since = None, until: Until = None, outlet: OfOutlet = None, entity: Entity = None,
            min_grade: MinGrade = None, limit: Limit = None) -> None:
    """Write the dossier of everything stored, or of the stories in scope."""
    table = _table(reliability)
    scope = _scope(story, since, until, outlet, entity, min_grade, limit)
    with _opened(db, Access.READ) as store:
        _dossier(store, out, table, scope)


@app.command()
def export(
    out: Annotated[Path, typer.Option("--out", help="File to write (a folder for csv).")],
    fmt: Annotated[str, typer.Option("--format", help=f"One of: {', '.join(FORMATS)}.")] = "json",
    db: Db = DEFAULT_DB,
    reliability: ReliabilityFile = None, story: InStory = None, since: Since = None, until: Until = None,
    outlet: OfOutlet = None, entity: Entity = None, min_grade: MinGrade = None, limit: Limit = None,
) -> None:
    """Export reports, claims, events, grades and the analyst's edits: JSON, JSONL, CSV, STIX 2.1, FollowTheMoney or PLOVER."""
    if fmt not in FORMATS:
        raise typer.BadParameter(f"one of {', '.join(FORMATS)}", param_hint="--format")
    table = _table(reliability)
    scope = _scope(story, since, until, outlet, entity, min_grade, limit)
    with _opened(db, Access.READ) as store:
        console.print(f"{fmt}: {export_dossier(gather(store, table=table, scope=scope), fmt, out)}")


@app.command()
def build(paths: Paths, db: Db = DEFAULT_DB, out: Out = Path("out"), published: Published = None,
          outlet: Outlet = None, allow_private: AllowPrivate = False, max_bytes: MaxBytes = MAX_BYTES,
          timeout: Timeout = 20.0, strict: Strict = False, dask: Dask = None, reliability: ReliabilityFile = None,
          lists: Lists = None, list_date: ListDate = None, list_name: ListName = None,
          attribution: Attribution = None, stance: Stance = None, fast: Fast = False) -> None:
    """Ingest, read, link and grade, screen against any lists given, and write the dossier, resuming
    whatever an earlier run left undone."""
    table = _table(reliability)
    taggers = _taggers(attribution, stance, fast)
    with _resumable(), _opened(db, Access.CREATE) as store:
        _ingest(store, paths, _options(published, outlet, allow_private, max_bytes, timeout), strict)
        _read(store, dask, *taggers)
        _assess(store, table=table)
        if lists:
            _screen(store, lists, list_date, list_name)
        _dossier(store, out, table)


@app.command()
def screen(lists: Lists = None, db: Db = DEFAULT_DB, list_date: ListDate = None, list_name: ListName = None) -> None:
    """Load sanctions lists and screen every person, organisation and vessel of the store against
    every list stored (with no --list, against those loaded before)."""
    with _opened(db, Access.WRITE) as store:
        _screen(store, lists or [], list_date, list_name)


@app.command()
def serve(
    db: Db = DEFAULT_DB,
    host: Annotated[str, typer.Option("--host", help="Address to listen on; anything but loopback needs --token.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    token: Annotated[str | None, typer.Option(
        "--token", envvar="FIRSTHAND_TOKEN", show_envvar=True,
        help="Analyst token: read and add reports. Prefer the environment variable: a command line is visible "
             "to other users of this machine.")] = None,
    read_token: Annotated[str | None, typer.Option(
        "--read-token", envvar="FIRSTHAND_READ_TOKEN", show_envvar=True,
        help="Read-only token (prefer the environment variable, as for --token).")] = None,
    allowed_host: Annotated[list[str] | None, typer.Option(
        "--allowed-host", envvar="FIRSTHAND_ALLOWED_HOSTS", show_envvar=True,
        help="A name the server may be reached by (NAME or NAME:PORT; repeatable; the variable takes several, "
             "comma- or space-separated), besides localhost, 127.0.0.1 and [::1] at --port. Requests naming "
             "any other Host are refused (DNS rebinding).")] = None,
    session_hours: Annotated[float, typer.Option("--session-hours", help="Hours a login lasts.")] = 12.0,
    idle_minutes: Annotated[float | None, typer.Option("--idle-minutes", help="Minutes unused after which a login ends (default: no limit).")] = None,
    max_upload: Annotated[int, typer.Option("--max-upload", help="Largest upload (bytes) and largest fetched URL.")] = MAX_BYTES,
    log_level: Annotated[str, typer.Option("--log-level", help="uvicorn log level; 'info' logs every request.")] = "warning",
    reliability: ReliabilityFile = None,
) -> None:
    """Serve the web app: browse stories, reports and entities, search, add reports."""
    import uvicorn

    from .web import MIN_TOKEN_LENGTH, WebConfig, allowed_hosts, create_app, is_loopback, tokens_for

    tokens = tokens_for(token, read_token)
    if not is_loopback(host) and not token:
        _fail(f"listening on {host} shares the store beyond this machine; give --token (or FIRSTHAND_TOKEN)")
    if read_token and not token:
        _fail("--read-token needs --token too (someone must be able to add reports)")
    if not is_loopback(host) and any(len(given) < MIN_TOKEN_LENGTH for given in tokens):
        _fail(f"listening on {host} needs tokens of at least {MIN_TOKEN_LENGTH} characters (FIRSTHAND_TOKEN, FIRSTHAND_READ_TOKEN)")
    try:
        hosts = allowed_hosts(host, port, allowed_host or ())
        config = WebConfig(db=db, tokens=tokens, max_upload=max_upload, allowed_hosts=hosts.entries, table=_table(reliability),
                           session_lifetime=session_hours * 3600, session_idle=idle_minutes * 60 if idle_minutes else None)
        application = create_app(config)
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="--allowed-host") from None
    except StoreError as error:
        _fail(str(error))
    shown = f"[{host}]" if ":" in host else host
    console.print(f"firsthand: serving {db} on http://{shown}:{port}/" + (" (token required)" if tokens else "")
                  + (" read-only" if application.state.store.read_only else "") + "; Ctrl-C stops")
    uvicorn.run(application, host=host, port=port, log_level=log_level, access_log=log_level in ("info", "debug", "trace"))


@app.command()
def reports(db: Db = DEFAULT_DB, as_json: Annotated[bool, typer.Option("--json", metavar="", help="One JSON object per line.")] = False,
            story: InStory = None, since: Since = None, until: Until = None, outlet: OfOutlet = None, entity: Entity = None,
            limit: Limit = None) -> None:
    """List stored reports (those in scope)."""
    scope = _scope(story, since, until, outlet, entity, None, limit)
    with _opened(db, Access.READ) as store:
        if as_json:
            for report in store.reports(scope):
                row = {"id": report.id, "title": report.title, "outlet": report.outlet, "byline": report.byline,
                       "url": report.url, "published": report.published.isoformat() if report.published else None,
                       "published_precision": report.published_precision, "language": report.language,
                       "source": report.source, "characters": len(report.text)}
                print(json.dumps(row, ensure_ascii=False))
            return
        table = Table("id", "published", "outlet", "title")
        for report in store.reports(scope):
            table.add_row(report.id, report.published_label,
                          report.outlet or "", (report.title or report.text[:60]).replace("\n", " "))
        Console().print(table)


@app.command()
def claims(db: Db = DEFAULT_DB, as_json: Annotated[bool, typer.Option("--json", metavar="", help="One JSON object per line.")] = False,
           story: InStory = None, since: Since = None, until: Until = None, outlet: OfOutlet = None, entity: Entity = None,
           min_grade: MinGrade = None, limit: Limit = None) -> None:
    """List the claims read from the stored reports (those in scope), with attribution chain and qualifiers."""
    scope = _scope(story, since, until, outlet, entity, min_grade, limit)
    with _opened(db, Access.READ) as store:
        if as_json:
            for claim in store.claims(scope):
                print(json.dumps({"id": claim.id, **to_plain(claim), "qualifiers": claim.qualifiers}, ensure_ascii=False))
            return
        found = list(store.claims(scope))
        outlets = {report.id: report.outlet or report.id for report in store.reports_in(list({c.report_id for c in found}))}
        table = Table("report", "claim", "attribution", "qualifiers", "certainty", show_lines=True)
        for claim in found:
            chain = " → ".join(source.name for source in claim.chain)
            table.add_row(outlets[claim.report_id], claim.text, chain, ", ".join(claim.qualifiers), claim.certainty.level)
        Console().print(table)


@app.command()
def events(db: Db = DEFAULT_DB, as_json: Annotated[bool, typer.Option("--json", metavar="", help="One JSON object per line.")] = False,
           plover: Annotated[bool, typer.Option("--plover", metavar="", help="A PLOVER JSON list of event records.")] = False,
           story: InStory = None, since: Since = None, until: Until = None, outlet: OfOutlet = None, entity: Entity = None,
           min_grade: MinGrade = None, limit: Limit = None) -> None:
    """List the PLOVER-coded events (those in scope), with actors, dates, places and transfer fields."""
    scope = _scope(story, since, until, outlet, entity, min_grade, limit)
    with _opened(db, Access.READ) as store:
        if plover:
            found = list(store.events(scope))
            report_ids = list({event.spans[0].report_id for event in found if event.spans and event.spans[0].report_id})
            stored: dict[str | None, Report] = {report.id: report for report in store.reports_in(report_ids)}  # a span may name no report
            records = [to_plover(event, stored.get(event.spans[0].report_id) if event.spans else None) for event in found]
            print(json.dumps(records, ensure_ascii=False, indent=1))
            return
        if as_json:
            for event in store.events(scope):
                print(json.dumps({"id": event_id(event), **to_plain(event)}, ensure_ascii=False))
            return
        table = Table("type", "actors", "recipients", "date", "place", "status", "transfer", show_lines=True)
        for event in store.events(scope):
            transfer = event.transfer
            table.add_row(
                f"{event.type}" + (f" ({event.mode})" if event.mode else ""),
                ", ".join(p.code or p.text for p in event.actors), ", ".join(p.code or p.text for p in event.recipients),
                event.date.value if event.date else "", event.place.place.name if event.place else "",
                f"{event.status}, {event.certainty}",
                f"{transfer.item or ''} {transfer.quantity.interval.render() if transfer and transfer.quantity else ''} {transfer.status}" if transfer else "",
            )
        Console().print(table)


edit_app = typer.Typer(help="An analyst's corrections: recorded (who, when, why), applied after the machine's reading "
                            "on every assess and dossier, shown as the analyst's, undoable.", no_args_is_help=True)
app.add_typer(edit_app, name="edit")


def _who(given: str | None) -> str:
    return given or os.environ.get("USER") or os.environ.get("USERNAME") or "analyst"


def _edit(db: str, reliability: Path | None, kind: str, target: str, who: str | None, why: str, **data: str) -> None:
    """Record one edit and assess again: the stories it touches are analysed anew."""
    table = _table(reliability)
    with _resumable(), _opened(db, Access.WRITE) as store:
        try:
            made = editing.record(store, kind, target, _who(who), why, **data)
        except EditError as error:
            _fail(str(error))
        console.print(f"edit {made.id}: {made.describe()}")
        _assess(store, table=table)


@edit_app.command("merge-entities")
def merge_entities(entity: Annotated[str, typer.Argument(help="The entity id merged away (firsthand claims --json shows ids).")],
                   into: Annotated[str, typer.Argument(help="The entity id it is.")],
                   db: Db = DEFAULT_DB, by: Who = "", why: Why = "", reliability: ReliabilityFile = None) -> None:
    """Merge an entity the reader kept apart into another: its mentions, claims and events take the other's id."""
    _edit(db, reliability, "merge-entities", entity, by, why, into=into)


@edit_app.command("split-entity")
def split_entity(entity: Annotated[str, typer.Argument(help="The entity id to split.")],
                 text: Annotated[str, typer.Option("--text", help="The mentions written so are another entity.")],
                 new_id: Annotated[str, typer.Option("--as", help="The other entity's id (default: ENTITY~text).")] = "",
                 db: Db = DEFAULT_DB, by: Who = "", why: Why = "", reliability: ReliabilityFile = None) -> None:
    """Split off the mentions of an entity written TEXT as another entity."""
    _edit(db, reliability, "split-entity", entity, by, why, text=text, **{"as": new_id})


@edit_app.command("mark-wrong")
def mark_wrong(target: Annotated[str, typer.Argument(help="A claim or event id.")],
               why: Annotated[str, typer.Option("--why", help="Why it is wrong (required).")],
               db: Db = DEFAULT_DB, by: Who = "", reliability: ReliabilityFile = None) -> None:
    """Mark a claim or event as wrong: left out of grading, listed apart with the reason."""
    _edit(db, reliability, "mark-wrong", target, by, why)


@edit_app.command("override-grade")
def override_grade(target: Annotated[str, typer.Argument(help="A graded judgement's id (the dossier's and the web app's /claims/ID).")],
                   grade: Annotated[str, typer.Argument(help="Your Admiralty grade, such as B2.")],
                   note: Annotated[str, typer.Option("--note", help="Why: shown beside your grade.")] = "",
                   db: Db = DEFAULT_DB, by: Who = "", reliability: ReliabilityFile = None) -> None:
    """Overrule a grade with your own; the machine's stays shown beside it."""
    _edit(db, reliability, "override-grade", target, by, note, grade=grade)


@edit_app.command("reliability")
def set_reliability(name: Annotated[str, typer.Argument(help="An outlet's name, or with --origin an origin kind (intelligence, government, ...).")],
                    letter: Annotated[str, typer.Argument(help="A reliability letter, A-F.")],
                    origin: Annotated[bool, typer.Option("--origin", help="NAME is an origin kind, not an outlet.")] = False,
                    db: Db = DEFAULT_DB, by: Who = "", why: Why = "", reliability: ReliabilityFile = None) -> None:
    """Set an outlet's or an origin kind's reliability over the table's; every story is graded again."""
    _edit(db, reliability, "reliability", name, by, why, section="origins" if origin else "outlets", grade=letter)


@edit_app.command("note")
def note(target: Annotated[str, typer.Argument(help="A claim, event, graded judgement or story id.")],
         text: Annotated[str, typer.Argument(help="The note.")],
         db: Db = DEFAULT_DB, by: Who = "", reliability: ReliabilityFile = None) -> None:
    """Add a note to a claim, event, judgement or story, shown beside it."""
    _edit(db, reliability, "note", target, by, "", text=text)


@edit_app.command("undo")
def undo(edit_id: Annotated[str, typer.Argument(help="The edit's id (firsthand edit list).")],
         db: Db = DEFAULT_DB, by: Who = "", why: Why = "", reliability: ReliabilityFile = None) -> None:
    """Undo an edit; the undo is recorded too."""
    _edit(db, reliability, "undo", edit_id, by, why)


@edit_app.command("list")
def list_edits(db: Db = DEFAULT_DB,
               every: Annotated[bool, typer.Option("--all", help="Also undone edits and the undos.")] = False,
               as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False) -> None:
    """List the edits in force (with --all, every edit ever made)."""
    with _opened(db, Access.READ) as store:
        made = store.edits()
        shown = made if every else active(made)
        if as_json:
            for e in shown:
                print(json.dumps({"id": e.id, **to_plain(e)}, ensure_ascii=False))
            return
        table = Table("id", "kind", "target", "by", "when", "why / fields")
        for column in table.columns[:2]:
            column.no_wrap = True  # the id is what undo takes
        for e in shown:
            fields = ", ".join(f"{k}={v}" for k, v in sorted(e.data.items()) if k in KINDS[e.kind].fields)
            table.add_row(e.id, e.kind, e.label or e.target, e.who, e.when, "; ".join(x for x in (e.why, fields) if x))
        Console().print(table)


@edit_app.command("import")
def import_edits(file: Annotated[Path, typer.Argument(help="Edits as `firsthand edit list --all --json` writes them.")],
                 db: Db = DEFAULT_DB, reliability: ReliabilityFile = None) -> None:
    """Carry edits over from another store (a rebuild from scratch, a colleague's store), then assess."""
    table = _table(reliability)
    try:
        rows = [json.loads(line) for line in file.read_text("utf-8").splitlines() if line.strip()]
        made = [Edit(row["kind"], row["target"], row["who"], row["when"], row.get("why", ""), dict(row.get("data", {})),
                     row.get("label", ""), tuple(row.get("reports", ()))) for row in rows]
    except (OSError, ValueError, KeyError, TypeError) as error:
        _fail(f"{file}: not edits as `firsthand edit list --all --json` writes them ({error})")
    with _resumable(), _opened(db, Access.WRITE) as store:
        try:
            added = editing.carry_over(store, made)
        except EditError as error:
            _fail(f"{file}: {error}")
        console.print(f"recorded {_n(added, 'edit')} of {len(made)} ({len(made) - added} already here)")
        _assess(store, table=table)


@app.command()
def delete(report_ids: Annotated[list[str], typer.Argument(help="Report ids (firsthand reports lists them).")],
           db: Db = DEFAULT_DB, by: Who = "", why: Why = "", reliability: ReliabilityFile = None) -> None:
    """Delete reports and what was read from them; their stories are assessed again. Recorded as an
    edit: the same text is not ingested again unless the deletion is undone."""
    table = _table(reliability)
    with _resumable(), _opened(db, Access.WRITE) as store:
        try:
            deleted = editing.delete_reports(store, report_ids, _who(by), why)
        except EditError as error:
            _fail(str(error))
        for e in deleted:
            console.print(f"deleted {e.label} (edit {e.id})")
        _assess(store, table=table)


@app.command("reliability")
def reliability_table(write: Annotated[Path, typer.Option("--write", help="File to write the packaged table to, for editing.")]) -> None:
    """Write the packaged source-reliability table out, to edit and give back with --reliability FILE."""
    if write.exists():
        _fail(f"{write} exists; give another file (it is not overwritten)")
    write.parent.mkdir(parents=True, exist_ok=True)
    write.write_text(packaged_text(), encoding="utf-8")
    console.print(f"reliability table: {write} (grade with it: --reliability {write}, or FIRSTHAND_RELIABILITY)")
@app.command()
def observe(
    path: Annotated[Path, typer.Argument(help="A CSV or GeoJSON file of observations.")],
    db: Db = DEFAULT_DB,
    layout: Annotated[str, typer.Option("--layout", help="How its columns map (ingest/data/observation_layouts.json): "
                                                         "generic, gfw-encounters.")] = "generic",
    vessels: Annotated[Path | None, typer.Option("--vessels", exists=True, dir_okay=False,
                                                 help="A vessel table (CSV): MMSI → IMO number and name.")] = None,
    reliability: ReliabilityFile = None,
) -> None:
    """Store observations that are not reports (AIS encounters, imagery) and grade the stories whose claims they match."""
    if layout not in layouts():
        raise typer.BadParameter(f"one of {', '.join(sorted(layouts()))}", param_hint="--layout")
    table = _table(reliability)
    with _resumable(), _opened(db, Access.CREATE) as store:
        with Meter(console, f"observe {path.name[:40]}", _rows(path), ("row", "rows")) as meter:
            summary = pipeline.observe(store, path, layout, vessels, on_row=lambda _: meter.advance(),
                                       on_error=_error_line)
        console.print(f"observed {_n(summary.rows, 'row')}: {summary.new:,} new, {summary.rows - summary.new - len(summary.errors):,} "
                      f"already stored; {_n(len(summary.errors), 'row')} failed")
        if store.count_reports():
            _assess(store, table=table)
    if summary.errors and summary.new == 0 and summary.rows == len(summary.errors):
        raise typer.Exit(1)


def _rows(path: Path) -> int | None:
    """A CSV file's rows, for the progress bar (None: unknown)."""
    if path.suffix.lower() != ".csv" or not path.is_file():
        return None
    with path.open("rb") as handle:
        return max(sum(1 for _ in handle) - 1, 0)


def _version(value: bool) -> None:
    if value:
        print(f"firsthand {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True)] = False) -> None:
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
