"""The time grammar's gates (timex.GATES) only skip rules that cannot match: every match of a
gated rule passes its gate, and the candidates found with gates equal those found without."""

from __future__ import annotations

import re
import string
import sys

import pytest

from firsthand.read import timex as tx
from firsthand.read.times import _candidates

from conftest import SHARED_DATA

# At least one match of every gated rule, some in capitals or with letters that re.I folds
# to ASCII ("ſ" matches "s", the Kelvin sign "k").
TEXTS = [
    "On 2023-09-13 and on 9/13/2023 the board met; SEPT. 13, 2023 it met again, and Auguſt 3 too.",
    "The 13th of September was quiet. In early March 2021 and in 1990 May, prices fell.",
    "In the 1990s, the '90s and the nineties, the 19th century and the first half of 1990 were long.",
    "Profit rose in Q3 2023 and in the third quarter of 1989, and in the 1989 quarter and period.",
    "Last spring, on Christmas Eve, at Easter and on Valentine's Day, on Election Day and Thanksgiving.",
    "Last week, the year, earlier this month, the past five years and three WEEKS AGO, for years.",
    "The year-earlier figure and a month-long strike, with 5 1/2 hours a weeK and a fortnight.",
    "Yesterday morning, tonight, TODAY, Friday evening, this morning and on Mondays at 10 a.m.",
    "It is now current; recently, at the moment, in the near future, for the short term, these days.",
    "Every Monday and each week, twice a day, the daily and weekly and annually paid figures.",
]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    """The texts above, and the TempEval-3 documents when the public data is beside the checkout."""
    texts = list(TEXTS)
    root = SHARED_DATA / "tempeval3"
    for split in ("TimeBank", "AQUAINT"):
        for f in sorted((root / split).glob("*.tml")):
            raw = f.read_text(encoding="utf-8")
            texts.append(re.sub(r"<[^>]+>", "", raw[raw.index("<TEXT>") + 6:raw.index("</TEXT>")]))
    return texts


def test_every_match_passes_its_gate(texts):
    matched = dict.fromkeys(tx.GATES, 0)
    for text in texts:
        for name, gate in tx.GATES.items():
            for m in tx.PATTERNS[name].finditer(text):
                folded = tx.fold(m[0])
                assert gate.admits(set(re.findall(r"[a-z]+", folded)), folded), (name, m[0])
                matched[name] += 1
    assert all(matched.values()), [name for name, n in matched.items() if not n]


def test_gates_change_no_candidate(texts):
    for text in texts:
        ungated = [(m.start(), m.end(), name) for name, p in tx.PATTERNS.items() for m in p.finditer(text)
                   if m.end() > m.start()]
        assert [(s, e, name) for s, e, name, _ in _candidates(text)] == ungated


def test_gates_skip_rules():
    assert [name for name, _ in tx.gated_patterns("The bank raised rates.")] == ["year", "clock"]


def test_fold_is_what_case_insensitive_patterns_match():
    letter = re.compile("[a-z]", re.I)
    for code in range(sys.maxunicode + 1):
        c = chr(code)
        folded = tx.fold(c)
        ascii_letters = [ch for ch in folded if ch in string.ascii_lowercase]
        if letter.match(c):
            assert len(folded) == 1 and re.match(folded, c, re.I), hex(code)
        else:
            assert not ascii_letters, hex(code)
