"""The dossier of a store of many stories: an index with a page per story, long report texts and the
map outlines in files of their own, every link landing; one story stays one self-contained file."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from html import unescape
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from firsthand import pipeline
from firsthand.ingest.sources import IngestOptions
from firsthand.model.assessment import Disagreement
from firsthand.pipeline.reader import Reader
from firsthand.present import pages
from firsthand.present.dossier import KEY_JUDGEMENTS, gather
from firsthand.present.html import render_html
from firsthand.present.markdown import render_markdown
from firsthand.present.summary import strongest, tally
from firsthand.store import Store

# Reports written for these tests: two stories with nothing in common.
SHELLS = [
    {"outlet": "The Example Times", "published": "2023-11-01T09:00:00+09:00", "title": "Shells for Russia",
     "text": "SEOUL — North Korea has shipped about one million artillery shells to Russia since August, "
             "South Korea's National Intelligence Service told lawmakers on Wednesday.\n"
             "Kim Jong Un met Vladimir Putin at the Vostochny Cosmodrome on Sept. 13, officials said."},
    {"outlet": "Daily Post", "published": "2023-11-02T10:00:00+00:00", "title": "Arms deal",
     "text": "North Korea sent more than one million artillery shells to Russia, the United States said on Thursday.\n"
             "Russia denied that it had received any weapons from North Korea."},
]
COFFEE = [
    {"outlet": "Coffee Wire", "published": "1987-03-03T10:00:00+00:00", "title": "Kenya coffee exports fall",
     "text": "NAIROBI — Kenya's coffee exports fell to 80,000 tonnes last year, the Coffee Board of Kenya said on Tuesday.\n"
             "The board said prices in London had dropped to 94 cents a pound."},
]


@pytest.fixture(scope="module")
def store_path(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("pages")
    source = folder / "reports.jsonl"
    source.write_text("\n".join(json.dumps(r) for r in SHELLS + COFFEE), encoding="utf-8")
    with Store(str(folder / "t.sqlite")) as store:
        pipeline.ingest(store, [str(source)], IngestOptions())
        pipeline.read(store, Reader())
        pipeline.assess(store)
        assert store.count_stories() >= 2
    return folder / "t.sqlite"


@pytest.fixture(scope="module")
def written(store_path, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("out")
    with Store(str(store_path)) as store:
        dossier = gather(store)
    budget = pages.INLINE_CHARS
    pages.INLINE_CHARS = 150  # so that a report's text goes to a page of its own
    try:
        pages.write_dossier(dossier, out)
    finally:
        pages.INLINE_CHARS = budget
    return out


def links(page: Path) -> list[str]:
    text = page.read_text("utf-8")
    return [unescape(h) for h in re.findall(r'(?:href|src)="([^"]+)"', text)] + \
        [target for target in re.findall(r"\]\(([^)\s]+)\)", text)]


def test_a_store_of_several_stories_is_an_index_of_pages(written: Path):
    index = (written / "dossier.html").read_text("utf-8")
    assert re.search(r"in \d stories", index) and "Kenya coffee exports fall" in index
    assert "class=\"report\"" not in index and "Vostochny" not in index  # the stories are not inlined
    stories = sorted((written / "stories").glob("*.html"))
    assert len(stories) >= 2 and len(list((written / "stories").glob("*.md"))) == len(stories)
    shells = next(p for p in stories if "Shells for Russia" in p.read_text("utf-8"))
    assert "Key judgements" in shells.read_text("utf-8") and "Kenya" not in shells.read_text("utf-8")
    markdown = (written / "dossier.md").read_text("utf-8")
    assert "| story | reports |" in markdown and "](stories/" in markdown and "### Claims" not in markdown


def test_every_link_between_the_pages_lands(written: Path):
    assert landing_links(written) > 20


def landing_links(written: Path) -> int:
    """Relative links reach a file, and an anchor an id in it; how many were checked."""
    checked = 0
    for page in written.rglob("*"):
        if page.suffix not in (".html", ".md"):
            continue
        for href in links(page):
            parts = urlsplit(href)
            if parts.scheme:
                continue
            target = (page.parent / parts.path).resolve() if parts.path else page
            assert target.exists(), f"{page.name}: {href}"
            if parts.fragment and target.suffix == ".html":
                assert f'id="{parts.fragment}"' in target.read_text("utf-8"), f"{page.name}: {href}"
            checked += 1
    return checked


def test_a_long_report_is_a_page_of_its_own_with_its_claims_marked(written: Path):
    reports = list((written / "reports").glob("*.html"))
    assert reports, "no report text went to a page of its own"
    for report in reports:
        text = report.read_text("utf-8")
        assert '<a href="../stories/' in text and '<mark class="claim' in text
    story_pages = "".join(p.read_text("utf-8") for p in (written / "stories").glob("*.html"))
    assert 'href="../reports/' in story_pages and "on a page of its own" in story_pages


def test_the_maps_draw_outlines_from_files_beside_the_pages(written: Path):
    story_pages = [p.read_text("utf-8") for p in (written / "stories").glob("*.html")]
    mapped = [page for page in story_pages if 'class="chart map"' in page]
    assert mapped and all('<image href="../shapes/world.svg"' in page for page in mapped)
    assert not any('id="ne-world"' in page for page in story_pages)  # no page carries the world
    if (written / "shapes" / "world.svg").exists():  # with the Natural Earth package installed
        assert (written / "shapes" / "world.svg").read_text("utf-8").startswith("<svg")


def test_one_story_stays_one_self_contained_file(tmp_path: Path, store_path: Path):
    with Store(str(store_path)) as store:
        dossier = gather(store)
    dossier.stories = dossier.stories[:1]
    pages.write_dossier(dossier, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dossier.html", "dossier.md"]
    assert (tmp_path / "dossier.html").read_text("utf-8") == render_html(dossier)
    assert (tmp_path / "dossier.md").read_text("utf-8") == render_markdown(dossier)


def test_inlined_reports_stop_at_the_budget(store_path: Path):
    with Store(str(store_path)) as store:
        story = gather(store).stories[0]
    sizes = [len(view.report.text) for view in story.reports]
    assert pages.inlined(story, sum(sizes)) == {view.report.id for view in story.reports}
    assert pages.inlined(story, min(sizes) - 1) == set()


def test_key_judgements_past_the_cap_are_kept_a_click_away(store_path: Path):
    with Store(str(store_path)) as store:
        story = gather(store).stories[0]
    ranked = story.key_judgements + story.more_key_judgements
    assert len(story.key_judgements) <= KEY_JUDGEMENTS and ranked == story._ranked_key[:len(ranked)]


# -- a table cell's summary --------------------------------------------------------------------


def test_disagreements_are_counted_by_kind_and_the_strongest_shown():
    many = [Disagreement("quantity", False, f"{n} vs {n + 1}") for n in range(36)]
    many.insert(20, Disagreement("date", True, "2023-08 vs 2023-10"))
    assert [str(t) for t in tally(many)] == ["1 conflict (date)", "36 compatible (quantity)"]
    shown = strongest(many)
    assert len(shown) == 3 and shown[0].text == "2023-08 vs 2023-10" and shown[1].text == "0 vs 1"


def test_a_big_cell_is_summarised_in_the_markdown_and_the_html(store_path: Path):
    with Store(str(store_path)) as store:
        dossier = gather(store)
    story = next(s for s in dossier.stories if s.claim_assessments)
    first = story.claim_assessments[0]
    wire = replace(first.origins[0], name="Zebra Wire (its own reporting)")
    claim = replace(first, disagreements=tuple(Disagreement("quantity", False, f"{n} vs {n + 1}") for n in range(36)),
                    origins=(wire, replace(wire, key=wire.key + "-again")))
    story.assessments[story.assessments.index(first)] = claim
    row = next(line for line in render_markdown(dossier).splitlines() if line.startswith(f"| {claim.code} |") and "compatible" in line)
    assert "36 compatible (quantity); the strongest: " in row and row.count("compatible:") == 3
    assert row.count("Zebra Wire") == 1
    html = render_html(dossier)
    assert "36 compatible (quantity); the strongest:" in html and html.count("Zebra Wire") == 1


def test_one_story_of_long_reports_links_their_texts(tmp_path: Path, store_path: Path):
    with Store(str(store_path)) as store:
        dossier = gather(store)
    dossier.stories = dossier.stories[:1]
    budget = pages.INLINE_CHARS
    pages.INLINE_CHARS = 0
    try:
        pages.write_dossier(dossier, tmp_path)
    finally:
        pages.INLINE_CHARS = budget
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dossier.html", "dossier.md", "reports"]
    assert len(list((tmp_path / "reports").iterdir())) == len(dossier.stories[0].reports)
    assert 'href="reports/' in (tmp_path / "dossier.html").read_text("utf-8") and landing_links(tmp_path) > 5
