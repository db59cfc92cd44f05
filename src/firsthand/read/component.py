"""What our spaCy components share: packaged data loaded in `initialize()`, the Doc extension each
one assigns, and fault isolation.

Fault isolation: an error in a component on one sentence costs that sentence's reading, not the
report's. A component that reads sentence by sentence (claims, events) wraps each sentence in
`isolated`; one that reads the whole Doc at once (entities, quantities, times, attributions: they
use what the whole report says, such as the acronyms it defines) reads it again sentence by
sentence when the whole fails, each sentence a Doc of its own, and leaves out only the sentences
that fail. Either way the failure is logged in one line naming the component, the report, the
sentence's offsets in the report's text and the error, and the component goes on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..model.offsets import shifted
from .doc import sentence_doc, text_of, trimmed

log = logging.getLogger("firsthand.read")

_QUOTED = 60  # characters of a failed sentence quoted in its log line


@contextmanager
def isolated(component: str, doc: Doc, sent: Span | None = None) -> Iterator[None]:
    """Runs its body for one sentence of `doc` (or for the whole of it, for a component that has no
    smaller unit); an error in it is logged and swallowed."""
    try:
        yield
    except Exception as error:  # noqa: BLE001  one bad sentence must not cost the report
        failure = f"{type(error).__name__}: {error}"
        if sent is None:
            log.warning("%s: report %s: not read (%s)", component, doc._.report_id, failure)
            return
        start, end = trimmed(sent)
        words = " ".join(text_of(doc)[start:end].split())
        quoted = words if len(words) <= _QUOTED else words[: _QUOTED - 1] + "…"
        log.warning('%s: report %s: sentence %d-%d not read ("%s"): %s', component, doc._.report_id,
                    doc._.offset + start, doc._.offset + end, quoted, failure)


def option(component: str, name: str, value: str, allowed: Iterable[str]) -> str:
    """A component's config choice, or a ValueError naming the ones it takes."""
    if value not in allowed:
        raise ValueError(f"{component}: {name} {value!r} is not one of {', '.join(allowed)}")
    return value


class Component:
    """A firsthand pipeline component, made by its `Language.factory`.

    `extension` is the Doc extension it assigns (declared in the factory's `assigns` as
    `doc._.<extension>`); `read` reads a whole Doc. `initialize` loads the packaged data the
    component holds and builds the `shared` reference tables it reads (tables later stages read
    too, so built once per process); the Reader calls it once, when it builds the pipeline
    (spaCy's own `nlp.initialize()` would also re-initialize the model's trained components). A
    pipeline built by hand with `nlp.add_pipe` gets it on its first Doc.

    A component whose `read` guards each sentence itself (`guards_sentences`) is not read again
    sentence by sentence: what fails outside its sentences fails the report, and the Reader reads
    it as its last resort.
    """

    extension: str
    shared: tuple[Callable[[], object], ...] = ()
    guards_sentences = False

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.initialized = False

    def initialize(self, get_examples: Callable[[], Iterable[Any]] | None = None, *, nlp: Language | None = None) -> None:
        """Build the shared tables; a subclass loads its own data, then calls this."""
        for build in self.shared:
            build()
        self.initialized = True

    def read(self, doc: Doc) -> list:
        raise NotImplementedError

    def read_sentence(self, doc: Doc, sent: Span) -> list:
        """What `read` finds in one sentence read as a Doc of its own, in the offsets of `doc`."""
        return shifted(self.read(sentence_doc(doc, sent)), sent.start_char)

    def __call__(self, doc: Doc) -> Doc:
        if not self.initialized:
            self.initialize()
        try:
            found = self.read(doc)
        except Exception as error:  # noqa: BLE001  isolated below, sentence by sentence
            if self.guards_sentences:
                raise
            found = self._by_sentence(doc, error)
        doc._.set(self.extension, found)
        return doc

    def _by_sentence(self, doc: Doc, error: Exception) -> list:
        found: list = []
        sentences = read = 0
        for sent in doc.sents:
            sentences += 1
            with isolated(self.name, doc, sent):
                found.extend(self.read_sentence(doc, sent))
                read += 1
        if read == sentences:  # the whole failed where no sentence does: say so once
            log.warning("%s: report %s: read sentence by sentence after %s: %s",
                        self.name, doc._.report_id, type(error).__name__, error)
        return found
