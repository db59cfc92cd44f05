"""Story clustering at scale: time and memory at 1k, 10k and 100k reports.

    PYTHONPATH=src python -m bench.bench_linking              # 1k, 10k, 100k
    PYTHONPATH=src python -m bench.bench_linking --sizes 1000 10000 --repeat 3

Reports are Reuters-21578 bodies (19,043 with a body). To reach 100k they are repeated;
every copy after the first is perturbed (about 3% of words dropped, two adjacent words
swapped here and there, the date moved by up to three days), so copies are
near-duplicates that blocking must find, as syndicated wire copy is. Entity ids are the
stories' own PLACES / PEOPLE / ORGS tags (reading 100k reports with spaCy is the read
stage's benchmark, not this one). Each size runs in a fresh process so its peak resident
memory is its own.
"""

from __future__ import annotations

import argparse
import html
import json
import random
import re
import resource
import subprocess
import sys
import time
from datetime import datetime, timedelta

from bench.common import shared_path
from firsthand.link.blocking import words
from firsthand.link.story import StoryGraph, StoryInput, StoryWeights, stories_of, story_graph
from firsthand.model.story import Story

_STORY = re.compile(r"<REUTERS[^>]*>(.*?)</REUTERS>", re.S)
_FIELD = {name: re.compile(rf"<{name}>(.*?)</{name}>", re.S) for name in ("DATE", "BODY")}
_TAGS = re.compile(r"<(PLACES|PEOPLE|ORGS)>(.*?)</\1>", re.S)
_D = re.compile(r"<D>(.*?)</D>")


def reuters() -> list[StoryInput]:
    out = []
    for path in sorted(shared_path("reuters21578").glob("*.sgm")):
        raw = path.read_bytes().decode("latin-1")
        for n, block in enumerate(_STORY.findall(raw)):
            body = _FIELD["BODY"].search(block)
            date = _FIELD["DATE"].search(block)
            if not body or not date:
                continue
            published = datetime.strptime(date.group(1).split()[0], "%d-%b-%Y")  # some clock fields are corrupt
            entities = frozenset(
                f"{kind.lower()}:{d}" for kind, tags in _TAGS.findall(block) for d in _D.findall(tags)
            )
            text = html.unescape(body.group(1)).replace("\x03", "").strip()
            out.append(StoryInput(f"{path.stem}-{n}", text, published, entities))
    return out


def perturb(item: StoryInput, copy: int, rng: random.Random) -> StoryInput:
    tokens = [w for w in item.text.split() if rng.random() > 0.03]
    for _ in range(len(tokens) // 50):
        k = rng.randrange(max(1, len(tokens) - 1))
        tokens[k : k + 2] = tokens[k : k + 2][::-1]
    published = item.published + timedelta(hours=rng.randrange(72)) if item.published else None
    return StoryInput(f"{item.report_id}~{copy}", " ".join(tokens), published, item.entity_ids)


def corpus(size: int, seed: int = 13) -> list[StoryInput]:
    base = reuters()
    rng = random.Random(seed)
    rng.shuffle(base)
    items = [
        base[i % len(base)] if i < len(base) else perturb(base[i % len(base)], i // len(base), rng)
        for i in range(size)
    ]
    rng.shuffle(items)
    return items


def _peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def timed(items: list[StoryInput], weights: StoryWeights) -> tuple[list[float], StoryGraph, list[Story]]:
    """cluster_stories is story_graph then stories_of; run apart to see where the time goes."""
    t0, c0 = time.perf_counter(), time.process_time()
    graph = story_graph(items, weights)
    t1, c1 = time.perf_counter(), time.process_time()
    stories = stories_of(graph, weights)
    t2, c2 = time.perf_counter(), time.process_time()
    return [t0, c0, t1, c1, t2, c2], graph, stories


def run_one(size: int, repeat: int) -> dict:
    items = corpus(size)
    loaded_mb = _peak_rss_mb()
    weights = StoryWeights()
    # The fastest of a few runs: other jobs on a shared machine only ever add time.
    runs = [timed(items, weights) for _ in range(repeat)]
    (t0, c0, t1, c1, t2, c2), graph, stories = min(runs, key=lambda run: run[0][5] - run[0][1])
    return {
        "reports": size,
        "words": sum(len(words(i.text)) for i in items),
        "candidate_pairs": len(graph.blocking),
        "comparisons": graph.blocking.comparisons,
        "blocks_dropped": graph.blocking.blocks_dropped,
        "graph_cpu_s": round(c1 - c0, 2),
        "average_link_cpu_s": round(c2 - c1, 2),
        "cluster_stories_s": round(t2 - t0, 2),
        # CPU time is the steadier figure on a shared machine; ratios use it.
        "cluster_stories_cpu_s": round(c2 - c0, 2),
        "stories": len(stories),
        "peak_rss_mb": _peak_rss_mb(),
        "peak_rss_before_clustering_mb": loaded_mb,  # the corpus itself, and Python
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--repeat", type=int, default=1, help="time each size this many times, keep the fastest")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # child process
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.repeat)))
        return
    rows = []
    for size in args.sizes:
        done = subprocess.run(
            [sys.executable, __file__, "--one", str(size), "--repeat", str(args.repeat)], capture_output=True, text=True, check=True
        )
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(rows[-1], flush=True)
    for small, big in zip(rows, rows[1:]):
        print(
            f"{big['reports']}/{small['reports']} reports: "
            f"CPU time x{big['cluster_stories_cpu_s'] / small['cluster_stories_cpu_s']:.1f}, "
            f"wall time x{big['cluster_stories_s'] / small['cluster_stories_s']:.1f}, "
            f"candidate pairs x{big['candidate_pairs'] / max(1, small['candidate_pairs']):.1f}, "
            f"comparisons x{big['comparisons'] / max(1, small['comparisons']):.1f}"
        )


if __name__ == "__main__":
    main()
