"""Emergent stance data, claim-disjoint folds and model fitting, shared by the stance scripts.

Emergent (Ferreira & Vlachos 2016, `../shared/data/stance/emergent/`): 2,071 news headlines on 240
rumoured claims, each labelled for, observing or against its claim (here asserts, reports,
disputes: `firsthand.claims.stance.STANCES`). Headlines and claims are parsed by the project's
spaCy model (cached by content and model version) and turned into the features the component
reads (`firsthand.claims.stance.features`), so what is measured is what runs. Folds keep each
claim's headlines together (GroupKFold over claim ids, shuffled by a fixed seed), so no claim is
both learnt and tested.
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix
from spacy.tokens import Doc

from bench.common import shared_path
from firsthand.claims.attribution import load_cues
from firsthand.claims.certainty import assess
from firsthand.claims.stance import BITS, STANCES, Model, features, slots

LABELS = {"for": 0, "observing": 1, "against": 2}  # Emergent's names, in STANCES order
FOLDS, SEED = 5, 0


@dataclass(frozen=True)
class Item:
    claim: str
    headline: str
    label: int  # index into STANCES
    claim_id: str


def emergent() -> list[Item]:
    path = shared_path("stance", "emergent", "url-versions-2015-06-14-clean-train.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        return [Item(row["claimHeadline"], row["articleHeadline"], LABELS[row["articleHeadlineStance"]], row["claimId"])
                for row in csv.DictReader(handle)]


def folds(items: list[Item]) -> list[tuple[np.ndarray, np.ndarray]]:
    """Five claim-disjoint folds: claims shuffled by SEED, then dealt out by GroupKFold."""
    from sklearn.model_selection import GroupKFold

    claims = sorted({i.claim_id for i in items})
    order = {c: n for n, c in enumerate(np.random.default_rng(SEED).permutation(claims))}
    groups = np.array([order[i.claim_id] for i in items])
    return list(GroupKFold(FOLDS).split(np.zeros(len(items)), groups=groups))


def load_nlp():
    from firsthand.read.nlp import load_model

    return load_model()


def parse(nlp, items: list[Item], cache_dir: Path = Path("/tmp")) -> list[dict[str, float]]:
    """Each headline's features toward its claim."""
    return [features(headline[:], claim) for headline, claim in docs(nlp, items, cache_dir)]


def docs(nlp, items: list[Item], cache_dir: Path = Path("/tmp")) -> list[tuple[Doc, Doc]]:
    """Each item's headline and claim parsed (cached by content and model version)."""
    from spacy.tokens import DocBin

    texts = list(dict.fromkeys(t for i in items for t in (i.headline, i.claim)))
    key = hashlib.sha1(f"{nlp.meta['name']}-{nlp.meta['version']}".encode())
    for text in texts:
        key.update(text.encode() + b"\0")
    cache = cache_dir / f"firsthand-stance-{key.hexdigest()[:16]}.spacy"
    if cache.exists():
        parsed = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
    else:
        parsed = list(nlp.pipe(texts, batch_size=256))
        DocBin(store_user_data=False, docs=parsed).to_disk(cache)
    by_text = dict(zip(texts, parsed, strict=True))
    return [(by_text[i.headline], by_text[i.claim]) for i in items]


def lexicon_stance(headline: Doc) -> int:
    """The stance the word lists give today: a denial or a negation disputes (certainty.assess), a
    hedge or a verb of attribution reports, else the headline asserts."""
    found = assess(headline[:])
    if found.denial or found.polarity == "negative":
        return STANCES.index("disputes")
    cues = load_cues()
    if found.hedges or any(t.pos_ in {"VERB", "AUX"} and t.lemma_.lower() in cues for t in headline):
        return STANCES.index("reports")
    return STANCES.index("asserts")


def matrix(found: list[dict[str, float]]) -> csr_matrix:
    rows, cols, values = [], [], []
    for n, f in enumerate(found):
        index, value = slots(f)
        rows.append(np.full(len(index), n))
        cols.append(index)
        values.append(value)
    return csr_matrix((np.concatenate(values), (np.concatenate(rows), np.concatenate(cols))),
                      shape=(len(found), 1 << BITS))


def fit(x, labels: np.ndarray, c: float):
    """A multinomial logistic regression (lbfgs, L2, deterministic)."""
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, max_iter=3000).fit(x, labels)


def as_model(learner) -> Model:
    return Model(learner.coef_.astype(np.float32), learner.intercept_.astype(np.float32))


def report(gold: np.ndarray, predicted: np.ndarray) -> str:
    """Accuracy, per-stance precision and recall, and the confusion matrix (rows gold)."""
    confusion = np.zeros((len(STANCES), len(STANCES)), dtype=int)
    np.add.at(confusion, (gold, predicted), 1)
    lines = [f"accuracy {np.mean(gold == predicted):.3f} ({int(np.sum(gold == predicted))}/{len(gold)}); "
             f"macro-F1 {macro_f1(confusion):.3f}"]
    for k, name in enumerate(STANCES):
        p = confusion[k, k] / max(confusion[:, k].sum(), 1)
        r = confusion[k, k] / max(confusion[k].sum(), 1)
        lines.append(f"  {name:<9} P {p:.3f} R {r:.3f}  gold {confusion[k].sum():>4}  predicted as "
                     + " ".join(f"{STANCES[j]} {confusion[k, j]:>4}" for j in range(len(STANCES))))
    return "\n".join(lines)


def macro_f1(confusion: np.ndarray) -> float:
    out = []
    for k in range(len(confusion)):
        p = confusion[k, k] / max(confusion[:, k].sum(), 1)
        r = confusion[k, k] / max(confusion[k].sum(), 1)
        out.append(2 * p * r / (p + r) if p + r else 0.0)
    return float(np.mean(out))
