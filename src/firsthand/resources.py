"""The one loader of packaged data: gazetteers, lexicons, tables and the trained tagger are read
here, so that a file missing from the install, or malformed, is one error naming it
("firsthand/claims/data/cues.txt: missing from the installed package") instead of a traceback
from deep inside a stage.

Nothing here caches: whoever builds a table from a file decides how long it lives (a component
holds what it loads in `initialize()`; reference tables several stages share are built once per
process by their module).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


class PackagedDataError(RuntimeError):
    """A packaged data file is missing or malformed; the message names the file."""


def _located(package: str, parts: tuple[str, ...]) -> tuple[str, Traversable]:
    name = "/".join((*package.split("."), *parts))
    try:
        file = resources.files(package).joinpath(*parts)
    except ModuleNotFoundError:
        raise PackagedDataError(f"{name}: the package {package} is not installed") from None
    if not file.is_file():
        raise PackagedDataError(f"{name}: missing from the installed package (reinstall it)")
    return name, file


def load(package: str, *parts: str, parse: Callable[[str], T]) -> T:
    """`parse` of the text of a package's file (UTF-8); an error in either names the file."""
    name, file = _located(package, parts)
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise PackagedDataError(f"{name}: unreadable ({error})") from None
    try:
        return parse(text)
    except Exception as error:  # noqa: BLE001  whatever the parser raises, the message names the file
        raise PackagedDataError(f"{name}: malformed ({type(error).__name__}: {error})") from None


def open_file(package: str, *parts: str, opener: Callable[[Path], T]) -> T:
    """`opener` of a path to a package's file, for libraries that read files themselves (a CRF model,
    a shapefile); an error in it names the file."""
    name, file = _located(package, parts)
    with resources.as_file(file) as path:
        try:
            return opener(path)
        except Exception as error:  # noqa: BLE001  as in load()
            raise PackagedDataError(f"{name}: malformed ({type(error).__name__}: {error})") from None


def text(package: str, *parts: str) -> str:
    return load(package, *parts, parse=str)


def json_data(package: str, *parts: str) -> Any:
    return load(package, *parts, parse=json.loads)


def lines(package: str, *parts: str) -> list[str]:
    """The entries of a list kept one a line: stripped, without `#` comments and blank lines."""
    return load(package, *parts, parse=_entries)


def _entries(text: str) -> list[str]:
    return [entry for line in text.splitlines() if (entry := line.split("#", 1)[0].strip())]
