"""From what linking found to a Grade: the evidence for one group of matching claims."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import combinations

from ..link.claim_groups import terms
from ..link.origins import OriginSet
from ..model.assessment import Disagreement, Evidence, Grade, Origin
from ..model.claim import Claim
from ..model.time_expression import TimeExpr
from ..read import timex as tx
from ..read.timeres.values import bounds
from .grade import grade
from .reliability import ReliabilityTable, default_table

DATE_TYPES = {"DATE", "TIME"}
_NOTE = {"conflict": "Conflict", "compatible": "Compatible, differs in qualifier or precision",
         "unclear": "Unclear, one value is the reader's guess"}


def _reliability(source, outlet: str | None, table: ReliabilityTable):
    return table.outlet(outlet) if source.kind == "outlet" else table.origin(source.kind)


def origin_of(found: OriginSet, outlets: dict[str, str | None], table: ReliabilityTable) -> Origin:
    source = found.source
    outlet = outlets.get(found.claims[0].report_id)
    name = (outlet or "an unnamed outlet") + " (its own reporting)" if source.kind == "outlet" else source.name
    return Origin(source.entity_id or source.key, name, _reliability(source, outlet, table), tuple(found.via))


def _label(claim: Claim, outlets: dict[str, str | None]) -> str:
    return outlets.get(claim.report_id) or f"an unnamed outlet (report {claim.report_id})"


def _comparable(a, b) -> bool:
    """Two quantities count the same kind of thing ("artillery shells" and "artillery rounds")."""
    if a.unit and b.unit:
        return bool(terms(a.unit) & terms(b.unit))
    return a.unit is None and b.unit is None and a.kind == b.kind


def _claim_date(claim: Claim) -> TimeExpr | None:
    """The date a claim states, when it states exactly one: with two ("attacked on 24 February 2022,
    a pact of 1986") the parse does not say which belongs to what the claims share."""
    dates = [t for t in claim.times if t.type in DATE_TYPES and bounds(t.value) is not None]
    return dates[0] if len(dates) == 1 else None


def _dates_compared(a: Claim, b: Claim) -> tuple[TimeExpr, TimeExpr] | None:
    """The dates of two claims worth a note: each claim's one date, when the two differ."""
    ta, tb = _claim_date(a), _claim_date(b)
    if ta is None or tb is None or ta.value == tb.value:
        return None
    return ta, tb


def _guessed_year(t: TimeExpr) -> bool:
    """A bare month or weekday ("in October", "on Tuesday"): its year or week is the reader's guess
    from the tense, not something the report wrote."""
    words = set(re.findall(r"[a-z]+", t.text.lower()))
    named = words & (tx.MONTHS.keys() | tx.WEEKDAYS.keys())
    return bool(named) and not re.search(r"\d{4}|'\d\d", t.text)


def date_disagreement(ta: TimeExpr, tb: TimeExpr, who: str) -> Disagreement:
    """Two dates conflict when their spans, at the precision each was written, do not overlap and
    both were read outright; "August" and "this year" overlap (compatible), and a guessed year
    against another date is unclear."""
    text = f"{ta.text} ({ta.value}) vs {tb.text} ({tb.value}), {who}"
    sa, sb = bounds(ta.value), bounds(tb.value)
    if sa is None or sb is None or sa[0] <= sb[1] and sb[0] <= sa[1]:
        return Disagreement("date", False, text)
    unclear = _guessed_year(ta) or _guessed_year(tb)
    return Disagreement("date", not unclear, text, unclear)


def disagreements(claims: list[Claim], outlets: dict[str, str | None]) -> list[Disagreement]:
    """Numbers compared as intervals, dates as spans of days, statements by polarity, report by report."""
    out: list[Disagreement] = []
    for a, b in combinations(claims, 2):
        if a.report_id == b.report_id:
            continue
        who = f"{_label(a, outlets)} vs {_label(b, outlets)}"
        for qa in (q for q in a.quantities if q.kind not in {"time", "ordinal"}):
            for qb in (q for q in b.quantities if q.kind not in {"time", "ordinal"}):
                if not _comparable(qa, qb) or qa.interval == qb.interval:
                    continue
                compatible = qa.interval.touches(qb.interval)
                text = f"{qa.text} ({qa.interval.render()}) vs {qb.text} ({qb.interval.render()}), {who}"
                out.append(Disagreement("quantity", not compatible, text))
        if (dates := _dates_compared(a, b)) is not None:
            out.append(date_disagreement(*dates, who))
        if a.certainty.polarity != b.certainty.polarity:
            out.append(Disagreement("polarity", True, f"stated as {a.certainty.polarity} vs {b.certainty.polarity}, {who}"))
    unique = list(dict.fromkeys(out))
    return unique


def assess(claims: list[Claim], origins: list[OriginSet], outlets: dict[str, str | None],
           denials: Sequence[Claim] = (), table: ReliabilityTable | None = None) -> tuple[Grade, Evidence, list[Disagreement]]:
    """The grade of one claim as the reports state it, the evidence it rests on, and where they disagree."""
    table = table or default_table()
    found = disagreements(claims, outlets)
    positive = [o for o in origins if any(c.certainty.polarity == "positive" for c in o.claims)]
    negative = [o for o in origins if o not in positive]
    notes = tuple(f"{_NOTE[d.label]}: {d.text}" for d in found if d.kind != "polarity")
    evidence = Evidence(
        claim=claims[0].text,
        reports=tuple(dict.fromkeys(_label(c, outlets) for c in claims)),
        origins=tuple(origin_of(o, outlets, table) for o in (positive or origins)),
        hedged=all(c.certainty.level != "certain" for c in claims),
        speculative=all(c.certainty.modality != "asserted" for c in claims),
        contradicted_by=tuple(origin_of(o, outlets, table) for o in negative) if positive else (),
        denied_by=tuple(dict.fromkeys(d.origin.name for d in denials)),
        notes=notes,
    )
    return grade(evidence), evidence, found
