"""Where sentences may start: line breaks, hard-wrapped text, and words that never end one.

Line breaks end sentences: a headline or a caption is never the start of the next sentence.
Hard-wrapped lines are joined before tokenizing (`wrap.py`), so a break left is a real one.

`fh_paragraphs` tells the parser, which keeps sentence starts already set (True or False):
a line break ends a sentence, a blank line always; but no sentence ends on a word that needs one
after it (a determiner, preposition, possessive, conjunction; on a line also "said": "The Columbia
Gas Systems Inc said" is no sentence) or before a lowercase word, on a line or across a break.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from .component import Component, isolated

# Fine-grained tags of words a sentence cannot end on (the tagger runs before this component).
NEEDS_MORE = frozenset({"DT", "PDT", "PRP$", "WP$", "WDT", "IN", "TO", "CC", "POS"})
# Reporting verbs: "The Columbia Gas Systems Inc said" is never a sentence.
REPORTING = frozenset({"said", "says", "told", "tells"})
CLOSING_QUOTES = frozenset({'"', "”", "’", "'"})


def _needs_more(token: Token) -> bool:
    return token.tag_ in NEEDS_MORE or token.lower_ in REPORTING


def _sentence_start(token: Token, previous: Token, gap: str) -> bool | None:
    """Whether token starts a sentence (None: the parser decides); previous is the last word or
    mark before it and gap the whitespace between them."""
    lower = token.text[:1].islower()
    if "\n" in gap:
        if "\n\n" in gap.replace(" ", "").replace("\t", ""):
            return True
        # A headline may end on "says" ("..., Seoul's spy agency says"): only a word the
        # grammar needs after it carries a sentence over a line break that unwrap left.
        return not (lower or previous.tag_ in NEEDS_MORE)
    if previous.is_punct:
        # '"... affect me?" he said': a lowercase word after a closing quote goes on.
        return False if lower and previous.text in CLOSING_QUOTES else None
    return False if lower or _needs_more(previous) else None


def mark_paragraphs(doc: Doc) -> None:
    """Set the sentence starts the text decides (runs before the parser, which keeps them)."""
    previous: Token | None = None
    gap = ""
    for token in doc:
        if token.is_space:
            gap += token.text
            if previous is not None:
                token.is_sent_start = False  # whitespace never opens a sentence
            continue
        if previous is not None:
            start = _sentence_start(token, previous, previous.whitespace_ + gap)
            if start is not None:
                token.is_sent_start = start
        previous, gap = token, ""


class Paragraphs(Component):
    def __call__(self, doc: Doc) -> Doc:
        # No sentences yet to isolate a failure in: the parser then decides every boundary.
        with isolated(self.name, doc):
            mark_paragraphs(doc)
        return doc


@Language.factory("fh_paragraphs", assigns=["token.is_sent_start"])
def make_paragraphs(nlp: Language, name: str) -> Paragraphs:
    return Paragraphs(nlp, name)
