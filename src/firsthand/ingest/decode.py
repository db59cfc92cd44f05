"""Bytes to text: size cap, binary detection and encoding, each failure a clear reason."""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes
from charset_normalizer.md import mess_ratio

from .language import script_language
from .problem import IngestError, IngestNote

# Larger inputs are almost never a single news report and make extraction slow; --max-bytes raises it.
MAX_BYTES = 20_000_000

_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
# A well-formed UTF-8 multibyte sequence (proof of UTF-8 when there are as many as invalid bytes).
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
# charset_normalizer's chaos (mess) above which a decoding is a guess too far.
MAX_CHAOS = 0.2
# UTF-8 with at most this share of its characters invalid is UTF-8 with a few stray bytes (a bad
# copy, a truncated paste); more, and replacing them would lose words: the text is refused instead.
FEW_INVALID = 0.01
_REPLACEMENT = "\ufffd"
# What Latin-script prose holds beyond ASCII, other than letters: typographic punctuation, currency,
# fractions, and these signs. Box drawing, modifier letters and C1 controls are what mojibake is made of.
_PROSE_CATEGORIES = {"Zs", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Sc", "No", "Mn"}
_PROSE_SIGNS = set("©®°™±×÷µ¬¦¨¯´¸ªº")


@dataclass(frozen=True)
class Decoded:
    text: str
    note: IngestNote | None = None


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


def utf8_lines(data: bytes, source: str) -> bytes:
    """JSONL's bytes as UTF-8 but not decoded, so that each line is decoded, and refused, on its own
    (JSON text is UTF-8; UTF-16 with a mark is converted)."""
    if utf16_encoding(data):
        return decode(data, source).text.encode("utf-8")
    if not data.strip():
        raise IngestError(source, "empty input")
    if is_binary(data):
        raise IngestError(source, "binary data, not text")
    return data.removeprefix(codecs.BOM_UTF8)


def decode(data: bytes, source: str) -> Decoded:
    """Text from bytes, never silent mojibake: UTF-16 when marked or evident; UTF-8 (a few invalid
    bytes replaced, with a warning); a declared charset; a legacy encoding the detector is confident
    of and whose text is plausible (with a note); else a refusal."""
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
        return Decoded(text)
    if is_binary(data):
        raise IngestError(source, "binary data, not text")
    try:
        return Decoded(data.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        first_invalid = error.start
    replaced = data.decode("utf-8-sig", errors="replace")
    invalid = replaced.count(_REPLACEMENT) - data.count(_REPLACEMENT.encode())
    few = invalid <= FEW_INVALID * len(replaced)
    as_utf8 = Decoded(replaced, IngestNote(source, f"{invalid} invalid UTF-8 byte sequence(s) (the first at byte "
                                                   f"{first_invalid}) replaced with U+FFFD"))
    # Well-formed multibyte sequences, as many as the invalid ones, are proof of UTF-8 (in legacy
    # encodings such pairs occur by chance, far fewer than the bytes that are invalid UTF-8).
    utf8_proven = len(_UTF8_MULTIBYTE.findall(data)) >= invalid
    if utf8_proven and few:
        return as_utf8
    declared = _DECLARED.search(data[:4096])
    if declared:
        name = (declared.group(1) or declared.group(2)).decode("ascii")
        try:
            return Decoded(data.decode(codecs.lookup(name).name))
        except (LookupError, UnicodeDecodeError):
            pass
    if utf8_proven:
        raise IngestError(source, f"mixed encodings: {invalid} invalid UTF-8 byte sequence(s) (the first at byte "
                                  f"{first_invalid}) in otherwise UTF-8 text")
    legacy = _legacy(data)
    if legacy:
        encoding, text = legacy
        return Decoded(text, IngestNote(source, f"not UTF-8; decoded as {encoding}, the detector's confident fit", "note"))
    if few:
        return as_utf8
    raise IngestError(source, f"not UTF-8 ({invalid} invalid UTF-8 byte sequence(s), the first at byte "
                              f"{first_invalid}) and no other encoding fits with confidence")


def _legacy(data: bytes) -> tuple[str, str] | None:
    """(encoding, text) of the legacy encoding that fits best (least chaos, then most coherent),
    among the detector's confident guesses whose text is plausible; the commonest among equals."""
    fits = []
    for match in from_bytes(data[:200_000]):
        if match.chaos > MAX_CHAOS:
            continue
        names = sorted(match.could_be_from_charset, key=_commonness)
        try:
            text = data.decode(names[0])
        except UnicodeDecodeError:
            continue
        if _plausible(text):
            fits.append((match.chaos, -match.coherence, _commonness(names[0]), names[0], text))
    if not fits:
        return None
    *_, encoding, text = min(fits, key=lambda fit: fit[:3])
    return encoding, text


def _commonness(encoding: str) -> int:
    return _COMMON.index(encoding) if encoding in _COMMON else len(_COMMON)


def _plausible(text: str) -> bool:
    """Whether a legacy decoding reads as text rather than mojibake. A text mostly in one non-Latin
    script (Russian in cp1251) is plausible when the detector's chaos is low on the words that hold
    its non-ASCII letters; a Latin-script text also needs every non-ASCII character to be a Latin
    letter or a sign prose uses, and no word made only of non-ASCII letters ("яюГ", "ÿþý" are how
    stray bytes in English text decode)."""
    words = [word for word in text[:200_000].split() if not word.isascii()]
    if mess_ratio(" ".join(words), MAX_CHAOS) > MAX_CHAOS:
        return False
    if script_language(text[:200_000]):
        return True
    for word in words:
        letters = [char for char in word if char.isalpha()]
        if len(letters) >= 2 and all(not char.isascii() for char in letters):
            return False
        for char in word:
            if char.isascii() or char in _PROSE_SIGNS:
                continue
            if char.isalpha() and unicodedata.name(char, "").startswith("LATIN"):
                continue
            if unicodedata.category(char) not in _PROSE_CATEGORIES:
                return False
    return True
