"""What kind of source a cited source is, and its entity, so that origins can be compared across reports."""

from __future__ import annotations

import re
from functools import cache

from .. import resources
from ..model.mention import Mention

# An entity kind that, when it is the whole source, says what the source is.
_ENTITY_KINDS = {"country": "government", "igo": "government"}


@cache
def source_kinds() -> tuple[tuple[str, re.Pattern], ...]:
    """The kinds of source and the words that tell each (`data/source_kinds.json`), built once per process."""
    data = resources.json_data("firsthand.claims", "data", "source_kinds.json")
    # Whole words only: "officials" must not match the "cia" inside it.
    return tuple((kind, re.compile(r"\b(?:" + "|".join(re.escape(w.strip()) for w in words) + r")\b"))
                 for kind, words in data.items() if not kind.startswith("_"))


def source_kind(text: str, mentions: list[Mention], actors: set[str] = frozenset()) -> str:
    """The kind of a source from its words and its entities; `actors` are the entity ids the claim
    is about, since a source that is itself an actor speaks as a party ("Russia denies ...")."""
    if any(m.id in actors or (m.country and m.country in actors and m.kind == "country") for m in mentions):
        return "party"
    lowered = text.lower()
    for kind, pattern in source_kinds():
        if pattern.search(lowered):
            return kind
    for mention in mentions:
        if mention.kind in _ENTITY_KINDS:
            return _ENTITY_KINDS[mention.kind]
    if any(mention.kind == "person" for mention in mentions):
        return "person"
    return "anonymous" if text else "outlet"


# Head words of sources that can speak, beyond named entities and the kinds' own words.
_SPEAKERS = frozenset("""official officials lawmaker lawmakers legislator senator minister ministry spokesman spokeswoman
spokesperson president government agency agencies analyst analysts expert experts researcher researchers source sources
diplomat diplomats commander general officer investigator investigators monitor group groups institute council
committee service military army police prosecutor prosecutors court witness witnesses resident residents people
leader leaders office department administration embassy envoy ambassador adviser advisers aide aides journalist
reporter reporters newspaper agency statement report survey study intelligence company firm""".split())
PERSONAL_PRONOUNS = frozenset({"he", "she", "they", "i", "we"})


def is_speaker(text: str, head_lemma: str, mentions: list[Mention]) -> bool:
    """Whether a source phrase names someone who can say something: an entity or a speaker noun,
    not a thing ("the situation highlights", "the data show" are framings, not citations)."""
    if any(m.kind in {"person", "organization", "igo", "country"} for m in mentions):
        return True
    return head_lemma in _SPEAKERS or head_lemma in PERSONAL_PRONOUNS or source_kind(text, []) not in {"anonymous", "outlet"}


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
