"""Train the attribution tagger on PolNeAR train (never dev) and write the packaged model.

A linear-chain CRF (python-crfsuite, L-BFGS with L1 + L2 regularization) tags every
token O / B-/I- SRC, CUE, CON; features come from `token_features` (spaCy's parse, the
cue lexicon, quote state and the rule-based extractor's tags). Gold brat spans become
token tags; fragments of one span separated only by whitespace are joined (annotators
split long contents at line or sentence breaks inconsistently). L-BFGS is deterministic
and the held-out split is every tenth train article by name, so runs repeat exactly.

Usage:
    PYTHONPATH=src python -m bench.train_attribution             # writes the model, prints train + dev
    PYTHONPATH=src python -m bench.train_attribution --holdout   # train on 9/10 of train, score the rest
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import pycrfsuite

from bench.common import ROOT
from bench.eval_polnear import report, score
from bench.polnear import Article, load_nlp, load_split, parse_docs
from firsthand.claims.attribution import MODEL_FILE, attributions_from_tags, load_cues, token_features
from firsthand.claims.attribution_features import ROLE_TAG

# Attributes seen fewer times in train are dropped (with L1, keeps the model file small).
MIN_FREQ = 5
MODEL = ROOT / "src" / "firsthand" / "claims" / "data" / MODEL_FILE


def gold_tags(art: Article, doc) -> list[str]:
    tags = ["O"] * len(doc)
    for role, spans in art.gold.items():
        for frags in spans:
            for start, end in _joined(art.text, frags):
                toks = [t for t in doc if t.idx < end and t.idx + len(t) > start]
                for n, tok in enumerate(toks):
                    tags[tok.i] = ("B-" if n == 0 else "I-") + ROLE_TAG[role]
    return tags


def _joined(text: str, frags) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in frags:
        if out and not text[out[-1][1] : start].strip():
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def text_name(art: Article) -> str:
    return art.name.rsplit("_", 1)[0]


def train(xs, ys, path: Path, c1: float, c2: float, iterations: int) -> None:
    trainer = pycrfsuite.Trainer(verbose=False)
    for x, y in zip(xs, ys):
        trainer.append(x, y)
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": iterations, "feature.minfreq": MIN_FREQ,
                        "feature.possible_transitions": True})
    trainer.train(str(path))


def evaluate(path: Path, articles, docs, feats) -> dict:
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    by_doc = {id(doc): x for doc, x in zip(docs, feats)}
    return score(articles, docs, extract=lambda doc: attributions_from_tags(doc, tagger.tag(by_doc[id(doc)])))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--c1", type=float, default=4.0, help="L1 weight (prunes features)")
    parser.add_argument("--c2", type=float, default=0.01, help="L2 weight")
    parser.add_argument("--iterations", type=int, default=100)
    parser.add_argument("--holdout", action="store_true", help="tune: train on 9/10 of train, score 1/10")
    args = parser.parse_args()

    t0 = time.time()
    nlp = load_nlp()
    articles = load_split("train")
    docs = parse_docs(nlp, articles)
    cues = load_cues()
    feats = [token_features(doc, cues) for doc in docs]
    tags = [gold_tags(a, d) for a, d in zip(articles, docs)]
    print(f"features for {len(docs)} train files, {sum(map(len, docs))} tokens ({time.time() - t0:.0f}s)")

    if args.holdout:
        # Every tenth text (all its annotation files) is held out.
        texts = sorted({text_name(a) for a in articles})
        held = set(texts[::10])
        fit = [i for i, a in enumerate(articles) if text_name(a) not in held]
        rest = [i for i, a in enumerate(articles) if text_name(a) in held]
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / MODEL_FILE
            train([feats[i] for i in fit], [tags[i] for i in fit], path, args.c1, args.c2, args.iterations)
            print(f"trained on {len(fit)} files ({time.time() - t0:.0f}s); held out {len(rest)}, size {path.stat().st_size} B")
            report(evaluate(path, [articles[i] for i in rest], [docs[i] for i in rest], [feats[i] for i in rest]), ("exact",))
        return

    train(feats, tags, MODEL, args.c1, args.c2, args.iterations)
    print(f"wrote {MODEL} ({MODEL.stat().st_size} B) ({time.time() - t0:.0f}s)")
    print("train:")
    report(evaluate(MODEL, articles, docs, feats), ("exact",))
    dev = load_split("dev")
    dev_docs = parse_docs(nlp, dev)
    print("dev:")
    report(evaluate(MODEL, dev, dev_docs, [token_features(d, cues) for d in dev_docs]), ("exact",))
    print(f"total {time.time() - t0:.0f}s")


if __name__ == "__main__":
    main()
