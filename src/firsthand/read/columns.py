"""A token attribute of a whole Doc as a plain list, read from the Doc's arrays.

Reading `token.lemma_` word by word makes a Token object per word and looks its string up
each time; a component that only needs to find the few tokens worth a closer look reads
the column instead.
"""

from __future__ import annotations

from spacy.attrs import HEAD
from spacy.strings import StringStore
from spacy.tokens import Doc

# Strings by id, shared by every Doc (an id is the hash of its string in any vocab). Cleared
# when it grows past a bound, so a long-running reader of ever new words keeps memory flat.
_NAMES: dict[int, str] = {}
_CACHE_BOUND = 500_000


def names(ids: list[int], strings: StringStore) -> list[str]:
    """The strings of a list of ids (attribute values from `Doc.to_array`)."""
    cache = _NAMES
    missing = set(ids).difference(cache)
    if missing:
        if len(cache) + len(missing) > _CACHE_BOUND:
            cache.clear()
            missing = set(ids)
        for i in missing:
            cache[i] = strings[i]
    return [cache[i] for i in ids]


def column(doc: Doc, attr: int) -> list[str]:
    """One string attribute (LOWER, LEMMA, POS, DEP...) of every token of doc."""
    return names(doc.to_array([attr]).ravel().tolist(), doc.vocab.strings)  # type: ignore[arg-type]  # ids; typed as floats


def heads(doc: Doc) -> list[int]:
    """The index of every token's head (`token.head.i`); the array holds offsets."""
    return [i + rel for i, rel in enumerate(doc.to_array([HEAD]).ravel().astype("int64").tolist())]
