"""Measure the stance head by claim-disjoint cross-validation on Emergent, and write its weights
(`claims/data/stance.npz`).

Needs scikit-learn (`pip install -e '.[train]'`); the component reads the weights with numpy.
Steps, all deterministic (fixed fold seed, lbfgs):
1. parse Emergent's headlines and claims with the project's spaCy model;
2. 5-fold claim-disjoint cross-validation (bench.stance.folds) of the logistic regression for each
   C of GRID (`--search`) or the chosen C: accuracy, per-stance precision and recall, confusion;
3. fit on all of Emergent and write the weights (float16, compressed) unless `--no-write`.

`--embeddings` adds sentence embeddings from the shared encoder (read/encoder.py) to the hand
features (measured only; the packaged head stays the hand features).

Usage:
    python -m bench.train_stance [--search] [--embeddings [VARIANT]] [--embedding-weight W] [--lexicon]
                                 [--no-write] [--out PATH]
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
EMBEDDING_WEIGHT = 0.5  # the dense block's scale beside the unit-length sparse row (0.5 beat 1.0)


def cross_validated(x, labels: np.ndarray, splits, c: float) -> np.ndarray:
    predicted = np.zeros(len(labels), dtype=int)
    for train, test in splits:
        predicted[test] = fit(x[train], labels[train], c).predict(x[test])
    return predicted


def embedded(items, variant: str, weight: float) -> csr_matrix:
    """Sentence embeddings from the shared encoder, scaled by `weight`: the headline's
    ("headline"), with |headline - claim| ("difference"), or with the claim's and their product
    ("product"). The claim's embedding was measured worse: in claim-disjoint folds it lets the model
    learn claims, not stances (docs/RESULTS.md, Stance)."""
    from bench.stance_embeddings import embed

    texts = list(dict.fromkeys(t for i in items for t in (i.headline, i.claim)))
    row = {t: n for n, t in enumerate(texts)}
    found = embed(texts)
    headline = found[[row[i.headline] for i in items]]
    claim = found[[row[i.claim] for i in items]]
    blocks = {"headline": [headline], "difference": [headline, np.abs(headline - claim)],
              "product": [headline, claim, headline * claim]}[variant]
    return csr_matrix(np.hstack(blocks) * weight)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--search", action="store_true", help="choose C again over GRID")
    parser.add_argument("--embeddings", nargs="?", const="headline", choices=("headline", "difference", "product"),
                        help="add sentence embeddings (measured only)")
    parser.add_argument("--embedding-weight", type=float, default=EMBEDDING_WEIGHT)
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
        x = hstack([x, embedded(items, args.embeddings, args.embedding_weight)]).tocsr()
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
