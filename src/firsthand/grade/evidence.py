"""From what linking found to a Grade: the evidence for one group of matching claims."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from itertools import combinations

from ..link.claim_groups import counted, terms
from ..link.origins import OriginSet
from ..model.assessment import Disagreement, Evidence, Grade, Origin, held_by
from ..model.claim import Claim
from ..model.observation import Observation
from ..model.quantity import Interval, Quantity
from ..model.time_expression import TimeExpr
from ..read import timex as tx
from ..read.timeres.values import bounds
from .grade import grade
from .observations import observed_origins
from .reliability import ReliabilityTable, default_table
from .views import view_of

DATE_TYPES = {"DATE", "TIME"}
_NOTE = {"conflict": "Conflict", "compatible": "Compatible, differs in qualifier or precision",
         "unclear": "Unclear, one value is the reader's guess"}
_COUNTED = {"conflict": "conflicting", "compatible": "compatible", "unclear": "unclear"}
_STRENGTH = {"conflict": 0, "unclear": 1, "compatible": 2}  # the order an explanation names them in


SHOWN_DISAGREEMENTS = 3  # an explanation names the strongest few and counts the rest


def _reliability(source, outlet: str | None, table: ReliabilityTable):
    return table.outlet(outlet) if source.kind == "outlet" else table.origin(source.kind)


def origin_of(found: OriginSet, outlets: dict[str, str | None], table: ReliabilityTable) -> Origin:
    source = found.source
    outlet = outlets.get(found.claims[0].report_id)
    name = (outlet or "an unnamed outlet") if source.kind == "outlet" else source.name
    return Origin(found.key or source.key, name, _reliability(source, outlet, table), tuple(found.via),
                  source.kind, found.identified)


def _label(claim: Claim, outlets: dict[str, str | None]) -> str:
    return outlets.get(claim.report_id) or f"an unnamed outlet (report {claim.report_id})"


def _comparable(a, b) -> bool:
    """Two quantities count the same kind of thing ("artillery shells" and "artillery rounds")."""
    if a.unit and b.unit:
        return a.unit == b.unit or bool(terms(a.unit) & terms(b.unit))  # "%" has no terms
    return a.unit is None and b.unit is None and a.kind == b.kind


def _claim_date(claim: Claim) -> TimeExpr | None:
    """The date a claim states, when it states exactly one: with two ("attacked on 24 February 2022,
    a pact of 1986") the parse does not say which belongs to what the claims share."""
    dates = [t for t in dates_of(claim) if bounds(t.value) is not None]
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


def _gap(a: Interval, b: Interval) -> float:
    """How far apart two intervals lie, relative to their magnitude (0 when they meet)."""
    a_low, a_high = -math.inf if a.low is None else a.low, math.inf if a.high is None else a.high
    b_low, b_high = -math.inf if b.low is None else b.low, math.inf if b.high is None else b.high
    scale = max((abs(x) for x in (a.low, a.high, b.low, b.high) if x is not None), default=1.0)
    return max(b_low - a_high, a_low - b_high, 0.0) / max(scale, 1e-9)


def _counterparts(a: Claim, b: Claim) -> list[tuple[Quantity, Quantity]]:
    """The quantities of two statements of a claim that differ, each paired with the one it stands
    for in the other: a figure both state is no disagreement, nor is it set against the other
    figures of the sentence ("31 billion dlrs for West Germany and 76 billion for Japan" in two
    reports is not 31 against 76); what is left pairs closest first, each figure once."""
    left = [q for q in a.quantities if q.kind not in {"time", "ordinal"}]
    right = [q for q in b.quantities if q.kind not in {"time", "ordinal"}]
    for qa in list(left):
        same = next((qb for qb in right if _comparable(qa, qb) and qb.interval == qa.interval), None)
        if same is not None:
            left.remove(qa)
            right.remove(same)
    options = sorted((_gap(qa.interval, qb.interval), i, j) for i, qa in enumerate(left)
                     for j, qb in enumerate(right) if _comparable(qa, qb))
    pairs, taken_a, taken_b = [], set(), set()
    for _, i, j in options:
        if i not in taken_a and j not in taken_b:
            taken_a.add(i)
            taken_b.add(j)
            pairs.append((left[i], right[j]))
    return pairs


def disagreements(claims: list[Claim], outlets: dict[str, str | None]) -> list[Disagreement]:
    """Numbers compared as intervals, dates as spans of days, statements by polarity, report by report."""
    out: list[Disagreement] = []
    for a, b in combinations(claims, 2):
        if a.report_id == b.report_id:
            continue
        who = f"{_label(a, outlets)} vs {_label(b, outlets)}"
        for qa, qb in _counterparts(a, b):
            compatible = qa.interval.touches(qb.interval)
            text = f"{qa.text} ({qa.interval.render()}) vs {qb.text} ({qb.interval.render()}), {who}"
            out.append(Disagreement("quantity", not compatible, text))
        if (dates := _dates_compared(a, b)) is not None:
            out.append(date_disagreement(*dates, who))
        if a.certainty.polarity != b.certainty.polarity:
            out.append(Disagreement("polarity", True, f"stated as {a.certainty.polarity} vs {b.certainty.polarity}, {who}"))
    unique = list(dict.fromkeys(out))
    return unique


def dates_of(claim: Claim) -> list[TimeExpr]:
    return [t for t in claim.times if t.type in DATE_TYPES]


def states_date(stated: str, shown: str) -> bool:
    """Whether a claim's date (a TIMEX3 value) states the shown date: it is as precise or more and
    lies within it. "2023-08-15" states "2023-08"; "this year" (2023) does not state "August"."""
    return stated.startswith(shown)


def summary(found: list[Disagreement]) -> tuple[str, ...]:
    """The explanation's lines on disagreements: each one when they are few; else their counts by
    kind and the strongest few (conflicts first), not dozens of lines."""
    shown = [d for d in found if d.kind != "polarity"]
    line = lambda d: f"{_NOTE[d.label]}: {d.text}"  # noqa: E731
    if len(shown) <= SHOWN_DISAGREEMENTS:
        return tuple(line(d) for d in shown)
    counts = Counter((d.kind, d.label) for d in shown)
    parts = [f"{n} {_COUNTED[label]} {kind}{'s' if n > 1 else ''}"
             for (kind, label), n in sorted(counts.items(), key=lambda x: (_STRENGTH[x[0][1]], x[0][0]))]
    strongest = sorted(shown, key=lambda d: _STRENGTH[d.label])[:SHOWN_DISAGREEMENTS]
    return (f"{len(shown)} differences between reports ({', '.join(parts)}); the strongest follow",
            *(line(d) for d in strongest))


def _states_as_shown(claim: Claim, shown: Claim) -> bool:
    """Whether a claim states the shown claim's count, date and place, each that it has, with a
    value that agrees (a count touching, a date within, the same place): "Total deposits rose to
    17.18 billion dlrs" does not state "reserves fell to 7.15 billion dlrs", it differs from it."""
    if claim == shown:
        return True
    if counted(shown) and not any(_comparable(a, b) and a.interval.touches(b.interval)
                                  for a in counted(shown) for b in counted(claim)):
        return False
    if dates_of(shown) and not any(states_date(b.value, a.value) for a in dates_of(shown) for b in dates_of(claim)):
        return False
    return not shown.places or bool(set(shown.places) & set(claim.places))


def _details(claim: Claim) -> list[str]:
    """The kinds of detail a claim states beyond its core: a count, a date, a place."""
    return [kind for kind, present in (("count", counted(claim)), ("date", dates_of(claim)), ("place", claim.places)) if present]


def assess(claims: list[Claim], origins: list[OriginSet], outlets: dict[str, str | None],
           denials: Sequence[Claim] = (), table: ReliabilityTable | None = None,
           shown: Claim | None = None, observations: Sequence[Observation] = ()) -> tuple[Grade, Evidence, list[Disagreement]]:
    """The grade of one claim as the reports state it, the evidence it rests on, and where they
    disagree. `shown` is the wording the dossier shows: only origins that state its count, date
    and place support it as shown (the others are named as stating it without them); an event's
    details are graded apart (story_grades). `observations` matching the claims are origins of
    their own (grade/observations.py)."""
    table = table or default_table()
    found = disagreements(claims, outlets)
    positive = [o for o in origins if any(c.certainty.polarity == "positive" for c in o.claims)]
    negative = [o for o in origins if o not in positive]
    supporting = positive or origins
    needed = _details(shown) if shown else []
    stating = [o for o in supporting if not shown or any(_states_as_shown(c, shown) for c in o.claims)]
    without = [o for o in supporting if o not in stating]
    notes = summary(found)
    if without:
        notes += (f"Also stated, without its {', '.join(needed)} as shown, by "
                  + "; ".join(origin_of(o, outlets, table).describe() for o in without)
                  + ", which do not count for those details",)
    shown = shown or claims[0]
    view = view_of(claims, shown)
    cited = tuple(origin_of(o, outlets, table) for o in stating)
    evidence = Evidence(
        claim=shown.text,
        reports=tuple(dict.fromkeys(_label(c, outlets) for c in claims)),
        origins=cited + observed_origins(observations, cited, table),
        hedged=view is None and all(c.certainty.level != "certain" for c in claims),
        view=view.noun if view else None,
        view_verb=view.verb if view else None,
        contradicted_by=tuple(origin_of(o, outlets, table) for o in negative) if positive else (),
        # The denial in its own words: "Russia denies it has violated sanctions" bears on the
        # shipments without denying them in so many words.
        denied_by=tuple(dict.fromkeys(f"{held_by(d.origin.name, 'denies')} “{d.text}”" for d in denials)),
        notes=notes,
    )
    return grade(evidence), evidence, found
