"""Which URLs a page may link to: absolute http and https URLs only. A report's URL comes from its
feed or file, so it may be `javascript:`, `data:` or anything else a browser would run or open;
such a URL is shown as text, never as a link."""

from __future__ import annotations

from urllib.parse import urlsplit

WEB_SCHEMES = frozenset({"http", "https"})


def web_link(url: str | None) -> str | None:
    """`url` when it is an absolute http(s) URL, else None. urlsplit drops what browsers drop
    (leading blanks and control characters, tabs and line breaks anywhere) before reading the
    scheme, so " java\\tscript:" is read as the script it is."""
    if not url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:  # an unbalanced "[" in the host
        return None
    return url if parts.scheme.lower() in WEB_SCHEMES and parts.netloc else None
