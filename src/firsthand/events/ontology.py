"""The PLOVER ontology and the coder's vocabulary, both kept as data in `events/data/`.

`plover.json` is the schema (the 16 event types with quad category and modes, contexts,
auxiliary modes, sector codes, and the older draft's type names) and how the coder treats each
type (`Coding`: the code asks for behaviour by attribute, never by type name); `lexicon.json` is
how news language names them (trigger verbs and nouns per type, light and reporting verbs, sector
and context words).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, cached_property
from types import MappingProxyType

from firsthand import resources


@dataclass(frozen=True)
class Coding:
    """How the coder treats events of one type (`_coding` in plover.json says what each means)."""

    phrase: str  # "gave aid to": the event between its actor and recipient, as a verb phrase
    verbal: bool = False  # what it is about is its content, not a second event
    future_as: str | None = None  # the type an announced event of this type is coded as
    offered_as: str | None = "AGREE"  # the type an intent over this act makes; None: the act itself
    mutual: bool = False  # company ("talks with X") are co-actors ...
    directed_modes: frozenset[str] = frozenset()  # ... except in these modes ("visit")
    theme: bool = False  # it carries what is given or agreed
    patient_is_theme: bool = False  # its passive subject or "of" phrase is that theme, not a recipient
    transfer: str | None = None  # "made" | "promised": it moves material
    addressee_in_clause: bool = False  # "demanded that X withdraw": X is the recipient
    mode_from_content: bool = False  # its mode comes from what it is about, not from instruments
    negates_content: bool = False  # what it is about did not happen
    content_is_event: bool = False  # what it is about is coded as an event of its own
    physical: bool = False  # force: between people only, with no weapon named, it is a figure of speech
    captive_modes: frozenset[str] = frozenset()  # modes that free people: what is freed must be people
    object_party: bool = False  # a direct object, when there is one, names a party or a party's own thing
    own_content: bool = False  # what it says ("warned that ...") is the actor's own act, not a risk
    needs_content: bool = False  # a verb of it needs what is agreed or supported, or to whom

    def joint(self, mode: str | None) -> bool:
        """Whether company and objects are co-actors for an event in this mode."""
        return self.mutual and mode not in self.directed_modes


@dataclass(frozen=True)
class EventType:
    name: str
    quad: int  # 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict
    requires_recipient: bool
    description: str
    modes: Mapping[str, str]
    coding: Coding


@dataclass(frozen=True)
class Trigger:
    """A word that names an event of `type` (with `mode`, possibly empty)."""

    type: str
    mode: str | None


@dataclass(frozen=True)
class Ontology:
    version: str
    types: Mapping[str, EventType]
    contexts: tuple[str, ...]
    auxiliary: Mapping[str, str]
    sectors: Mapping[str, str]
    draft_types: Mapping[str, tuple[str, str | None]]

    def coding(self, name: str) -> Coding:
        return self.types[name].coding

    def from_draft(self, name: str) -> tuple[str, str | None]:
        """The 16-type name (and implied mode) of a type of the older draft ("FIGHT" → ASSAULT)."""
        if name in self.types:
            return name, None
        return self.draft_types[name]


@dataclass(frozen=True)
class Frame:
    """The dependents a verb needs (one of; "dep" or "dep:word") or must lack to name its event."""

    needs: tuple[str, ...] = ()
    lacks: tuple[str, ...] = ()


@dataclass(frozen=True)
class Lexicon:
    verbs: Mapping[str, Trigger]  # lemma, or "lemma particle" for phrasal verbs
    nouns: Mapping[str, Trigger]
    modifiers: Mapping[str, str]  # adjective → type it makes of a plain noun
    mode_words: Mapping[str, Mapping[str, str]]  # type → word → mode
    converse: Mapping[str, str]  # verb → type, with the recipient as subject
    light: frozenset[str]
    reporting: frozenset[str]
    intent: frozenset[str]
    orders: frozenset[str]
    sector_words: Mapping[str, str]  # word → sector
    context_words: Mapping[str, str]  # word → context
    military_items: frozenset[str]
    not_transfers: frozenset[str]  # objects of "give", "deliver" that are messages, not material
    commercial: frozenset[str]  # words of trade: a sale or share offering is no political event
    state_sectors: frozenset[str]  # sectors of a phrase that make the country it names a party
    armed_sectors: frozenset[str]  # sectors that use force, besides a country itself
    captives: frozenset[str]  # heads of what a release frees when it is people
    agents: frozenset[str]  # head nouns of people or bodies, besides sector words and captives: who can act
    contests: frozenset[str]  # nouns of polls and elections: what happens in one is no act between parties
    frames: Mapping[str, Frame]  # verbs that name an event only in some of their frames
    historical_days: int

    # Only tokens with these lemmas have children worth reading for a phrasal verb or compound
    # noun trigger (the coder asks of every verb and noun).
    @cached_property
    def phrasal_starts(self) -> frozenset[str]:
        """What a multi-word verb entry starts with before a space ("carry" of "carry out")."""
        return frozenset(v[:i] for v in self.verbs for i, c in enumerate(v) if c == " ")

    @cached_property
    def compound_ends(self) -> frozenset[str]:
        """What a multi-word noun entry ends with after a space ("strike" of "air strike")."""
        return frozenset(n[i + 1:] for n in self.nouns for i, c in enumerate(n) if c == " ")

    @cached_property
    def trigger_lemmas(self) -> frozenset[str]:
        """Every lemma that can name an event by itself or with a particle, compound or
        converse reading (not with an adjective: `modifiers` make plain nouns events)."""
        return self.phrasal_starts | self.compound_ends | frozenset(self.verbs) | frozenset(self.nouns) | frozenset(self.converse)

    @property
    def keywords(self) -> Mapping[str, Trigger]:
        """Every trigger word, verbs before nouns: what the keyword baseline matches."""
        return MappingProxyType({**self.nouns, **self.verbs})


def _load(name: str) -> dict:
    return resources.json_data("firsthand.events", "data", name)


@cache
def ontology() -> Ontology:
    data = _load("plover.json")
    types = {
        name: EventType(name, t["quad"], t["requires_recipient"], t["description"], MappingProxyType(t["modes"]),
                        _coding(t["coding"]))
        for name, t in data["types"].items()
    }
    named = {c.future_as for c in (t.coding for t in types.values())} | {t.coding.offered_as for t in types.values()}
    if unknown := {n for n in named if n is not None} - set(types):
        raise ValueError(f"plover.json codes events as types it lacks: {sorted(unknown)}")
    draft = {k: (v[0], v[1]) for k, v in data["draft_types"].items() if not k.startswith("_")}
    return Ontology(
        data["version"], MappingProxyType(types), tuple(data["contexts"]),
        MappingProxyType(data["auxiliary"]), MappingProxyType(data["sectors"]), MappingProxyType(draft),
    )


def _coding(data: dict) -> Coding:
    return Coding(**{**data, "directed_modes": frozenset(data.get("directed_modes", ())),
                     "captive_modes": frozenset(data.get("captive_modes", ()))})


def _triggers(section: dict) -> dict[str, Trigger]:
    found: dict[str, Trigger] = {}
    for type_, words in section.items():
        for word, mode in words.items():
            found.setdefault(word, Trigger(type_, mode or None))
    return found


def _inverted(section: dict) -> dict[str, str]:
    """{"GOV": ["president", ...]} → {"president": "GOV"}; the first listing of a word wins."""
    out: dict[str, str] = {}
    for key, words in section.items():
        if not key.startswith("_"):
            for word in words:
                out.setdefault(word, key)
    return out


@cache
def lexicon() -> Lexicon:
    data = _load("lexicon.json")
    known = set(ontology().types)
    triggers = {**_triggers(data["verbs"]), **_triggers(data["nouns"])}
    unknown = {t.type for t in triggers.values()} - known
    if unknown:
        raise ValueError(f"lexicon names event types PLOVER lacks: {sorted(unknown)}")
    return Lexicon(
        verbs=MappingProxyType(_triggers(data["verbs"])),
        nouns=MappingProxyType(_triggers(data["nouns"])),
        modifiers=MappingProxyType(data["modifiers"]),
        mode_words=MappingProxyType(data["mode_words"]),
        converse=MappingProxyType(data["converse"]),
        light=frozenset(data["light"]),
        reporting=frozenset(data["reporting"]),
        intent=frozenset(data["intent"]),
        orders=frozenset(data["orders"]),
        sector_words=MappingProxyType(_inverted(data["sector_words"])),
        context_words=MappingProxyType(_inverted(data["context_words"])),
        military_items=frozenset(data["item_words"]["military"]),
        not_transfers=frozenset(data["item_words"]["not_material"]),
        commercial=frozenset(data["commercial"]["words"]),
        state_sectors=frozenset(data["state_sectors"]["sectors"]),
        armed_sectors=frozenset(data["armed_sectors"]["sectors"]),
        captives=frozenset(data["captives"]["words"]),
        agents=frozenset(data["agents"]["words"]),
        contests=frozenset(data["contests"]["words"]),
        frames=MappingProxyType({verb: Frame(tuple(f.get("needs", ())), tuple(f.get("not", ())))
                                 for verb, f in data["frames"].items() if not verb.startswith("_")}),
        historical_days=data["historical_days"],
    )
