"""Key judgements: which assessments a dossier leads with, and in what order.

A judgement is key when it is at least possibly true (credibility 1–3) and rests on more than
one outlet's unsupported word: it is an event, or several reports carry it, or one of its
origins is at least fairly reliable (A–C).
"""

from __future__ import annotations

from ..model.assessment import Assessment

KEY_CREDIBILITY = 3  # the weakest credibility a key judgement may have: "possibly true"
KEY_RELIABILITY = "ABC"  # origins at least fairly reliable


def is_key(assessment: Assessment) -> bool:
    return assessment.credibility <= KEY_CREDIBILITY and (
        assessment.subject == "event" or len(assessment.report_ids) > 1
        or any(o.reliability.letter in KEY_RELIABILITY for o in assessment.origins))


def strength(assessment: Assessment) -> tuple:
    """The order key judgements are shown in: most credible first, events before claims, then
    by the number of independent origins and of reports."""
    return (assessment.credibility, assessment.subject != "event", -len(assessment.origins),
            -len(assessment.report_ids))
