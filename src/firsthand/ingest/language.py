"""A cheap language check, so that non-English reports are not read as English.

Two signals, both robust on short texts: the script the letters are written in (a few Hangul or
Cyrillic letters are enough), and for Latin-script text the share of each language's function
words. Codes are ISO 639-1; "und" is a language this check cannot name.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)

# Non-Latin scripts, with the language a script (or a letter peculiar to one language) points to.
_SCRIPTS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(f"[{ranges}]")) for name, ranges in (
        ("cyrillic", "\u0400-\u052f"),
        ("greek", "\u0370-\u03ff"),
        ("arabic", "\u0600-\u06ff\u0750-\u077f"),
        ("hebrew", "\u0590-\u05ff"),
        ("devanagari", "\u0900-\u097f"),
        ("thai", "\u0e00-\u0e7f"),
        ("hangul", "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af"),
        ("kana", "\u3040-\u30ff"),
        ("han", "\u3400-\u4dbf\u4e00-\u9fff"),
    )
)
_SCRIPT_LANGUAGE = {"greek": "el", "arabic": "ar", "hebrew": "he", "devanagari": "hi", "thai": "th",
                    "hangul": "ko", "kana": "ja", "han": "zh"}
# Cyrillic letters used by one language only; without any of them Cyrillic text is taken as Russian.
_CYRILLIC_MARKS = (("uk", re.compile("[іїєґІЇЄҐ]")), ("be", re.compile("[ўЎ]")),
                   ("sr", re.compile("[ђћџљњјЂЋЏЉЊЈ]")), ("mk", re.compile("[ѓќѕЃЌЅ]")))

# The most frequent function words of each language; English prose has 12 %+ of its words here.
_FUNCTION_WORDS = {
    "en": "the of and to in a is that for it as was with be by on not he this are or his from at which but "
          "have an they you were her she there been has their one we will would its who more if had said",
    "fr": "le la les de des du un une et est que qui dans pour pas sur au aux avec ce cette il elle ont sont "
          "par plus ne se son sa ses ou mais été être leur nous vous a selon",
    "de": "der die das und ist nicht ein eine zu den von mit sich des auf für im dem nach auch es an werden "
          "aus er hat dass sie wurde bei oder wie sind",
    "es": "el la los las de del que y en un una es por con para no se su al lo como más pero sus le ha "
          "fue este esta son entre según",
    "it": "il lo la gli le di del della che e è un una per non con da dei delle nel sono si al ha come più "
          "anche alla ma stato secondo",
    "pt": "o a os as de do da dos das que e em um uma para com não por se na no mais ao como foi pela pelo "
          "ser são seu sua segundo",
    "nl": "de het een en van in is dat op te zijn voor met niet aan er als ook door maar om bij nog werd "
          "wordt naar hij zij heeft",
}
_FUNCTION_SETS = {language: frozenset(words.split()) for language, words in _FUNCTION_WORDS.items()}
MIN_WORDS = 12  # fewer Latin-script words than this are too few to tell one language from another
MIN_SHARE = 0.12


def script_language(text: str) -> str | None:
    """The language a non-Latin script points to, when most letters are in one; else None."""
    letters = len(_LETTER.findall(text))
    if not letters:
        return None
    counts = {name: len(pattern.findall(text)) for name, pattern in _SCRIPTS}
    cjk = counts["han"] + counts["kana"]
    # Japanese mixes kana with Han; Chinese has no kana.
    if counts["kana"] and cjk > letters / 2:
        return "ja"
    script, count = max(counts.items(), key=lambda item: item[1])
    if script == "kana" or count <= letters / 2:
        return None
    if script == "cyrillic":
        return next((code for code, marks in _CYRILLIC_MARKS if marks.search(text)), "ru")
    return _SCRIPT_LANGUAGE[script]


def guess_language(text: str, sample: int = 3000) -> str | None:
    """An ISO 639-1 code ('en', 'fr', 'ru', 'ko', ...), 'und' (some other language), or None when
    the text is too short to tell."""
    head = text[:sample]
    by_script = script_language(head)
    if by_script:
        return by_script
    words = _WORD.findall(head.lower())
    if len(words) < MIN_WORDS:
        return None
    shares = {language: sum(word in found for word in words) / len(words) for language, found in _FUNCTION_SETS.items()}
    best = max(shares, key=shares.__getitem__)
    return best if shares[best] >= MIN_SHARE else "und"
