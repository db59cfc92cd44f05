"""Assessments: a claim or an event of a story as the reports state it, with its independent
origins, their reliability (Admiralty letters A–F), its credibility (1–6), the ICD 203 estimate
and why. What the dossier and the web app show."""

from __future__ import annotations

from dataclasses import dataclass, field

from .event import Event

LETTERS = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}

CREDIBILITY = {
    1: "confirmed by other sources",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "truth cannot be judged",
}


@dataclass(frozen=True)
class Reliability:
    letter: str
    why: str

    @property
    def label(self) -> str:
        return LETTERS[self.letter]


@dataclass(frozen=True)
class Estimate:
    """An ICD 203 estimative term and its range of probability."""

    term: str
    low: int  # percent
    high: int

    def __str__(self) -> str:
        return f"{self.term} ({self.low}–{self.high}%)"


@dataclass(frozen=True)
class Origin:
    """Where a claim first came from: a briefing, a government, an imagery group, or only an outlet."""

    key: str
    name: str
    reliability: Reliability
    via: tuple[str, ...] = ()  # relays between the origin and the reports ("lawmaker Yoo Sang-bum")
    kind: str = ""  # the source's kind (claims/origin.py): "party", "intelligence", "outlet", ...; "observation"
    identified: bool = True  # False for a pronoun the reader could not resolve

    @property
    def observed(self) -> bool:
        """An observation (firsthand observe), not someone's word."""
        return self.kind == "observation"

    @property
    def interested(self) -> bool:
        """A party to the events: its word never corroborates a claim in its own favour."""
        return self.kind == "party"

    def describe(self) -> str:
        relay = f" via {', '.join(self.via)}" if self.via else ""
        party = "; a party to the events" if self.interested else ""
        own = " (its own reporting)" if self.kind == "outlet" else ""
        return f"{self.name}{own}{relay} ({self.reliability.letter}: {self.reliability.label}{party})"


@dataclass(frozen=True)
class Evidence:
    """What linking found about one claim across reports."""

    claim: str
    reports: tuple[str, ...]  # outlet names (or report ids) carrying it
    origins: tuple[Origin, ...]  # independent origins supporting it
    hedged: bool = False  # every statement of it is hedged ("appears", "reportedly")
    view: str | None = None  # "an estimate", "a denial": a view, graded as its holders', not as doubt
    view_verb: str | None = None  # how a judgement sentence says its holders hold it: "estimates"
    contradicted_by: tuple[Origin, ...] = ()
    denied_by: tuple[str, ...] = ()  # what a party denies, each in its words: 'Russia denies “it has violated …”'
    notes: tuple[str, ...] = ()  # e.g. qualifier differences that do not conflict


@dataclass(frozen=True)
class Grade:
    credibility: int
    reliability: Reliability  # of the best origin
    estimate: Estimate | None
    explanation: str
    rules: list[str] = field(default_factory=list)

    @property
    def code(self) -> str:
        return f"{self.reliability.letter}{self.credibility}"

    @property
    def label(self) -> str:
        return CREDIBILITY[self.credibility]


@dataclass(frozen=True)
class Disagreement:
    kind: str  # "quantity" | "date" | "polarity"
    conflict: bool  # False: compatible, only the qualifier or precision differs
    text: str
    unclear: bool = False  # the values differ, but one was not read with confidence (a guessed year)

    @property
    def label(self) -> str:
        return "conflict" if self.conflict else "unclear" if self.unclear else "compatible"


@dataclass(frozen=True)
class Detail:
    """A quantity, date or place of an event, graded on the origins that state it, which may be
    fewer than those of the event it qualifies ("about 1 million shells": the NIS alone)."""

    kind: str  # "transfer" | "date" | "place"
    text: str
    origins: tuple[Origin, ...]
    credibility: int
    reliability: str
    estimate: str | None

    @property
    def code(self) -> str:
        return f"{self.reliability}{self.credibility}"

    def describe(self) -> str:
        names = " and ".join(o.name + (f" via {', '.join(o.via)}" if o.via else "") for o in self.origins)
        alone = " alone" if len(self.origins) == 1 else ""
        return f"the {self.kind} ({self.text}) rests on {names}{alone}: {self.estimate or 'cannot be judged'} ({self.code})"


@dataclass(frozen=True)
class AnalystNote:
    """An analyst's note on a judgement, from an edit (model/edit.py)."""

    text: str
    who: str
    when: str
    edit_id: str


@dataclass(frozen=True)
class Override:
    """An analyst's grade over the machine's: the machine's is kept beside it, never replaced unseen."""

    was: str  # the machine's grade, such as C3
    note: AnalystNote


@dataclass(frozen=True)
class Assessment:
    id: str
    story_id: str
    subject: str  # "claim" | "event"
    text: str
    claim_ids: tuple[str, ...]
    report_ids: tuple[str, ...]
    origins: tuple[Origin, ...]
    credibility: int
    reliability: str  # the best origin's letter
    estimate: str | None  # ICD 203 term with its range
    explanation: str
    disagreements: tuple[Disagreement, ...] = ()
    qualifiers: tuple[str, ...] = ()
    event: Event | None = None
    holder: str | None = None  # whose view it is, when it is a view ("Yoo Sang-bum")
    view: str | None = None  # how the holder holds it: "estimates", "expects", "says", "denies"
    details: tuple[Detail, ...] = ()  # an event's details resting on fewer origins than the event
    # Whether a claim's subject says who or what it is about (an entity, a figure), not only "the
    # bank", "it" or "there", which point back to a sentence the judgement does not show.
    subject_named: bool = True
    override: Override | None = None  # the analyst's grade: credibility and reliability are theirs
    notes: tuple[AnalystNote, ...] = ()

    @property
    def graded(self) -> str:
        """The grade as shown: the code, and when an analyst set it, theirs with the machine's and the note."""
        if self.override is None:
            return self.code
        note = f"; {self.override.note.text}" if self.override.note.text else ""
        return f"{self.code} (analyst: was {self.override.was}{note}; by {self.override.note.who})"
    observations: tuple[str, ...] = ()  # ids of the observations among its origins (firsthand observe)

    @property
    def date_code(self) -> str | None:
        """The grade an event's date is shown with: its own when fewer origins state it than the
        event, None when none that can be judged does (the date is then not shown)."""
        if self.event is None or self.event.date is None:
            return None
        apart = next((d for d in self.details if d.kind == "date"), None)
        if apart is not None:
            return apart.code
        return self.code if self.event.date.value in self.text else None

    @property
    def code(self) -> str:
        return f"{self.reliability}{self.credibility}"

    @property
    def statement(self) -> str:
        """What the reports state, as the claims table shows it: a view with its holder ("Russia,
        a permanent member ..., denies that it has violated ..."), since the words alone would
        read as the holder's assertion; else the words."""
        if self.view and self.holder:
            return f"{held_by(self.holder, self.view)} that {_lower_first(self.text)}"
        return self.text

    @property
    def judgement(self) -> str:
        """The key-judgement sentence, in estimative language. A statement that is not a sentence
        of its own ("expanding rail traffic between ...", what imagery shows) is quoted after it."""
        text = self.text.rstrip(" .")
        if self.view and self.holder:
            # An estimate or a forecast is its holder's view: the grade says how surely it is theirs.
            return f"{self.statement} ({self.graded})."
        if not text[:1].isupper():
            verdict = f"{self.estimate[:1].upper()}{self.estimate[1:]}" if self.estimate else "Cannot be judged"
            return f"{verdict} ({self.graded}): {text}."
        if self.estimate is None:
            return f"We cannot judge whether {_lower_first(text)} ({self.graded})."
        # ICD 203's chance terms read "there is ... that"; its likelihood terms "it is ... that".
        opening = "There is a" if "chance" in self.estimate else "It is"
        details = "".join(f"; {d.describe()}" for d in self.details)
        return f"{opening} {self.estimate} that {_lower_first(text)} ({self.graded}){details}."


def held_by(holder: str, verb: str) -> str:
    """A holder and the verb of their view: "officials think", "Russia, a permanent member ...,
    denies" (an apposition closed by its comma)."""
    return f"{holder}{',' if ',' in holder else ''} {verb}"


_ARTICLES = ("The ", "A ", "An ", "This ", "These ", "That ", "Those ", "Some ", "More ", "Most ")


def _lower_first(text: str) -> str:
    """A statement to follow "It is likely that": only a leading common word loses its capital."""
    text = text.rstrip(" .")
    return text[:1].lower() + text[1:] if text.startswith(_ARTICLES) else text
