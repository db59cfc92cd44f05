"""Derivation: did one report take its text from another?

The labels are those of the METER corpus of journalistic text reuse (Gaizauskas, Clough
et al. 2001): a newspaper story is *wholly* derived from a wire story when it is (nearly)
all rewritten wire text, *partially* derived when some of it is, *not* derived when it was
written independently. Like METER's baselines, the measure is containment of word
trigrams: the share of the derived text's trigrams that also occur in the source
(Broder's containment; "shifted" n-grams start at every word, so an edit only breaks the
n-grams that span it).

Two more signals are reported beside the label:

* shared direct quotes: two reports quoting the same words of a speaker. Two reporters at
  the same briefing share quotes without copying each other, so quoted words are left out
  of the containment that decides the label; shared quotes only tip a report with some
  other reused wording into "partially";
* wire credits: "(Reuters)", "according to Yonhap", "AFP reported": the derived report
  saying where it got the story.

The source is the earlier report; without dates, the report more contained in the other.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np
from scipy.sparse import csr_matrix

from firsthand.link.blocking import shingles, words
from firsthand.model.story import Derivation, Label

NGRAM = 3
# A wholly derived text is wire copy with light editing: cuts, a new lead, changed
# attribution. Each edit breaks only the NGRAM trigrams spanning it, so rewritten wire
# copy keeps well over half of its trigrams; below half, much of the text is the
# outlet's own.
WHOLLY = 0.5
# Independent reports of one event share names, titles and stock phrases ("the Ministry
# of Defense said"); on ECB+, where most same-event pairs are written independently,
# that puts a few percent of trigrams in common (see docs/results/linking.md). Reused
# sentences push containment well above that; 0.15 leaves a margin.
PARTIALLY = 0.15
# With a shared direct quote, a lower amount of other reused wording suffices.
PARTIALLY_WITH_QUOTES = 0.06
# A quote shorter than this is a phrase anyone could use ("very serious").
MIN_QUOTE_WORDS = 5

WIRES = {
    "Reuters": "Reuters",
    "AP": "AP",
    "Associated Press": "AP",
    "AFP": "AFP",
    "Agence France-Presse": "AFP",
    "Agence France Presse": "AFP",
    "Yonhap": "Yonhap",
    "Xinhua": "Xinhua",
    "Kyodo": "Kyodo",
    "KCNA": "KCNA",
    "Korean Central News Agency": "KCNA",
    "TASS": "TASS",
    "Interfax": "Interfax",
    "UPI": "UPI",
    "United Press International": "UPI",
    "dpa": "dpa",
    "Bloomberg": "Bloomberg",
    "ANSA": "ANSA",
    "EFE": "EFE",
}
_WIRE = "|".join(sorted((re.escape(w) for w in WIRES), key=len, reverse=True))
# Case-sensitive on purpose: "AP" and "ANSA" are credits, "ap" and "ansa" are not.
_CREDIT = re.compile(
    rf"\(\s*(?P<a>{_WIRE})\s*\)"  # dateline: SEOUL (Yonhap) --
    rf"|(?:according to|told|citing|cited by|reported by|quoted by|via|from)\s+(?:the\s+)?"
    rf"(?P<b>{_WIRE})\b"
    rf"|\b(?P<c>{_WIRE})(?:\s+news\s+agency|\s+reporters?)?\s*,?\s+"
    r"(?:reported|reports|said|says|quoted|cited|contributed)"
    rf"|(?:^|\n)\s*(?:[-—–]\s*)?(?P<d>{_WIRE})\s*$",  # a closing credit line
    re.MULTILINE,
)
_QUOTE = re.compile(r"“([^”]+)”|\"([^\"]+)\"")


@dataclass(frozen=True)
class ReportText:
    report_id: str
    text: str
    published: datetime | None = None


def wire_credits(text: str) -> frozenset[str]:
    """Canonical names of the news agencies a text credits."""
    return frozenset(WIRES[next(g for g in m.groups() if g)] for m in _CREDIT.finditer(text))


def quotes(text: str) -> list[str]:
    """Direct quotations of at least MIN_QUOTE_WORDS words."""
    found = (m.group(1) or m.group(2) for m in _QUOTE.finditer(text))
    return [q.strip() for q in found if len(words(q)) >= MIN_QUOTE_WORDS]


def _unquoted(text: str) -> str:
    return _QUOTE.sub(" ", text)


def _trigrams(text: str) -> np.ndarray:
    """The unquoted word trigrams as sorted unique 64-bit hashes: a set at 8 bytes a trigram,
    intersected in C (a collision in a process's string hash is a 2**-64 event)."""
    return np.unique(np.fromiter((hash(g) for g in shingles(words(_unquoted(text)), NGRAM)), dtype=np.int64))


def _shared_quotes(a_text: str, b_text: str) -> tuple[str, ...]:
    """Quotes of ``a`` whose words occur, in order, anywhere in ``b``."""
    b_words = f" {' '.join(words(b_text))} "
    return tuple(q for q in quotes(a_text) if f" {' '.join(words(q))} " in b_words)


def _label(contained: float, shared_quotes: tuple[str, ...]) -> Label:
    if contained >= WHOLLY:
        return "wholly"
    if contained >= PARTIALLY or (shared_quotes and contained >= PARTIALLY_WITH_QUOTES):
        return "partially"
    return "not"


def _is_source_first(a: ReportText, b: ReportText, a_in_b: float, b_in_a: float) -> bool:
    if a.published is not None and b.published is not None:
        pa, pb = a.published, b.published
        if (pa.tzinfo is None) != (pb.tzinfo is None):
            pa, pb = pa.replace(tzinfo=None), pb.replace(tzinfo=None)
        if pa != pb:
            return pa < pb
    # Undated or simultaneous: the report more contained in the other drew on it.
    return b_in_a >= a_in_b


def _derivation(a: ReportText, b: ReportText, a_grams: int, b_grams: int, shared: int) -> Derivation:
    """The derivation of two reports from their trigram counts and how many they share."""
    a_in_b = shared / a_grams if a_grams else 0.0
    b_in_a = shared / b_grams if b_grams else 0.0
    source, derived, contained = (
        (a, b, b_in_a) if _is_source_first(a, b, a_in_b, b_in_a) else (b, a, a_in_b)
    )
    shared_quotes = _shared_quotes(derived.text, source.text)
    return Derivation(
        source_id=source.report_id,
        derived_id=derived.report_id,
        label=_label(contained, shared_quotes),
        containment=contained,
        shared_quotes=shared_quotes,
        wire_credit=tuple(sorted(wire_credits(derived.text))),
    )


def derive(a: ReportText, b: ReportText) -> Derivation:
    """How the later of two reports derives from the earlier one."""
    grams_a, grams_b = _trigrams(a.text), _trigrams(b.text)
    return _derivation(a, b, len(grams_a), len(grams_b), len(np.intersect1d(grams_a, grams_b, assume_unique=True)))


def derivations(texts: Sequence[ReportText]) -> list[Derivation]:
    """``derive`` of every pair of the reports (in the order of ``combinations(texts, 2)``), kept
    when some text was reused. Each text is hashed into trigrams once, and one sparse product
    counts the trigrams of every pair; only pairs sharing enough to be derived at all (below
    PARTIALLY_WITH_QUOTES of the smaller report, no label but "not" is possible) are labelled."""
    grams = [_trigrams(t.text) for t in texts]
    sizes = np.array([len(g) for g in grams], dtype=np.int64)
    if len(texts) < 2 or not sizes.any():
        return []
    _, columns = np.unique(np.concatenate(grams), return_inverse=True)
    rows = np.repeat(np.arange(len(texts)), sizes)
    matrix = csr_matrix((np.ones(len(rows), dtype=np.int64), (rows, columns.ravel())), shape=(len(texts), columns.max() + 1))
    shared = (matrix @ matrix.T).tocoo()
    a, b, counts = shared.row, shared.col, shared.data
    keep = (a < b) & (counts / np.minimum(sizes[a], sizes[b]) >= PARTIALLY_WITH_QUOTES)  # as _label divides
    found = []
    for i, j, n in sorted(zip(a[keep].tolist(), b[keep].tolist(), counts[keep].tolist())):
        derivation = _derivation(texts[i], texts[j], int(sizes[i]), int(sizes[j]), n)
        if derivation.label != "not":
            found.append(derivation)
    return found
