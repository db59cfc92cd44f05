"""A time limit for the libraries that can run for minutes on pathological input.

trafilatura (through justext and htmldate) is quadratic on some markup: a paragraph with 100,000
attributes takes over five minutes. `time_limit` interrupts such work with a real-time timer
(SIGALRM), which Python checks between bytecodes and inside long regular-expression matches.

Why a signal and not a thread or a process: the work is Python code in this process, and an
interrupt is the only way to stop it without paying a process per input. The limit therefore
applies where signals are delivered, in the main thread (the CLI, the tests, scripts); a caller
that ingests from another thread runs without it and should bound the input size instead.
An outer timer (pytest-timeout uses SIGALRM too) is saved and re-armed afterwards.

Once the limit has passed the alarm repeats every `RETRY` seconds until the block ends: Python
swallows an exception raised inside a gc callback or a `__del__` (hypothesis installs a gc
callback; a CI run lost its one interrupt there and extracted for minutes), so a single alarm is
not enough.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from .problem import IngestError

# Seconds one input may spend in extraction; a news page takes well under one.
EXTRACTION_SECONDS = 30.0
# Seconds between the alarms after the first, should one be swallowed.
RETRY = 0.25


class _OutOfTime(BaseException):
    # A BaseException, so that the libraries' broad `except Exception` cannot swallow it.
    pass


def _interrupt(_signum, _frame) -> None:
    raise _OutOfTime


@contextmanager
def time_limit(seconds: float | None, source: str, what: str) -> Iterator[None]:
    """Run the block for at most `seconds`, else raise IngestError naming the source."""
    if not seconds or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return
    started = time.monotonic()
    previous_handler = signal.signal(signal.SIGALRM, _interrupt)
    outer_delay, outer_interval = signal.setitimer(signal.ITIMER_REAL, seconds, RETRY)
    try:
        yield
    except _OutOfTime:
        raise IngestError(source, f"{what} took over {seconds:g} s (time limit; pathological or oversized input)") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous_handler)
        if outer_delay:
            # Re-arm the outer timer with what it had left (at least a moment, so it still fires).
            signal.setitimer(signal.ITIMER_REAL, max(outer_delay - (time.monotonic() - started), 0.001), outer_interval)
