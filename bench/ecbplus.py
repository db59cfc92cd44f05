"""Read the ECB+ corpus (Cybulska & Vossen 2014): documents, gold subtopics, event mentions.

Each topic folder holds documents about two different real-world events of the same
kind: the ``*ecb.xml`` documents (one event) and the ``*ecbplus.xml`` ones (the other).
Event mentions are the ACTION_* / NEG_ACTION_* markables; gold coreference comes from
CROSS_DOC_COREF chains (cross-document instances), then INTRA_DOC_COREF chains, else the
mention is a singleton.
"""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class EcbToken:
    sentence: int
    text: str


@dataclass(frozen=True)
class EcbMention:
    doc: str
    sentence: int
    token_ids: tuple[int, ...]
    tag: str
    gold: str  # coreference chain id


@dataclass(frozen=True)
class EcbDocument:
    name: str  # e.g. "1_10ecbplus"
    topic: int
    subtopic: str  # "1_ecb" or "1_ecbplus": the gold story
    tokens: dict[int, EcbToken]
    mentions: tuple[EcbMention, ...]

    def sentence_tokens(self, sentence: int) -> list[tuple[int, str]]:
        return [(t, tok.text) for t, tok in sorted(self.tokens.items()) if tok.sentence == sentence]

    def sentences(self) -> list[int]:
        return sorted({tok.sentence for tok in self.tokens.values()})

    def text(self) -> str:
        """The article: one line per sentence (the ecbplus URL line is dropped)."""
        return "\n".join(
            " ".join(w for _, w in self.sentence_tokens(s)) for s in self.sentences()
        )


def _parse(path: Path, selected: set[tuple[str, int]]) -> EcbDocument:
    root = ET.parse(path).getroot()
    name = path.name.removesuffix(".xml")
    topic = int(name.split("_")[0])
    plus = name.endswith("ecbplus")
    tokens = {
        int(t.attrib["t_id"]): EcbToken(int(t.attrib["sentence"]), t.text or "")
        for t in root.iter("token")
    }
    if plus:  # sentence 0 of a newly collected document is its source URL, not text
        tokens = {i: tok for i, tok in tokens.items() if tok.sentence != 0}
    gold: dict[str, str] = {}
    for relation in root.find("Relations") or []:
        if relation.tag == "CROSS_DOC_COREF":
            chain = relation.attrib["note"]
        elif relation.tag == "INTRA_DOC_COREF":
            chain = f"{name}:intra:{relation.get('r_id')}"
        else:
            continue
        for source in relation.findall("source"):
            gold[source.attrib["m_id"]] = chain
    mentions = []
    for markable in root.find("Markables") or []:
        anchors = tuple(int(a.attrib["t_id"]) for a in markable.findall("token_anchor"))
        if not anchors or not markable.tag.startswith(("ACTION", "NEG_ACTION")):
            continue
        anchors = tuple(t for t in anchors if t in tokens)
        if not anchors:
            continue
        sentence = tokens[anchors[0]].sentence
        if (name, sentence) not in selected:
            continue
        m_id = markable.attrib["m_id"]
        mentions.append(
            EcbMention(name, sentence, anchors, markable.tag, gold.get(m_id, f"{name}:{m_id}"))
        )
    subtopic = f"{topic}_{'ecbplus' if plus else 'ecb'}"
    return EcbDocument(name, topic, subtopic, tokens, tuple(mentions))


def load(root: Path, topics: range | list[int]) -> list[EcbDocument]:
    """Documents of the given topics that are present, in a stable order."""
    selected: set[tuple[str, int]] = set()
    with open(root / "ECBplus_coreference_sentences.csv", newline="") as f:
        for row in csv.DictReader(f):
            selected.add((f"{row['Topic']}_{row['File']}", int(row["Sentence Number"])))
    docs: list[EcbDocument] = []
    for topic in topics:
        folder = root / str(topic)
        if folder.is_dir():
            docs.extend(_parse(p, selected) for p in sorted(folder.glob("*.xml")))
    return docs


def gold_subtopics(docs: list[EcbDocument]) -> dict[str, str]:
    return {d.name: d.subtopic for d in docs}


def group(labels: dict[str, str]) -> list[set[str]]:
    """Clusters (sets of item ids) from an item -> label mapping."""
    out: dict[str, set[str]] = defaultdict(set)
    for item, label in labels.items():
        out[label].add(item)
    return list(out.values())


def load_spacy(**kwargs):  # noqa: ANN201 - spacy.Language, imported lazily
    from firsthand.read.nlp import load_model

    return load_model(**kwargs)
