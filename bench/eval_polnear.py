"""Attribution extraction on PolNeAR: exact-match P/R/F1 of source, cue and content spans.

How spans are counted: per role, the gold spans of an article (each brat span, its
fragments in order) and the predicted spans form two sets; a prediction is a true
positive when an identical span is in gold. Two matchings are reported:
- strict: every fragment's character offsets are equal;
- exact (the headline, as token-level PARC/PolNeAR scoring ignores punctuation): each
  fragment is compared after trimming whitespace and punctuation other than quote marks
  at its edges, and fragments are compared as a sequence.
An article annotated by several annotators is scored once per annotation file.
Attributions are not linked across roles in this count (each role is scored on its own).

Usage: PYTHONPATH=src python -m bench.eval_polnear [--split dev|train] [--limit N] [--rules] [--tagger crf|encoder]
       PYTHONPATH=src python -m bench.eval_polnear --agreement   # the encoder's cues the CRF finds or not: how often right
       ... --snapshot /tmp/before.json, make a change, ... --against /tmp/before.json   # the spans it gained and lost
"""

from __future__ import annotations

import argparse
import json
import string
import time
from functools import partial
from pathlib import Path

from bench.polnear import ROLES, Fragments, load_nlp, load_split, parse_docs
from firsthand.claims.attribution import (
    BACKENDS,
    Attribution,
    attributions_from_tags,
    find_attributions,
    load_cues,
    load_tagger,
    rule_attributions,
    token_features,
)
from firsthand.claims.attribution_encoder import TAGS, EncoderTagger

EDGE = set(string.punctuation + " \t\n\u00a0—–…") - set("\"'")


def normalize(text: str, frags: Fragments) -> Fragments:
    out = []
    for start, end in frags:
        while start < end and text[start] in EDGE:
            start += 1
        while end > start and text[end - 1] in EDGE:
            end -= 1
        if start < end:
            out.append((start, end))
    return tuple(out)


def predicted(att: Attribution) -> dict[str, Fragments | None]:
    return {
        "source": ((att.source.start, att.source.end),) if att.source else None,
        "cue": ((att.cue.start, att.cue.end),),
        "content": tuple((p.start, p.end) for p in att.content) or None,
    }


def score(articles, docs, extract=None, kept: list | None = None) -> dict[str, dict[str, dict[str, float]]]:
    """Per matching mode and role: P, R, F1 and counts; extract(doc) gives the attributions (the
    tagger's, by default). `kept`, if given, receives each article's predictions per role, as exact
    matching compares them."""
    if extract is None:
        extract = partial(find_attributions, tagger=load_tagger(), cues=load_cues())
    counts = {m: {r: [0, 0, 0] for r in ROLES} for m in ("strict", "exact")}  # tp, pred, gold
    for art, doc in zip(articles, docs):
        preds: dict[str, set[Fragments]] = {r: set() for r in ROLES}
        for att in extract(doc):
            for role, frags in predicted(att).items():
                if frags:
                    preds[role].add(frags)
        for role in ROLES:
            for mode in ("strict", "exact"):
                norm = (lambda f: f) if mode == "strict" else (lambda f, art=art: normalize(art.text, f))
                p = {norm(f) for f in preds[role]}
                g = {norm(f) for f in art.gold[role]}
                c = counts[mode][role]
                c[0] += len(p & g)
                c[1] += len(p)
                c[2] += len(g)
                if kept is not None and mode == "exact":
                    if role == ROLES[0]:
                        kept.append({})
                    kept[-1][role] = sorted(p)
    result: dict[str, dict[str, dict[str, float]]] = {}
    for mode, roles in counts.items():
        result[mode] = {}
        for role, (tp, npred, ngold) in roles.items():
            prec = tp / npred if npred else 0.0
            rec = tp / ngold if ngold else 0.0
            f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
            result[mode][role] = {"p": prec, "r": rec, "f1": f1, "gold": ngold, "pred": npred}
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", default="dev", choices=["dev", "train"])
    parser.add_argument("--limit", type=int, default=0, help="first N articles only")
    parser.add_argument("--rules", action="store_true", help="the parse rules alone, without the tagger")
    parser.add_argument("--tagger", choices=BACKENDS, default="crf", help="the CRF or the fine-tuned encoder")
    parser.add_argument("--snapshot", type=Path, help="write every prediction here (JSON), to compare a change against")
    parser.add_argument("--against", type=Path, help="a --snapshot taken before a change: the spans gained and lost, right or not")
    parser.add_argument("--agreement", action="store_true",
                        help="the encoder's cues before it keeps those the CRF finds: how often right, found by both or not")
    args = parser.parse_args()
    articles = load_split(args.split)
    if args.limit:
        articles = articles[: args.limit]
    t0 = time.time()
    docs = parse_docs(load_nlp(), articles)
    if args.agreement:
        agreement(articles, docs)
        return
    if args.rules:
        extract = partial(rule_attributions, cues=load_cues())
    else:
        tagger = EncoderTagger.load() if args.tagger == "encoder" else load_tagger()
        extract = partial(find_attributions, tagger=tagger, cues=load_cues())
    kept: list[dict[str, list]] = []
    result = score(articles, docs, extract=extract, kept=kept)
    print(f"PolNeAR {args.split}: {len(articles)} annotation files, tagger {args.tagger} ({time.time() - t0:.0f}s)")
    report(result)
    if args.snapshot:
        args.snapshot.write_text(json.dumps(kept))
    if args.against:
        changes(articles, json.loads(args.against.read_text()), kept)


def changes(articles, before: list[dict[str, list]], after: list[dict[str, list]]) -> None:
    """Per role, the exact-match spans a change gained and lost, and how many of each are gold."""
    for role in ROLES:
        counts = {"gained": [0, 0], "lost": [0, 0]}  # [right, all]
        for art, old, new in zip(articles, before, after):
            gold = {normalize(art.text, f) for f in art.gold[role]}
            was, now = ({tuple(map(tuple, f)) for f in side[role]} for side in (old, new))
            for name, spans in (("gained", now - was), ("lost", was - now)):
                counts[name][0] += len(spans & gold)
                counts[name][1] += len(spans)
        print(f"{role}: " + "; ".join(f"{name} {all_} ({right} right)" for name, (right, all_) in counts.items()))


def agreement(articles, docs) -> None:
    """Exact-match precision of the encoder's cues, split by whether the CRF finds a cue over the same
    words (the encoder backend keeps only those: `attribution.find_attributions`)."""
    encoder, cues = EncoderTagger.load(), load_cues()
    counts = {True: [0, 0], False: [0, 0]}  # shared: [right, all]
    alone: list[tuple[float, bool, bool]] = []  # the CRF does not find it: (head's cue probability, full, right)
    cue_tags = [TAGS.index("B-CUE"), TAGS.index("I-CUE")]
    for art, doc in zip(articles, docs):
        tags, crf_tags = encoder.tag_with_crf(doc, token_features(doc, cues))
        crf_cues = [a.cue for a in attributions_from_tags(doc, crf_tags)]
        gold = {normalize(art.text, f) for f in art.gold["cue"]}
        for att in attributions_from_tags(doc, tags):
            shared = any(s.overlaps(att.cue) for s in crf_cues)
            right = normalize(art.text, ((att.cue.start, att.cue.end),)) in gold
            counts[shared][0] += right
            counts[shared][1] += 1
            if not shared:
                words = [t for t in doc.char_span(att.cue.start, att.cue.end, alignment_mode="expand") or [] if not t.is_space]
                probability = float(encoder.head(doc, [t.i for t in words])[:, cue_tags].sum(1).mean()) if words else 0.0
                full = any(t.lemma_.lower() in cues for t in words) and att.source is not None and bool(att.content)
                alone.append((probability, full, right))
    for shared, (hits, total) in counts.items():
        print(f"encoder cues {'the CRF also finds' if shared else 'the CRF does not find'}: "
              f"{hits} of {total} right ({hits / max(total, 1):.3f})")
    for floor in (0.8, 0.9, 0.95, 0.98):
        for full_only in (False, True):
            kept = [right for p, full, right in alone if p >= floor and (full or not full_only)]
            print(f"  of those, head's cue probability >= {floor}{' with a lexicon verb, a source and a content' if full_only else ''}: "
                  f"{sum(kept)} of {len(kept)} right")


def report(result, modes=("exact", "strict")) -> None:
    for mode in modes:
        for role in ROLES:
            m = result[mode][role]
            print(
                f"{mode:6s} {role:7s} P {m['p']:.3f}  R {m['r']:.3f}  F1 {m['f1']:.3f}"
                f"  (gold {m['gold']}, predicted {m['pred']})"
            )


if __name__ == "__main__":
    main()
