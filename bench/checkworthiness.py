"""Check-worthiness data and model fitting, shared by the training and evaluation scripts.

ClaimBuster (`train.json`: sentences from US presidential debates, 1 = check-worthy factual
claim) and CLEF-2019 CheckThat! Task 1 (19 transcripts, one sentence a line, 1 = checked by
fact-checkers), from `../shared/data/checkworthiness`. Every sentence is parsed by the
project's spaCy model (cached by content and model version) and turned into the same hashed
features the component reads (`firsthand.claims.checkworthy.features`), so what is measured
here is what runs.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix

from bench.common import shared_path
from firsthand.claims.checkworthy import BITS, Features, Model, features, scores_of


@dataclass(frozen=True)
class Sentence:
    text: str
    label: int
    group: str  # "claimbuster" or the CLEF transcript's name


def claimbuster() -> list[Sentence]:
    rows = json.loads(shared_path("checkworthiness", "claimbuster", "train.json").read_text("utf-8"))
    return [Sentence(row["text"], int(row["label"]), "claimbuster") for row in rows]


def clef() -> list[Sentence]:
    """Every CLEF-2019 training sentence, transcript by transcript, in order."""
    out = []
    for path in sorted(shared_path("checkworthiness", "clef2019").glob("*.tsv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                if len(row) >= 4:
                    out.append(Sentence(row[2], int(row[3]), path.stem))
    return out


def normalized(text: str) -> str:
    """For finding one sentence in both sets (ClaimBuster covers the 2016 debates too)."""
    return re.sub(r"\W+", " ", text.lower()).strip()


def load_nlp():
    from firsthand.read.nlp import load_model

    return load_model()


def parse(nlp, sentences: list[Sentence], cache_dir: Path = Path("/tmp")) -> list[Features]:
    """Each sentence's features, the whole text taken as one sentence (parsed docs cached)."""
    from spacy.tokens import DocBin

    key = hashlib.sha1(f"{nlp.meta['name']}-{nlp.meta['version']}".encode())
    for s in sentences:
        key.update(s.text.encode() + b"\0")
    cache = cache_dir / f"firsthand-checkworthiness-{key.hexdigest()[:16]}.spacy"
    if cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
    else:
        docs = list(nlp.pipe((s.text for s in sentences), batch_size=256))
        DocBin(store_user_data=False, docs=docs).to_disk(cache)
    return [features(doc, [(0, len(doc))]) for doc in docs]


def joined(found: list[Features]) -> Features:
    """Many single-sentence Features as one, sentence n being found[n]."""
    owners = np.concatenate([np.full(len(f.slots), n, dtype=np.int64) for n, f in enumerate(found)])
    return Features(np.concatenate([f.slots for f in found]), owners, len(found),
                    np.concatenate([f.vetoed for f in found]))


def matrix(found: Features) -> csr_matrix:
    """Rows of hashed feature counts divided by the square root of their total, as `scores_of` reads them."""
    sizes = np.bincount(found.owners, minlength=found.sentences).astype(np.float64)
    values = 1.0 / np.sqrt(np.maximum(sizes, 1))[found.owners]
    return csr_matrix((values, (found.owners, found.slots)), shape=(found.sentences, 1 << BITS))


def fit(found: Features, labels: np.ndarray, c: float, weight: float | None = None) -> Model:
    """A logistic regression (liblinear, L2, deterministic) as the component's Model."""
    from sklearn.linear_model import LogisticRegression

    keep = ~found.vetoed  # vetoed sentences are never scored: they would only pull the weights
    rows = np.flatnonzero(keep)
    x = matrix(found)[rows]
    learner = LogisticRegression(C=c, solver="liblinear", class_weight={0: 1.0, 1: weight} if weight else None,
                                 random_state=0, max_iter=1000)
    learner.fit(x, labels[rows])
    return Model(learner.coef_[0].astype(np.float32), float(learner.intercept_[0]), 0.5)


def subset(found: list[Features], index) -> Features:
    return joined([found[i] for i in index])


def prf(gold: np.ndarray, predicted: np.ndarray) -> tuple[float, float, float]:
    tp = int((gold & predicted).sum())
    p = tp / max(int(predicted.sum()), 1)
    r = tp / max(int(gold.sum()), 1)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def average_precision(gold: np.ndarray, score: np.ndarray) -> float:
    """AP of a ranking by score (ties in text order, as a stable sort leaves them)."""
    order = np.argsort(-score, kind="stable")
    hits = gold[order].astype(bool)
    if not hits.any():
        return 0.0
    precision = np.cumsum(hits) / np.arange(1, len(hits) + 1)
    return float(precision[hits].mean())


def predict(model: Model, found: Features) -> np.ndarray:
    return scores_of(found, model)
