"""Ingest: every input kind becomes Reports with their metadata; bad inputs become one-line errors."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from firsthand.ingest.fetch import FetchPolicy
from firsthand.ingest.problem import IngestError, IngestNote
from firsthand.ingest.sources import IngestOptions, expand, reports_from
from firsthand.model.report import Report, content_id

from conftest import article

LOCAL = IngestOptions(fetch=FetchPolicy(allow_private=True, timeout=5))


def only(items: list) -> Report:
    assert len(items) == 1 and isinstance(items[0], Report), items
    return items[0]


def noted(items: list) -> tuple[Report, IngestNote]:
    """The one report of an input and the one note that came with it."""
    notes = [item for item in items if isinstance(item, IngestNote)]
    assert len(notes) == 1 and len(items) == 2, items
    return only([item for item in items if not isinstance(item, IngestNote)]), notes[0]


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
    assert [e.source for e in errors] == [f"{path}:2", f"{path}:3", f"{path}:5:2"]
    assert errors[2].reason == "invalid JSON: Expecting property name enclosed in double quotes"


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


def test_legacy_single_byte_encoding_is_decoded_with_a_note(tmp_path: Path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("The café owner in Paris said the shipment of wine had arrived on Tuesday, as expected.".encode("latin-1"))
    report, note = noted(list(reports_from(str(path))))
    assert "café" in report.text
    assert note.level == "note" and "decoded as cp1252" in note.reason


def test_unreachable_url_and_missing_file(tmp_path: Path):
    import socket

    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert "unreachable" in error_of(list(reports_from(f"http://127.0.0.1:{port}/", LOCAL))).reason
    assert "no such file" in error_of(list(reports_from(str(tmp_path / "nope.txt")))).reason


# Encodings: real byte sequences, each decoded as what it is, or refused; never silent mojibake.
PARAGRAPH = ("The ministry said on Tuesday that {bad} North Korea fired {worse} missiles into the sea. Officials in "
             "Seoul said the launch was the third this month, and that the missiles flew about 600 kilometres before "
             "falling outside Japan's exclusive economic zone. The United States and South Korea condemned the launch, "
             "and the UN Security Council is to meet on Friday, diplomats said. Analysts said the tests were meant to "
             "show that the North's weapons programme continues despite sanctions, and that more launches were likely.")


def test_stray_bytes_in_utf8_are_replaced_with_a_warning_not_read_as_cp1251(tmp_path: Path):
    # The probe's bytes: this file was stored as "said on Tuesday that яюГ( North Korea fired ЂЃ missiles".
    path = tmp_path / "probe.txt"
    path.write_bytes(PARAGRAPH.replace("{bad}", "\\xff\\xfe\\xc3(").replace("{worse}", "\\x80\\x81").encode("ascii")
                     .decode("unicode_escape").encode("latin-1"))
    report, note = noted(list(reports_from(str(path))))
    assert "said on Tuesday that \ufffd\ufffd\ufffd( North Korea fired \ufffd\ufffd missiles" in report.text
    assert not any("\u0400" <= char <= "\u04ff" for char in report.text)
    assert note.level == "warning" and note.source == str(path)
    assert note.reason == "5 invalid UTF-8 byte sequence(s) (the first at byte 34) replaced with U+FFFD"


def test_cp1252_with_curly_quotes_is_decoded_with_a_note(tmp_path: Path):
    text = PARAGRAPH.format(bad="\u201cthe enemy\u2019s provocations\u201d \u2014", worse="two")
    path = tmp_path / "windows.txt"
    path.write_bytes(text.encode("cp1252"))
    report, note = noted(list(reports_from(str(path))))
    assert report.text == text and report.language == "en"
    assert str(note) == f"{path}: not UTF-8; decoded as cp1252, the detector's confident fit"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
def test_unicode_with_or_without_a_byte_order_mark_is_decoded_silently(tmp_path: Path, encoding: str):
    text = PARAGRAPH.format(bad="\u201cCafé Zürich\u201d", worse="two")
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    assert only(list(reports_from(str(path)))).text == text


def test_russian_in_cp1251_is_decoded_as_russian_and_said_so(tmp_path: Path):
    # Decoded, and marked Russian: reading skips it as not English, as it does Russian in UTF-8.
    text = "Северная Корея с августа поставила России около миллиона артиллерийских снарядов, сообщила в среду разведка."
    path = tmp_path / "ru.txt"
    path.write_bytes(text.encode("cp1251"))
    report, note = noted(list(reports_from(str(path))))
    assert report.text == text and report.language == "ru"
    assert "decoded as cp1251" in note.reason


def test_bytes_no_encoding_fits_are_refused(tmp_path: Path):
    path = tmp_path / "noise.txt"
    path.write_bytes(b"North Korea \xff\xfe\xfd shells " * 40)
    error = error_of(list(reports_from(str(path))))
    assert error.reason == ("not UTF-8 (120 invalid UTF-8 byte sequence(s), the first at byte 12) "
                            "and no other encoding fits with confidence")


# JSONL: every bad line named by its position; the other lines are ingested.
def test_jsonl_errors_name_line_and_column_and_the_rest_is_ingested(tmp_path: Path):
    path = tmp_path / "rows.jsonl"
    good = json.dumps({"text": "North Korea delivered shells, the agency said.", "outlet": "Wire"}).encode()
    separator = json.dumps({"text": "Russia denied it\u2028the same day, the ministry said."}, ensure_ascii=False).encode()
    path.write_bytes(b"\n".join([good, b'{"text": "x", "outlet": "Wire" "title": "y"}', "{\"text\": \"Россия\"}".encode("cp1251"),
                                 separator, b'{"text": "unterminated', good.replace(b"delivered", b"sent")]))
    items = list(reports_from(str(path)))
    errors = [item for item in items if isinstance(item, IngestError)]
    assert [str(error) for error in errors] == [
        f"{path}:2:32: invalid JSON: Expecting ',' delimiter",
        f"{path}:3:11: invalid UTF-8 (JSON text is UTF-8)",
        f"{path}:5:10: invalid JSON: Unterminated string starting at",
    ]
    texts = [item.text for item in items if isinstance(item, Report)]
    assert texts == ["North Korea delivered shells, the agency said.", "Russia denied it\u2028the same day, the ministry said.",
                     "North Korea sent shells, the agency said."]


# Feeds: an entry's own text serves when it has no link, when the link fails, or when it is the article.
ARTICLE_WORDS = " ".join(["Officials in Seoul said the shipments of artillery shells to Russia had continued for months."] * 12)


def test_feed_entries_own_text(web):
    page = web.add("/page", article("Fetched story"))
    feed = web.add("/feed.xml", f"""<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Example Feed</title>
<item><title>No link</title><description>&lt;p&gt;North Korea fired a missile, &lt;b&gt;officials&lt;/b&gt; said.&lt;/p&gt;</description></item>
<item><title>Broken link</title><link>{web.base}/gone</link><description>Russia denied the shipments, the ministry said.</description></item>
<item><title>Full text</title><link>{web.base}/never-fetched</link><description>A summary.</description>
<content:encoded><![CDATA[<p>{ARTICLE_WORDS}</p><img src="x.png">]]></content:encoded></item>
<item><title>Summary only</title><link>{page}</link><description>A short summary of the fetched story.</description></item>
<item><title>Nothing</title><link>{web.base}/gone-too</link></item>
<item><title>Bad link</title><link>javascript:alert(1)</link></item>
</channel></rss>""", "application/rss+xml")
    items = list(reports_from(feed, LOCAL))
    reports = {item.title: item for item in items if isinstance(item, Report)}
    assert reports["No link"].text == "North Korea fired a missile, officials said."
    assert reports["No link"].outlet == "Example Feed" and reports["No link"].url is None
    assert reports["Broken link"].text == "Russia denied the shipments, the ministry said."
    assert reports["Full text"].text == ARTICLE_WORDS and reports["Full text"].url == f"{web.base}/never-fetched"
    assert "one million artillery shells" in reports["Summary only"].text
    notes = [item for item in items if isinstance(item, IngestNote)]
    assert [str(note) for note in notes] == [f"{web.base}/gone: HTTP 404; the feed's own text of the entry is used instead"]
    assert [str(item) for item in items if isinstance(item, IngestError)] == [
        f"{web.base}/gone-too: HTTP 404",
        f"{feed} (entry 'Bad link'): the entry's link is not an http(s) URL ('javascript:alert(1)') and it has no text"]


# Folders: what a walk leaves out is counted, by kind.
def test_folder_walk_counts_what_it_skips(tmp_path: Path):
    from collections import Counter

    from firsthand.ingest.sources import skipped_line

    (tmp_path / "a" / ".cache").mkdir(parents=True)
    for name in ("one.txt", "scan.pdf", "a/two.PDF", "a/three.pdf", "logo.png", "a/chart.png", "notes", "a/.hidden.md",
                 "a/.cache/x.txt", "a/.cache/y.txt", "README.md", "a/report.markdown"):
        (tmp_path / name).write_text("x")
    skipped: Counter[str] = Counter()
    found = [Path(p).relative_to(tmp_path).as_posix() for p in expand([str(tmp_path)], skipped)]
    assert found == ["a/report.markdown", "one.txt"]
    assert skipped_line(skipped) == "skipped 9 file(s) that are not reports: 3 .pdf, 2 .png, 2 hidden, 1 README or licence, 1 no extension"


def test_a_reuters_file_with_one_stray_byte_is_ingested_whole():
    # reut2-017.sgm has one 0xfc in 1.5 MB of ASCII: it was refused whole ("internal error"), 940 stories lost.
    from firsthand.ingest.decode import decode

    from conftest import shared_path

    decoded = decode(shared_path("reuters21578", "reut2-017.sgm").read_bytes(), "reut2-017.sgm")
    assert decoded.note is not None and decoded.note.reason.startswith("1 invalid UTF-8 byte sequence(s) (the first at byte 1519554)")
    assert decoded.text.count("<REUTERS ") == 1000 and "growth.\ufffd&#5;" in decoded.text
