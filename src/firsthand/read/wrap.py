"""Hard-wrapped text (newswire bodies, e-mail): lines of 60-80 columns whose breaks only wrap a
paragraph. `unwrap` makes those breaks spaces before the text is tokenized (the same length, so
every offset holds, and the parser and the attribution tagger read the sentence they were trained
on, without a line-break token inside it): a break after a full-width line, before a lowercase
word, or after a paragraph's first line when a full line follows (a line is short when a dateline
stood before it: "HOUSTON, March 2 - Pogo Producing Co said it has"). Breaks after short lines
before a capitalized one (table rows, headings) and blank lines stay. `unbracket` makes the angle
brackets newswire puts round company names and tickers ("<Gulf International Bank BSC>", "<BKO>")
spaces: the parser ends a sentence at "<" and cuts the name from its clause.
"""

from __future__ import annotations

import re

WIDEST_WRAP = 100  # lines longer than this are paragraphs, not wrapped text
NARROWEST_WRAP = 40  # nor is text whose longest line is shorter (a list, verse)
FULL_LINE = 0.6  # a line at least this share of the wrap width was wrapped, not ended
ENDINGS = frozenset('.!?:;"”’\')]')  # a line ending so ended its sentence
_BRACKETED = re.compile(r"<([A-Z0-9][^<>]{0,80})>")


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


def unbracket(text: str) -> str:
    """The text with the brackets round a newswire's company names and tickers made spaces."""
    return _BRACKETED.sub(lambda m: f" {m.group(1)} ", text)
