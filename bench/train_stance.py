"""Measure the stance head by claim-disjoint cross-validation on Emergent, and write its weights
(`claims/data/stance.npz`).

Needs scikit-learn (`pip install -e '.[train]'`); the component reads the weights with numpy.
Steps, all deterministic (fixed fold seed, lbfgs):
1. parse Emergent's headlines and claims with the project's spaCy model;
2. 5-fold claim-disjoint cross-validation (bench.stance.folds) of the logistic regression for each
   C of GRID (`--search`) or the chosen C: accuracy, per-stance precision and recall, confusion;
3. fit on all of Emergent and write the weights (float16, compressed) unless `--no-write`.

`--embeddings` adds sentence embeddings of the headline and of the claim, and their product, to the
hand features (measured only; the packaged head stays the hand features).

Usage:
    python -m bench.train_stance [--search] [--embeddings] [--lexicon] [--no-write] [--out PATH]
"""

from __future__ import annotations

import argparse
import time

import numpy as np
from scipy.sparse import csr_matrix, hstack

from bench.common import ROOT
from bench.stance import as_model, docs, emergent, fit, folds, lexicon_stance, load_nlp, matrix, parse, report
from firsthand.claims.stance import MODEL_FILE

GRID = (1.0, 4.0, 16.0, 64.0)
C = 16.0  # the search's choice (docs/RESULTS.md, Stance)
EMBEDDING_WEIGHT = 1.0  # the dense block's scale beside the unit-length sparse row


def cross_validated(x, labels: np.ndarray, splits, c: float) -> np.ndarray:
    predicted = np.zeros(len(labels), dtype=int)
    for train, test in splits:
        predicted[test] = fit(x[train], labels[train], c).predict(x[test])
    return predicted


def embedded(items) -> csr_matrix:
    """Headline, claim and their elementwise product, each unit-length, from the shared encoder."""
    from bench.stance_embeddings import embed

    texts = list(dict.fromkeys(t for i in items for t in (i.headline, i.claim)))
    row = {t: n for n, t in enumerate(texts)}
    found = embed(texts)
    headlines = found[[row[i.headline] for i in items]]
    claims = found[[row[i.claim] for i in items]]
    return csr_matrix(np.hstack([headlines, claims, headlines * claims]) * EMBEDDING_WEIGHT)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--search", action="store_true", help="choose C again over GRID")
    parser.add_argument("--embeddings", action="store_true", help="add sentence embeddings (measured only)")
    parser.add_argument("--lexicon", action="store_true", help="measure only the word lists' stance (certainty.py)")
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--out", default=str(ROOT / "src" / "firsthand" / "claims" / "data" / MODEL_FILE))
    args = parser.parse_args()
    started = time.time()
    items = emergent()
    labels = np.array([i.label for i in items])
    nlp = load_nlp()
    if args.lexicon:
        print(f"word lists: {report(labels, np.array([lexicon_stance(h) for h, _ in docs(nlp, items)]))}")
        return
    x = matrix(parse(nlp, items))
    if args.embeddings:
        x = hstack([x, embedded(items)]).tocsr()
    splits = folds(items)
    majority = np.bincount(labels).max() / len(labels)
    print(f"Emergent: {len(items):,} headlines on {len({i.claim_id for i in items})} claims; "
          f"majority class {majority:.3f}; features in {time.time() - started:.0f} s")
    best: tuple[float, float, np.ndarray] | None = None
    for c in GRID if args.search else (C,):
        predicted = cross_validated(x, labels, splits, c)
        accuracy = float(np.mean(predicted == labels))
        print(f"C={c:g}: {report(labels, predicted)}")
        if best is None or accuracy > best[0]:
            best = (accuracy, c, predicted)
    assert best is not None  # the grid is never empty
    if args.no_write or args.embeddings:
        return
    learner = fit(x, labels, best[1])
    model = as_model(learner)
    np.savez_compressed(args.out, weights=model.weights.astype(np.float16), bias=model.bias)
    print(f"wrote {args.out} (C={best[1]:g}) in {time.time() - started:.0f} s")


if __name__ == "__main__":
    main()
