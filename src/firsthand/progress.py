"""Progress of a long command. On a terminal, a bar with the time elapsed and left; elsewhere (a
log file, nohup, CI), a line every INTERVAL seconds and one at the end, so that a run whose output
goes to a file still shows that it moves and how far it has come."""

from __future__ import annotations

import time
from collections.abc import Callable
from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

INTERVAL = 30.0  # seconds between progress lines when not on a terminal


def duration(seconds: float) -> str:
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


class Meter:
    """How far one step has come: `done` of `total` (None: unknown) in `units` (singular, plural);
    bytes are shown as megabytes. `note` is a word on what was done so far ("12 reports")."""

    def __init__(self, console: Console, step: str, total: float | None, units: tuple[str, str],
                 interval: float = INTERVAL, clock: Callable[[], float] = time.monotonic) -> None:
        self.console, self.step, self.total, self.units = console, step, total, units
        self.bytes = units[1] == "bytes"
        self._lines = 0
        self.interval, self.clock = interval, clock
        self.done = 0.0
        self.note = ""
        self._bar: Progress | None = None
        if console.is_terminal:
            count = TaskProgressColumn() if self.bytes else MofNCompleteColumn()
            self._bar = Progress(TextColumn("{task.description}"), BarColumn(), count, TimeElapsedColumn(),
                                 TextColumn("left"), TimeRemainingColumn(), console=console, transient=True)
            self._task = self._bar.add_task(step, total=total)
        self._start = self._last = clock()

    def __enter__(self) -> Meter:
        if self._bar is not None:
            self._bar.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        if self._bar is not None:
            self._bar.stop()
        elif kind is None and self._lines:  # a run long enough to report its progress reports its end
            self._line()

    def advance(self, amount: float = 1, note: str | None = None) -> None:
        self.update(self.done + amount, note)

    def update(self, done: float, note: str | None = None) -> None:
        self.done = max(self.done, done)
        if note is not None:
            self.note = note
        if self._bar is not None:
            self._bar.update(self._task, completed=self.done,
                             description=f"{self.step} {self.note}" if self.note else self.step)
        elif self.clock() - self._last >= self.interval:
            self._line()

    def line(self) -> str:
        """The progress as one line: what is done, of how much, the time taken and the time left."""
        elapsed = self.clock() - self._start
        if self.total:
            share = min(self.done / self.total, 1.0)
            text = f"{self.step}: {self._amount(self.done)} of {self._amount(self.total, True)} ({share:.0%})"
            if 0 < share < 1:
                text += f", {duration(elapsed)} elapsed, about {duration(elapsed * (1 - share) / share)} left"
            else:
                text += f", {duration(elapsed)} elapsed"
        else:
            text = f"{self.step}: {self._amount(self.done, True)}, {duration(elapsed)} elapsed"
        return f"{text}; {self.note}" if self.note else text

    def _amount(self, value: float, unit: bool = False) -> str:
        if self.bytes:
            return f"{value / 1e6:,.1f}" + (" MB" if unit else "")
        return f"{value:,.0f}" + (f" {self.units[0] if value == 1 else self.units[1]}" if unit else "")

    def _line(self) -> None:
        self._last = self.clock()
        self._lines += 1
        print(self.line(), file=self.console.file, flush=True)
