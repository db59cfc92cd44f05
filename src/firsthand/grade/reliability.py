"""Source reliability, Admiralty letters A–F, from a table an analyst can replace."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from .. import resources
from ..model.assessment import LETTERS, Reliability

UNKNOWN = Reliability("F", "no record of this source in the reliability table")
SECTIONS = ("outlets", "origins", "observers")


def _key(name: str) -> str:
    return re.sub(r"^the\s+", "", name.strip().lower())


@dataclass(frozen=True)
class ReliabilityTable:
    outlets: dict[str, Reliability]
    origins: dict[str, Reliability]
    observers: dict[str, Reliability] = field(default_factory=dict)  # by kind of observer: "ais provider"

    @classmethod
    def load(cls, path: Path | None = None) -> ReliabilityTable:
        text = path.read_text("utf-8") if path else resources.text("firsthand.grade", "data", "reliability.json")
        data = json.loads(text)
        for section in SECTIONS:
            for name, entry in data.get(section, {}).items():
                if entry.get("grade") not in LETTERS:
                    raise ValueError(f"{path or 'reliability.json'}: {section}.{name}: grade must be one of A-F")
        build = lambda section: {_key(k): Reliability(v["grade"], v.get("why", "")) for k, v in data.get(section, {}).items()}  # noqa: E731
        return cls(*(build(section) for section in SECTIONS))

    def fingerprint(self) -> str:
        """A hash of the whole table: grades made under another table must be made again."""
        rows = {section: sorted((k, v.letter, v.why) for k, v in entries.items())
                for section, entries in zip(SECTIONS, (self.outlets, self.origins, self.observers), strict=True)}
        return hashlib.sha1(json.dumps(rows).encode("utf-8")).hexdigest()

    def outlet(self, name: str | None) -> Reliability:
        return self.outlets.get(_key(name), UNKNOWN) if name else UNKNOWN

    def origin(self, kind: str) -> Reliability:
        return self.origins.get(kind, UNKNOWN)

    def observer(self, kind: str) -> Reliability:
        return self.observers.get(_key(kind), UNKNOWN)


@cache
def default_table() -> ReliabilityTable:
    return ReliabilityTable.load()
