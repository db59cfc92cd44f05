"""Dataclasses to JSON and back, for the nested parts of what the store keeps (quantities in a
claim, links in a chain). One generic codec instead of a to_dict/from_dict pair per class."""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from functools import cache
from typing import Any, TypeVar, overload

T = TypeVar("T")


def to_plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init and f.repr}
    if isinstance(value, (list, tuple)):
        return [to_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: to_plain(item) for key, item in value.items()}
    if isinstance(value, float) and value in (float("inf"), float("-inf")):
        return str(value)
    return value


def dumps(value: Any) -> str:
    return json.dumps(to_plain(value), ensure_ascii=False, separators=(",", ":"))


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def from_plain(kind: Any, data: Any) -> Any:
    """Rebuild a value of type `kind` (a dataclass, tuple[...], list[...], X | None, or a scalar)."""
    if data is None:
        return None
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(kind) if arg is not type(None)]
        return from_plain(options[0], data) if len(options) == 1 else data
    if origin in (tuple, list):
        args = typing.get_args(kind)
        item = args[0] if args else Any
        items = [from_plain(item, value) for value in data]
        return tuple(items) if origin is tuple else items
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        hints = _hints(kind)
        fields = {f.name for f in dataclasses.fields(kind) if f.init}
        return kind(**{name: from_plain(hints[name], value) for name, value in data.items() if name in fields})
    if kind is float and isinstance(data, str):
        return float(data)
    return data


@overload
def loads(kind: type[T], text: str) -> T: ...
@overload
def loads(kind: type[T], text: str | None) -> T | None: ...
def loads(kind: type[T], text: str | None) -> T | None:
    return None if text is None else from_plain(kind, json.loads(text))
