"""Evaluate the check-worthiness scorer on ClaimBuster and CLEF-2019, with baselines in the same run.

- ClaimBuster: 5-fold stratified cross-validation on `train.json` (seed 0), positive-class
  precision, recall and F1, at the model's 0.5 boundary and at the packaged (precision-favouring)
  threshold; baseline "has a number" (a token the parse reads as a number).
- CLEF-2019: leave-one-transcript-out: fit on the other 18 transcripts (with --claimbuster, also
  on ClaimBuster less any sentence of the held-out transcript), rank the held-out transcript's
  sentences by score; mean average precision over the 19. Baseline "has a number, then length".

The same features, fitting and scoring code as the packaged model (`checkworthiness.py`,
`firsthand.claims.checkworthy`); C and the class weight are the packaged model's choice (see
train_checkworthiness.py), given here as options.

Usage:
    python -m bench.eval_checkworthiness [--claimbuster] [--c C] [--weight W]
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict

import numpy as np

from bench.checkworthiness import (
    average_precision,
    claimbuster,
    clef,
    fit,
    load_nlp,
    normalized,
    parse,
    predict,
    prf,
    subset,
)
from bench.train_checkworthiness import WEIGHT, C, cross_validated
from firsthand.claims.checkworthy import flag_slot, model


def has_number(found) -> np.ndarray:
    slot = flag_slot("number")
    return np.array([bool((f.slots == slot).any()) for f in found])


def claimbuster_scores(found, labels: np.ndarray, c: float, weight: float) -> dict:
    scores = cross_validated(found, labels, c, weight)
    threshold = model().threshold
    return {"at 0.5": prf(labels == 1, scores >= 0.5), f"at the threshold {threshold:.2f}": prf(labels == 1, scores >= threshold),
            "baseline: has a number": prf(labels == 1, has_number(found))}


def clef_map(transcripts, found, extra, extra_found, c: float, weight: float) -> tuple[dict[str, float], dict[str, float]]:
    """Average precision per held-out transcript: the model's and the baseline's."""
    by_name: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(transcripts):
        by_name[s.group].append(i)
    labels = np.array([s.label for s in transcripts])
    ours, baseline = {}, {}
    for name, held in by_name.items():
        train = [i for i in range(len(transcripts)) if transcripts[i].group != name]
        feats, y = [found[i] for i in train], list(labels[train])
        if extra:
            seen = {normalized(transcripts[i].text) for i in held}
            keep = [j for j, s in enumerate(extra) if normalized(s.text) not in seen]
            feats += [extra_found[j] for j in keep]
            y += [extra[j].label for j in keep]
        m = fit(subset(feats, range(len(feats))), np.array(y), c, weight)
        gold = labels[held]
        ours[name] = average_precision(gold, predict(m, subset(found, held)))
        lengths = np.array([len(transcripts[i].text.split()) for i in held])
        baseline[name] = average_precision(gold, has_number([found[i] for i in held]) * 1000 + lengths)
    return ours, baseline


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--c", type=float, default=C)
    parser.add_argument("--weight", type=float, default=WEIGHT)
    parser.add_argument("--claimbuster", action="store_true", help="CLEF: also fit on ClaimBuster")
    parser.add_argument("--skip-claimbuster-cv", action="store_true")
    args = parser.parse_args()
    started = time.time()
    nlp = load_nlp()
    cb = claimbuster()
    cb_found = parse(nlp, cb)
    if not args.skip_claimbuster_cv:
        labels = np.array([s.label for s in cb])
        print(f"ClaimBuster train.json, {len(cb):,} sentences ({labels.sum():,} check-worthy), 5-fold stratified CV, "
              f"C={args.c:g}, positive weight {args.weight:g}")
        for name, (p, r, f1) in claimbuster_scores(cb_found, labels, args.c, args.weight).items():
            print(f"  {name:28s} P {p:.3f} R {r:.3f} F1 {f1:.3f}")
    transcripts = clef()
    found = parse(nlp, transcripts)
    ours, baseline = clef_map(transcripts, found, cb if args.claimbuster else [], cb_found, args.c, args.weight)
    print(f"CLEF-2019, {len(ours)} transcripts, {len(transcripts):,} sentences, leave-one-transcript-out "
          f"({'18 transcripts + ClaimBuster' if args.claimbuster else '18 transcripts'} per fit)")
    for name in ours:
        print(f"  {name:28s} AP {ours[name]:.3f}  baseline {baseline[name]:.3f}")
    print(f"  MAP {np.mean(list(ours.values())):.3f}; baseline 'has a number, then length' {np.mean(list(baseline.values())):.3f}")
    print(f"({time.time() - started:.0f} s)")


if __name__ == "__main__":
    main()
