"""Markdown to the prose it says, with markdown-it-py (CommonMark, tables, footnotes, bare URLs).

A reader takes every line for words someone wrote, so only prose is kept: paragraphs, headings
(each its own paragraph, so that a heading is not read into the next sentence), list items and
quotations, separated by blank lines. Emphasis markers go, a link becomes its words. Images, bare
and autolinked URLs, code, tables and HTML blocks are dropped: none of them is a sentence, and read
as one they become false entities and claims (alt texts as organisations, URLs inside claims).
Footnote markers are dropped, and so are the footnotes: in reports they are mostly citations (the
titles of other works, URLs, access dates) that would be read as this report's own statements.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from .limits import time_limit

SUFFIXES = {".md", ".markdown", ".mdown", ".mkd"}

_PARSER = MarkdownIt("commonmark", {"linkify": True}).enable(["table", "strikethrough", "linkify"]).use(footnote_plugin)
# Only URLs with a scheme: "Reuters.com" in a sentence is an outlet named, not a link to drop.
_PARSER.linkify.set({"fuzzy_link": False})
# Blocks whose tokens, from open to close, hold no prose.
_SKIPPED_BLOCKS = {"table_open": "table_close", "footnote_block_open": "footnote_block_close"}


# markdown-it-py renders about 0.25 MB of prose a second (0.06 on a loaded machine; docs/RESULTS.md):
# the time limit grows with the text, so that a long report is rendered and only pathological input stopped.
SECONDS_PER_MB = 20.0


def render_markdown(text: str, source: str, seconds: float | None = None) -> str:
    """The prose of a Markdown text, paragraphs separated by blank lines."""
    limit = round(seconds + SECONDS_PER_MB * len(text) / 1_000_000, 1) if seconds else seconds
    with time_limit(limit, source, "Markdown rendering"):
        tokens = _PARSER.parse(text)
    paragraphs = []
    closing, level = None, 0  # inside a skipped block: the token type and nesting level that close it
    for token in tokens:
        if closing:
            closing = None if token.type == closing and token.level == level else closing
        elif token.type in _SKIPPED_BLOCKS:
            closing, level = _SKIPPED_BLOCKS[token.type], token.level
        elif token.type == "inline":
            paragraph = _inline(token.children or []).strip()
            if paragraph:
                paragraphs.append(paragraph)
    return "\n\n".join(paragraphs)


def _inline(children: list[Token]) -> str:
    words = []
    skipping = 0  # nesting of a link whose words are a URL
    for index, token in enumerate(children):
        if token.type == "link_open":
            if skipping or _is_url_link(token, children, index):
                skipping += 1
        elif token.type == "link_close":
            skipping = max(skipping - 1, 0)
        elif skipping:
            continue
        elif token.type in ("text", "code_inline"):
            words.append(token.content)
        elif token.type == "softbreak":
            words.append(" ")  # a line wrapped inside a paragraph, not a break the author meant
        elif token.type == "hardbreak":
            words.append("\n")
    return "".join(words)


def _is_url_link(token: Token, children: list[Token], index: int) -> bool:
    """A bare URL, an <autolink>, or a link whose words are its own address."""
    if token.markup in ("linkify", "autolink"):
        return True
    following = children[index + 1] if index + 1 < len(children) else None
    words = following.content.strip() if following is not None and following.type == "text" else ""
    return words.startswith(("http://", "https://", "www.")) or words == token.attrGet("href")
