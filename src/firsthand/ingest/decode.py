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


# Legacy encodings by how common they are on the web: among guesses that fit a text equally well
# (French in cp1252 decodes as well in cp1250 or cp1257, with "à" turning into "ŕ"), the commonest wins.
_COMMON = ("cp1252", "latin_1", "cp1251", "gb18030", "cp949", "cp932", "euc_jp", "big5", "cp1250", "iso8859_2")


def _best_guess(data: bytes):
    matches = list(from_bytes(data))
    if not matches:
        return None
    best = matches[0]
    ties = [m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    return min(ties, key=lambda m: _COMMON.index(m.encoding) if m.encoding in _COMMON else len(_COMMON))


def utf16_encoding(data: bytes) -> str | None:
    """'utf-16' for text with a UTF-16 byte order mark, 'utf-16-le'/'-be' for BOM-less UTF-16 whose
    every other byte is zero (Latin-script text, as a Windows tool writes it), else None."""
    if data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) and data[:4] != codecs.BOM_UTF32_LE:
        return "utf-16"
    pairs = data[:8192]
    pairs = pairs[: len(pairs) // 2 * 2]
    if len(pairs) < 4:
        return None
    even, odd = pairs[0::2].count(0), pairs[1::2].count(0)
    half = len(pairs) // 2
    if odd > 0.4 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.4 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def decode(data: bytes, source: str) -> str:
    """Text from bytes: UTF-16 when marked or evident, UTF-8, then a declared charset, then the best
    guess that fits well."""
    if not data.strip():
        raise IngestError(source, "empty input")
    utf16 = utf16_encoding(data)
    if utf16:
        try:
            text = data.decode(utf16)
        except UnicodeDecodeError as error:
            raise IngestError(source, f"invalid UTF-16 at byte {error.start}") from None
        if is_binary(text.encode("utf-8")):
            raise IngestError(source, "binary data, not text")
        if not text.strip():
            raise IngestError(source, "empty input")
        return text
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
    guess = _best_guess(data[:200_000])
    # Chaos is charset_normalizer's measure of mess in the decoded text; above this it is a guess too far.
    if guess is None or guess.chaos > 0.2:
        raise IngestError(source, f"not valid UTF-8 (byte {utf8_error.start}) and no other encoding fits")
    return str(data.decode(guess.encoding, errors="strict"))
