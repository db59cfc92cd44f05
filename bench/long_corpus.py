"""Long reports on one subject, made from shared data: the shape of an analyst's corpus (think-tank
reports on one country), which neither Reuters nor PolNeAR has as it stands.

    python -m bench.long_corpus polnear --reports 50 --out polnear-50.jsonl
    python -m bench.long_corpus reuters --reports 200 --out crude-200.jsonl [--subjects crude]

* polnear: the PolNeAR articles (train and dev) that name one person, ten at a time, joined into
  one report of ~7,500 words: every article naming Trump first (666), then those naming Clinton
  and not Trump (254); that leaves 4 of PolNeAR's 924 articles.
* reuters: the Reuters-21578 stories of one topic (<TOPICS>, crude oil by default), ten at a time,
  each joined report (~2,300 words) dated by its latest story; 551 distinct crude-oil stories.

One pass over the articles gives 91 PolNeAR reports (66 of them on Trump) and 55 crude-oil
reports, so a larger corpus takes further passes, each in a new seeded order: an article then
recurs in several reports, each time among different neighbours, as one news story recurs in the
reports that cite it. The first reports of a corpus are the first pass's, so a corpus of 50 is
always distinct articles on the first subject, and is the first 50 reports of the larger ones.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from itertools import count, islice
from pathlib import Path

from bench.common import shared_path
from firsthand.ingest.reuters import reports_from_sgml

PER_REPORT = 10
PERSONS = ("Trump", "Clinton")
_STORY = re.compile(r"<REUTERS\b.*?</REUTERS>", re.S)
_TOPICS = re.compile(r"<TOPICS>(.*?)</TOPICS>", re.S)
_D = re.compile(r"<D>(.*?)</D>")


@dataclass(frozen=True)
class Article:
    text: str
    published: datetime | None = None


def polnear_subjects(persons: tuple[str, ...] = PERSONS) -> list[tuple[str, list[Article]]]:
    """The articles naming each person, each article under the first person it names."""
    texts = [path.read_text("utf-8") for split in ("train", "dev")
             for path in sorted(shared_path("polnear", split, "text").glob("*.txt"))]
    out, taken = [], set()
    for person in persons:
        named = re.compile(rf"\b{person}\b")
        found = [n for n, text in enumerate(texts) if n not in taken and named.search(text)]
        taken.update(found)
        out.append((person, [Article(texts[n].strip()) for n in found]))
    return out


def reuters_subjects(topics: tuple[str, ...]) -> list[tuple[str, list[Article]]]:
    """The stories with a body filed under each topic (a story under several goes to the first)."""
    found: dict[str, list[Article]] = {topic: [] for topic in topics}
    seen: set[str] = set()
    for path in sorted(shared_path("reuters21578").glob("reut2-*.sgm")):
        for block in _STORY.findall(path.read_text("latin-1")):
            tags = _TOPICS.search(block)
            topic = next((t for t in _D.findall(tags.group(1) if tags else "") if t in found), None)
            report = next(reports_from_sgml(block, path.name), None)
            if topic is None or report is None or report.id in seen:
                continue
            seen.add(report.id)
            found[topic].append(Article(report.text, report.published))
    return list(found.items())


def joined(subjects: list[tuple[str, list[Article]]], seed: int = 7) -> Iterator[tuple[str, list[Article]]]:
    """Ten articles of one subject at a time, subject after subject; then again in a new order."""
    if not any(len(articles) >= PER_REPORT for _, articles in subjects):
        raise SystemExit(f"error: no subject has {PER_REPORT} articles")
    for n in count():
        rng = random.Random(seed + n)
        for subject, articles in subjects:
            order = articles[:]
            rng.shuffle(order)
            for k in range(0, len(order) - PER_REPORT + 1, PER_REPORT):
                yield subject, order[k : k + PER_REPORT]


def long_reports(kind: str, reports: int, subjects: tuple[str, ...] = ()) -> Iterator[dict]:
    """`reports` JSONL records of joined articles, polnear or reuters."""
    found = polnear_subjects(subjects or PERSONS) if kind == "polnear" else reuters_subjects(subjects or ("crude",))
    for number, (subject, parts) in enumerate(islice(joined(found), reports), 1):
        dates = [a.published for a in parts if a.published]
        yield {"text": "\n\n".join(a.text for a in parts), "title": f"{subject}: collected reports, {number}",
               "published": max(dates).isoformat() if dates else None}


def write(kind: str, reports: int, out: Path, subjects: tuple[str, ...] = ()) -> int:
    """Write the corpus as JSONL; returns its number of words."""
    words = 0
    with open(out, "w", encoding="utf-8") as file:
        for record in long_reports(kind, reports, subjects):
            words += len(record["text"].split())
            file.write(json.dumps(record) + "\n")
    return words


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=("polnear", "reuters"))
    parser.add_argument("--reports", type=int, default=50)
    parser.add_argument("--subjects", nargs="+", default=(), help="persons (polnear) or topics (reuters), in order")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    words = write(args.kind, args.reports, args.out, tuple(args.subjects))
    print(f"{args.out}: {args.reports} reports, {words:,} words")


if __name__ == "__main__":
    main()
