"""Where sentences may start: line breaks, hard-wrapped text, and words that never end one.

Line breaks end sentences: a headline or a caption is never the start of the next sentence.
Except in hard-wrapped text (newswire bodies, e-mail), where most line breaks only end a line
of 60-80 columns. `unwrap` makes those breaks spaces before the text is tokenized (the same
length, so every offset holds, and the parser and the attribution tagger read the sentence they
were trained on, without a line-break token inside it): a break after a full-width line, before
a lowercase word, or after a paragraph's first line when a full line follows (a line is short
when a dateline stood before it: "HOUSTON, March 2 - Pogo Producing Co said it has"). Breaks
after short lines before a capitalized one (table rows, headings) and blank lines stay.

`fh_paragraphs` then tells the parser, which keeps sentence starts already set (True or False):
a line break ends a sentence, a blank line always; but no sentence ends on a word that needs one
after it (a determiner, preposition, possessive, conjunction; on a line also "said": "The Columbia
Gas Systems Inc said" is no sentence) or before a lowercase word, on a line or across a break.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

WIDEST_WRAP = 100  # lines longer than this are paragraphs, not wrapped text
NARROWEST_WRAP = 40  # nor is text whose longest line is shorter (a list, verse)
FULL_LINE = 0.6  # a line at least this share of the wrap width was wrapped, not ended
# Fine-grained tags of words a sentence cannot end on (the tagger runs before this component).
NEEDS_MORE = frozenset({"DT", "PDT", "PRP$", "WP$", "WDT", "IN", "TO", "CC", "POS"})
# Reporting verbs: "The Columbia Gas Systems Inc said" is never a sentence.
REPORTING = frozenset({"said", "says", "told", "tells"})
ENDINGS = frozenset('.!?:;"”’\')]')
CLOSING_QUOTES = frozenset({'"', "”", "’", "'"})


def wrap_width(text: str) -> int | None:
    """The width a hard-wrapped text is wrapped at, or None when its lines are not wrapped: no
    line wider than WIDEST_WRAP, the widest at least NARROWEST_WRAP, and a line near that width
    that stops mid-sentence with a line of the same paragraph after it (tables and headings
    between wrapped paragraphs, as in newswire earnings briefs, are fine)."""
    lines = text.split("\n")
    widths = [len(line) for line in lines if line.strip()]
    if not widths or not NARROWEST_WRAP <= max(widths) <= WIDEST_WRAP:
        return None
    width = max(widths)
    for line, following in zip(lines, lines[1:]):
        line = line.rstrip()
        if len(line) >= FULL_LINE * width and following.strip() and line[-1] not in ENDINGS:
            return width
    return None


def unwrap(text: str) -> str:
    """The text with the line breaks that only wrap a paragraph's lines made spaces."""
    width = wrap_width(text)
    if width is None:
        return text
    lines = text.split("\n")
    out = []
    for n, line in enumerate(lines[:-1]):
        following = lines[n + 1]
        first = n == 0 or not lines[n - 1].strip()
        goes_on = following.strip() != "" and (
            len(line.rstrip()) >= FULL_LINE * width
            or following.lstrip()[:1].islower()
            or (first and len(following.rstrip()) >= FULL_LINE * width)
        )
        out.append(line + (" " if goes_on else "\n"))
    out.append(lines[-1])
    return "".join(out)


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


@Language.component("fh_paragraphs")
def paragraphs(doc: Doc) -> Doc:
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
    return doc
