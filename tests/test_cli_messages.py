"""What the command prints (issue 17.7): inputs and reports counted right, proper plurals, flags
that read as flags, one line per judgement, and progress with the time left, also off a terminal."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

from rich.console import Console

from firsthand.cli import _n, _one_line
from firsthand.progress import Meter

FIRSTHAND = [sys.executable, "-m", "firsthand"]


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([*FIRSTHAND, *args], cwd=cwd, capture_output=True, text=True, timeout=300)


def test_a_report_the_inputs_hold_twice_is_one_report(tmp_path: Path):
    record = {"title": "Shells", "text": "North Korea shipped shells to Russia, the agency said on Wednesday."}
    (tmp_path / "a.jsonl").write_text(json.dumps(record) + "\n")
    (tmp_path / "b.jsonl").write_text(json.dumps(record | {"outlet": "Example Times"}) + "\n")
    first = run("ingest", "a.jsonl", "b.jsonl", "--db", "t.sqlite", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert ("ingested 1 report from 2 inputs: 1 new, 0 known with new metadata, 0 already stored; "
            "1 repeat of a report already among the inputs; 0 inputs failed") in first.stderr
    again = run("ingest", "a.jsonl", "--db", "t.sqlite", cwd=tmp_path)
    assert "ingested 1 report from 1 input: 0 new, 0 known with new metadata, 1 already stored; 0 inputs failed" in again.stderr


def test_counts_take_proper_plurals(tmp_path: Path):
    assert (_n(1, "story", "stories"), _n(2, "story", "stories"), _n(0, "report"), _n(1_000, "report")) == \
        ("1 story", "2 stories", "0 reports", "1,000 reports")
    (tmp_path / "a.txt").write_text("North Korea shipped shells to Russia, the agency said on Wednesday.")
    assert run("ingest", "a.txt", "--db", "t.sqlite", cwd=tmp_path).returncode == 0
    assessed = run("assess", "--db", "t.sqlite", cwd=tmp_path)
    assert "linked 1 report into 1 story; analysed 1 story anew" in assessed.stderr and "(ies)" not in assessed.stderr


def test_strict_is_a_flag_and_its_help_says_so(tmp_path: Path):
    shown = run("ingest", "--help", cwd=tmp_path).stdout
    line = next(line for line in shown.splitlines() if "--strict" in line)
    assert "--no-strict" in line and "<bool>" not in line
    (tmp_path / "a.txt").write_text("North Korea shipped shells to Russia, the agency said on Wednesday.")
    assert run("ingest", "a.txt", "missing.txt", "--db", "t.sqlite", "--no-strict", cwd=tmp_path).returncode == 0
    assert run("ingest", "a.txt", "missing.txt", "--db", "t.sqlite", "--strict", cwd=tmp_path).returncode == 1


def test_a_judgement_is_one_console_line():
    assert _one_line("North Korea sent\nshells  to\r\nRussia") == "North Korea sent shells to Russia"


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_off_a_terminal_progress_is_a_line_at_intervals_with_the_time_left():
    out, clock = io.StringIO(), Clock()
    console = Console(file=out, force_terminal=False)
    with Meter(console, "read", 1_000, ("report", "reports"), interval=30, clock=clock) as meter:
        for _ in range(1_000):
            clock.now += 0.1
            meter.advance()
    lines = out.getvalue().splitlines()
    assert len(lines) == 4  # at 30, 60 and 90 seconds, and the end
    assert lines[0] == "read: 300 of 1,000 reports (30%), 30 s elapsed, about 1 min 10 s left"
    assert lines[-1] == "read: 1,000 of 1,000 reports (100%), 1 min 40 s elapsed"


def test_a_short_run_prints_no_progress_and_bytes_are_megabytes():
    out, clock = io.StringIO(), Clock()
    with Meter(Console(file=out, force_terminal=False), "ingest", 3e6, ("byte", "bytes"), clock=clock) as meter:
        meter.advance(1.5e6, "12 reports")
        assert meter.line() == "ingest: 1.5 of 3.0 MB (50%), 0 s elapsed, about 0 s left; 12 reports"
    assert out.getvalue() == ""
