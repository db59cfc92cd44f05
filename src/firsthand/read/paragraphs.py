"""Line breaks end sentences: a headline or a caption is never the start of the next sentence.

Except in hard-wrapped text (newswire bodies, e-mail), where most line breaks only end a line
of 60-80 columns: there a break after a full-width line goes on with the sentence, and the
parser decides; blank lines and breaks after short lines (table rows, headings) still end it.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .component import Component, isolated
from .doc import text_of

WIDEST_WRAP = 100  # lines longer than this are paragraphs, not wrapped text
FULL_LINE = 0.6  # a line at least this share of the wrap width was wrapped, not ended


def wrap_width(text: str) -> int | None:
    """The width a hard-wrapped text is wrapped at, or None when its lines are not wrapped: at
    least four lines, none wider than WIDEST_WRAP, most of them near the widest."""
    widths = [len(line) for line in text.split("\n") if line.strip()]
    if len(widths) < 4 or max(widths) > WIDEST_WRAP:
        return None
    width = max(widths)
    return width if sum(w >= FULL_LINE * width for w in widths) >= FULL_LINE * len(widths) else None


def mark_paragraphs(doc: Doc) -> None:
    """Start a sentence after every line break that ends a line (runs before the parser, which
    keeps sentence starts that are already set)."""
    text = text_of(doc)
    width = wrap_width(text)
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if previous.is_space and "\n" in previous.text and not token.is_space:
            if width and previous.text == "\n":
                line = previous.idx - (text.rfind("\n", 0, previous.idx) + 1)
                if line >= FULL_LINE * width:
                    continue
            token.is_sent_start = True


class Paragraphs(Component):
    def __call__(self, doc: Doc) -> Doc:
        # No sentences yet to isolate a failure in: the parser then decides every boundary.
        with isolated(self.name, doc):
            mark_paragraphs(doc)
        return doc


@Language.factory("fh_paragraphs", assigns=["token.is_sent_start"])
def make_paragraphs(nlp: Language, name: str) -> Paragraphs:
    return Paragraphs(nlp, name)
