"""PolNeAR reading for the attribution evaluation: texts, gold spans, parsed docs (cached).

A brat span may be discontinuous ("start end;start end"); it is kept as a tuple of
(start, end) fragments. Only the Source, Cue and Content roles are read: Discard and
Discuss are annotators' working marks, not attributions.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from bench.common import shared_path

ROLES = ("source", "cue", "content")
Fragments = tuple[tuple[int, int], ...]


@dataclass
class Article:
    name: str
    text: str
    gold: dict[str, set[Fragments]] = field(default_factory=dict)


def parse_ann(text: str) -> dict[str, set[Fragments]]:
    gold: dict[str, set[Fragments]] = {role: set() for role in ROLES}
    for line in text.splitlines():
        if not line.startswith("T"):
            continue
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        label, _, offsets = parts[1].partition(" ")
        role = label.lower()
        if role in gold:
            frags = tuple(tuple(int(x) for x in frag.split()) for frag in offsets.split(";"))
            gold[role].add(frags)  # type: ignore[arg-type]
    return gold


def load_split(split: str) -> list[Article]:
    root = shared_path("polnear", split)
    articles = []
    for ann in sorted((root / "attributions").glob("*.ann")):
        # Annotation files carry the annotator id as a suffix: NAME_abcd.ann -> NAME.txt
        name = ann.stem.rsplit("_", 1)[0]
        text = (root / "text" / f"{name}.txt").read_text(encoding="utf-8")
        articles.append(Article(ann.stem, text, parse_ann(ann.read_text(encoding="utf-8"))))
    return articles


def parse_docs(nlp, articles: list[Article], cache_dir: Path | None = None) -> list:
    """Parse each article with nlp, caching the DocBin by split content and model version."""
    from spacy.tokens import DocBin

    key = hashlib.sha1()
    key.update(f"{nlp.meta['name']}-{nlp.meta['version']}".encode())
    for art in articles:
        key.update(art.text.encode())
    cache = (cache_dir or Path("/tmp")) / f"firsthand-polnear-{key.hexdigest()[:16]}.spacy"
    if cache.exists():
        return list(DocBin().from_disk(cache).get_docs(nlp.vocab))
    docs = list(nlp.pipe((a.text for a in articles), batch_size=16))
    DocBin(store_user_data=False, docs=docs).to_disk(cache)
    return docs


def load_nlp():
    from firsthand.read.nlp import load_model

    return load_model()
