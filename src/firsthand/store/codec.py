"""Dataclasses to JSON and back, for the nested parts of what the store keeps (quantities in a
claim, links in a chain). One generic codec instead of a to_dict/from_dict pair per class."""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Callable
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
    return _decoder(kind)(data)


@cache
def _decoder(kind: Any) -> Callable[[Any], Any]:
    """The function rebuilding values of type `kind`, made once per type: reading the type at
    every value cost more than the JSON parse (a page of 50 assessments, ~30k type inspections)."""
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(kind) if arg is not type(None)]
        return _decoder(options[0]) if len(options) == 1 else _same
    if origin in (tuple, list):
        args = typing.get_args(kind)
        item = _decoder(args[0] if args else Any)
        if origin is tuple:
            return lambda data: None if data is None else tuple(item(value) for value in data)
        return lambda data: None if data is None else [item(value) for value in data]
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        hints = _hints(kind)
        fields = {f.name: _decoder(hints[f.name]) for f in dataclasses.fields(kind) if f.init}
        return lambda data: None if data is None else kind(
            **{name: fields[name](value) for name, value in data.items() if name in fields})
    if kind is float:
        return lambda data: float(data) if isinstance(data, str) else data
    return _same


def _same(data: Any) -> Any:
    return data


@overload
def loads(kind: type[T], text: str) -> T: ...
@overload
def loads(kind: type[T], text: str | None) -> T | None: ...
def loads(kind: type[T], text: str | None) -> T | None:
    return None if text is None else from_plain(kind, json.loads(text))
