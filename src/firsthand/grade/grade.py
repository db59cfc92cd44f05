"""Grades: Admiralty credibility (1–6) for a claim and reliability (A–F) for its sources, each explained.

The rules are explicit so an analyst can check them against the explanation:
- 1 confirmed: two or more independent origins that can be assessed, none contradicting it;
- 2 probably true: one assessable origin, usually reliable (A/B), stated without hedging;
- 3 possibly true: one assessable origin that is less reliable, or any hedged statement, or only
  a party to the events;
- 4 doubtful: contradicted by an origin as reliable;
- 5 improbable: contradicted by more independent origins than support it;
- 6 cannot be judged: no origin beyond an outlet whose reliability cannot be judged.
A party to the events is an interested origin: it never corroborates (it does not count towards
confirmation) and never contradicts (parties deny what is true as readily as what is false); its
denial is reported in the explanation. Modality is not improbability: an estimate, forecast,
possibility or denial is graded as its holders' view (how surely they hold it), never as doubtful
because it is phrased with would, could or will.
"""

from __future__ import annotations

from ..model.assessment import CREDIBILITY, Evidence, Grade, Reliability
from .estimative import for_credibility

ASSESSABLE = frozenset("ABCDE")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def grade(evidence: Evidence) -> Grade:
    assessable = [o for o in evidence.origins if o.reliability.letter in ASSESSABLE and o.identified]
    independent = [o for o in assessable if not o.interested]
    best = min((o.reliability for o in evidence.origins), key=lambda r: r.letter, default=Reliability("F", "no origin identified"))
    against = [o for o in evidence.contradicted_by if o.reliability.letter in ASSESSABLE and not o.interested]

    if against and len(against) > len(assessable):
        credibility, rule = 5, "contradicted by more independent origins than support it"
    elif against and min(o.reliability.letter for o in against) <= best.letter:
        credibility, rule = 4, "contradicted by an origin at least as reliable"
    elif not assessable:
        credibility, rule = 6, "no origin that can be assessed"
    elif len(independent) >= 2:
        credibility, rule = 1, "two or more independent origins"
    elif not independent:
        credibility, rule = 3, "stated only by a party to the events, whose word does not corroborate itself"
    elif evidence.hedged:
        credibility, rule = 3, "one origin, and the statements are hedged"
    elif best.letter in "AB":
        credibility, rule = 2, "one usually reliable origin, not independently confirmed"
    else:
        credibility, rule = 3, "one origin of limited or unknown reliability, not independently confirmed"

    origins = "; ".join(o.describe() for o in evidence.origins) or "none identified"
    parts = [f"{CREDIBILITY[credibility].capitalize()} ({credibility}): {rule}."]
    if evidence.view:
        parts.append(f"It is {evidence.view}, graded as the view of whoever holds it, not on whether it comes true.")
    parts += [
        f"Rests on {_plural(len(evidence.origins), 'independent origin')} ({origins}),",
        f"carried by {_plural(len(evidence.reports), 'report')} ({', '.join(evidence.reports)}).",
    ]
    if evidence.contradicted_by:
        parts.append("Contradicted by " + "; ".join(o.describe() for o in evidence.contradicted_by) + ".")
    if evidence.denied_by:
        parts.append("; ".join(evidence.denied_by) + " (a party's denial does not by itself lower the grade).")
    parts.extend(note.rstrip(".") + "." for note in evidence.notes)
    return Grade(credibility, best, for_credibility(credibility), " ".join(parts), [rule])
