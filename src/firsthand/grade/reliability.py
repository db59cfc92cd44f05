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


class ReliabilityError(ValueError):
    """A reliability table that cannot be used; the message names the file."""


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
        """The table in `path`, else the packaged one; ReliabilityError naming the file if it is not one."""
        name = str(path) if path else "reliability.json"
        try:
            data = json.loads(path.read_text("utf-8")) if path else resources.json_data("firsthand.grade", "data", "reliability.json")
            if not isinstance(data, dict):
                raise ValueError("not a JSON object with outlets and origins")
            sections = {}
            for section in SECTIONS:
                entries = data.get(section, {})
                if not isinstance(entries, dict):
                    raise ValueError(f"{section}: not an object of names")
                for key, entry in entries.items():
                    if not isinstance(entry, dict) or entry.get("grade") not in LETTERS:
                        raise ValueError(f"{section}.{key}: grade must be one of A-F")
                sections[section] = {_key(k): Reliability(v["grade"], str(v.get("why", "")))
                                     for k, v in entries.items()}
        except (OSError, ValueError) as error:
            raise ReliabilityError(f"reliability table {name}: {error}") from None
        return cls(*(sections[section] for section in SECTIONS))

    def overlaid(self, outlets: dict[str, Reliability], origins: dict[str, Reliability]) -> ReliabilityTable:
        """This table with some outlets' and origins' letters replaced (an analyst's edits)."""
        return ReliabilityTable({**self.outlets, **{_key(k): v for k, v in outlets.items()}},
                                {**self.origins, **{_key(k): v for k, v in origins.items()}}, self.observers)

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


def packaged_text() -> str:
    """The packaged table as written, to copy out for editing (`firsthand reliability --write`)."""
    return resources.text("firsthand.grade", "data", "reliability.json")
