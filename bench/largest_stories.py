"""The stories of a read store: how many of each size, and the largest, for a hand check.

    python -m bench.audit build                                  # out/audit/{reuters,polnear}.sqlite
    python -m bench.largest_stories --db out/audit/reuters.sqlite --top 10
    python -m bench.largest_stories --db out/audit/polnear.sqlite --top 10 --markdown

Stories are formed exactly as `firsthand assess` forms them (`pipeline.assess`: every report
with the entities read in it, clustered by `link.story.cluster_stories`), without analysing
them. Each story of the largest is printed with its reports' dates and titles (or first line),
in publication order, so a reader can judge whether its members report one happening.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter

from firsthand.link.story import StoryInput, cluster_stories
from firsthand.store import Store


def _label(title: str | None, text: str) -> str:
    return " ".join((title or text.strip().split("\n", 1)[0]).split())[:100]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", required=True, help="a store whose reports are read")
    parser.add_argument("--top", type=int, default=10, help="how many of the largest stories to list")
    parser.add_argument("--markdown", action="store_true", help="the largest stories as a Markdown table")
    args = parser.parse_args()
    store = Store(args.db)
    labels: dict[str, tuple[str, str]] = {}

    def inputs():  # noqa: ANN202 - a generator of StoryInput
        for report, entity_ids, _ in store.reports_for_linking():
            labels[report.id] = (report.published.date().isoformat() if report.published else "undated", _label(report.title, report.text))
            yield StoryInput.of_report(report, entity_ids)

    started = time.process_time()
    stories = cluster_stories(inputs())
    seconds = time.process_time() - started
    sizes = Counter(len(s.report_ids) for s in stories)
    print(f"{len(labels)} reports, {len(stories)} stories ({seconds:.1f} s CPU)")
    print("stories by size:", ", ".join(f"{size}: {count}" for size, count in sorted(sizes.items())))
    for rank, story in enumerate(stories[: args.top], 1):
        members = sorted(labels[r] for r in story.report_ids)
        if args.markdown:
            print(f"\n| {rank} | {len(members)} reports | {story.id} |\n|---|---|---|")
            print("\n".join(f"| {date} | {title} | |" for date, title in members))
        else:
            print(f"\n{rank}. {len(members)} reports ({story.id})")
            print("\n".join(f"   {date} {title}" for date, title in members))


if __name__ == "__main__":
    main()
