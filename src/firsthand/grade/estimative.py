"""ICD 203 estimative language: the words an analyst may use for a probability, and their ranges."""

from __future__ import annotations

from ..model.assessment import Estimate

# ICD 203, section D.6.e.(2)(a): the seven terms and their ranges.
TERMS = (
    Estimate("almost no chance", 1, 5),
    Estimate("very unlikely", 5, 20),
    Estimate("unlikely", 20, 45),
    Estimate("roughly even chance", 45, 55),
    Estimate("likely", 55, 80),
    Estimate("very likely", 80, 95),
    Estimate("almost certain", 95, 99),
)
_BY_TERM = {estimate.term: estimate for estimate in TERMS}

# Admiralty credibility to likelihood. Deliberately short of "almost certain": confirmation by
# independent sources still leaves room for a shared error or a coordinated deception.
_FOR_CREDIBILITY = {1: "very likely", 2: "likely", 3: "roughly even chance", 4: "unlikely", 5: "very unlikely"}


def for_credibility(credibility: int) -> Estimate | None:
    """The estimative term for an Admiralty credibility; None for 6 (cannot be judged)."""
    term = _FOR_CREDIBILITY.get(credibility)
    return _BY_TERM[term] if term else None
