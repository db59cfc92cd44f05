"""Long reports are read in sections cut at paragraph boundaries; the sections' readings, moved to
where each section starts, make the report's reading."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from firsthand.model.report import Report
from firsthand.pipeline.reader import Reader
from firsthand.read.sections import sections

PARAGRAPHS = [
    "SEOUL, South Korea — North Korea has shipped about one million artillery shells to Russia since August, "
    "South Korea's National Intelligence Service told lawmakers on Wednesday.",
    "Lawmaker Yoo Sang-bum said the shells were sent in more than 10 shipments by sea and by air.",
    "Kim Jong Un met Vladimir Putin at the Vostochny Cosmodrome on Sept. 13, officials said.",
    "Mr. Kim promised full support for Russia, according to the state news agency KCNA.",
    "Russian forces attacked Avdiivka on Tuesday, Ukraine's military said.",
]


def report_of(paragraphs: list[str], separator: str = "\n\n") -> Report:
    return Report(text=separator.join(paragraphs), published=datetime(2023, 11, 2, tzinfo=UTC), outlet="The Daily Test")


def test_a_text_no_longer_than_a_section_is_one_section():
    assert sections("Short.\n\nText.", size=100) == [(0, 13)]


@pytest.mark.parametrize("separator", ["\n\n", "\n"])
def test_sections_cover_the_text_and_end_at_paragraphs(separator):
    text = separator.join(PARAGRAPHS * 4)
    cut = sections(text, size=400)
    assert cut[0][0] == 0 and cut[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(cut, cut[1:]))
    assert all(end - start <= 400 for start, end in cut)
    # Every section but the last ends with a line break: no paragraph is cut.
    assert all(text[end - 1] == "\n" for _, end in cut[:-1])


def test_without_line_breaks_sections_end_at_sentences():
    text = " ".join(PARAGRAPHS * 4)
    cut = sections(text, size=400)
    assert len(cut) > 1
    assert all(text[start:end].rstrip()[-1] == "." for start, end in cut[:-1])


@pytest.fixture(scope="module")
def reader():
    return Reader(section_size=400)


@pytest.fixture(scope="module")
def long_reading(reader):
    report = report_of(PARAGRAPHS * 2)
    assert len(sections(report.text, 400)) > 2
    [reading] = reader.read([report])
    return report, reading


def test_every_offset_of_a_long_report_points_into_its_text(long_reading):
    report, reading = long_reading
    text = report.text
    assert reading.skipped is None
    assert all(text[s.start : s.end].strip() and text[s.start : s.end] == text[s.start : s.end].strip()
               for s in reading.sentences)
    assert all(text[m.start : m.end] == m.text for m in reading.mentions)
    assert all(text[q.start : q.end] == q.text for q in reading.quantities)
    assert all(text[t.start : t.end] == t.text for t in reading.times)
    for claim in reading.claims:
        assert text[claim.start : claim.end] == claim.text
        assert claim.sentence_start <= claim.start < claim.end <= claim.sentence_end
        assert all(text[q.start : q.end] == q.text for q in claim.quantities)
    sentences = {(s.start, s.end) for s in reading.sentences}
    assert reading.events and all((span.start, span.end) in sentences for e in reading.events for span in e.spans)


def test_a_long_report_reads_as_its_sections_read_alone(reader, long_reading):
    """What each section yields read as a report of its own, moved to where it starts."""
    report, reading = long_reading
    alone = Reader(reader.nlp, section_size=10**9)
    expected_claims, expected_times = [], []
    for start, end in sections(report.text, 400):
        part = Report(text=report.text[start:end], published=report.published, outlet=report.outlet)
        [own] = alone.read([part])
        expected_claims += [(c.start + start, c.text, c.chain[0].name) for c in own.claims]
        expected_times += [(t.start + start, t.value) for t in own.times]
    assert [(c.start, c.text, c.chain[0].name) for c in reading.claims] == expected_claims
    assert [(t.start, t.value) for t in reading.times] == expected_times


def test_later_sections_keep_the_reports_date_and_outlet(long_reading):
    report, reading = long_reading
    second_half = len(report.text) // 2
    tuesdays = [t for t in reading.times if t.text == "Tuesday" and t.start > second_half]
    assert tuesdays and tuesdays[0].value == "2023-10-31"
    late = [c for c in reading.claims if c.start > second_half]
    assert late and all(c.chain[-1].name == "The Daily Test" for c in late)


def test_a_report_longer_than_the_models_limit_is_read(reader):
    """spaCy's limit applies to a Doc, and a section is one: any report ingest accepts is read."""
    report = report_of(PARAGRAPHS * 3)
    limit = reader.nlp.max_length
    reader.nlp.max_length = len(report.text) // 2
    try:
        [reading] = reader.read([report])
    finally:
        reader.nlp.max_length = limit
    assert reading.skipped is None and len(reading.claims) >= 3 * 4
