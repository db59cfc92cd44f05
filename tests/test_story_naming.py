"""A story is named from its reports, never "Story story-533f…": its earliest report's title, else
the entities most of its reports name, else its earliest report's opening words."""

from __future__ import annotations

from datetime import UTC, datetime

from firsthand.link.naming import story_title
from firsthand.model.mention import Mention
from firsthand.model.reading import Reading
from firsthand.model.report import Report


def mention(kind: str, key: str, name: str) -> Mention:
    return Mention(0, len(name), name, "GPE", kind, key, name)


def report(text: str, day: int, title: str | None = None) -> Report:
    return Report(text=text, title=title, published=datetime(2023, 11, day, tzinfo=UTC))


def test_the_earliest_title_names_the_story():
    later, earlier = report("Later text.", 2, "Later title"), report("Earlier text.", 1, "Earlier title")
    assert story_title([later, earlier], {}) == "Earlier title"


def test_untitled_reports_are_named_by_the_entities_most_of_them_name():
    a, b = report("North Korea sent shells to Russia.", 1), report("Russia took shells from North Korea; Kim said so.", 2)
    readings = {
        a.id: Reading(a.id, mentions=[mention("country", "PRK", "North Korea"), mention("country", "RUS", "Russia"),
                                     mention("other", "other:shells", "shells")]),
        b.id: Reading(b.id, mentions=[mention("country", "RUS", "Russia"), mention("country", "RUS", "Russia"),
                                     mention("country", "PRK", "North Korea"), mention("person", "person:kim", "Kim Jong Un")]),
    }
    assert story_title([a, b], readings) == "Russia, North Korea, Kim Jong Un"


def test_without_titles_or_entities_the_opening_words_name_it():
    text = "one two three four five six seven eight nine ten eleven twelve"
    assert story_title([report(text, 1)], {}) == "one two three four five six seven eight nine ten …"
    assert story_title([report("short text", 1)], {}) == "short text"
