"""Token features for the attribution tagger (a CRF over source/cue/content BIO tags).

One feature list per token of a parsed document: the word and its parse (lemma, shape,
POS, dependency, the head's lemma and dependency), the cue lexicon (is the token or its
head a cue word; which branch of the nearest governing cue the token hangs in), quote
state, place relative to the sentence root and to the nearest cue word, the role the
rule-based extractor gives the token, and the same for neighbours in a small window.
Training (`bench/train_attribution.py`) and tagging call the same function.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

TAGS = ("O", "B-SRC", "I-SRC", "B-CUE", "I-CUE", "B-CON", "I-CON")
ROLE_TAG = {"source": "SRC", "cue": "CUE", "content": "CON"}


def _shape(token: Token) -> str:
    text = token.text
    if token.is_punct:
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
    """The token attributes the features read, one list each, read from the Doc once: spaCy
    builds a new Token object on every `doc[i]` or `token.head`, which dominated the tagging."""

    lower: list[str]
    lemma: list[str]  # lowercased
    pos: list[str]
    tag: list[str]
    dep: list[str]
    shape: list[str]
    head: list[int]

    @classmethod
    def of(cls, doc: Doc) -> _Columns:
        return cls(
            [t.lower_ for t in doc],
            [t.lemma_.lower() for t in doc],
            [t.pos_ for t in doc],
            [t.tag_ for t in doc],
            [t.dep_ for t in doc],
            [_shape(t) for t in doc],
            [t.head.i for t in doc],
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
    doc: Doc, is_cue_word: Callable[[Token], bool], rule_tags: Sequence[str], in_quote: Sequence[bool]
) -> list[list[str]]:
    """Feature strings per token; rule_tags and in_quote are per token as well."""
    is_cue = [is_cue_word(t) for t in doc]
    cols = _Columns.of(doc)
    base: list[list[str]] = []
    for sent in doc.sents:
        root = sent.root.i
        near = [i for i in range(sent.start, sent.end) if is_cue[i]]
        for i in range(sent.start, sent.end):
            base.append(_token_features(i, cols, root, near, is_cue, rule_tags, in_quote))
        base[sent.start].append("bos")
        base[sent.end - 1].append("eos")
    return [_with_window(cols, base, i, rule_tags) for i in range(len(doc))]


def _token_features(
    i: int, cols: _Columns, root: int, near: list[int], is_cue: Sequence[bool], rule_tags: Sequence[str],
    in_quote: Sequence[bool],
) -> list[str]:
    head = cols.head[i]
    feats = [
        "w=" + cols.lower[i],
        "l=" + cols.lemma[i],
        "p=" + cols.pos[i],
        "t=" + cols.tag[i],
        "d=" + cols.dep[i],
        "s=" + cols.shape[i],
        "hl=" + cols.lemma[head],
        "hd=" + cols.dep[head],
        "hp=" + cols.pos[head],
        "r=" + rule_tags[i],
        "q=" + ("in" if in_quote[i] else "out"),
        "root=" + ("at" if i == root else "L" if i < root else "R"),
    ]
    if is_cue[i]:
        feats.append("cue")
    if is_cue[head] and head != i:
        feats.append("hcue")
    gov = _governing_cue(i, cols, is_cue)
    if gov is not None:
        feats.append("gov=" + gov[0])
        feats.append("govd=" + _bucket(gov[1]))
    if near:
        nearest = min(near, key=lambda n: abs(n - i))
        side = "at" if nearest == i else "L" if i < nearest else "R"
        feats.append("nc=" + side + _bucket(abs(nearest - i)))
    else:
        feats.append("nc=none")
    return feats


def _with_window(cols: _Columns, base: list[list[str]], i: int, rule_tags: Sequence[str]) -> list[str]:
    feats = list(base[i])
    for off in (-2, -1, 1, 2):
        j = i + off
        if not 0 <= j < len(base):
            feats.append(f"{off}:pad")
            continue
        feats.append(f"{off}:p={cols.pos[j]}")
        feats.append(f"{off}:r={rule_tags[j]}")
        if abs(off) == 1:
            feats.append(f"{off}:w={cols.lower[j]}")
            feats.append(f"{off}:d={cols.dep[j]}")
    return feats
