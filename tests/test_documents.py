"""Markdown and text documents: front matter read into metadata and never into the text; Markdown
rendered to its prose; a report with no publication date says so and resolves no relative date."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from firsthand.ingest.problem import IngestError, IngestNote
from firsthand.ingest.sources import IngestOptions, reports_from
from firsthand.model.report import Report

BODY = "North Korea has shipped about one million artillery shells to Russia, the spy agency said on Wednesday."


def ingest(tmp_path: Path, name: str, content: str, options: IngestOptions = IngestOptions()) -> tuple[Report, list[IngestNote]]:
    path = tmp_path / name
    path.write_text(content)
    items = list(reports_from(str(path), options))
    reports = [item for item in items if isinstance(item, Report)]
    assert len(reports) == 1, items
    return reports[0], [item for item in items if isinstance(item, IngestNote)]


def test_yaml_front_matter_becomes_metadata(tmp_path: Path):
    report, notes = ingest(tmp_path, "report.md", f"""---
title: "Shells for Russia: what the NIS told lawmakers"
date: 2023-11-01
authors:
  - Andrew Salmon
  - name: Jane Doe
publisher: The Washington Times
canonical_url: https://example.org/shells
description: A summary that the report itself does not say.
tags: [north-korea, russia]
published: true
---

{BODY}
""")
    assert not notes
    assert report.text == BODY
    assert report.title == "Shells for Russia: what the NIS told lawmakers"
    assert (report.published, report.published_precision) == (datetime(2023, 11, 1, tzinfo=UTC), "day")
    assert report.byline == "Andrew Salmon, Jane Doe"
    assert report.outlet == "The Washington Times" and report.url == "https://example.org/shells"


def test_toml_front_matter_in_a_text_file(tmp_path: Path):
    report, notes = ingest(tmp_path, "report.txt", f"""+++
title = "Shells"
date = 2023-11-01T08:30:00+09:00
author = "Andrew Salmon"
site = "The Washington Times"
+++
{BODY}

*Not Markdown*: a text file keeps its characters.
""")
    assert not notes
    assert report.text == f"{BODY}\n\n*Not Markdown*: a text file keeps its characters."
    assert (report.published, report.published_precision) == (datetime(2023, 10, 31, 23, 30, tzinfo=UTC), "second")
    assert (report.title, report.byline, report.outlet) == ("Shells", "Andrew Salmon", "The Washington Times")


def test_the_published_option_does_not_override_the_front_matter(tmp_path: Path):
    options = IngestOptions(published=datetime(2024, 1, 1, tzinfo=UTC))
    report, _ = ingest(tmp_path, "report.md", f"---\ndate: 2023-11\n---\n{BODY}", options)
    assert (report.published, report.published_precision) == (datetime(2023, 11, 1, tzinfo=UTC), "month")


@pytest.mark.parametrize(
    ("front", "reason"),
    [
        ("---\ntitle: [unclosed\nauthor: x\n---\n", "malformed YAML front matter (ParserError"),
        ("---\ntitle: one\n\ttabbed: two\n---\n", "malformed YAML front matter"),
        ("---\n- a list\n- not keys\n---\n", "YAML front matter is not a set of keys and values; dropped"),
        ("---\njust a sentence in YAML\n---\n", "YAML front matter is not a set of keys and values; dropped"),
        ("+++\ntitle = 'unclosed\n+++\n", "malformed TOML front matter (TOMLDecodeError"),
        ("---\ntitle: Never closed\nauthor: x\n\n", "YAML front matter is not closed; dropped up to the first blank line"),
        ("---\ndate: 2023-02-30\ntitle: x\n---\n", "front matter: 'date': unreadable publication time '2023-02-30'"),
    ],
)
def test_malformed_front_matter_is_one_warning_and_never_text(tmp_path: Path, front: str, reason: str):
    path = tmp_path / "broken.md"
    report, notes = ingest(tmp_path, "broken.md", front + BODY + "\n")
    assert report.text == BODY
    assert len(notes) == 1 and notes[0].source == str(path) and reason in notes[0].reason, notes
    assert "\n" not in str(notes[0])


MARKDOWN = """# North Korea's shells for Russia

The **National Intelligence Service** told _lawmakers_ that [North Korea](https://example.org/nk) had shipped
about one million shells.[^1] See https://example.org/briefing for the briefing and <https://example.org/x>.

![A train at the border](train.png)
[![logo](logo.png)](https://example.org)

## Satellite help

| item | quantity |
|------|----------|
| shells | 1,000,000 |

```python
print("code is not prose")
```

    indented code is not prose either

<div class="embed"><iframe src="https://example.org/video"></iframe></div>

- Russia denied the shipments.
- The ministry said `3B001` items were not involved.

> "We will respond," the minister said.

***

[^1]: Yonhap, "NIS briefing", 1 November 2023, https://example.org/yonhap.
"""


def test_markdown_is_rendered_to_its_prose(tmp_path: Path):
    report, notes = ingest(tmp_path, "report.markdown", MARKDOWN)
    assert not notes
    assert report.text == (
        "North Korea's shells for Russia\n\n"
        "The National Intelligence Service told lawmakers that North Korea had shipped about one million shells. "
        "See for the briefing and .\n\n"
        "Satellite help\n\n"
        "Russia denied the shipments.\n\n"
        "The ministry said 3B001 items were not involved.\n\n"
        "\"We will respond,\" the minister said."
    )


def test_markdown_of_images_only_has_no_prose(tmp_path: Path):
    path = tmp_path / "gallery.md"
    path.write_text("---\ntitle: Gallery\n---\n![one](1.png)\n\n![two](2.png)\n\n| a |\n|---|\n| b |\n")
    [error] = list(reports_from(str(path)))
    assert isinstance(error, IngestError)
    assert error.reason == "no prose in the Markdown (only images, links, tables, code or markup)"


@pytest.mark.parametrize(
    ("text", "phrase", "value", "precision"),
    [
        ("Exports rose last month.", "last month", "XXXX-XX", "month"),
        ("He resigned yesterday.", "yesterday", "XXXX-XX-XX", "day"),
        ("This year has been hard.", "This year", "XXXX", "year"),
        ("The summit will open next week.", "next week", "XXXX-WXX", "week"),
        ("The NIS said on Tuesday that shells were shipped.", "Tuesday", "XXXX-WXX-2", "day"),
        ("Russia invaded in February 2022.", "February 2022", "2022-02", "month"),
        ("The launch on Sept. 13, 2023 failed.", "Sept. 13, 2023", "2023-09-13", "day"),
    ],
)
def test_without_a_publication_date_relative_times_stay_unresolved(text, phrase, value, precision):
    from firsthand.read.times import find_times

    [found] = find_times(text, None)
    assert (found.text, found.value, found.precision) == (phrase, value, precision)


def test_the_dossier_says_a_report_has_no_publication_date(tmp_path: Path):
    from firsthand import pipeline
    from firsthand.pipeline.reader import Reader
    from firsthand.present.dossier import gather
    from firsthand.present.html import render_html
    from firsthand.present.markdown import render_markdown as dossier_markdown
    from firsthand.store import Store

    path = tmp_path / "undated.md"
    path.write_text(f"---\ntitle: Undated report\n---\n{BODY} Last month North Korea tested a missile, officials said.\n")
    with Store(str(tmp_path / "t.sqlite")) as store:
        pipeline.ingest(store, [str(path)])
        pipeline.read(store, Reader())
        pipeline.assess(store)
        dossier = gather(store)
        [reading] = [store.reading(report.id) for report in store.reports()]
    assert [(t.text, t.value) for t in reading.times if t.text == "Last month"] == [("Last month", "XXXX-XX")]
    markdown, html = dossier_markdown(dossier), render_html(dossier)
    assert "| no publication date |" in markdown
    assert "1 report with no publication date (Undated report): its relative dates" in markdown
    assert "1 report with no publication date (<a href=" in html and "Undated report</a>): its relative dates" in html


def test_a_markdown_url_is_rendered_and_its_front_matter_read(web):
    from firsthand.ingest.fetch import FetchPolicy

    url = web.add("/reports/shells.md", f"---\ntitle: Shells\nauthor: A. Salmon\n---\n# Shells\n\n{BODY} ![map](m.png)\n",
                  "text/plain; charset=utf-8")
    [report] = list(reports_from(url, IngestOptions(fetch=FetchPolicy(allow_private=True, timeout=5))))
    assert (report.text, report.title, report.byline, report.url) == (f"Shells\n\n{BODY}", "Shells", "A. Salmon", url)
