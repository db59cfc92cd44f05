"""Front matter: the YAML (`---`) or TOML (`+++`) block that opens Markdown and text files from
static sites and note tools, read with python-frontmatter (YAML through PyYAML's safe loader,
TOML through the standard library) and mapped onto a report's metadata.

The block is never report text. When it cannot be read it is still dropped, with a warning: its
lines are keys and values, not prose. `description` and `tags` have no place in a report: they are
read and left out (a description is the site's summary, not words the report says).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime

from frontmatter.default_handlers import BaseHandler, SafeLoader, YAMLHandler

from .limits import time_limit
from .problem import IngestError, IngestNote
from .published import parse_published


class _TextDates(SafeLoader):
    """PyYAML's safe loader, leaving dates as written: one impossible date ("2023-02-30") is then
    that field's problem, not the whole block's, and "2023-11" keeps its month precision."""


_TextDates.add_constructor("tag:yaml.org,2002:timestamp", _TextDates.construct_scalar)


class _YAMLHandler(YAMLHandler):
    def load(self, fm: str, **kwargs: object) -> object:
        return super().load(fm, Loader=_TextDates)


class _TOMLHandler(BaseHandler):
    # python-frontmatter's own TOML handler needs the unmaintained `toml` package; tomllib is standard.
    FM_BOUNDARY = re.compile(r"^\+{3,}\s*$", re.MULTILINE)

    def load(self, fm: str, **kwargs: object) -> dict:
        return tomllib.loads(fm)


_HANDLERS = (_YAMLHandler(), _TOMLHandler())
_FORMAT = {_YAMLHandler: "YAML", _TOMLHandler: "TOML"}
# Report fields and the keys that carry them, the more specific first (keys compared in lower case,
# "-" read as "_"). Jekyll's `published: true` is a flag, not a time: only dates and strings count.
KEYS = {
    "title": ("title", "headline"),
    "published": ("published", "publishdate", "publish_date", "pubdate", "published_at", "publication_date",
                  "date", "created"),
    "byline": ("byline", "authors", "author", "creator"),
    "outlet": ("outlet", "publisher", "site_name", "sitename", "site", "source_name"),
    "url": ("canonical_url", "canonicalurl", "canonical", "url", "link", "permalink"),
    "language": ("language", "lang"),
}
_LONGEST = 500  # characters of a title, byline or outlet; longer is not metadata


@dataclass(frozen=True)
class FrontMatter:
    body: str  # the text after the block (the whole text when there is none)
    metadata: dict = field(default_factory=dict)  # Report fields
    note: IngestNote | None = None


def split_front_matter(text: str, source: str, seconds: float | None = None) -> FrontMatter:
    """The text without its front matter, and the metadata the front matter gives."""
    handler = next((h for h in _HANDLERS if h.detect(text)), None)
    if handler is None:
        return FrontMatter(text)
    kind = _FORMAT[type(handler)]
    try:
        block, body = handler.split(text)
    except ValueError:
        # An opening line with no closing one: the block runs to the first blank line.
        block, _, body = text.partition("\n\n")
        return FrontMatter(body, note=IngestNote(source, f"{kind} front matter is not closed; dropped up to the first blank line"))
    try:
        with time_limit(seconds, source, f"{kind} front matter"):
            loaded = handler.load(block)
    except IngestError as error:
        return FrontMatter(body, note=IngestNote(source, f"{error.reason}; front matter dropped"))
    except Exception as error:  # noqa: BLE001 (PyYAML and tomllib raise their own kinds, and RecursionError)
        detail = " ".join(str(error).split())[:160]
        return FrontMatter(body, note=IngestNote(source, f"malformed {kind} front matter ({type(error).__name__}: {detail}); dropped"))
    if loaded is None:  # an empty block
        return FrontMatter(body)
    if not isinstance(loaded, dict):
        return FrontMatter(body, note=IngestNote(source, f"{kind} front matter is not a set of keys and values; dropped"))
    metadata, problems = _metadata({str(key).lower().replace("-", "_"): value for key, value in loaded.items()})
    note = IngestNote(source, f"front matter: {'; '.join(problems)}") if problems else None
    return FrontMatter(body, metadata, note)


def _metadata(values: dict) -> tuple[dict, list[str]]:
    metadata: dict = {}
    problems: list[str] = []
    for name, keys in KEYS.items():
        for key in keys:
            value = values.get(key)
            if name == "published":
                if isinstance(value, bool) or not isinstance(value, (str, date)):
                    continue
                try:
                    when = value.isoformat() if isinstance(value, date) and not isinstance(value, datetime) else value
                    metadata["published"], metadata["published_precision"] = parse_published(when)
                except ValueError as error:
                    problems.append(f"'{key}': {error}")
                    continue
            elif name == "byline":
                value = _names(value)
                if not value:
                    continue
                metadata[name] = value
            else:
                value = _text(value)
                if not value or name == "url" and not value.startswith(("http://", "https://")) \
                        or name == "language" and not re.fullmatch(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*", value):
                    continue
                metadata[name] = value.split("-")[0].split("_")[0].lower() if name == "language" else value
            break
    return metadata, problems


def _text(value: object) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    text = " ".join(str(value).split())
    return text if 0 < len(text) <= _LONGEST else None


def _names(value: object) -> str | None:
    """An author, a list of authors, or authors as mappings with a `name` (as some schemas write them)."""
    items = value if isinstance(value, list) else [value]
    names = [_text(item.get("name") if isinstance(item, dict) else item) for item in items[:20]]
    joined = ", ".join(name for name in names if name)
    return joined if 0 < len(joined) <= _LONGEST else None
