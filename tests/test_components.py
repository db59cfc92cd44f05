"""Our spaCy components as declared factories: found through the `spacy_factories` entry points,
ordered by what each requires and assigns (checked by spaCy's analyze_pipes), their packaged data
loaded by `initialize()` through the one loader, whose errors name the file."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.metadata import entry_points

import pytest
import spacy

from firsthand import resources
from firsthand.pipeline.reader import COMPONENTS, PipelineProblem, Reader
from firsthand.read.nlp import load_model


@pytest.fixture(scope="module")
def reader():
    return Reader()


def test_the_readers_pipeline_has_no_problems(reader):
    analysis = reader.nlp.analyze_pipes()
    assert not any(analysis["problems"].values()), analysis["problems"]
    ours = [name for name in reader.nlp.pipe_names if name.startswith("fh_")]
    assert ours == list(COMPONENTS)
    assert reader.nlp.pipe_names.index("fh_paragraphs") < reader.nlp.pipe_names.index("parser")
    assert analysis["attrs"]["doc._.mentions"] == {"assigns": ["fh_entities"], "requires": ["fh_claims", "fh_events"]}


def test_a_component_left_out_is_reported_missing():
    nlp = load_model()
    for name in COMPONENTS:
        if name != "fh_times":
            nlp.add_pipe(name)
    problems = nlp.analyze_pipes()["problems"]
    assert problems["fh_claims"] == ["doc._.times"]
    assert problems["fh_events"] == ["doc._.times"]
    assert not problems["fh_entities"]


def test_the_reader_refuses_a_model_without_what_the_components_need():
    with pytest.raises(PipelineProblem, match=r"fh_entities requires doc\.ents"):
        Reader(load_model(exclude=["ner"]))


def test_every_component_is_an_entry_point():
    declared = {ep.name: ep.value for ep in entry_points(group="spacy_factories")}
    assert set(COMPONENTS) <= set(declared)


def test_a_fresh_process_finds_the_factories_without_importing_firsthand(tmp_path):
    # Saved with two of our components, loaded where nothing of firsthand was imported first.
    nlp = spacy.blank("en")
    nlp.add_pipe("fh_paragraphs")
    nlp.add_pipe("fh_quantities")
    nlp.to_disk(tmp_path / "pipeline")
    probe = (
        "import json, sys, spacy\n"
        "assert not [m for m in sys.modules if m.startswith('firsthand')]\n"
        f"nlp = spacy.load({str(tmp_path / 'pipeline')!r})\n"
        "doc = nlp('Sales rose\\nmore than 40 percent.')\n"
        "print(json.dumps([nlp.pipe_names, [q.text for q in doc._.quantities], [t.is_sent_start for t in doc]]))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True).stdout
    names, quantities, starts = json.loads(out)
    assert names == ["fh_paragraphs", "fh_quantities"]
    assert quantities == ["more than 40 percent"]
    # fh_paragraphs ran (unset would be None): a line break before a lowercase word goes on.
    assert starts[3] is False


def test_components_hold_their_data_once_initialized(reader):
    attribution = reader.nlp.get_pipe("fh_attribution")
    assert attribution.initialized and "say" in attribution.cues
    assert reader.nlp.get_pipe("fh_entities").organizations.get("National Intelligence Service") is not None


def test_a_pipeline_built_by_hand_initializes_on_its_first_doc():
    nlp = load_model()
    component = nlp.add_pipe("fh_attribution")
    assert not component.initialized
    doc = nlp("The minister said that the army had withdrawn.")
    assert component.initialized and [a.cue.text for a in doc._.attributions] == ["said"]


def test_a_missing_packaged_file_is_named():
    with pytest.raises(resources.PackagedDataError, match=r"^firsthand/read/data/nowhere\.json: missing"):
        resources.json_data("firsthand.read", "data", "nowhere.json")


@pytest.fixture
def package(tmp_path, monkeypatch):
    """A package of our own on the path, with a data folder, to break its files at will."""
    (tmp_path / "brokenpkg" / "data").mkdir(parents=True)
    (tmp_path / "brokenpkg" / "__init__.py").write_text("")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "brokenpkg", raising=False)  # another test's copy
    return tmp_path / "brokenpkg" / "data"


def test_a_malformed_packaged_file_is_named(package):
    (package / "table.json").write_text('{"a": 1,,}')
    with pytest.raises(resources.PackagedDataError, match=r"^brokenpkg/data/table\.json: malformed \(JSONDecodeError"):
        resources.json_data("brokenpkg", "data", "table.json")
    (package / "words.txt").write_bytes(b"caf\xe9\n")
    with pytest.raises(resources.PackagedDataError, match=r"^brokenpkg/data/words\.txt: unreadable"):
        resources.lines("brokenpkg", "data", "words.txt")


def test_a_malformed_model_file_is_named(package):
    import pycrfsuite

    (package / "model.crfsuite").write_bytes(b"not a model")
    with pytest.raises(resources.PackagedDataError, match=r"^brokenpkg/data/model\.crfsuite: malformed"):
        resources.open_file("brokenpkg", "data", "model.crfsuite", opener=lambda path: pycrfsuite.Tagger().open(str(path)))


def test_lists_drop_comments_and_blank_lines(package):
    (package / "cues.txt").write_text("# cue verbs\nsay\n\n  tell  # reported speech\n")
    assert resources.lines("brokenpkg", "data", "cues.txt") == ["say", "tell"]
