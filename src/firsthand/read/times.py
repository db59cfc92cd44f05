"""Time expressions in news text, normalized to TIMEX3 values relative to publication time.

News reports narrate the past: a bare "Tuesday" or "August" is the most recent one unless
the clause around it speaks of the future ("will", "is to", "scheduled"). Expressions that
need a finer anchor than the publication date has (a report dated only "2023-11" saying
"yesterday") keep the anchor's coarser precision instead of inventing a day.
"""

from __future__ import annotations

import re
from datetime import datetime

from spacy.language import Language
from spacy.tokens import Doc

from firsthand.model.time_expression import TimeExpr
from firsthand.read import timex as tx
from firsthand.read.component import Component
from firsthand.read.doc import text_of  # also registers Doc._.published, set by the Reader
from firsthand.read.timeres.resolver import Resolver
from firsthand.read.timeres.values import Parse, fmt

_SINCE = re.compile(r"\b(?:since|starting|beginning)\s+(?:the\s+)?$", re.I)
_UNTIL = re.compile(r"\b(?:until|till|through|by)\s+$", re.I)
_JOIN = re.compile(r"\s*(?:,\s*)?(?:on\s+|at\s+)?$", re.I)


# Rule order breaks ties between equally long matches: the more specific rule first.
_ORDER = {name: i for i, name in enumerate(tx.RULES)}


def _candidates(text: str) -> list[tuple[int, int, str, re.Match[str]]]:
    found = []
    for name, pattern in tx.gated_patterns(text):
        for m in pattern.finditer(text):
            if m.end() > m.start():
                found.append((m.start(), m.end(), name, m))
    return found


def find_times(text: str, anchor: datetime | None, anchor_precision: str = "day",
               doc: Doc | None = None) -> list[TimeExpr]:
    """Every time expression in `text`, normalized relative to `anchor` (the publication time).

    `doc`, a dependency-parsed Doc of `text`, lets the governing verb decide the tense of a bare
    "Tuesday" or "August"; without it, cue words nearby do."""
    # Longest match first; a rule that rejects its match (an ambiguous word) frees the span.
    probe = Resolver(text, anchor, anchor_precision, probing=True)
    cands = sorted(_candidates(text), key=lambda c: (c[0] - c[1], _ORDER[c[2]], c[0]))
    taken: list[tuple[int, int, str, re.Match[str]]] = []
    occupied = bytearray(len(text) + 1)
    for start, end, name, m in cands:
        if any(occupied[start:end]) or probe.handle(name, m) is None:
            continue
        taken.append((start, end, name, m))
        occupied[start:end] = b"\x01" * (end - start)
    # Resolve in reading order: "the quarter" and "a year earlier" refer back to what came before.
    resolver = Resolver(text, anchor, anchor_precision, doc)
    parsed = [(s, e, resolver.handle(name, m)) for s, e, name, m in sorted(taken, key=lambda c: c[0])]
    parsed = [(s, e, p) for s, e, p in parsed if p is not None]
    return [_finish(text, s, e, p, resolver) for s, e, p in _merge_clock(text, parsed)]


def _day_of(p: Parse) -> str | None:
    """The calendar day an expression names, if it names exactly one ("this morning" too)."""
    if p.type == "DATE" and p.precision == "day":
        return p.value
    if p.type == "TIME" and re.fullmatch(r"\d{4}-\d\d-\d\dT[A-Z]{2}", p.value):
        return p.value[:10]
    return None


def _merge_clock(text: str, parsed: list[tuple[int, int, Parse]]) -> list[tuple[int, int, Parse]]:
    """'10 p.m. Wednesday', 'Wednesday at 10 p.m.', '8am this morning' are one TIME on that day."""
    out: list[tuple[int, int, Parse]] = []
    for s, e, p in parsed:
        if out:
            ps, pe, prev = out[-1]
            gap = text[pe:s]
            if len(gap) <= 6 and _JOIN.fullmatch(gap):
                pair = (prev, p) if re.search(r"T\d", prev.value) else (p, prev)
                clock, day = pair[0], _day_of(pair[1])
                if day and re.search(r"T\d", clock.value):
                    out[-1] = (ps, e, Parse("TIME", day + clock.value[clock.value.index("T"):], clock.precision))
                    continue
        out.append((s, e, p))
    return out


def _finish(text: str, s: int, e: int, p: Parse, resolver: Resolver) -> TimeExpr:
    """Attach ranges that the words before the expression imply ("since August")."""
    before = text[max(0, s - 16):s]
    begin, end = p.begin, p.end
    if p.type == "DATE" and not p.value.endswith("_REF") and resolver.anchor is not None:
        if _SINCE.search(before):
            begin = p.value
            end = fmt(resolver.anchor, resolver.prec if resolver.coarse("day") else "day")
        elif _UNTIL.search(before):
            end = p.value
    return TimeExpr(s, e, text[s:e], p.type, p.value, p.precision, begin, end)


Doc.set_extension("times", default=None, force=True)


class Times(Component):
    """Sets `doc._.times` from the text and doc._.published (the Reader sets it before the pipeline)."""

    extension = "times"

    def read(self, doc: Doc) -> list[TimeExpr]:
        parsed = doc if doc.has_annotation("DEP") else None
        return find_times(text_of(doc), doc._.published, doc._.published_precision or "day", parsed)


@Language.factory("fh_times", requires=["token.dep", "token.head", "token.tag"], assigns=["doc._.times"])
def make_times(nlp: Language, name: str) -> Times:
    return Times(nlp, name)
