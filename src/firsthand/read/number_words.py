"""English number words, the one vocabulary of the number grammar (`numbers.py`) and the time
grammar (`timex.py`): cardinals, ordinals, scales, fractions, and the counting words that are
not numerals ("a couple of", "several")."""

from __future__ import annotations

UNITS = {
    "zero": 0, "nought": 0, "naught": 0, "nil": 0,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9,
}
TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
SCALES = {
    "hundred": 100, "thousand": 1e3, "lakh": 1e5, "million": 1e6, "crore": 1e7,
    "billion": 1e9, "trillion": 1e12,
}
# Abbreviated scales written after digits ("3.5bn", "10k", "$2M").
SUFFIX_SCALES = {
    "k": 1e3, "K": 1e3, "M": 1e6, "MM": 1e6, "mil": 1e6, "mln": 1e6,
    "G": 1e9, "B": 1e9, "b": 1e9, "bn": 1e9, "bln": 1e9, "T": 1e12, "tn": 1e12, "tln": 1e12,
}
DOZENS = {"dozen", "dozens", "dz", "dzs", "doz", "dozs"}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90,
    "hundredth": 100, "thousandth": 1e3, "millionth": 1e6, "billionth": 1e9, "trillionth": 1e12,
}
# "half" and "quarter" name fractions but are never ordinals of position.
FRACTION_NOUNS = {"half": 2, "halves": 2, "quarter": 4, "quarters": 4}
VULGAR_FRACTIONS = {
    "½": 0.5, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 0.25, "¾": 0.75, "⅕": 0.2, "⅖": 0.4, "⅗": 0.6,
    "⅘": 0.8, "⅙": 1 / 6, "⅚": 5 / 6, "⅛": 0.125, "⅜": 0.375, "⅝": 0.625, "⅞": 0.875,
}
# Counting words that are not numerals: a count of a time unit ("a couple of weeks").
COUNT_WORDS = {
    "a": 1, "an": 1, "single": 1, "couple": 2, "a couple": 2, "a couple of": 2,
    "couple of": 2, "a pair of": 2,
}
# Vague counts: the number is unknown ("several years" is PXY).
VAGUE_COUNTS = {"few", "a few", "several", "some", "many", "a number of", "numerous"}
