"""Line breaks end sentences: a headline or a caption is never the start of the next sentence."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("fh_paragraphs")
def paragraphs(doc: Doc) -> Doc:
    # Runs before the parser, which keeps sentence starts that are already set.
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if previous.is_space and "\n" in previous.text and not token.is_space:
            token.is_sent_start = True
    return doc
