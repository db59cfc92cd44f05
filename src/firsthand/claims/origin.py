"""What kind of source a cited source is, and its entity, so that origins can be compared across reports.

A named organisation is at least an "organization" (reliability cannot be judged), never
"anonymous": that is for sources the report does not name ("officials said", "a person familiar
with the matter"). A person is a "person" unless a title the report gives them says more
("Finance Minister", "lawmaker", "Sen."); someone who speaks for an affiliation ("a Treasury
spokesman", "U.S. officials") is of the affiliation's kind.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Span, Token

from .. import resources
from ..model.mention import Mention

# An entity kind that, when it is the whole source, says what the source is.
_ENTITY_KINDS = {"country": "government", "igo": "government"}
# Kinds a title before a person's name may give them ("Energy Minister Subroto").
TITLE_KINDS = frozenset({"intelligence", "legislator", "government"})
# Dependents of a name that hold its title: "Finance Minister Kiichi Miyazawa", "Yoo, a lawmaker".
TITLE_DEPS = frozenset({"compound", "amod", "nmod", "appos"})


@cache
def source_kinds() -> tuple[tuple[str, re.Pattern], ...]:
    """The kinds of source and the words that tell each (`data/source_kinds.json`), built once per process."""
    data = resources.json_data("firsthand.claims", "data", "source_kinds.json")
    # Whole words only: "officials" must not match the "cia" inside it.
    return tuple((kind, re.compile(r"\b(?:" + "|".join(re.escape(w.strip()) for w in words) + r")\b"))
                 for kind, words in data.items() if not kind.startswith("_"))


def word_kind(text: str, kinds: frozenset[str] | None = None) -> str | None:
    """The first kind (in the data's order; 'roles' included) whose words the text holds."""
    lowered = text.lower()
    for kind, pattern in source_kinds():
        if (kinds is None or kind in kinds) and pattern.search(lowered):
            return kind
    return None


def source_kind(text: str, mentions: list[Mention], actors: set[str] | frozenset[str] = frozenset(), named: bool = False,
                entity: str | None = None) -> str:
    """The kind of a source from its words and its entities; `actors` are the entity ids the claim
    is about, since a source that is itself an actor speaks as a party ("Russia denies ...");
    `named`: the source is a proper name no entity covers ("WEDGE said"); `entity`: the one the
    source is (`source_entity`), a person whatever the organisations in their title."""
    if any(m.id in actors or (m.country and m.country in actors and m.kind == "country") for m in mentions):
        return "party"
    if word_kind(text, frozenset({"anonymous"})):
        return "anonymous"
    if any(m.id == entity and m.kind == "person" for m in mentions):
        return "person"  # "White House hopeful Ben Carson"; their title, from the parse, may say more
    organizations = [m.text for m in mentions if m.kind == "organization"]
    if organizations:
        # The organisation's own name decides ("Commerce Department", not "Ford's president").
        return word_kind(" ".join(organizations), TITLE_KINDS | {"open-source"}) or "organization"
    if any(m.kind == "person" for m in mentions):
        return "person"  # its title, from the parse, may say more (title_kind)
    kind = word_kind(text)
    if kind is not None and kind != "roles":
        return kind
    if named:
        return "organization"
    for mention in mentions:
        if mention.kind in _ENTITY_KINDS:
            return _ENTITY_KINDS[mention.kind]
    return "anonymous" if text else "outlet"


def title_kind(name: Span) -> str | None:
    """The kind a person's title says, from the words the parse hangs on their name: "Indonesian
    Energy Minister Subroto", "lawmaker Yoo Sang-bum", "Yoo, a lawmaker"; not "White House
    hopeful Ben Carson"."""
    words = []
    for token in name:
        for child in token.children:
            if child.dep_ not in TITLE_DEPS or child.ent_type_ == "PERSON" or name.start <= child.i < name.end:
                continue
            if child.dep_ == "appos":
                words.append(child.text)  # the apposition's head noun, not what it goes on about
            else:
                words.extend(t.text for t in child.subtree)
    # The title's last words (its head) decide: "House hopeful" says nothing of a government.
    return word_kind(" ".join(words[-2:]), TITLE_KINDS) if words else None


# Head words of sources that can speak, beyond named entities and the kinds' own words.
_SPEAKERS = frozenset("""official officials lawmaker lawmakers legislator senator minister ministry spokesman spokeswoman
spokesperson president government agency agencies analyst analysts expert experts researcher researchers source sources
diplomat diplomats commander general officer investigator investigators monitor group groups institute council
committee service military army police prosecutor prosecutors court witness witnesses resident residents people
leader leaders office department administration embassy envoy ambassador adviser advisers aide aides journalist
reporter reporters newspaper agency statement report survey study intelligence company firm""".split())
PERSONAL_PRONOUNS = frozenset({"he", "she", "they", "i", "we"})
# Cue verbs that a thing may be the subject of ("the data show", "the situation highlights"): with
# them only a speaker noun or an entity cites someone. Any other cue verb is said by its subject.
EVIDENTIAL = frozenset({"show", "suggest", "indicate", "highlight", "reflect", "mean", "demonstrate", "underscore",
                        "illustrate", "signal", "point", "prove", "imply", "reveal", "confirm", "find", "according"})


def is_speaker(text: str, head: Token | None, mentions: list[Mention], cue_lemma: str = "say") -> bool:
    """Whether a source phrase names someone who can say something: an entity, a speaker noun, or
    any noun as the subject of a verb of speech ("the exchange said", "bankers said"), but not a
    thing framing evidence ("the situation highlights", "the data show" cite no one)."""
    if any(m.kind in {"person", "organization", "igo", "country"} for m in mentions):
        return True
    lemma = head.lemma_.lower() if head is not None else text.lower()
    if lemma in _SPEAKERS or lemma in PERSONAL_PRONOUNS or word_kind(text) not in {None, "roles"}:
        return True
    return head is not None and head.pos_ in {"NOUN", "PROPN"} and cue_lemma not in EVIDENTIAL


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
