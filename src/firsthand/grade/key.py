"""Key judgements: which assessments a dossier leads with, and in what order.

A judgement is key when it is at least possibly true (credibility 1–3), its parties are
identified (an event's actor and recipient are entities; a claim does not open on a pronoun and its
subject names an entity or a figure, not only "the bank" or "there", which point back), and
it rests on an identified origin: a named source, or an outlet of known reliability reporting a
claim itself (a wire's own report of a company's results). An outlet whose reliability cannot be
judged is no origin a key judgement may rest on, nor is an outlet's own word for an event, which
is coded from its words, not cited (in the audit of 2026-11-29 every such event was wrong).
Claims become claims only when check-worthy (claims/checkworthy.py), so commentary never reaches
here. Key judgements are ranked by strength (credibility, then independent origins, then reports);
at equal strength a named origin comes before an outlet's own word, and a claim, which cites its
words, before an event, which is coded from them.
"""

from __future__ import annotations

import re

from ..model.assessment import Assessment

KEY_CREDIBILITY = 3  # the weakest credibility a key judgement may have: "possibly true"
# A claim opening on one of these names no one: "it won a contract", "he rejected Americans".
UNNAMED = frozenset("it its he his him she her they their them we our i you this".split())
_FIRST_WORD = re.compile(r"\W*(\w+)")
# A claim whose words still say who said it ("Comalco said the aluminium industry ...", "..., the
# guild said") is someone else's, whatever origin attribution gave it: an outlet's own report of it
# is no origin to lead with. Word forms, not the cue lemmas (claims/data/cues.txt), which need a
# parse and take in "agree", "announce": here only a speech verb left in the text is the sign.
_ATTRIBUTED = re.compile(r"\b(?:said|says|told|according to)\b", re.IGNORECASE)


def parties_identified(assessment: Assessment) -> bool:
    if assessment.event is not None:
        parties = assessment.event.actors + assessment.event.recipients
        return bool(assessment.event.actors and assessment.event.recipients) and all(
            p.id and p.text.lower() not in UNNAMED for p in parties)
    first = _FIRST_WORD.match(assessment.text)
    return first is not None and first.group(1).lower() not in UNNAMED and assessment.subject_named


def origins_identified(assessment: Assessment) -> bool:
    """Some origin is someone: not a pronoun; an outlet's own voice only for a claim it reports
    itself (no "X said" left in its words) and only when its reliability is known."""
    own = assessment.subject == "claim" and not _ATTRIBUTED.search(assessment.text)
    return any(o.identified and (o.kind != "outlet" or (own and o.reliability.letter != "F")) for o in assessment.origins)


def _named(assessment: Assessment) -> bool:
    return any(o.kind != "outlet" for o in assessment.origins)


def is_key(assessment: Assessment) -> bool:
    return (assessment.credibility <= KEY_CREDIBILITY and origins_identified(assessment)
            and parties_identified(assessment))


def strength(assessment: Assessment) -> tuple:
    """The order key judgements are shown in: most credible first, then by the number of
    independent origins, a named origin before an outlet's own word, then by the number of
    reports; a claim before an event of equal strength."""
    independent = sum(1 for o in assessment.origins if not o.interested)
    return (assessment.credibility, -independent, not _named(assessment), -len(assessment.report_ids),
            assessment.subject == "event")
