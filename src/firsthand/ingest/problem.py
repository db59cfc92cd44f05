"""An input that could not be ingested: reported in one line, and the run goes on."""

from __future__ import annotations


class IngestError(Exception):
    """Names the input (file, file:line, URL) and the reason, for a one-line message."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason
