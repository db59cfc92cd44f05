"""Bytes to text: size cap, binary detection and encoding, each failure a clear reason."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from charset_normalizer import from_bytes

from .problem import IngestError

# Larger inputs are almost never a single news report and make extraction slow; --max-bytes raises it.
MAX_BYTES = 20_000_000

_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
# A well-formed UTF-8 multibyte sequence: its presence beside invalid bytes means mixed encodings.
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_DECLARED = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_.:-]+)|<\?xml[^>]+encoding=["']([A-Za-z0-9_.:-]+)""", re.I)


def megabytes(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB"


def read_file(path: Path, max_bytes: int = MAX_BYTES) -> bytes:
    """A file's bytes, refusing what is too large before reading it."""
    size = path.stat().st_size
    if size > max_bytes:
        raise IngestError(str(path), f"file is {megabytes(size)}, over the {megabytes(max_bytes)} limit (--max-bytes)")
    return path.read_bytes()


def is_binary(data: bytes) -> bool:
    head = data[:8192]
    return b"\x00" in head or len(_CONTROL.findall(head)) > len(head) * 0.05


def decode(data: bytes, source: str) -> str:
    """Text from bytes: UTF-8 first, then a declared charset, then the best guess that fits well."""
    if not data.strip():
        raise IngestError(source, "empty input")
    if is_binary(data):
        raise IngestError(source, "binary data, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        utf8_error = error
    if _UTF8_MULTIBYTE.search(data):
        raise IngestError(source, f"invalid UTF-8 at byte {utf8_error.start} in otherwise UTF-8 text (mixed encodings)")
    declared = _DECLARED.search(data[:4096])
    if declared:
        name = (declared.group(1) or declared.group(2)).decode("ascii")
        try:
            return data.decode(codecs.lookup(name).name)
        except (LookupError, UnicodeDecodeError):
            pass
    guess = from_bytes(data[:200_000]).best()
    # Chaos is charset_normalizer's measure of mess in the decoded text; above this it is a guess too far.
    if guess is None or guess.chaos > 0.2:
        raise IngestError(source, f"not valid UTF-8 (byte {utf8_error.start}) and no other encoding fits")
    return str(data.decode(guess.encoding, errors="strict"))
