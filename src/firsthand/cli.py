"""The `firsthand` command: thin wrappers over the pipeline, with progress bars and one-line errors."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import __version__, pipeline
from .ingest.dates import parse_published
from .ingest.decode import MAX_BYTES
from .ingest.problem import IngestError
from .ingest.sources import IngestOptions, expand
from .ingest.web import FetchPolicy
from .present.dossier import gather
from .present.markdown import write_markdown
from .read.nlp import ModelNotFound
from .store import DEFAULT_DB, Store

app = typer.Typer(help="Trace every claim in the news back to its first-hand source.", no_args_is_help=True)
console = Console(stderr=True, soft_wrap=True)

Db = Annotated[str, typer.Option("--db", envvar="FIRSTHAND_DB", help="SQLite file or postgresql:// URL.")]
Paths = Annotated[list[str], typer.Argument(help="Files, folders, URLs or feeds (JSONL, HTML, text, RSS/Atom, Reuters SGML).")]
Out = Annotated[Path, typer.Option("--out", help="Folder for the dossier.")]
Published = Annotated[str | None, typer.Option("--published", help="Publication time for reports that carry none (ISO 8601).")]
Outlet = Annotated[str | None, typer.Option("--outlet", help="Outlet for reports that name none.")]
AllowPrivate = Annotated[bool, typer.Option("--allow-private", help="Allow fetching from loopback and private addresses.")]
MaxBytes = Annotated[int, typer.Option("--max-bytes", help="Largest file or response to ingest.")]
Timeout = Annotated[float, typer.Option("--timeout", help="Seconds to wait for a URL.")]
Strict = Annotated[bool, typer.Option("--strict", help="Exit non-zero if any input fails.")]
Dask = Annotated[str | None, typer.Option("--dask", help="Read on a Dask cluster: local:N (N worker processes) or tcp://host:8786.")]


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=console, transient=True, disable=not console.is_terminal,
    )


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


def _ingest(store: Store, paths: list[str], options: IngestOptions, strict: bool) -> pipeline.IngestSummary:
    inputs = list(expand(paths))
    with _progress() as progress:
        task = progress.add_task("ingest", total=len(inputs))
        summary = pipeline.ingest(
            store, inputs, options,
            on_input=lambda value: progress.update(task, advance=1, description=f"ingest {Path(value).name[:40]}"),
            on_error=_error_line,
        )
    added = summary.added
    console.print(
        f"ingested {summary.stored} report(s): {added[pipeline.Added.NEW]} new, "
        f"{added[pipeline.Added.MERGED]} known with new metadata, {added[pipeline.Added.KNOWN]} already stored; "
        f"{len(summary.errors)} input(s) failed"
    )
    if (summary.errors and (strict or summary.stored == 0)) or not inputs:
        raise typer.Exit(1)
    return summary


def _read(store: Store, dask: str | None) -> pipeline.ReadSummary:
    with pipeline.open_reader(dask) as reader, _progress() as progress:
        task = progress.add_task("read", total=store.count_unread(reader.version))
        summary = pipeline.read(store, reader, on_report=lambda _: progress.advance(task))
    for report_id, reason in summary.skipped:
        console.print(f"skipped {report_id}: {reason}")
    console.print(f"read {summary.read} report(s)")
    return summary


def _dossier(store: Store, out: Path) -> Path:
    path = write_markdown(gather(store), out)
    console.print(f"dossier: {path}")
    return path


@app.command()
def ingest(paths: Paths, db: Db = DEFAULT_DB, published: Published = None, outlet: Outlet = None,
           allow_private: AllowPrivate = False, max_bytes: MaxBytes = MAX_BYTES, timeout: Timeout = 20.0,
           strict: Strict = False) -> None:
    """Store reports; the same text twice is stored once."""
    with _resumable(), Store(db) as store:
        _ingest(store, paths, _options(published, outlet, allow_private, max_bytes, timeout), strict)


@app.command()
def read(db: Db = DEFAULT_DB, dask: Dask = None) -> None:
    """Read every stored report not yet read (sentences, entities)."""
    with _resumable(), Store(db) as store:
        _read(store, dask)


@app.command()
def dossier(db: Db = DEFAULT_DB, out: Out = Path("out")) -> None:
    """Write the dossier of everything stored."""
    with Store(db) as store:
        _dossier(store, out)


@app.command()
def build(paths: Paths, db: Db = DEFAULT_DB, out: Out = Path("out"), published: Published = None,
          outlet: Outlet = None, allow_private: AllowPrivate = False, max_bytes: MaxBytes = MAX_BYTES,
          timeout: Timeout = 20.0, strict: Strict = False, dask: Dask = None) -> None:
    """Ingest, read and write the dossier, resuming whatever an earlier run left undone."""
    with _resumable(), Store(db) as store:
        _ingest(store, paths, _options(published, outlet, allow_private, max_bytes, timeout), strict)
        _read(store, dask)
        _dossier(store, out)


@app.command()
def reports(db: Db = DEFAULT_DB, as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False) -> None:
    """List stored reports."""
    with Store(db) as store:
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


def _version(value: bool) -> None:
    if value:
        print(f"firsthand {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True)] = False) -> None:
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
