"""An error in one component on one sentence costs that sentence's reading, not the report: the
component logs one line (component, report, the sentence's offsets, the error) and goes on."""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime

import pytest

from firsthand.claims import attribution, extract
from firsthand.events import coder
from firsthand.model.report import Report
from firsthand.pipeline.reader import Reader
from firsthand.read import entities, quantities
from firsthand.read.doc import text_of

# The sentence a component is made to fail on.
ODD = "Japan restricted exports of chipmaking equipment to China in 2023 and 2024, its trade ministry said."
TEXT = (
    "North Korea has shipped about one million artillery shells to Russia, South Korea's spy agency said.\n\n"
    + ODD + "\n\n"
    "North Korean leader Kim Jong Un met Russian President Vladimir Putin at the Vostochny Cosmodrome on Sept. 13, "
    "officials said.\n\n"
    "Russian forces attacked Avdiivka on Tuesday, Ukraine's military said."
)
# The codes that made the number grammar overflow (10.0 ** 992) and lost a 54,000-character report.
ECCNS = "Exports of items under ECCNs 3B001, 3B002, 3D992 and 3E992 were restricted by Japan, officials said."


@pytest.fixture(scope="module")
def reader():
    return Reader()


@pytest.fixture(scope="module")
def clean(reader):
    """The report and its reading when nothing fails."""
    return read(reader)


def read(reader, text=TEXT, **kwargs):
    report = Report(text=text, published=datetime(2023, 11, 2, tzinfo=UTC), outlet="The Daily Test")
    [reading] = Reader(reader.nlp, **kwargs).read([report]) if kwargs else reader.read([report])
    assert reading.skipped is None
    return report, reading


def span_of(report, sentence=ODD):
    start = report.text.index(sentence)
    return start, start + len(sentence)


def assert_logged(caplog, component, report, start, end):
    lines = [r.getMessage() for r in caplog.records if r.name == "firsthand.read"]
    assert len(lines) == 1, lines
    assert re.fullmatch(rf"{component}: report {report.id}: sentence {start}-{end} not read "
                        r'\("Japan restricted exports of chipmaking equipment to China i…"\): OverflowError: boom', lines[0]), lines[0]


def other_claims(report, reading, sentence=ODD):
    start, end = span_of(report, sentence)
    return [c.text for c in reading.claims if not start <= c.start < end]


@pytest.fixture
def claims_fail_on_odd(monkeypatch):
    """The claim extractor made to fail on the odd sentence."""
    original = extract.ClaimExtractor._sentence_claims

    def failing(self, sent, *args):
        if "chipmaking" in sent.text:
            raise OverflowError("boom")
        return original(self, sent, *args)

    monkeypatch.setattr(extract.ClaimExtractor, "_sentence_claims", failing)


def test_claims_of_other_sentences_survive(reader, clean, claims_fail_on_odd, caplog):
    report, whole = clean
    with caplog.at_level(logging.WARNING, logger="firsthand.read"):
        _, reading = read(reader)
    start, end = span_of(report)
    assert not [c for c in reading.claims if start <= c.start < end]
    assert [c.text for c in reading.claims] == other_claims(report, whole)
    assert reading.events == whole.events  # the other components read the sentence
    assert_logged(caplog, "fh_claims", report, start, end)


def test_events_of_other_sentences_survive(reader, clean, monkeypatch, caplog):
    report, whole = clean
    original = coder.sentence_events

    def failing(doc, sent, **kwargs):
        if "Avdiivka" in sent.text:
            raise KeyError("ASSAULT")
        return original(doc, sent, **kwargs)

    monkeypatch.setattr(coder, "sentence_events", failing)
    with caplog.at_level(logging.WARNING, logger="firsthand.read"):
        _, reading = read(reader)
    types = {e.type for e in whole.events}
    assert "ASSAULT" in types and {e.type for e in reading.events} == types - {"ASSAULT"}
    assert reading.claims == whole.claims
    [line] = [r.getMessage() for r in caplog.records if r.name == "firsthand.read"]
    start = report.text.index("Russian forces")
    assert line.startswith(f"fh_events: report {report.id}: sentence {start}-{len(report.text)} not read") and "KeyError" in line


def test_a_component_of_the_whole_doc_reads_sentence_by_sentence_after_a_failure(reader, clean, monkeypatch, caplog):
    """Quantities are read from the whole text at once; when that fails, from each sentence on its
    own, and only the sentence that fails again is lost."""
    report, whole = clean
    original = quantities.find_quantities

    def failing(doc):
        if "chipmaking" in text_of(doc):
            raise OverflowError("boom")
        return original(doc)

    monkeypatch.setattr(quantities, "find_quantities", failing)
    with caplog.at_level(logging.WARNING, logger="firsthand.read"):
        _, reading = read(reader)
    start, end = span_of(report)
    expected = [(q.start, q.text) for q in whole.quantities if not start <= q.start < end]
    assert expected and [(q.start, q.text) for q in reading.quantities] == expected
    assert_logged(caplog, "fh_quantities", report, start, end)
    # The claims of the other sentences keep their quantities.
    shells = next(c for c in reading.claims if "artillery shells" in c.text)
    assert [q.text for q in shells.quantities] == ["about one million"]


@pytest.mark.parametrize(("component", "module", "name", "extension"), [
    ("fh_entities", entities, "canonicalize", "mentions"),
    ("fh_attribution", attribution, "find_attributions", "attributions"),
])
def test_each_sentence_read_alone_keeps_the_reports_offsets(reader, monkeypatch, component, module, name, extension):
    doc = reader.nlp(reader.make_doc(Report(text=TEXT, published=datetime(2023, 11, 2, tzinfo=UTC))))
    whole = doc._.get(extension)
    original = getattr(module, name)

    def failing(doc, *args):
        if "chipmaking" in text_of(doc) and len(text_of(doc)) > len(ODD) + 10:
            raise OverflowError("the whole fails, each sentence reads")
        return original(doc, *args)

    monkeypatch.setattr(module, name, failing)
    again = reader.nlp.get_pipe(component)(doc)._.get(extension)
    assert again
    text = text_of(doc)
    if extension == "mentions":
        assert all(text[m.start : m.end] == m.text for m in again)
        assert {"PRK", "RUS", "person:kim-jong-un", "person:vladimir-putin"} <= {m.id for m in again} <= {m.id for m in whole}
    else:
        assert [(a.cue.start, a.cue.text) for a in again] == [(a.cue.start, a.cue.text) for a in whole]
        assert all(doc[a.cue_head].idx >= a.cue.start and text[a.cue.start : a.cue.end] == a.cue.text for a in again)
        assert [doc[a.cue_head].text for a in again] == [doc[a.cue_head].text for a in whole]


def test_the_codes_that_lost_a_report_cost_at_most_their_sentence(reader, clean):
    """Whatever the number grammar makes of "ECCNs 3B001, ..., 3E992", the rest of the report is
    read as it is without that sentence."""
    report, reading = read(reader, TEXT.replace(ODD, ECCNS))
    assert other_claims(report, reading, ECCNS) == other_claims(*clean)
    assert {e.type for e in reading.events} >= {"CONSULT", "ASSAULT"}


def test_failure_offsets_point_into_a_long_reports_text(reader, claims_fail_on_odd, caplog):
    text = "\n\n".join([TEXT.replace(ODD + "\n\n", "")] * 3 + [TEXT])
    with caplog.at_level(logging.WARNING, logger="firsthand.read"):
        report, reading = read(reader, text, section_size=600)
    [line] = [r.getMessage() for r in caplog.records if r.name == "firsthand.read"]
    start = text.index(ODD)
    assert f"sentence {start}-{start + len(ODD)} not read" in line
    assert len(reading.claims) > 10
