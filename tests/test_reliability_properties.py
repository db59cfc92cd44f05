"""Property-based tests (hypothesis) of what ingest guarantees for any input, not only examples."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone
from email.utils import format_datetime

from hypothesis import given, settings, strategies as st

from firsthand.ingest.dateline import find_dateline
from firsthand.ingest.language import guess_language
from firsthand.ingest.published import parse_published
from firsthand.model.report import Report, content_id, normalize_text

texts = st.text(st.characters(max_codepoint=0x2FFFF, exclude_categories=("Cs",)), max_size=300)
spaces = st.text(" \t\u00a0", max_size=3)


@given(texts)
def test_normalize_is_idempotent(text: str):
    once = normalize_text(text)
    assert normalize_text(once) == once
    assert once == once.strip()
    assert "\r" not in once and "\n\n\n" not in once


@given(st.lists(st.text(st.characters(categories=("L", "N", "P")), min_size=1, max_size=12), min_size=1, max_size=12),
       st.data())
def test_ids_ignore_differences_in_whitespace_only(words: list[str], data):
    plain = " ".join(words)
    # The same words with random runs of spaces and tabs between them, around them, and CRLF ends.
    spaced = data.draw(spaces) + "".join(word + data.draw(spaces.map(lambda s: s or " ")) for word in words) + "\r\n"
    assert Report(text=spaced).id == Report(text=plain).id == content_id(plain)


@given(st.text(min_size=1, max_size=50), st.text(min_size=1, max_size=50))
def test_different_normalized_texts_have_different_ids(a: str, b: str):
    if normalize_text(a) != normalize_text(b):
        assert content_id(a) != content_id(b)


aware = st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 12, 31),
                     timezones=st.builds(timezone, st.timedeltas(min_value=timedelta(hours=-14), max_value=timedelta(hours=14))
                                         .map(lambda d: timedelta(minutes=d // timedelta(minutes=1)))))


@given(aware)
def test_iso_times_round_trip_in_utc(when: datetime):
    parsed, precision = parse_published(when.isoformat())
    assert parsed == when and parsed.tzinfo == UTC and precision == "second"


@given(aware)
def test_rfc_2822_times_round_trip(when: datetime):
    when = when.replace(microsecond=0)
    assert parse_published(format_datetime(when)) == (when, "second")


@given(st.dates(min_value=datetime(1, 1, 1).date(), max_value=datetime(9999, 12, 31).date()))
def test_days_months_and_years_keep_their_precision(day):
    assert parse_published(day.isoformat()) == (datetime(day.year, day.month, day.day, tzinfo=UTC), "day")
    assert parse_published(day.isoformat()[:7]) == (datetime(day.year, day.month, 1, tzinfo=UTC), "month")
    assert parse_published(f"{day.year:04d}") == (datetime(day.year, 1, 1, tzinfo=UTC), "year")


@given(st.one_of(st.text(max_size=40), st.integers(), st.floats(), st.none(), st.lists(st.integers(), max_size=3)))
def test_any_value_parses_or_raises_value_error(value):
    try:
        parsed, precision = parse_published(value)
    except ValueError as error:
        assert "\n" not in str(error) and str(error).startswith("unreadable publication time")
    else:
        assert parsed.tzinfo == UTC and precision in ("second", "day", "month", "year")


PLACES = st.from_regex(r"[A-Z][A-Z]{2,12}( [A-Z]{3,10})?", fullmatch=True)
REGIONS = st.from_regex(r"[A-Z][a-z]{3,10}( [A-Z][a-z]{3,10})?", fullmatch=True)


@given(PLACES, st.one_of(st.none(), REGIONS), st.one_of(st.none(), st.sampled_from(["Reuters", "AP", "AFP", "Yonhap"])),
       st.sampled_from(["—", "–", "-", "--"]))
def test_a_generated_dateline_is_found(place: str, region: str | None, agency: str | None, dash: str):
    head = place + (f", {region}" if region else "")
    text = f"{head}{f' ({agency})' if agency else ''} {dash} Officials said the shipment arrived on Tuesday."
    assert find_dateline(text) == (head, agency)


@given(st.text(st.characters(categories=("Ll", "Zs", "Po")), max_size=200))
def test_text_starting_in_lower_case_has_no_dateline(text: str):
    assert find_dateline(text) == (None, None)


ENGLISH = "the agency said that officials in the city had seen shells on the border and that they were moving to the front".split()
NON_LATIN = {"ru": "абвгдежзиклмнопрстуфхцчшщыэюя", "ko": "가나다라마바사아자차카타파하북한러시아", "zh": "的一是不了人我在有他这中大来上个国",
             "el": "αβγδεζηθικλμνξοπρστυφχψω", "ar": "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"}


@given(st.lists(st.sampled_from(ENGLISH), min_size=12, max_size=80))
def test_english_word_salad_of_function_words_is_english(words: list[str]):
    assert guess_language(" ".join(words)) == "en"


@given(st.sampled_from(sorted(NON_LATIN)), st.data())
@settings(max_examples=60)
def test_non_latin_text_of_any_length_is_never_english(code: str, data):
    letters = data.draw(st.text(st.sampled_from(NON_LATIN[code]), min_size=1, max_size=200))
    noise = data.draw(st.text(st.sampled_from(" 0123456789.,"), max_size=20))
    latin = data.draw(st.text(st.sampled_from("abc"), max_size=max(0, len(letters) - 1) // 2))
    guess = guess_language(" ".join([letters, noise, latin]))
    assert guess == code


@given(texts)
def test_guess_language_always_answers_a_code_or_none(text: str):
    guess = guess_language(text)
    assert guess is None or re.fullmatch(r"[a-z]{2,3}", guess)
