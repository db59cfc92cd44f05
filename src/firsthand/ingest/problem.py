"""What goes wrong with an input, in one line: an error (nothing ingested from it, the run goes on)
or a note (ingested, with something the user should know: a guessed encoding, bytes replaced,
front matter that could not be read)."""

from __future__ import annotations

from dataclasses import dataclass


class IngestError(Exception):
    """Names the input (file, file:line, URL) and the reason, for a one-line message."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


@dataclass(frozen=True)
class IngestNote:
    """An input was ingested, but not quite as it stood: one line naming it and what happened."""

    source: str
    reason: str
    level: str = "warning"  # "warning": something was lost or guessed; "note": done as asked, worth knowing

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"
