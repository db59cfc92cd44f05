"""Modality is not improbability: which claims are views (an estimate, a forecast, a possibility,
an intention, a belief, a denial), of what kind, and how a judgement sentence states them. The
words are data (`data/views.json`)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from .. import resources
from ..model.claim import Claim


@dataclass(frozen=True)
class View:
    noun: str  # "an estimate", for the explanation
    verb: str  # "estimates", for the judgement sentence


@cache
def _data() -> dict:
    return resources.json_data("firsthand.grade", "data", "views.json")


def _kind_of_word(word: str) -> str | None:
    word = word.lower()
    return next((kind for stem, kind in _data()["cues"].items() if word.startswith(stem)), None)


def is_view(claim: Claim) -> bool:
    """Whether a claim states someone's view rather than a fact: a modality other than asserted,
    a belief, or a denial."""
    c = claim.certainty
    return c.modality != "asserted" or c.opinion or c.denial


def view_of(claims: list[Claim], shown: Claim) -> View | None:
    """The view a group of claims states, when every one of them is a view; its kind from the
    shown claim's cue or hedge words ("estimated"), else from its modality."""
    if not claims or not all(is_view(c) for c in claims):
        return None
    c = shown.certainty
    denied = c.denial and shown.cue is not None and _kind_of_word(shown.cue) == "denial"
    if c.denial and not denied and c.modality == "asserted" and not c.opinion:
        # A refusal stated as a fact ("the offer was rejected by Hutton", "Contraves AG rejects the
        # charges, an official said") is what happened, graded as such, not a view of its source.
        return None
    kind = "denial" if c.denial else None
    if shown.cue:
        kind = kind or _kind_of_word(shown.cue)
    # A hedge inside the words said tells an estimate ("is expected to produce"), but not what the
    # holder did: "GAO will not likely suggest ..., the official said" is said, not suggested.
    for word in (h.text for h in c.hedges):
        kind = kind or (found if (found := _kind_of_word(word)) in _data()["hedge_kinds"] else None)
    if kind is None and shown.quantities and c.modality in _data()["with_quantity"]:
        kind = _data()["with_quantity"][c.modality]  # "1 million shells would supply ... two months"
    if kind is None:
        kind = _data()["modality"].get("opinion" if c.opinion else c.modality)
    entry = _data()["kinds"][kind or "possibility"]
    verb = entry["verb"]
    if shown.origin.kind == "outlet" and kind != "denial":
        verb = _data()["outlet"]
    elif kind == "denial" and not denied:
        # The denial is in the words said ("X will not reject the charges, it said"): the holder
        # says so, it does not deny that it rejects.
        verb = _data()["plain"]
    return View(entry["noun"], verb)


def verb_for(holder: str, verb: str) -> str:
    """The verb agreeing with its holder: "officials estimate", "the NIS estimates". A holder is
    plural when it joins several ("the United States and experts") or ends on a common plural
    noun ("South Korean officials"); a proper name ending in s ("the United States") is not, nor
    does an apposition count ("Michael Hammes, vice president of international operations, says")."""
    head = holder.split(",")[0]
    last = head.split()[-1] if head.split() else ""
    if " and " not in head and not (last[:1].islower() and last.endswith("s") and not last.endswith("ss")):
        return verb
    if verb.endswith("ies"):
        return verb[:-3] + "y"
    return verb[:-2] if verb.endswith(("sses", "shes", "ches")) else verb[:-1]
