"""Would a check-worthiness gate on key judgements raise their precision? Scores each judged key
judgement's cited sentences with the packaged check-worthiness model and counts verdicts above
and below some thresholds.

    PYTHONPATH=src .venv/bin/python -m bench.judgement_checkworthiness docs/audits/2026-11-29-after

An item's score is the lowest of its cited sentences' (each the highest of the sentences the
model finds in it).
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from bench.audit import read_items
from firsthand.claims.checkworthy import model
from firsthand.pipeline.reader import Reader

THRESHOLDS = (0.5, 0.6, 0.7, 0.78, 0.85)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("audit", type=Path, help="an audit folder with <corpus>-judgements.jsonl")
    args = parser.parse_args()
    items = [item for path in sorted(args.audit.glob("*-judgements.jsonl")) for item in read_items(path)]
    cited = [[s["sentence"] for e in item["evidence"] for s in e["sentences"]] for item in items]
    texts = sorted({s for sentences in cited for s in sentences})
    nlp = Reader().nlp
    score = {t: max((s._.checkworthy or 0.0) for s in doc.sents) for t, doc in zip(texts, nlp.pipe(texts))}
    print(f"{len(items)} judged key judgements; the model's threshold {model().threshold:.2f}")
    for threshold in THRESHOLDS:
        kept: Counter[str] = Counter()
        dropped: Counter[str] = Counter()
        for item, sentences in zip(items, cited):
            (kept if min(score[s] for s in sentences) >= threshold else dropped)[item["verdict"]] += 1
        line = lambda c: f"{c['correct']} correct / {c['partly']} partly / {c['wrong']} wrong"  # noqa: E731
        print(f"at {threshold:.2f}: kept {line(kept)}; dropped {line(dropped)}")


if __name__ == "__main__":
    main()
