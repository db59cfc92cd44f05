"""Independent origins: ten reports relaying one briefing are one origin, not ten.

Origins are identities, not names. Within a story, one source under several descriptions is one
origin (`Identities`): "Trump" and "Donald Trump"; "Mr. Yoo" and "lawmaker Yoo Sang-bum"; "the
South Korean lawmaker" and the one lawmaker the story names; "law enforcement officials" and the
one longer description that contains it. An outlet's own voice is one origin per outlet, however
many of its reports carry the claim. Within a group of matching claims, two origins are also one
when one relayed the other's information (NIS → lawmaker Yoo, or one attribution nested in
another), or when both are the reports' own voice and one report was derived from the other. A
report's own voice does not count beside a source that report cites for the same claim, and an
unidentified origin (a pronoun) does not count beside an identified one: it may be any of them.
When the code cannot tell whether two origins are one, it counts them as one: an origin counted
twice raises a grade, an origin counted once never does.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..claims.origin import PERSONAL_PRONOUNS
from ..model.claim import Claim, Source
from ..model.story import Derivation

RELAYING = {"recipient", "relay"}
_WORD = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")
# Words that open a description or a name without telling who it is.
_OPENERS = frozenset("""the a an this that these those its their his her mr mrs ms miss dr sir
president sen senator rep representative gov governor secretary minister lawmaker gen general""".split())
# Heads of descriptions that stand for one person ("the president" is the one person who spoke).
_ONE_PERSON = frozenset("""president minister secretary senator governor lawmaker legislator spokesman spokeswoman
spokesperson chairman chairwoman director chief mayor ambassador envoy official adviser aide""".split())
PRONOUNS = PERSONAL_PRONOUNS | {"it", "you", "him", "her", "them", "us"}


def _words(name: str) -> list[str]:
    # Adverbs left in a source span ("Law enforcement officials subsequently") say nothing of who.
    return [w for w in _WORD.findall(name.lower().replace("’", "'")) if not (w.endswith("ly") and len(w) > 6)]


def _core(name: str) -> list[str]:
    """A description's words without its openers and its relative clause: "the South Korean
    lawmaker who revealed this information" is a South Korean lawmaker."""
    words = _words(re.split(r"\s(?:who|which|that|whose)\s", name, maxsplit=1)[0])
    while len(words) > 1 and words[0] in _OPENERS:
        words = words[1:]
    return words


def is_pronoun(source: Source) -> bool:
    return source.entity_id is None and source.name.strip().lower() in PRONOUNS


def _named(source: Source) -> bool:
    return source.entity_id is not None or source.kind == "person"


@dataclass
class OriginSet:
    """One independent origin: the sources found to be the same, and the claims resting on it."""

    sources: list[Source] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    key: str = ""  # the identity of the source it is named by

    @property
    def source(self) -> Source:
        """The one to name: a cited source before an outlet's own voice, a name before a
        description, anything before a pronoun."""
        return min(self.sources, key=lambda s: (s.kind == "outlet", is_pronoun(s), not _named(s), self.sources.index(s)))

    @property
    def via(self) -> list[str]:
        names = {s.name for s in self.sources}
        return list(dict.fromkeys(link.name for c in self.claims for link in c.chain[1:-1]
                                  if link.role == "relay" and link.name not in names))

    @property
    def report_ids(self) -> list[str]:
        return list(dict.fromkeys(c.report_id for c in self.claims))

    @property
    def identified(self) -> bool:
        """Whether it is someone: not a pronoun left unresolved."""
        return not is_pronoun(self.source)


_COUNTRY = re.compile(r"[A-Z]{3}")
_ORGAN = re.compile(r"org:([a-z]{3})-.+")  # an organisation qualified by its country's code


def _identity(source: Source) -> tuple[str, bool]:
    """A source's key before aliases, and whether it names someone (else it describes them). "The
    South Korean lawmaker" carries South Korea's code but is a lawmaker, not South Korea; the
    White House speaking for the US government is the US government."""
    entity = source.entity_id
    if entity and _COUNTRY.fullmatch(entity) and source.kind not in {"government", "party"}:
        return f"{source.kind}:{' '.join(_core(source.name))}", False
    if entity and source.kind == "government" and (organ := _ORGAN.fullmatch(entity)):
        return organ.group(1).upper(), True
    return source.key, entity is not None


class Identities:
    """Who is who among a story's sources (origins and relays): each source's key resolved to the
    one identity it names. Looked up by name parts, not compared pair by pair."""

    def __init__(self, sources: Iterable[Source]) -> None:
        sources = list({s.key + s.name: s for s in sources if s.kind != "outlet" and not is_pronoun(s)}.values())
        self.alias: dict[str, str] = {}
        identity = {s.key + s.name: _identity(s) for s in sources}
        named = [(s, identity[s.key + s.name][0]) for s in sources if identity[s.key + s.name][1]]
        described = [(s, identity[s.key + s.name][0]) for s in sources if not identity[s.key + s.name][1]]
        # People by the parts of their names: "person:yoo-sang-bum" is found by "yoo" and "bum".
        by_part: dict[str, set[str]] = defaultdict(set)
        for _, key in named:
            if key.startswith("person:") and "-" in key:
                parts = key[7:].split("-")
                by_part[parts[0]].add(key)
                by_part[parts[-1]].add(key)
        named_words: dict[str, set[str]] = defaultdict(set)  # a word of a named source's name → its keys
        for s, key in named:
            for word in _words(s.name):
                named_words[word].add(key)
        core = {key: frozenset(_core(s.name)) for s, key in described}
        for _, key in named:
            if key.startswith("person:") and "-" not in key:
                self._alias(key, _unique(by_part.get(key[7:], ())))
        for s, key in described:
            words = _core(s.name)
            if not words:
                continue
            target = None
            if s.kind == "person" or s.name.split()[-1][:1].isupper():
                # A bare name: "Funaro" is "Dilson Funaro" when the story has one such person.
                target = _unique(set().union(*(by_part.get(w, set()) for w in {words[0], words[-1]})))
            # "The South Korean lawmaker" is the one named source the story calls a lawmaker.
            target = target or _unique(named_words.get(words[-1], ()))
            # "Law enforcement officials" is the one longer description containing it.
            target = target or _unique({k for k, other in core.items() if core[key] < other and words[-1] in other})
            self._alias(key, target)

    def _alias(self, key: str, target: str | None) -> None:
        if target and target != key:
            self.alias[key] = target

    def key(self, source: Source) -> str:
        key = _identity(source)[0]
        for _ in range(4):  # aliases may chain (a description to a bare name to a full name)
            if key not in self.alias:
                break
            key = self.alias[key]
        return key


def _unique(candidates: Iterable[str]) -> str | None:
    found = set(candidates)
    return found.pop() if len(found) == 1 else None


class Relays:
    """Who relayed whom among a story's claims, who is who among its sources, and which of its
    reports derive from which: read once per story, then asked for each group of claims
    (scanning the whole story for every group would cost groups x claims). `outlets` names each
    report's outlet: one outlet's own voice is one origin across its reports."""

    def __init__(self, context: Iterable[Claim] = (), derivations: Iterable[Derivation] = (),
                 outlets: dict[str, str | None] | None = None) -> None:
        context = list(context)
        self.outlets = outlets or {}
        self.identities = Identities(s for c in context for s in c.chain[:-1])
        self.links: dict[str, set[str]] = defaultdict(set)
        for claim in context:
            self._add_chain(claim, self.links)
        for derivation in derivations:
            if derivation.label != "not":
                self._add(self.voice(derivation.derived_id), self.voice(derivation.source_id), self.links)

    def voice(self, report_id: str) -> str:
        """A report's own voice: its outlet's, or the report's when its outlet is unknown."""
        outlet = self.outlets.get(report_id)
        return f"outlet:{' '.join(outlet.lower().split())}" if outlet else f"outlet:{report_id}"

    def key(self, claim: Claim) -> str:
        return self.voice(claim.report_id) if claim.origin.kind == "outlet" else self.identities.key(claim.origin)

    @staticmethod
    def _add(a: str, b: str, links: dict[str, set[str]]) -> None:
        links[a].add(b)
        links[b].add(a)

    def _add_chain(self, claim: Claim, links: dict[str, set[str]]) -> None:
        for link in claim.chain[1:-1]:
            if link.role in RELAYING:
                self._add(self.identities.key(link), self.key(claim), links)

    def origins(self, claims: Iterable[Claim]) -> list[OriginSet]:
        """The independent origins of a group of claims."""
        claims = list(claims)
        cited = {c.report_id for c in claims if c.origin.kind != "outlet"}
        claims = [c for c in claims if c.origin.kind != "outlet" or c.report_id not in cited]
        keys = {self.key(c) for c in claims}
        parent = {k: k for k in keys}

        def find(k: str) -> str:
            while parent[k] != k:
                parent[k] = parent[parent[k]]
                k = parent[k]
            return k

        def union(a: str, b: str) -> None:
            parent[find(a)] = find(b)

        # The group's own chains, beside the story's, in case they are not in its context.
        own: dict[str, set[str]] = defaultdict(set)
        for claim in claims:
            self._add_chain(claim, own)
        for links in (self.links, own):
            for key in keys:
                for other in links.get(key, ()):
                    if other in parent:
                        union(key, other)
        # Nested attributions ("X told lawmakers ..., according to a lawmaker") cover the same words
        # of one report: the outer source relays the inner one. Swept in order of start.
        ordered = sorted(claims, key=lambda c: (c.report_id, c.start))
        for n, a in enumerate(ordered):
            for b in ordered[n + 1:]:
                if b.report_id != a.report_id or b.start >= a.end:
                    break
                if a.start < b.end:
                    union(self.key(a), self.key(b))
        self._fold_unnamed(claims, union, find)
        sets: dict[str, OriginSet] = {}
        for claim in claims:
            found = sets.setdefault(find(self.key(claim)), OriginSet())
            found.claims.append(claim)
            if claim.origin not in found.sources:
                found.sources.append(claim.origin)
        for found in sets.values():
            named = found.source
            found.key = next(self.key(c) for c in found.claims if c.origin == named)
        return list(sets.values())

    def _fold_unnamed(self, claims: list[Claim], union, find) -> None:
        """Within one group: a pronoun may be any other origin of the group (one of its own report
        first), and "the president" is the one named person beside it; either is folded into that
        origin, not counted beside it."""
        origins = {self.key(c): c.origin for c in claims}
        named = [k for k, s in origins.items() if s.kind != "outlet" and _named(s)]
        for key, source in origins.items():
            if is_pronoun(source):
                reports = {c.report_id for c in claims if self.key(c) == key}
                others = sorted({self.key(c) for c in claims if find(self.key(c)) != find(key)},
                                key=lambda k: not any(c.report_id in reports for c in claims if self.key(c) == k))
                if others:
                    union(key, others[0])
            elif not _named(source) and source.kind != "outlet":
                words = _core(source.name)
                people = {find(k) for k in named if k.startswith("person:")}
                same_kind = {find(k) for k in named if origins[k].kind == source.kind}
                if words and words[-1] in _ONE_PERSON and len(people) == 1:
                    union(key, people.pop())
                elif len(same_kind) == 1:
                    union(key, same_kind.pop())


def independent_origins(claims: Iterable[Claim], context: Iterable[Claim] = (),
                        derivations: Iterable[Derivation] = (), outlets: dict[str, str | None] | None = None) -> list[OriginSet]:
    """The independent origins of a group of claims; `context` holds the other claims of the same
    reports (whose chains show who relayed whom, and who is who), `derivations` the text reuse
    between reports, `outlets` each report's outlet."""
    return Relays(list(context) + list(claims), derivations, outlets).origins(claims)
