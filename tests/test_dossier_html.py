"""The HTML dossier: sections, escaping, links that land, and the seeds' page as Chromium draws it."""

from __future__ import annotations

import json
import re
import struct
import subprocess
import zlib
from datetime import date
from pathlib import Path

import pytest

from firsthand import pipeline
from firsthand.events.periods import period
from firsthand.ingest.sources import IngestOptions
from firsthand.model.event import EventDate
from firsthand.pipeline.reader import Reader
from firsthand.present.dossier import gather
from firsthand.present.html import marked_paragraphs, render_html, write_html
from firsthand.store import Store

from conftest import shared_path

CHROMIUM = Path("/usr/bin/chromium")
SECTIONS = ("Key judgements", "Timeline", "Who did what to whom", "Places", "Claims", "Sources", "Reports")

# Two reports written for these tests; the second carries markup that must stay text.
REPORTS = [
    {"outlet": "The Example Times", "published": "2023-11-01T09:00:00+09:00", "title": "Shells for Russia",
     "text": "SEOUL — North Korea has shipped about one million artillery shells to Russia since August, "
             "South Korea's National Intelligence Service told lawmakers on Wednesday.\n"
             "Kim Jong Un met Vladimir Putin at the Vostochny Cosmodrome on Sept. 13, officials said."},
    {"outlet": "Daily <b>Bold</b>", "published": "2023-11-02T10:00:00+00:00", "title": "<script>alert('title')</script> Arms deal",
     "text": "North Korea sent more than one million artillery shells to Russia, the United States said on Thursday.\n"
             "<script>alert('x')</script> Russia denied that it had received any weapons from North Korea."},
]


@pytest.fixture(scope="module")
def reader() -> Reader:
    return Reader()


def build(folder: Path, reader: Reader, *inputs: str) -> Store:
    store = Store(str(folder / "t.sqlite"))
    pipeline.ingest(store, inputs, IngestOptions())
    pipeline.read(store, reader)
    pipeline.assess(store)
    return store


@pytest.fixture(scope="module")
def small(tmp_path_factory, reader) -> str:
    folder = tmp_path_factory.mktemp("small")
    source = folder / "reports.jsonl"
    source.write_text("\n".join(json.dumps(r) for r in REPORTS), encoding="utf-8")
    with build(folder, reader, str(source)) as store:
        return render_html(gather(store))


def test_segments_cut_at_every_span_boundary_and_line_break():
    text = "Alpha beta gamma.\nDelta epsilon."
    paragraphs = marked_paragraphs(text, [(6, 16, "c1"), (11, 24, "c2")])
    assert ["".join(s.text for s in p) for p in paragraphs] == ["Alpha beta gamma.", "Delta epsilon."]
    first = paragraphs[0]
    assert [(s.text, s.claims, s.anchors) for s in first] == [
        ("Alpha ", (), ()), ("beta ", ("c1",), ("c1",)), ("gamma", ("c1", "c2"), ("c2",)), (".", ("c2",), ())]
    assert [(s.text, s.claims) for s in paragraphs[1]] == [("Delta ", ("c2",)), ("epsilon.", ())]


@pytest.mark.parametrize("value, begin, end, expected", [
    ("2023-11-01", None, None, (date(2023, 11, 1), date(2023, 11, 1))),
    ("2023-02", None, None, (date(2023, 2, 1), date(2023, 2, 28))),
    ("2023", None, None, (date(2023, 1, 1), date(2023, 12, 31))),
    ("2023-W44", None, None, (date(2023, 10, 30), date(2023, 11, 5))),
    ("2023-Q3", None, None, (date(2023, 7, 1), date(2023, 9, 30))),
    ("2023-08", "2023-08", "2023-11", (date(2023, 8, 1), date(2023, 11, 30))),
    ("PRESENT_REF", None, None, None),
    ("2023-13", None, None, None),
])
def test_event_dates_cover_their_precision(value, begin, end, expected):
    assert period(EventDate(value, None, value, begin, end)) == expected


def test_every_section_is_there(small):
    for title in SECTIONS:
        assert f"<h3>{title}</h3>" in small
    assert small.count("<svg") >= 3  # timeline, who did what to whom, map
    assert "<mark" in small


def test_report_markup_stays_text(small):
    assert "<script" not in small.lower()
    assert "&lt;script&gt;alert(" in small
    assert "Daily &lt;b&gt;Bold&lt;/b&gt;" in small


def test_self_contained(small):
    # Nothing to fetch: no sources, no stylesheet links, no url() but fragments within the page.
    assert not re.search(r"""\b(src|srcset)\s*=|url\((?!#)|@import|<link\b""", small)


def test_every_link_inside_the_page_lands(small):
    targets = set(re.findall(r'\bid="([^"]+)"', small))
    links = set(re.findall(r'href="#([^"]+)"', small))
    assert {t for t in links if t.startswith("c-")}, "claims link to their sentences"
    assert links <= targets, f"links without a target: {sorted(links - targets)[:5]}"


def test_claim_sentences_are_marked_in_their_reports(small):
    # Every claim the page links to is marked where its anchor stands.
    for claim_id in set(re.findall(r'href="#c-([0-9a-f]+)"', small)):
        assert re.search(f'<a class="anchor" id="c-{claim_id}"></a><mark', small)


def read_png(path: Path) -> tuple[int, int, list[bytes]]:
    """Decode an 8-bit RGB/RGBA non-interlaced PNG (what Chromium writes) into rows of pixels."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, chunks, header = 8, [], None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", data[pos + 8:pos + 8 + length])
        elif kind == b"IDAT":
            chunks.append(data[pos + 8:pos + 8 + length])
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and colour in (2, 6) and not interlace, header
    bpp = 3 if colour == 2 else 4
    raw, stride = zlib.decompress(b"".join(chunks)), width * bpp
    rows, previous = [], bytearray(stride)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if kind == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 0xFF
        elif kind == 2:
            line = bytearray((a + b) & 0xFF for a, b in zip(line, previous))
        elif kind == 3:
            for i in range(stride):
                line[i] = (line[i] + ((line[i - bpp] if i >= bpp else 0) + previous[i]) // 2) & 0xFF
        elif kind == 4:
            for i in range(stride):
                a, b, c = (line[i - bpp] if i >= bpp else 0), previous[i], (previous[i - bpp] if i >= bpp else 0)
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        rows.append(bytes(line) if bpp == 3 else bytes(v for j, v in enumerate(line) if j % 4 != 3))
        previous = line
    return width, height, rows


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium at /usr/bin/chromium (apt-get install chromium)")
def test_seeds_dossier_renders_in_chromium(tmp_path, reader):
    seeds = shared_path("seeds", "seeds.jsonl")
    with build(tmp_path, reader, str(seeds)) as store:
        page = write_html(gather(store), tmp_path / "out")
    shot = tmp_path / "dossier.png"
    subprocess.run([str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
                    f"--screenshot={shot}", "--window-size=1280,4000", page.as_uri()],
                   check=True, capture_output=True, timeout=120)
    width, height, rows = read_png(shot)
    assert (width, height) == (1280, 4000)
    # Content all the way down (judgements, timeline, graph, map, claims): no band of the page is blank.
    for band in range(4):
        part = rows[band * height // 4:(band + 1) * height // 4]
        inked = sum(1 for row in part[::4] for i in range(0, len(row), 12) if sum(row[i:i + 3]) < 600)
        assert inked > 500, f"band {band} of the page is almost blank"
    colours = {row[i:i + 3] for row in rows[::8] for i in range(0, len(row), 24)}
    assert len(colours) > 50, "the charts and grades draw in colour"



def test_a_period_is_dated_since_its_start(small):
    # "shipped … since August": the events of a period are not dated to its first month.
    assert EventDate("2023-08", "month", "since August", "2023-08", "2023-11").label == "since 2023-08"
    assert EventDate("2023-09-13", "day", "Sept. 13").label == "2023-09-13"
    assert re.search(r"<strong>since 2023-08</strong> \(month, “August”", small)
