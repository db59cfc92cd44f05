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
from .events.plover_json import to_plover
from .ingest.decode import MAX_BYTES
from .ingest.fetch import FetchPolicy
from .ingest.problem import IngestError, IngestNote
from .ingest.published import parse_published
from .ingest.sources import IngestOptions, expand, skipped_line
from .model.event import event_id
from .model.report import Report
from .present.dossier import gather
from .present.exports import FORMATS, export as export_dossier
from .present.pages import write_dossier
from .progress import Meter
from .read.nlp import ModelNotFound
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
Dask = Annotated[str | None, typer.Option("--dask", help="Read on a Dask cluster: local:N (N worker processes) or tcp://host:8786.")]


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
        f"{added[Added.MERGED]:,} known with new metadata, {added[Added.KNOWN]:,} already stored{repeats}; "
        f"{_n(len(summary.errors), 'input')} failed"
    )
    if (summary.errors and (strict or summary.stored == 0)) or not inputs:
        raise typer.Exit(1)
    return summary


def _read(store: Store, dask: str | None) -> pipeline.ReadSummary:
    with pipeline.open_reader(dask) as reader, Meter(console, "read", store.count_unread(reader.version), ("report", "reports")) as meter:
        summary = pipeline.read(store, reader, on_report=lambda _: meter.advance())
    for report_id, reason in summary.skipped:
        console.print(f"skipped {report_id}: {reason}")
    console.print(f"read {_n(summary.read, 'report')}")
    return summary


def _assess(store: Store, fresh: bool = False) -> None:
    with Meter(console, "link and grade", None, ("story", "stories")) as meter:
        summary = pipeline.assess(store, on_story=lambda _: meter.advance(), fresh=fresh)
    console.print(f"linked {_n(summary.reports, 'report')} into {_n(summary.stories, 'story', 'stories')}; analysed "
                  f"{_n(summary.analysed, 'story', 'stories')} anew ({summary.stories - summary.analysed:,} unchanged), "
                  f"grading {_n(summary.judged, 'claim or event', 'claims and events')}")


def _dossier(store: Store, out: Path) -> Path:
    dossier = gather(store)
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


@app.command()
def ingest(paths: Paths, db: Db = DEFAULT_DB, published: Published = None, outlet: Outlet = None,
           allow_private: AllowPrivate = False, max_bytes: MaxBytes = MAX_BYTES, timeout: Timeout = 20.0,
           strict: Strict = False) -> None:
    """Store reports; the same text twice is stored once."""
    with _resumable(), _opened(db, Access.CREATE) as store:
        _ingest(store, paths, _options(published, outlet, allow_private, max_bytes, timeout), strict)


@app.command()
def read(db: Db = DEFAULT_DB, dask: Dask = None) -> None:
    """Read every stored report not yet read: sentences, entities, quantities, times, claims, events."""
    with _resumable(), _opened(db, Access.WRITE) as store:
        _read(store, dask)


@app.command()
def assess(
    db: Db = DEFAULT_DB,
    fresh: Annotated[bool, typer.Option("--fresh", metavar="", help="Analyse every story again, also those whose reports, "
                                                         "readings and grading rules are unchanged.")] = False,
) -> None:
    """Link the read reports into stories, trace independent origins and grade every claim and event."""
    with _resumable(), _opened(db, Access.WRITE) as store:
        _assess(store, fresh)


@app.command()
def dossier(db: Db = DEFAULT_DB, out: Out = Path("out")) -> None:
    """Write the dossier of everything stored."""
    with _opened(db, Access.READ) as store:
        _dossier(store, out)


@app.command()
def export(
    out: Annotated[Path, typer.Option("--out", help="File to write (a folder for csv).")],
    fmt: Annotated[str, typer.Option("--format", help=f"One of: {', '.join(FORMATS)}.")] = "json",
    db: Db = DEFAULT_DB,
) -> None:
    """Export reports, claims, events and grades: JSON, JSONL, CSV, STIX 2.1, FollowTheMoney or PLOVER."""
    if fmt not in FORMATS:
        raise typer.BadParameter(f"one of {', '.join(FORMATS)}", param_hint="--format")
    with _opened(db, Access.READ) as store:
        console.print(f"{fmt}: {export_dossier(gather(store), fmt, out)}")


@app.command()
def build(paths: Paths, db: Db = DEFAULT_DB, out: Out = Path("out"), published: Published = None,
          outlet: Outlet = None, allow_private: AllowPrivate = False, max_bytes: MaxBytes = MAX_BYTES,
          timeout: Timeout = 20.0, strict: Strict = False, dask: Dask = None) -> None:
    """Ingest, read, link and grade, and write the dossier, resuming whatever an earlier run left undone."""
    with _resumable(), _opened(db, Access.CREATE) as store:
        _ingest(store, paths, _options(published, outlet, allow_private, max_bytes, timeout), strict)
        _read(store, dask)
        _assess(store)
        _dossier(store, out)


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
        config = WebConfig(db=db, tokens=tokens, max_upload=max_upload, allowed_hosts=hosts.entries,
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
def reports(db: Db = DEFAULT_DB, as_json: Annotated[bool, typer.Option("--json", metavar="", help="One JSON object per line.")] = False) -> None:
    """List stored reports."""
    with _opened(db, Access.READ) as store:
        if as_json:
            for report in store.reports():
                row = {"id": report.id, "title": report.title, "outlet": report.outlet, "byline": report.byline,
                       "url": report.url, "published": report.published.isoformat() if report.published else None,
                       "published_precision": report.published_precision, "language": report.language,
                       "source": report.source, "characters": len(report.text)}
                print(json.dumps(row, ensure_ascii=False))
            return
        table = Table("id", "published", "outlet", "title")
        for report in store.reports():
            table.add_row(report.id, report.published_label,
                          report.outlet or "", (report.title or report.text[:60]).replace("\n", " "))
        Console().print(table)


@app.command()
def claims(db: Db = DEFAULT_DB, as_json: Annotated[bool, typer.Option("--json", metavar="", help="One JSON object per line.")] = False) -> None:
    """List the claims read from the stored reports, with attribution chain and qualifiers."""
    with _opened(db, Access.READ) as store:
        outlets = {report.id: report.outlet or report.id for report in store.reports()}
        if as_json:
            for claim in store.claims():
                print(json.dumps({"id": claim.id, **to_plain(claim), "qualifiers": claim.qualifiers}, ensure_ascii=False))
            return
        table = Table("report", "claim", "attribution", "qualifiers", "certainty", show_lines=True)
        for claim in store.claims():
            chain = " → ".join(source.name for source in claim.chain)
            table.add_row(outlets[claim.report_id], claim.text, chain, ", ".join(claim.qualifiers), claim.certainty.level)
        Console().print(table)


@app.command()
def events(db: Db = DEFAULT_DB, as_json: Annotated[bool, typer.Option("--json", metavar="", help="One JSON object per line.")] = False,
           plover: Annotated[bool, typer.Option("--plover", metavar="", help="A PLOVER JSON list of event records.")] = False) -> None:
    """List the PLOVER-coded events, with actors, dates, places and transfer fields."""
    with _opened(db, Access.READ) as store:
        if plover:
            stored: dict[str | None, Report] = {report.id: report for report in store.reports()}  # a span may name no report
            records = [to_plover(event, stored.get(event.spans[0].report_id) if event.spans else None) for event in store.events()]
            print(json.dumps(records, ensure_ascii=False, indent=1))
            return
        if as_json:
            for event in store.events():
                print(json.dumps({"id": event_id(event), **to_plain(event)}, ensure_ascii=False))
            return
        table = Table("type", "actors", "recipients", "date", "place", "status", "transfer", show_lines=True)
        for event in store.events():
            transfer = event.transfer
            table.add_row(
                f"{event.type}" + (f" ({event.mode})" if event.mode else ""),
                ", ".join(p.code or p.text for p in event.actors), ", ".join(p.code or p.text for p in event.recipients),
                event.date.value if event.date else "", event.place.place.name if event.place else "",
                f"{event.status}, {event.certainty}",
                f"{transfer.item or ''} {transfer.quantity.interval.render() if transfer and transfer.quantity else ''} {transfer.status}" if transfer else "",
            )
        Console().print(table)


def _version(value: bool) -> None:
    if value:
        print(f"firsthand {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True)] = False) -> None:
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
