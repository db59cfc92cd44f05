"""TempEval-3 time expressions: extent P/R/F1 (strict, relaxed) and normalized-value F1.

Value F1 is scored as TempEval-3 did: a system TIMEX counts when its extent overlaps a gold
TIMEX and its value equals the gold value, so value F1 = relaxed F1 x value accuracy.

    PYTHONPATH=src python -m bench.eval_tempeval [--split TimeBank|AQUAINT|all] [--errors N] [--parse]

--parse runs spaCy's tagger and parser first and hands the Doc to find_times, as the Reader's
pipeline does (the tense of a bare weekday or month then comes from its governing verb).
The bare month/weekday line scores the past/future choice alone: gold DATEs written as just
"October" or "Tuesday", which the reader places before or after the document date by tense.
"""

from __future__ import annotations

import argparse
import html
import re
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from spacy.language import Language

from bench.common import shared_path
from firsthand.read import timex as tx
from firsthand.read.nlp import load_model
from firsthand.read.times import find_times

_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
# A month or weekday with nothing to fix its year or week: the reader picks past or future.
_BARE = re.compile(rf"(?:{tx.MONTH}|{tx.WEEKDAY})", re.I)


@dataclass
class Gold:
    start: int
    end: int
    type: str
    value: str


def load(path: Path) -> tuple[str, datetime, list[Gold]]:
    """The document text inside <TEXT>, its creation time, and its TIMEX3 annotations."""
    raw = path.read_text(encoding="utf-8")
    found = re.search(r"<DCT>.*?value=\"([^\"]+)\"", raw, re.S)
    if found is None:
        raise ValueError(f"{path}: no <DCT> creation time")
    dct = found[1]
    body = raw[raw.index("<TEXT>") + 6:raw.index("</TEXT>")]
    out: list[str] = []
    pos = 0
    length = 0
    golds: list[Gold] = []
    open_timex: tuple[int, dict[str, str]] | None = None
    for m in _TAG.finditer(body):
        piece = html.unescape(body[pos:m.start()])
        out.append(piece)
        length += len(piece)
        pos = m.end()
        if m[2] == "TIMEX3":
            if m[1]:
                assert open_timex is not None, f"{path}: </TIMEX3> before <TIMEX3>"
                start, attrs = open_timex
                golds.append(Gold(start, length, attrs.get("type", ""), attrs.get("value", "")))
            else:
                open_timex = (length, dict(_ATTR.findall(m[3])))
    out.append(html.unescape(body[pos:]))
    return "".join(out), datetime.fromisoformat(dct[:10]), golds


@dataclass
class Score:
    docs: int = 0
    gold: int = 0
    found: int = 0
    strict: int = 0
    relaxed: int = 0
    value_ok: int = 0
    chars: int = 0
    seconds: float = 0.0
    bare: int = 0  # gold DATEs that are a bare month or weekday ("October", "Tuesday")
    bare_ok: int = 0  # ... found with the gold value: the past/future choice made right

    def prf(self, hits: int) -> tuple[float, float, float]:
        p = hits / self.found if self.found else 0.0
        r = hits / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    @property
    def value_f1(self) -> float:
        return self.prf(self.value_ok)[2]


def parser() -> Language:
    """The parts of en_core_web_sm that find_times reads: tags and dependency arcs."""
    return load_model(exclude=["ner", "lemmatizer"])


def evaluate(files: list[Path], errors: list[str] | None = None, nlp: Language | None = None) -> Score:
    """Score find_times on TimeML files (parsed by `nlp` if given); append a line per miss, wrong
    value and false alarm."""
    sc = Score(docs=len(files))
    errors = [] if errors is None else errors
    loaded = [load(f) for f in files]
    docs = nlp.pipe((text for text, _, _ in loaded), batch_size=32) if nlp else (None for _ in loaded)
    for f, (text, dct, golds), doc in zip(files, loaded, docs):
        sc.chars += len(text)
        t0 = time.perf_counter()
        found = find_times(text, dct, doc=doc)
        sc.seconds += time.perf_counter() - t0
        sc.found += len(found)
        sc.gold += len(golds)
        used: set[int] = set()
        for g in golds:
            match = next((i for i, t in enumerate(found) if i not in used and t.start < g.end and g.start < t.end), None)
            if match is None:
                errors.append(f"MISS  {f.stem} {text[g.start:g.end]!r} {g.type} {g.value}")
                continue
            used.add(match)
            t = found[match]
            sc.relaxed += 1
            sc.strict += (t.start, t.end) == (g.start, g.end)
            if t.value == g.value:
                sc.value_ok += 1
            if _BARE.fullmatch(text[g.start:g.end]):
                sc.bare += 1
                sc.bare_ok += t.value == g.value
            else:
                errors.append(f"VALUE {f.stem} {t.text!r}/{text[g.start:g.end]!r} got {t.value} want {g.value} (dct {dct.date()})")
        for i, t in enumerate(found):
            if i not in used:
                errors.append(f"FALSE {f.stem} {t.text!r} {t.type} {t.value}  …{text[max(0, t.start - 40):t.end + 20]!r}")
    return sc


def split_files(root: Path, split: str) -> list[Path]:
    splits = ["TimeBank", "AQUAINT"] if split == "all" else [split]
    return sorted(f for s in splits for f in (root / s).glob("*.tml"))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="all", choices=["TimeBank", "AQUAINT", "all"])
    ap.add_argument("--errors", type=int, default=0, help="print this many value/extent errors")
    ap.add_argument("--parse", action="store_true", help="parse with spaCy first, as the Reader does")
    args = ap.parse_args()
    files = split_files(shared_path("tempeval3"), args.split)
    errors: list[str] = []
    sc = evaluate(files, errors, parser() if args.parse else None)

    def prf(hits: int) -> str:
        p, r, f1 = sc.prf(hits)
        return f"P {p:.3f}  R {r:.3f}  F1 {f1:.3f}"

    print(f"TempEval-3 {args.split}{' (parsed)' if args.parse else ''}: {sc.docs} docs, {sc.gold} gold TIMEX3, {sc.found} found")
    print(f"  extent strict   {prf(sc.strict)}")
    print(f"  extent relaxed  {prf(sc.relaxed)}")
    print(f"  value accuracy on relaxed matches {sc.value_ok / max(sc.relaxed, 1):.3f}")
    print(f"  value           {prf(sc.value_ok)}")
    print(f"  bare month/weekday: {sc.bare} found, value accuracy {sc.bare_ok / max(sc.bare, 1):.3f} (past/future choice)")
    print(f"  speed {sc.chars / sc.seconds / 1e6:.2f} M chars/s (find_times alone)")
    for line in errors[: args.errors]:
        print(line)


if __name__ == "__main__":
    main()
