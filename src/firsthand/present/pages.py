"""The dossier as files in one folder. A one-story store's `dossier.md` and `dossier.html` are each
one self-contained file (unless its reports' texts pass INLINE_CHARS: those are then pages of their
own beside it). A bigger store's are an index of its stories, each story a page of its own
(`stories/ID.md`, `stories/ID.html`), and a story's report texts are inlined into its page only up
to INLINE_CHARS in all, the others each on a page of its own (`reports/ID.html`): no page carries
the whole store, and a page's size follows its story's."""

from __future__ import annotations

from pathlib import Path

from .dossier import Dossier, StoryView
from .html import StoryPage, marked_reports, page_defs, render_html, render_page, story_page
from .markdown import render_markdown, render_md_page
from .worldmap import shape_files

INLINE_CHARS = 100_000  # report text a story page inlines; longer stories link the rest
STORIES, REPORTS, SHAPES = "stories", "reports", "shapes"


def write_dossier(dossier: Dossier, out_dir: Path) -> list[Path]:
    """dossier.md and dossier.html, and with more than one story the pages they index."""
    out_dir.mkdir(parents=True, exist_ok=True)
    markdown, html = out_dir / "dossier.md", out_dir / "dossier.html"
    if len(dossier.stories) <= 1:
        markdown.write_text(render_markdown(dossier), encoding="utf-8")
        story = dossier.stories[0] if dossier.stories else None
        inline = inlined(story) if story else set()
        if story is None or len(inline) == len(story.reports):
            html.write_text(render_html(dossier), encoding="utf-8")
        else:  # one story of long reports: the page, and the texts past the budget beside it
            (out_dir / REPORTS).mkdir(exist_ok=True)
            page = story_page(story, inline, REPORTS)
            html.write_text(render_page("dossier.html.j2", dossier=dossier, pages=[page], world=page_defs([page])),
                            encoding="utf-8")
            _write_reports(story, inline, page, dossier, out_dir, "../dossier.html")
        return [markdown, html]
    for folder in (STORIES, REPORTS, SHAPES):
        (out_dir / folder).mkdir(exist_ok=True)
    named: set[str] = set()
    for story in dossier.stories:  # one at a time: a page's marked texts and charts are dropped once written
        named |= _write_story(story, dossier, out_dir)
    for name, svg in shape_files(named).items():
        (out_dir / SHAPES / name).write_text(svg, encoding="utf-8")
    markdown.write_text(render_md_page("index.md.j2", dossier=dossier, stories=STORIES), encoding="utf-8")
    html.write_text(render_page("index.html.j2", dossier=dossier, stories=STORIES), encoding="utf-8")
    return [markdown, html]


def inlined(story: StoryView, budget: int | None = None) -> set[str]:
    """The reports whose text fits the story page, in the story's order, until the budget (by
    default INLINE_CHARS) is spent."""
    budget = INLINE_CHARS if budget is None else budget
    chosen: set[str] = set()
    for view in story.reports:
        if len(view.report.text) <= budget:
            chosen.add(view.report.id)
            budget -= len(view.report.text)
    return chosen


def _write_story(story: StoryView, dossier: Dossier, out_dir: Path) -> set[str]:
    """Write a story's pages; the countries its map shades."""
    name = story.row.id
    (out_dir / STORIES / f"{name}.md").write_text(
        render_md_page("story.md.j2", dossier=dossier, story=story, index="../dossier.md", paged=True), encoding="utf-8")
    inline = inlined(story)
    page = story_page(story, inline, f"../{REPORTS}", f"../{SHAPES}")
    (out_dir / STORIES / f"{name}.html").write_text(
        render_page("story.html.j2", dossier=dossier, page=page, index="../dossier.html", paged=True), encoding="utf-8")
    _write_reports(story, inline, page, dossier, out_dir, f"../{STORIES}/{name}.html")
    return set(page.shaded) if page.places else set()


def _write_reports(story: StoryView, inline: set[str], page: StoryPage, dossier: Dossier, out_dir: Path, back: str) -> None:
    """A page for each report of the story whose text its page does not inline, linking `back` to it."""
    for rp in marked_reports(story, {view.report.id for view in story.reports} - inline):
        if rp.paragraphs is not None:  # None: inlined in the story's page
            (out_dir / REPORTS / f"{rp.view.report.id}.html").write_text(
                render_page("report.html.j2", dossier=dossier, page=page, rp=rp, story=back), encoding="utf-8")


__all__ = ["INLINE_CHARS", "inlined", "write_dossier"]
