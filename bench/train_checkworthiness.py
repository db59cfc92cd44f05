"""Train the check-worthiness scorer and write the packaged weights (`claims/data/checkworthy.npz`).

Needs scikit-learn (`pip install -e '.[train]'`); the component itself reads the weights with
numpy. Steps, all deterministic (fixed fold seed, liblinear with a fixed random_state):
1. parse ClaimBuster `train.json` and the CLEF-2019 transcripts with the project's spaCy model;
2. the regularization C and the positive-class weight are those chosen by 5-fold stratified
   cross-validation on ClaimBuster (positive-class F1 at the 0.5 boundary) over GRID;
   `--search` runs that search again;
3. choose the threshold on those cross-validated scores, favouring precision: the one with the
   best F0.5 (precision counted twice as much as recall);
4. fit on all of ClaimBuster (and the CLEF transcripts with --clef) and write weights (float16,
   compressed), bias and threshold.

Usage:
    python -m bench.train_checkworthiness [--search] [--clef] [--out PATH]
"""

from __future__ import annotations

import argparse
import time

import numpy as np
from sklearn.model_selection import StratifiedKFold

from bench.checkworthiness import claimbuster, clef, fit, load_nlp, parse, predict, prf, subset
from bench.common import ROOT
from firsthand.claims.checkworthy import MODEL_FILE

GRID = [(c, w) for c in (4.0, 16.0, 64.0) for w in (1.0, 1.5, 2.0)]
C, WEIGHT = 16.0, 2.0  # the search's choice (docs/RESULTS.md, Check-worthiness)
THRESHOLDS = np.round(np.arange(0.30, 0.91, 0.01), 2)
FOLDS, SEED = 5, 0


def folds(labels: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    return list(StratifiedKFold(FOLDS, shuffle=True, random_state=SEED).split(np.zeros(len(labels)), labels))


def cross_validated(found, labels: np.ndarray, c: float, weight: float) -> np.ndarray:
    """Each ClaimBuster sentence's score from the model fitted on the other four folds."""
    out = np.zeros(len(labels))
    for train, test in folds(labels):
        out[test] = predict(fit(subset(found, train), labels[train], c, weight), subset(found, test))
    return out


def f_beta(p: float, r: float, beta: float) -> float:
    return (1 + beta**2) * p * r / (beta**2 * p + r) if p + r else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--search", action="store_true", help="choose C and the class weight again over GRID")
    parser.add_argument("--clef", action="store_true", help="also fit on the 19 CLEF-2019 transcripts")
    parser.add_argument("--out", default=str(ROOT / "src" / "firsthand" / "claims" / "data" / MODEL_FILE))
    args = parser.parse_args()
    started = time.time()
    nlp = load_nlp()
    cb = claimbuster()
    found = parse(nlp, cb)
    labels = np.array([s.label for s in cb])
    print(f"ClaimBuster: {len(cb):,} sentences, {labels.sum():,} check-worthy; parsed in {time.time() - started:.0f} s")

    best = None
    for c, weight in GRID if args.search else [(C, WEIGHT)]:
        scores = cross_validated(found, labels, c, weight)
        p, r, f1 = prf(labels == 1, scores >= 0.5)
        print(f"  C={c:<5g} positive weight {weight:<4g} P {p:.3f} R {r:.3f} F1 {f1:.3f}")
        if best is None or f1 > best[0]:
            best = (f1, c, weight, scores)
    f1, c, weight, scores = best
    threshold = max(THRESHOLDS, key=lambda t: (f_beta(*prf(labels == 1, scores >= t)[:2], 0.5), -t))
    p, r, f = prf(labels == 1, scores >= threshold)
    print(f"chosen: C={c:g}, positive weight {weight:g} (F1 {f1:.3f} at 0.5); threshold {threshold:.2f} "
          f"(best F0.5): P {p:.3f} R {r:.3f} F1 {f:.3f}")

    sentences, features = cb, found
    if args.clef:
        transcripts = clef()
        sentences, features = cb + transcripts, found + parse(nlp, transcripts)
        print(f"with CLEF-2019: {len(transcripts):,} more sentences")
    model = fit(subset(features, range(len(sentences))), np.array([s.label for s in sentences]), c, weight)
    np.savez_compressed(args.out, weights=model.weights.astype(np.float16), bias=np.float32(model.bias),
                        threshold=np.float32(threshold))
    print(f"wrote {args.out} ({np.count_nonzero(model.weights):,} non-zero weights) in {time.time() - started:.0f} s")


if __name__ == "__main__":
    main()
