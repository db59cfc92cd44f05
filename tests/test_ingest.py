"""Ingest: every input kind becomes Reports with their metadata; bad inputs become one-line errors."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from firsthand.ingest.fetch import FetchPolicy
from firsthand.ingest.problem import IngestError
from firsthand.ingest.sources import IngestOptions, expand, reports_from
from firsthand.model.report import Report, content_id

from conftest import article

LOCAL = IngestOptions(fetch=FetchPolicy(allow_private=True, timeout=5))


def only(items: list) -> Report:
    assert len(items) == 1 and isinstance(items[0], Report), items
    return items[0]


def error_of(items: list) -> IngestError:
    assert len(items) == 1 and isinstance(items[0], IngestError), items
    return items[0]


def test_same_text_same_id_whatever_the_spacing():
    a = Report(text="North Korea shipped shells.\r\n\r\n\r\nRussia denies it.  ")
    b = Report(text="  North Korea shipped   shells.\n\nRussia denies it.")
    assert a.id == b.id == content_id(a.text)
    assert a.text == "North Korea shipped shells.\n\nRussia denies it."
    assert Report(text="North Korea shipped shells.").id != a.id


def test_plain_text_keeps_dateline_and_language(tmp_path: Path):
    path = tmp_path / "story.txt"
    path.write_text("SEOUL, South Korea — North Korea has delivered shells to Russia, the agency said on Wednesday.\n")
    report = only(list(reports_from(str(path))))
    assert report.dateline == "SEOUL, South Korea"
    assert report.language == "en"
    assert report.source == str(path)
    assert report.published is None


def test_published_option_applies_only_when_the_report_has_no_time(tmp_path: Path):
    path = tmp_path / "story.txt"
    path.write_text("North Korea has delivered shells to Russia, the agency said on Wednesday, officials said.")
    when = datetime(2023, 11, 1, 9, tzinfo=UTC)
    assert only(list(reports_from(str(path), IngestOptions(published=when)))).published == when


def test_html_main_text_and_metadata(tmp_path: Path):
    path = tmp_path / "page.html"
    path.write_text(article("Shells shipped to Russia"))
    report = only(list(reports_from(str(path))))
    assert report.title == "Shells shipped to Russia"
    assert report.byline == "Jane Doe"
    assert report.outlet == "The Example Times"
    assert report.language == "en"
    assert report.published is not None and report.published.utcoffset() is not None
    assert report.published.date().isoformat() in ("2023-10-31", "2023-11-01")
    assert "one million artillery shells" in report.text
    assert "Subscribe" not in report.text and "Cookie" not in report.text


def test_jsonl_rows_with_metadata_and_a_bad_line(tmp_path: Path):
    path = tmp_path / "reports.jsonl"
    rows = [
        {"text": "North Korea delivered shells, the agency said.", "outlet": "Wire", "published": "2023-11", "byline": "X"},
        "not an object",
        {"title": "no text or url"},
        {"text": "Russia denies violating sanctions, the ministry said.", "published": "2023-11-01T10:00:00+03:00"},
    ]
    path.write_text("\n".join(json.dumps(row) for row in rows) + "\n{broken json\n")
    items = list(reports_from(str(path)))
    reports = [item for item in items if isinstance(item, Report)]
    errors = [item for item in items if isinstance(item, IngestError)]
    assert [r.outlet for r in reports] == ["Wire", None]
    assert reports[0].published_precision == "month" and reports[0].published_label == "2023-11"
    assert reports[1].published == datetime(2023, 11, 1, 7, tzinfo=UTC)
    assert [e.source for e in errors] == [f"{path}:2", f"{path}:3", f"{path}:5"]


SGML = """<!DOCTYPE lewis SYSTEM "lewis.dtd">
<REUTERS TOPICS="YES" NEWID="1">
<DATE>26-FEB-1987 15:01:01.79</DATE>
<TEXT>&#2;
<TITLE>COCOA REVIEW</TITLE>
<DATELINE>    SALVADOR, Feb 26 - </DATELINE><BODY>Showers continued throughout the week
in the cocoa zone, alleviating the drought.
    Arrivals for the week were 155,221 bags, traders said &lt;quoted&gt;.
 Reuter
&#3;</BODY></TEXT>
</REUTERS>
<REUTERS TOPICS="NO" NEWID="2">
<DATE>26-FEB-1987 15:02:20.00</DATE>
<TEXT TYPE="BRIEF">&#2;
<TITLE>A BRIEF WITH NO BODY</TITLE>
</TEXT>
</REUTERS>
"""


def test_reuters_sgml(tmp_path: Path):
    path = tmp_path / "reut2-000.sgm"
    path.write_text(SGML)
    report = only(list(reports_from(str(path))))
    assert report.outlet == "Reuters" and report.title == "COCOA REVIEW"
    assert report.published == datetime(1987, 2, 26, 15, 1, 1, 790000, tzinfo=UTC)
    assert report.text.endswith("traders said <quoted>.")
    assert report.text.startswith("Showers continued throughout the week\nin the cocoa zone, alleviating the drought.\n\nArrivals")
    assert report.source.endswith("#1")


def test_folder_is_walked_recursively_skipping_hidden(tmp_path: Path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    for name in ("a/one.txt", "a/b/two.html", ".git/config.txt", "a/.hidden.txt", "a/README.md", "a/LICENSE.txt", "a/logo.png", "a/feed.xml"):
        (tmp_path / name).write_text("x")
    found = [Path(p).relative_to(tmp_path).as_posix() for p in expand([str(tmp_path)])]
    assert found == ["a/b/two.html", "a/feed.xml", "a/one.txt"]


def test_url_and_feed_from_a_local_server(web):
    one = web.add("/one", article("First story"))
    two = web.add("/two", article("Second story", "Russia denies it has violated sanctions on North Korea, the ministry said."))
    feed = web.add("/feed.xml", f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Example Feed</title>
        <item><title>Feed title one</title><link>{one}</link><pubDate>Wed, 01 Nov 2023 08:00:00 GMT</pubDate></item>
        <item><title>Feed title two</title><link>{two}</link></item>
        <item><title>Gone</title><link>{web.base}/missing</link></item></channel></rss>""", "application/rss+xml")
    page = only(list(reports_from(one, LOCAL)))
    assert page.url == one and page.title == "First story"
    items = list(reports_from(feed, LOCAL))
    reports = [item for item in items if isinstance(item, Report)]
    assert [r.title for r in reports] == ["Feed title one", "Feed title two"]
    assert reports[0].outlet == "Example Feed" and reports[0].published == datetime(2023, 11, 1, 8, tzinfo=UTC)
    assert error_of([item for item in items if isinstance(item, IngestError)]).reason == "HTTP 404"


def test_only_web_urls_are_fetched():
    from firsthand.ingest.fetch import resolve

    with pytest.raises(IngestError, match="only http and https"):
        resolve("file:///etc/passwd", FetchPolicy(allow_private=True))


def test_redirects_are_followed(web):
    target = web.add("/target", article("Moved story"))
    start = web.add("/start", "", status=302, Location="/target")
    assert only(list(reports_from(start, LOCAL))).url == target


def test_private_addresses_are_refused_by_default(web):
    url = web.add("/one", article())
    error = error_of(list(reports_from(url)))
    assert "refused" in error.reason and "--allow-private" in error.reason
    assert "refused" in error_of(list(reports_from("http://169.254.169.254/latest/meta-data/"))).reason
    assert "refused" in error_of(list(reports_from("http://[::1]:8080/"))).reason


def test_response_size_cap(web):
    url = web.add("/big", article(body="word " * 50_000))
    options = IngestOptions(fetch=FetchPolicy(allow_private=True, max_bytes=10_000))
    assert "limit" in error_of(list(reports_from(url, options))).reason


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "binary"),
        ("empty.txt", b"", "empty"),
        ("blank.txt", b" \n\t\n", "empty"),
        ("mixed.txt", "North Korea café ".encode() + b"\xe9\xff shells", "invalid UTF-8"),
        ("broken.xml", b"<?xml version='1.0'?><rss><channel><item><title>x</ti", "malformed feed"),
        ("nothing.html", b"<html><body><script>var a = 1;</script></body></html>", "no main text"),
    ],
)
def test_bad_inputs_give_one_reason(tmp_path: Path, name: str, content: bytes, reason: str):
    path = tmp_path / name
    path.write_bytes(content)
    error = error_of(list(reports_from(str(path))))
    assert error.source == str(path) and reason in error.reason
    assert "\n" not in str(error)


def test_huge_html_is_refused_before_reading(tmp_path: Path):
    path = tmp_path / "huge.html"
    chunk = "<p>" + "North Korea shipped shells to Russia, officials said. " * 20 + "</p>\n"
    with path.open("w") as out:
        out.write("<html><body>")
        while out.tell() < 50_000_000:
            out.write(chunk)
        out.write("</body></html>")
    error = error_of(list(reports_from(str(path))))
    assert "over the 20.0 MB limit" in error.reason


def test_legacy_single_byte_encoding_is_decoded(tmp_path: Path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("The café owner in Paris said the shipment of wine had arrived on Tuesday, as expected.".encode("latin-1"))
    assert "café" in only(list(reports_from(str(path)))).text


def test_unreachable_url_and_missing_file(tmp_path: Path):
    import socket

    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert "unreachable" in error_of(list(reports_from(f"http://127.0.0.1:{port}/", LOCAL))).reason
    assert "no such file" in error_of(list(reports_from(str(tmp_path / "nope.txt")))).reason
