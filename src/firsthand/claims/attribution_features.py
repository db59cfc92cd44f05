"""Token features for the attribution tagger (a CRF over source/cue/content BIO tags).

One feature list per token of a parsed document: the word and its parse (lemma, shape,
POS, dependency, the head's lemma and dependency), the cue lexicon (is the token or its
head a cue word; which branch of the nearest governing cue the token hangs in), quote
state, place relative to the sentence root and to the nearest cue word, the role the
rule-based extractor gives the token, and the same for neighbours in a small window.
Training (`bench/train_attribution.py`) and tagging call the same function.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from spacy.attrs import DEP, IS_PUNCT, LEMMA, LOWER, ORTH, POS, TAG
from spacy.tokens import Doc

from firsthand.read.columns import heads, names as _names

TAGS = ("O", "B-SRC", "I-SRC", "B-CUE", "I-CUE", "B-CON", "I-CON")
ROLE_TAG = {"source": "SRC", "cue": "CUE", "content": "CON"}


def _shape(text: str, is_punct: bool) -> str:
    if is_punct:
        return text if len(text) == 1 else "P"
    if text.isdigit():
        return "d"
    if text.isupper():
        return "XX"
    if text[:1].isupper():
        return "Xx"
    return "x"


def _bucket(n: int) -> str:
    return str(n) if n < 4 else ("4-7" if n < 8 else "8+")


@dataclass(frozen=True)
class _Columns:
    """The token attributes the features read, one list each, read from the Doc's arrays once:
    spaCy builds a new Token object on every `doc[i]`, `token.head` or step of `for t in doc`,
    which dominated the tagging."""

    lower: list[str]
    lemma: list[str]  # lowercased
    pos: list[str]
    tag: list[str]
    dep: list[str]
    shape: list[str]
    head: list[int]

    @classmethod
    def of(cls, doc: Doc) -> _Columns:
        lower, lemma, pos, tag, dep, orth, punct = doc.to_array([LOWER, LEMMA, POS, TAG, DEP, ORTH, IS_PUNCT]).T.tolist()
        strings = doc.vocab.strings
        return cls(
            _names(lower, strings),
            [name.lower() for name in _names(lemma, strings)],
            _names(pos, strings),
            _names(tag, strings),
            _names(dep, strings),
            [_shape(text, bool(p)) for text, p in zip(_names(orth, strings), punct)],
            heads(doc),
        )


def _governing_cue(i: int, cols: _Columns, is_cue: Sequence[bool]) -> tuple[str, int] | None:
    """The dependency of the branch through which the nearest cue above token i governs it."""
    child, depth, head = i, 0, cols.head
    # As Token.ancestors: up the heads to the root, never more steps than tokens.
    while head[child] != child and depth < len(head):
        anc = head[child]
        depth += 1
        if is_cue[anc]:
            return cols.dep[child], depth
        child = anc
    return None


def doc_features(
    doc: Doc, is_cue_word: Callable[[str, str], bool], rule_tags: Sequence[str], in_quote: Sequence[bool]
) -> list[list[str]]:
    """Feature strings per token; is_cue_word takes a token's lowercased lemma and lowercased
    form; rule_tags and in_quote are per token."""
    # Built a column at a time (one prefixed string list per feature), which costs a fraction
    # of building each token's list feature by feature.
    cols = _Columns.of(doc)
    head = cols.head
    is_cue = [is_cue_word(lemma, lower) for lemma, lower in zip(cols.lemma, cols.lower)]
    base = [list(feats) for feats in zip(
        _prefixed("w=", cols.lower),
        _prefixed("l=", cols.lemma),
        _prefixed("p=", cols.pos),
        _prefixed("t=", cols.tag),
        _prefixed("d=", cols.dep),
        _prefixed("s=", cols.shape),
        _prefixed("hl=", [cols.lemma[h] for h in head]),
        _prefixed("hd=", [cols.dep[h] for h in head]),
        _prefixed("hp=", [cols.pos[h] for h in head]),
        _prefixed("r=", rule_tags),
        ["q=in" if q else "q=out" for q in in_quote],
    )]
    for sent in doc.sents:
        start, end, root = sent.start, sent.end, sent.root.i
        near = [i for i in range(start, end) if is_cue[i]]
        for i in range(start, end):
            feats = base[i]
            feats.append("root=at" if i == root else "root=L" if i < root else "root=R")
            if is_cue[i]:
                feats.append("cue")
            if is_cue[head[i]] and head[i] != i:
                feats.append("hcue")
            gov = _governing_cue(i, cols, is_cue)
            if gov is not None:
                feats.append("gov=" + gov[0])
                feats.append("govd=" + _bucket(gov[1]))
            if near:
                # the nearest cue word, the earlier one of two equally near
                k = bisect_left(near, i)
                nearest = near[k] if k == 0 or (k < len(near) and near[k] - i < i - near[k - 1]) else near[k - 1]
                side = "at" if nearest == i else "L" if i < nearest else "R"
                feats.append("nc=" + side + _bucket(abs(nearest - i)))
            else:
                feats.append("nc=none")
        base[start].append("bos")
        base[end - 1].append("eos")
    _add_window(cols, base, rule_tags)
    return base


def _add_window(cols: _Columns, base: list[list[str]], rule_tags: Sequence[str]) -> None:
    """After each token's features, its neighbours' at offsets -2, -1, 1, 2 (POS and rule tag;
    word and dependency too at distance 1), or a pad past either end of the document."""
    n = len(base)
    for off in (-2, -1, 1, 2):
        columns = [cols.pos, rule_tags] + ([cols.lower, cols.dep] if abs(off) == 1 else [])
        # per token j, its features as seen from the token `off` before it
        seen = list(zip(*(_prefixed(f"{off}:{name}=", col) for name, col in zip("prwd", columns))))
        pad = [(f"{off}:pad",)]
        window = (pad * -off + seen)[:n] if off < 0 else (seen[off:] + pad * off)[:n]
        for feats, more in zip(base, window):
            feats.extend(more)


def _prefixed(prefix: str, values: Sequence[str]) -> list[str]:
    return [prefix + v for v in values]
