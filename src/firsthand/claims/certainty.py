"""Certainty and polarity of a claim: hedges, boosters, negation, denial, modality.

`assess(span)` reads one clause or sentence. Cue words count only in the claim's own
scope: the span root's clause (its direct dependents, auxiliaries and modifiers) and,
when the root reports speech or belief, the reported clause. Words inside other
subordinate clauses (a relative clause about something else, an adverbial clause) do
not hedge the main claim. The cue words are data (`data/certainty.txt`).
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Span, Token

from firsthand import resources
from firsthand.claims.attribution import text_span
from firsthand.model.claim import Certainty, Cue, TextSpan

LEVELS = ("certain", "probable", "possible", "doubtful")
# Dependents that open a clause about something else: their words are out of scope.
OUT_OF_SCOPE = frozenset({"relcl", "acl", "advcl", "appos", "parataxis", "csubj"})
# Dependents that carry a reported or embedded claim: followed into.
REPORTED = frozenset({"ccomp", "xcomp"})
MODAL_HEDGES = frozenset({"may", "might", "could"})
APPROXIMATORS = frozenset({"about", "around", "roughly", "approximately", "some", "nearly", "almost"})
STRONG_HEDGES = frozenset({"might", "possibly", "perhaps", "allegedly", "purportedly", "unlikely"})


def word_kinds(name: str) -> dict[str, frozenset[str]]:
    """The words of a "kind<TAB>word" file in claims/data, lowercased, by kind."""
    return resources.load("firsthand.claims", "data", name, parse=_by_kind)


def _by_kind(text: str) -> dict[str, frozenset[str]]:
    kinds: dict[str, set[str]] = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            kind, word = line.split("\t")
            kinds.setdefault(kind, set()).add(word.lower())
    return {kind: frozenset(words) for kind, words in kinds.items()}


@lru_cache(maxsize=1)
def lexicon() -> dict[str, frozenset[str]]:
    """Cue words by kind (hedge, booster, negation, denial, ...): shared by claims, check-worthiness
    and events, so built once per process."""
    return word_kinds("certainty.txt")


def _in_scope(root: Token) -> list[Token]:
    """Tokens of root's own clause, following reported clauses, skipping other clauses."""
    out = []
    stack = [root]
    while stack:
        tok = stack.pop()
        out.append(tok)
        for child in tok.children:
            if child.dep_ in OUT_OF_SCOPE:
                continue
            stack.append(child)
    return sorted(out, key=lambda t: t.i)


@lru_cache(maxsize=1)
def _cue_words() -> frozenset[str]:
    """Every word of the lexicon, whatever its kind: most words are none, and tell so at once."""
    return frozenset().union(*lexicon().values())


def _kinds(tok: Token) -> list[str]:
    words = {tok.lower_, tok.lemma_.lower()}
    if words.isdisjoint(_cue_words()):
        return []
    kinds = [kind for kind, lex in lexicon().items() if words & lex]
    # An approximator of a number ("about 23.6 mln shares") is the quantity's ≈, not a doubt
    # about the claim; "about" is a hedge only modifying a verb or an adjective ("roughly doubled").
    if "hedge" in kinds and tok.lower_ in APPROXIMATORS and (
            tok.dep_ != "advmod" or tok.head.like_num or any(c.like_num for c in tok.head.subtree)):
        kinds.remove("hedge")
    # The month May, or any name or date, is not the modal "may".
    if "hedge" in kinds and (tok.pos_ == "PROPN" or tok.ent_type_ == "DATE") and tok.tag_ != "MD":
        kinds.remove("hedge")
    # "clear" boosts only as a predicate ("made clear", "it is clear").
    if "booster" in kinds and tok.lower_ == "clear" and tok.dep_ not in {"acomp", "ccomp", "oprd", "advmod"}:
        kinds.remove("booster")
    if "future" in kinds and tok.lemma_.lower() in {"plan", "intend"} and tok.pos_ != "VERB":
        kinds.remove("future")
    if tok.lower_ == "no" and tok.dep_ == "intj":
        kinds = [k for k in kinds if k != "negation"]
    return kinds


def assess(span: Span) -> Certainty:
    """Certainty, polarity and modality of the claim a clause or sentence makes."""
    doc = span.doc
    cues: list[Cue] = []
    for tok in _in_scope(span.root):
        if not (span.start <= tok.i < span.end):
            continue
        for kind in _kinds(tok):
            cues.append(Cue(kind, text_span(doc, tok.idx, tok.idx + len(tok))))
    by_kind: dict[str, list[TextSpan]] = {}
    for cue in cues:
        by_kind.setdefault(cue.kind, []).append(cue.span)
    hedges = tuple(by_kind.get("hedge", ()))
    boosters = tuple(by_kind.get("booster", ()))
    negations = tuple(by_kind.get("negation", ()))
    denial = bool(by_kind.get("denial"))
    # A negated denial ("did not deny") is not a denial; negation flips polarity.
    if denial and negations:
        denial, negations = False, negations[1:]
    polarity = "negative" if (len(negations) % 2 == 1) != denial else "positive"
    if "conditional" in by_kind or "hypothetical" in by_kind:
        modality = "conditional" if "conditional" in by_kind else "hypothetical"
    elif "future" in by_kind:
        modality = "future"
    elif any(h.text.lower() in MODAL_HEDGES for h in hedges):
        modality = "hypothetical"
    else:
        modality = "asserted"
    # Only an active opinion verb with its holder as subject reports a belief ("officials
    # think"); the passive "is believed to" is a hedge.
    root = span.root
    opinion = root.lemma_.lower() in lexicon()["opinion"] and any(c.dep_ == "nsubj" for c in root.children)
    return Certainty(
        hedges=hedges,
        boosters=boosters,
        negations=negations,
        level=level_of(hedges, boosters, denial),
        polarity=polarity,
        denial=denial,
        modality=modality,
        opinion=opinion,
        cues=tuple(cues),
    )


def level_of(hedges: tuple[TextSpan, ...], boosters: tuple[TextSpan, ...], denial: bool) -> str:
    if denial:
        return "doubtful"
    strong = sum(h.text.lower() in STRONG_HEDGES for h in hedges)
    if strong or len(hedges) >= 2:
        return "possible"
    if hedges and not boosters:
        return "probable"
    return "certain"
