"""Sentence embeddings of headlines and claims for the stance head, from the pipeline's one shared
encoder (`firsthand.read.encoder`: all-MiniLM-L6-v2, mean-pooled, unit-length), cached by text."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np

from firsthand.read.encoder import Encoder


def embed(texts: list[str], cache_dir: Path = Path("/tmp")) -> np.ndarray:
    key = hashlib.sha1(b"\0".join(t.encode() for t in texts)).hexdigest()[:16]
    cache = cache_dir / f"firsthand-stance-embeddings-{key}.npy"
    if cache.exists():
        return np.load(cache)
    found = Encoder.load().embed(texts)
    np.save(cache, found)
    return found
