"""Learn the cue-verb lexicon from PolNeAR train (never dev): src/firsthand/claims/data/cues.txt.

A verb lemma is kept when, over train, it heads an annotated cue span at least MIN_COUNT
times and in at least MIN_RATE of its verb occurrences. Usage:
    PYTHONPATH=src python -m bench.learn_cues [--min-count 3] [--min-rate 0.3]
"""

from __future__ import annotations

import argparse
from collections import Counter

from bench.common import ROOT
from bench.polnear import load_nlp, load_split, parse_docs

OUT = ROOT / "src" / "firsthand" / "claims" / "data" / "cues.txt"


def cue_head_counts(articles, docs) -> tuple[Counter, Counter]:
    heads: Counter = Counter()
    verbs: Counter = Counter()
    for art, doc in zip(articles, docs):
        cue_heads = set()
        for frags in art.gold["cue"]:
            start, end = frags[0][0], frags[-1][1]
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                cue_heads.add(span.root.i)
        for tok in doc:
            if tok.pos_ in {"VERB", "AUX"}:
                lemma = tok.lemma_.lower()
                verbs[lemma] += 1
                if tok.i in cue_heads:
                    heads[lemma] += 1
    return heads, verbs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--min-count", type=int, default=3)
    parser.add_argument("--min-rate", type=float, default=0.3)
    args = parser.parse_args()
    articles = load_split("train")
    heads, verbs = cue_head_counts(articles, parse_docs(load_nlp(), articles))
    kept = sorted(
        lemma
        for lemma, n in heads.items()
        if n >= args.min_count and n / verbs[lemma] >= args.min_rate
    )
    header = (
        "# Verb lemmas heading attribution cues in PolNeAR train, learnt by bench/learn_cues.py\n"
        f"# (kept: >= {args.min_count} cue heads and >= {args.min_rate:.0%} of the lemma's verb uses)\n"
    )
    OUT.write_text(header + "".join(f"{lemma}\n" for lemma in kept), encoding="utf-8")
    print(f"{len(kept)} cue lemmas -> {OUT}")
    for lemma in kept:
        print(f"{lemma:20s} {heads[lemma]:5d} / {verbs[lemma]:5d}")


if __name__ == "__main__":
    main()
