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


def _governing_cue(token: Token, is_cue: Sequence[bool]) -> tuple[str, int] | None:
    """The dependency of the branch through which the nearest cue above governs token."""
    child, depth = token, 0
    for anc in token.ancestors:
        depth += 1
        if is_cue[anc.i]:
            return child.dep_, depth
        child = anc
    return None


def doc_features(
    doc: Doc, is_cue_word: Callable[[Token], bool], rule_tags: Sequence[str], in_quote: Sequence[bool]
) -> list[list[str]]:
    """Feature strings per token; rule_tags and in_quote are per token as well."""
    is_cue = [is_cue_word(t) for t in doc]
    base: list[list[str]] = []
    for sent in doc.sents:
        root = sent.root.i
        near = [t.i for t in sent if is_cue[t.i]]
        for tok in sent:
            base.append(_token_features(tok, root, near, is_cue, rule_tags, in_quote))
        base[sent.start].append("bos")
        base[sent.end - 1].append("eos")
    return [_with_window(doc, base, i, rule_tags) for i in range(len(doc))]


def _token_features(
    tok: Token, root: int, near: list[int], is_cue: Sequence[bool], rule_tags: Sequence[str], in_quote: Sequence[bool]
) -> list[str]:
    head = tok.head
    feats = [
        "w=" + tok.lower_,
        "l=" + tok.lemma_.lower(),
        "p=" + tok.pos_,
        "t=" + tok.tag_,
        "d=" + tok.dep_,
        "s=" + _shape(tok),
        "hl=" + head.lemma_.lower(),
        "hd=" + head.dep_,
        "hp=" + head.pos_,
        "r=" + rule_tags[tok.i],
        "q=" + ("in" if in_quote[tok.i] else "out"),
        "root=" + ("at" if tok.i == root else "L" if tok.i < root else "R"),
    ]
    if is_cue[tok.i]:
        feats.append("cue")
    if is_cue[head.i] and head.i != tok.i:
        feats.append("hcue")
    gov = _governing_cue(tok, is_cue)
    if gov is not None:
        feats.append("gov=" + gov[0])
        feats.append("govd=" + _bucket(gov[1]))
    if near:
        nearest = min(near, key=lambda i: abs(i - tok.i))
        side = "at" if nearest == tok.i else "L" if tok.i < nearest else "R"
        feats.append("nc=" + side + _bucket(abs(nearest - tok.i)))
    else:
        feats.append("nc=none")
    return feats


def _with_window(doc: Doc, base: list[list[str]], i: int, rule_tags: Sequence[str]) -> list[str]:
    feats = list(base[i])
    for off in (-2, -1, 1, 2):
        j = i + off
        if not 0 <= j < len(doc):
            feats.append(f"{off}:pad")
            continue
        tok = doc[j]
        feats.append(f"{off}:p={tok.pos_}")
        feats.append(f"{off}:r={rule_tags[j]}")
        if abs(off) == 1:
            feats.append(f"{off}:w={tok.lower_}")
            feats.append(f"{off}:d={tok.dep_}")
    return feats
