"""What kind of source a cited source is, and its entity, so that origins can be compared across reports."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from ..read.entities import Mention

# An entity kind that, when it is the whole source, says what the source is.
_ENTITY_KINDS = {"country": "government", "igo": "government"}


@cache
def _kinds() -> tuple[tuple[str, tuple[str, ...]], ...]:
    data = json.loads(resources.files("firsthand.claims").joinpath("data", "source_kinds.json").read_text("utf-8"))
    return tuple((kind, tuple(words)) for kind, words in data.items() if not kind.startswith("_"))


def source_kind(text: str, mentions: list[Mention], actors: set[str] = frozenset()) -> str:
    """The kind of a source from its words and its entities; `actors` are the entity ids the claim
    is about, since a source that is itself an actor speaks as a party ("Russia denies ...")."""
    if any(m.id in actors or (m.country and m.country in actors and m.kind == "country") for m in mentions):
        return "party"
    lowered = f" {text.lower()} "
    for kind, words in _kinds():
        if any(word in lowered for word in words):
            return kind
    for mention in mentions:
        if mention.kind in _ENTITY_KINDS:
            return _ENTITY_KINDS[mention.kind]
    if any(mention.kind == "person" for mention in mentions):
        return "person"
    return "anonymous" if text else "outlet"


def source_entity(mentions: list[Mention], head: int | None = None) -> str | None:
    """The entity a source is: the one at its head word ("Russia, a permanent member of the UN
    Security Council" is Russia), else an organisation or person before a country."""
    if head is not None:
        for mention in mentions:
            if mention.start <= head < mention.end and mention.kind != "other":
                return mention.id
    for kinds in (("organization", "igo", "person"), ("country",)):
        for mention in mentions:
            if mention.kind in kinds:
                return mention.id
    return None
