"""Generated corpora of hostile inputs: files for ingest, and (at the end) databases for --db, report
URLs for links and Host headers for the web app. Each case is built by a rule, not picked by hand.

Every ingest case says what must happen: `"report"` (processed correctly, with an optional check on the
reports, and a one-line note containing `note` when it is given), `"error"` (a one-line error
whose reason contains `reason`), `"some"` (a file of many reports with bad parts: reports for the
good parts and one-line errors for the bad ones), or `"either"` (random damage: anything but a
crash or a hang). The generator is seeded, so a failure reproduces.
"""

from __future__ import annotations

import gzip
import io
import json
import random
import sqlite3
import zipfile
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from firsthand.model.report import Report, normalize_text

from conftest import article

Check = Callable[[list[Report]], None]


@dataclass(frozen=True)
class Case:
    name: str
    filename: str
    data: bytes
    expect: str  # "report", "error", "some" or "either"
    reason: str = ""  # for "error": a part of the reason
    check: Check | None = None  # for "report" and "some": what the reports must show
    note: str = ""  # for "report": a part of the note that must come with it


# Written for these tests: the same news sentence in several languages and scripts.
LANGUAGES = {
    "en": "North Korea has shipped about one million artillery shells to Russia since August, the South Korean spy agency told lawmakers on Wednesday.",
    "fr": "La Corée du Nord a livré environ un million d'obus d'artillerie à la Russie depuis le mois d'août, a déclaré mercredi le service de renseignement sud-coréen aux députés.",
    "ru": "Северная Корея с августа поставила России около миллиона артиллерийских снарядов, сообщила в среду южнокорейская разведка депутатам.",
    "uk": "Північна Корея з серпня передала Росії близько мільйона артилерійських снарядів, повідомила в середу південнокорейська розвідка.",
    "ko": "북한이 8월 이후 러시아에 포탄 약 100만 발을 보냈다고 국가정보원이 수요일 국회에 보고했다.",
    "zh": "韩国国家情报院周三向国会议员表示，朝鲜自八月以来已向俄罗斯运送了约一百万枚炮弹。",
    "ja": "韓国の情報機関は水曜日、北朝鮮が8月以降ロシアに約100万発の砲弾を送ったと国会に報告した。",
}
# What each language's text survives in, besides the UTF forms.
LEGACY = {"en": "latin-1", "fr": "cp1252", "ru": "cp1251", "uk": "koi8-u", "ko": "euc-kr", "zh": "gb18030", "ja": "shift_jis"}
ABSURD = [
    "The ministry said 10^400 shells had been shipped, a figure no one believed.",
    "Officials said the delivery happened on February 30, 2023, and again on 31 June.",
    "A spokesman said 99999999999999999999999999999999 tonnes of grain were lost and -0 were found.",
    "The shipment of 1e400 rounds was due in the year 0, or perhaps on 2023-13-45 at 25:61.",
    "It cost $" + "9" * 5000 + " according to the statement.",
]


def text_is(text: str, language: str | None = None) -> Check:
    """A check: one report, with exactly this text (normalized) and, if given, this language."""
    def check(reports: list[Report]) -> None:
        assert [r.text for r in reports] == [normalize_text(text)], reports[0].text[:80]
        if language:
            assert reports[0].language == language, (reports[0].language, language)
    return check


def language_is(language: str) -> Check:
    def check(reports: list[Report]) -> None:
        assert reports[0].language == language, (reports[0].language, language)
    return check


def _languages() -> Iterator[Case]:
    for code, text in LANGUAGES.items():
        paragraph = "\n\n".join([text] * 3)
        same = text_is(paragraph, code)
        yield Case(f"{code}-utf8", f"{code}.txt", paragraph.encode("utf-8"), "report", check=same)
        yield Case(f"{code}-utf8-bom", f"{code}-bom.txt", paragraph.encode("utf-8-sig"), "report", check=same)
        yield Case(f"{code}-utf16-bom", f"{code}-u16.txt", paragraph.encode("utf-16"), "report", check=same)
        for order in ("le", "be"):
            # Without a mark, UTF-16 is evident only in Latin-script text (every other byte zero).
            expect = "report" if code in ("en", "fr") else "either"
            yield Case(f"{code}-utf16{order}-nobom", f"{code}-u16{order}.txt", paragraph.encode(f"utf-16-{order}"), expect, check=same)
        # Each decoded as what it is (the detector is confident, the text plausible), with a note.
        yield Case(f"{code}-{LEGACY[code]}", f"{code}-legacy.txt", paragraph.encode(LEGACY[code]), "report", check=same,
                   note="decoded as" if code != "en" else "")
        # The page declares lang="en", as many CMS templates do whatever the language.
        page = f'<!doctype html><html lang="en"><head><title>{text[:30]}</title></head><body><article><h1>{text[:30]}</h1><p>{text}</p><p>{text}</p></article></body></html>'
        yield Case(f"{code}-html", f"{code}.html", page.encode("utf-8"), "report", check=language_is(code))
    mixed = LANGUAGES["fr"].encode("utf-8") + LANGUAGES["fr"].encode("latin-1", "replace")
    yield Case("mixed-utf8-latin1", "mixed.txt", mixed, "error", "mixed encodings")
    yield Case("invalid-utf8-only", "invalid.txt", b"North Korea \xff\xfe\xfd shells " * 40, "either")
    yield Case("lone-surrogate-utf16", "surrogate.txt", b"\xff\xfe" + "Kim said".encode("utf-16-le") + b"\x00\xd8" + "ok".encode("utf-16-le"), "error", "invalid UTF-16")


def _binary(rng: random.Random) -> Iterator[Case]:
    for size in (1, 7, 512, 65_536):
        data = bytes(rng.getrandbits(8) for _ in range(size))
        for suffix in (".txt", ".html", ".xml", ".jsonl"):
            # One random byte may well be a letter; only longer noise is certainly binary.
            yield Case(f"random-{size}{suffix}", f"random-{size}{suffix}", data, "error" if size >= 512 else "either", "binary")
    zipped = io.BytesIO()
    with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("bomb.txt", bytes(100_000_000))  # 100 MB of zeros in about 100 KB
    for suffix in (".txt", ".html", ".jsonl"):
        yield Case(f"zip-bomb{suffix}", f"bomb{suffix}", zipped.getvalue(), "error", "binary")
    gzipped = gzip.compress(article().encode() * 1000)
    yield Case("gzip-named-html", "page.html", gzipped, "error", "binary")
    yield Case("png-named-txt", "image.txt", b"\x89PNG\r\n\x1a\n" + bytes(rng.getrandbits(8) for _ in range(2000)), "error", "binary")


def _markup() -> Iterator[Case]:
    body = LANGUAGES["en"]
    yield Case("nested-divs-100k", "nested.html", ("<html><body>" + "<div>" * 100_000 + f"<p>{body}</p>" + "</div>" * 100_000 + "</body></html>").encode(), "either")
    yield Case("unclosed-tags", "unclosed.html", ("<html><body>" + f"<div><span><b><i>{body} " * 20_000).encode(), "either")
    yield Case("nested-tables", "tables.html", ("<html><body>" + "<table><tr><td>" * 5000 + body + "</td></tr></table>" * 5000).encode(), "either")
    # Quadratic in trafilatura's helpers (minutes without the time limit).
    attributes = " ".join(f'a{i}="{i}"' for i in range(30_000))
    yield Case("attribute-flood", "attrs.html", f"<html><body><p {attributes}>{body}</p></body></html>".encode(), "either")
    hostile = (
        "<!doctype html><html><head><title>Shells</title><script>var secret = 'SCRIPT-CONTENT-LEAK';</script>"
        "<style>body{background:url('STYLE-CONTENT-LEAK')}</style></head><body><article>"
        f"<p onclick=\"alert('HANDLER-LEAK')\" onmouseover=\"steal()\">{body}</p>"
        "<script>document.write('SCRIPT-CONTENT-LEAK')</script>"
        "<p>Officials in Seoul said the shipments had continued for months, the agency said on Wednesday.</p>"
        "<img src=x onerror=\"alert('HANDLER-LEAK')\"><iframe src=\"javascript:alert('IFRAME-LEAK')\"></iframe>"
        "<noscript>Enable scripts.</noscript></article></body></html>"
    )

    def no_code(reports: list[Report]) -> None:
        assert "North Korea has shipped" in reports[0].text and "Officials in Seoul" in reports[0].text
        assert "LEAK" not in reports[0].text, reports[0].text

    yield Case("scripts-and-handlers", "scripts.html", hostile.encode(), "report", check=no_code)
    laughs = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
    for name, dtd, use in (("billion-laughs", laughs, "&lol9;"),
                           ("xxe-passwd", '<!ENTITY xxe SYSTEM "file:///etc/passwd">', "&xxe;"),
                           ("xxe-parameter", '<!ENTITY % ext SYSTEM "file:///etc/passwd"> %ext;', "x")):
        feed = (f'<?xml version="1.0"?><!DOCTYPE rss [{dtd}]><rss version="2.0"><channel><title>T {use}</title>'
                f"<item><title>{use}</title><link>https://example.com/a</link><description>{use}</description></item></channel></rss>")
        yield Case(f"{name}-feed", f"{name}.xml", feed.encode(), "error", "declares XML entities")
        page = f'<?xml version="1.0"?><!DOCTYPE html [{dtd}]><html><body><article><p>{body} {use}</p></article></body></html>'

        def not_expanded(reports: list[Report]) -> None:
            assert "root:" not in reports[0].text and "lollollol" not in reports[0].text

        yield Case(f"{name}-html", f"{name}.html", page.encode(), "report", check=not_expanded)


def _sizes(rng: random.Random) -> Iterator[Case]:
    yield Case("zero-bytes", "zero.txt", b"", "error", "empty")
    yield Case("only-whitespace", "space.txt", b" \r\n\t \n", "error", "empty")
    for char in ("a", "7", "é", "北", "Ж", ".", "\u200b"):
        def one_char(reports: list[Report], char: str = char) -> None:
            assert [r.text for r in reports] == [char]

        yield Case(f"one-char-{ord(char):x}", f"one-{ord(char):x}.txt", char.encode(), "report", check=one_char)
    yield Case("one-char-jsonl", "one.jsonl", json.dumps({"text": "x"}).encode(), "report")
    yield Case("empty-text-jsonl", "empty.jsonl", json.dumps({"text": ""}).encode(), "error", "")
    words = "shells Russia said the agency officials border rail".split()
    long_line = " ".join(rng.choice(words) for _ in range(200_000))  # ~1.4 MB in one line, no sentence end
    yield Case("one-huge-line", "line.txt", long_line.encode(), "report")


def _absurd() -> Iterator[Case]:
    for index, text in enumerate(ABSURD):
        yield Case(f"absurd-{index}", f"absurd-{index}.txt", text.encode(), "report", check=text_is(text))
    values = ["2023-02-30", "0000", "2023-13", "0001-01-01T00:00:00+05:00", "9999-12-31T23:59:59-05:00", "February 30", 10**400, -1, True]
    for index, value in enumerate(values):
        line = json.dumps({"text": ABSURD[1], "published": value})
        yield Case(f"published-{str(value)[:12]}", f"published-{index}.jsonl", line.encode(), "error", "unreadable publication time")
    yield Case("json-huge-numbers", "numbers.jsonl", b'{"text": "x", "outlet": 1e400}\n{"text": "y", "title": ' + b"9" * 5000 + b"}", "either")
    yield Case("json-deep-nesting", "deep.jsonl", ("[" * 100_000 + "]" * 100_000).encode(), "error", "invalid JSON")


def _damaged(rng: random.Random, count: int) -> Iterator[Case]:
    """Valid inputs with seeded random damage: bytes flipped, cut, spliced or repeated."""
    seeds = [("page.html", article().encode()),
             ("feed.xml", b'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title><item><title>A</title>'
                          b"<link>http://127.0.0.1:9/a</link><pubDate>Wed, 01 Nov 2023 08:00:00 GMT</pubDate></item></channel></rss>"),
             ("rows.jsonl", (json.dumps({"text": LANGUAGES["en"], "published": "2023-11-01", "outlet": "Wire"}) + "\n").encode() * 3)]
    for index in range(count):
        filename, data = seeds[index % len(seeds)]
        data = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            position = rng.randrange(len(data))
            action = rng.choice(("flip", "cut", "splice", "repeat", "insert"))
            if action == "flip":
                data[position] = rng.getrandbits(8)
            elif action == "cut":
                del data[position: position + rng.randint(1, 200)]
            elif action == "splice":
                data[position:position] = rng.choice([b"<", b">", b"&", b"\x00", b"\"", b"<!--", b"]]>", b"\xff", b"<![CDATA["])
            elif action == "repeat":
                data[position:position] = data[position: position + rng.randint(1, 50)] * rng.randint(2, 200)
            else:
                data[position:position] = bytes(rng.getrandbits(8) for _ in range(rng.randint(1, 20)))
            if not data:
                break
        yield Case(f"damaged-{index}-{filename}", f"damaged-{index}-{filename}", bytes(data), "either")


BODY = LANGUAGES["en"]
# Front matter broken in every way a hand or a tool breaks it; the text is always the body alone.
BROKEN_FRONT_MATTER = {
    "unclosed": "---\ntitle: Never closed\nauthor: x\n\n",
    "tab-indent": "---\ntitle: a\n\tauthor: b\n---\n",
    "bad-indent": "---\ntitle: a\n  - b\n c: d\n---\n",
    "a-list": "---\n- one\n- two\n---\n",
    "a-sentence": "---\nNorth Korea said: nothing\n---\n",
    "empty": "---\n---\n",
    "alias-bomb": "---\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)) + "title: *i\nauthor: *i\n---\n",
    "deep-flow": "---\ntitle: " + "[" * 50_000 + "]" * 50_000 + "\n---\n",
    "deep-block": "---\n" + "".join("  " * i + "a:\n" for i in range(2000)) + "---\n",
    "python-tag": "---\ntitle: !!python/object/apply:os.system ['echo LEAK']\n---\n",
    "control-chars": "---\ntitle: \x01\x02\x1b[31m\n---\n",
    "huge-title": "---\ntitle: " + "x" * 2_000_000 + "\n---\n",
    "impossible-date": "---\ndate: 2023-02-30\npublished: true\ntitle: x\n---\n",
    "odd-types": "---\ntitle: [1, 2]\nauthor: {a: {b: c}}\ndate: .inf\nurl: javascript:alert(1)\nlang: <script>\n---\n",
    "duplicate-keys": "---\ntitle: a\ntitle: b\n---\n",
    "crlf": "---\r\ntitle: Windows\r\n---\r\n",
    "many-dashes": "----------\ntitle: x\n----------\n",
    "toml-broken": "+++\ntitle = 'unclosed\n+++\n",
    "toml-duplicate": "+++\ntitle = 'a'\ntitle = 'b'\n+++\n",
    "toml-unclosed": "+++\ntitle = 'a'\n\n",
    "toml-deep": "+++\ntitle = " + "[" * 50_000 + "]" * 50_000 + "\n+++\n",
}


def _front_matter() -> Iterator[Case]:
    for name, front in BROKEN_FRONT_MATTER.items():
        yield Case(f"front-matter-{name}", f"fm-{name}.md", (front + BODY + "\n").encode(), "report", check=text_is(BODY))


def _markdown() -> Iterator[Case]:
    table = "| " + " | ".join(f"c{i}" for i in range(20)) + " |\n|" + "---|" * 20 + "\n" + ("| " + " | ".join(
        "x" for _ in range(20)) + " |\n") * 500
    for name, text in {
        "huge-table": table + "\n" + BODY,
        "image-flood": "![North Korea](x.png) " * 2000 + BODY,
        "linked-images": "[![Russia](a.png)](https://example.org) " * 1000 + BODY,
        "html-blocks": "<div>\n<script>alert('LEAK')</script>\n</div>\n\n<!-- LEAK -->\n\n" + BODY,
        "footnote-flood": BODY + "".join(f"[^{i}]" for i in range(3000)) + "\n\n" + "".join(f"[^{i}]: LEAK {i}\n" for i in range(3000)),
        "url-flood": " ".join(f"https://example.org/LEAK/{i}" for i in range(3000)) + "\n\n" + BODY,
    }.items():
        yield Case(f"markdown-{name}", f"md-{name}.md", text.encode(), "report", check=text_is(BODY))
    for name, text in {
        "deep-quotes": ">" * 20_000 + " " + BODY,
        "deep-lists": "\n".join("  " * i + "- item" for i in range(1000)) + "\n\n" + BODY,
        "emphasis-flood": "*_" * 2_000 + BODY,
        "bracket-flood": "[" * 2_000 + BODY,
        "link-flood": "[a](" * 1_000 + BODY,
        "backtick-flood": "`" * 50_000 + BODY,
        "entity-flood": "&amp;" * 1_000 + BODY,
    }.items():
        yield Case(f"markdown-{name}", f"md-{name}.md", text.encode(), "either")
    yield Case("markdown-only-images", "md-images.md", b"![one](1.png)\n\n![two](2.png)\n", "error", "no prose")


def _invalid_utf8() -> Iterator[Case]:
    """A long UTF-8 text (curly quotes, accents) with one kind of invalid sequence: replaced, with a
    warning; the same damage everywhere: refused."""
    text = (BODY + " “We will respond,” the café owner said — twice. ") * 4
    for name, bad in {"overlong": b"\xc0\xaf", "surrogate": b"\xed\xa0\x80", "five-byte": b"\xf8\x88\x80\x80\x80",
                      "above-unicode": b"\xf4\x90\x80\x80", "lone-continuation": b"\x80", "bom-bytes": b"\xfe\xff",
                      "cut-sequence": b"\xe2\x80"}.items():
        data = text.encode()
        middle = len(data) // 2
        while data[middle] & 0xC0 == 0x80:  # not inside a character
            middle += 1

        def replaced(reports: list[Report]) -> None:
            assert "\ufffd" in reports[0].text and "We will respond" in reports[0].text

        yield Case(f"utf8-{name}", f"utf8-{name}.txt", data[:middle] + bad + data[middle:], "report", check=replaced,
                   note="replaced with U+FFFD")
        yield Case(f"utf8-{name}-at-end", f"utf8-{name}-end.txt", data + bad, "report", check=replaced, note="replaced with U+FFFD")
        damaged = b"".join(data[i:i + 20] + bad for i in range(0, len(data), 20))
        yield Case(f"utf8-{name}-everywhere", f"utf8-{name}-all.txt", damaged, "error", "invalid UTF-8 byte sequence(s)")
    # One long word (no spaces to split at) with stray bytes: decoded in linear time (a backtracking
    # regular expression once took 136 s on a 10 KB page). Sizes here are kept small: the corpus is also read.
    yield Case("utf8-long-word", "utf8-word.txt", b"x" * 3_000 + b"\xc0\xaf\x80" + b"y" * 3_000, "either")


def _jsonl_lines() -> Iterator[Case]:
    """Good lines between bad ones (CRLF line ends, a byte order mark first): each bad line is one
    error naming its position, and every good line a report."""
    good = [json.dumps({"text": f"Report {i}: {BODY}", "published": "2023-11-01"}).encode() for i in range(4)]
    good.append(json.dumps({"text": f"Separator\u2028inside: {BODY}"}, ensure_ascii=False).encode())
    bad = [b"{broken", b'{"text": "x" "y"}', '{"text": "Россия"}'.encode("cp1251"), b"[1, 2]", b'{"url": 5}',
           b'{"text": "x", "published": "2023-02-30"}', b"[" * 5000 + b"]" * 5000, b'{"text": "x", "title": ' + b"9" * 5000 + b"}",
           b'{"text": "\xff\xfe"}', b"\x00\x01{}", b"\r"]
    lines = [line for index, line in enumerate(bad) for line in ((good[index],) if index < len(good) else ()) + (line,)]

    def good_ones(reports: list[Report]) -> None:
        assert [r.text.split(":")[0] for r in reports] == ["Report 0", "Report 1", "Report 2", "Report 3", "Separator\u2028inside"]

    yield Case("jsonl-bad-lines", "lines.jsonl", "\ufeff".encode() + b"\r\n".join(lines), "some", check=good_ones)


def _feeds() -> Iterator[Case]:
    long_text = " ".join([BODY] * 10)  # over the words that make an entry's text the article
    rss = f"""<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>F</title>
<item><title>Own content</title><content:encoded><![CDATA[<p>{BODY}</p><script>LEAK()</script>]]></content:encoded></item>
<item><title>Own summary</title><description>&lt;p&gt;{BODY}&lt;/p&gt;</description></item>
<item><title>Full text</title><link>http://127.0.0.1:9/never</link><content:encoded><![CDATA[<p>{long_text}</p>]]></content:encoded></item>
</channel></rss>"""

    def entries(reports: list[Report]) -> None:
        assert [r.title for r in reports] == ["Own content", "Own summary", "Full text"]
        assert reports[0].text == reports[1].text == BODY and reports[2].text == long_text

    yield Case("feed-entry-text", "entries.rss", rss.encode(), "report", check=entries)
    refused = rss.replace("<item><title>Own content", "<item><title>Refused link</title><link>http://127.0.0.1:9/a</link>"
                          f"<description>{BODY}</description></item><item><title>Own content")

    def fallback(reports: list[Report]) -> None:
        assert reports[0].title == "Refused link" and reports[0].text == BODY

    yield Case("feed-link-fails", "fallback.rss", refused.encode(), "report", check=fallback, note="own text of the entry")
    atom = f"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>
<entry><title>Atom</title><content type="html">&lt;p&gt;{BODY}&lt;/p&gt;</content><summary>Short.</summary></entry>
<entry><title>Plain</title><content type="text">{BODY}</content></entry></feed>"""

    def both(reports: list[Report]) -> None:
        assert [r.text for r in reports] == [BODY, BODY]

    yield Case("feed-atom-content", "entries.atom", atom.encode(), "report", check=both)
    empty = '<?xml version="1.0"?><rss version="2.0"><channel><title>F</title><item><title>Nothing</title><description>  </description></item></channel></rss>'
    yield Case("feed-no-link-no-text", "empty.rss", empty.encode(), "error", "no entries with a link or text")
    huge = rss.replace(BODY, " ".join([BODY] * 20), 1)
    yield Case("feed-huge-entry", "huge.rss", huge.encode(), "either")


def corpus(seed: int = 2023, damaged: int = 60) -> list[Case]:
    rng = random.Random(seed)
    return [*_languages(), *_binary(rng), *_markup(), *_sizes(rng), *_absurd(), *_front_matter(), *_markdown(),
            *_invalid_utf8(), *_jsonl_lines(), *_feeds(), *_damaged(rng, damaged)]


# -- hostile stores: what `--db` may point at besides a firsthand store ----------------------------


@dataclass(frozen=True)
class StoreCase:
    name: str
    make: Callable[[Path], Path]  # writes the case into a folder, returns the path to give as --db
    reason: str  # a part of the one-line error


def _foreign(journal: str, extra: str = "") -> Callable[[Path], Path]:
    """Another program's SQLite file, with a `reports` table of its own (and rows in it)."""
    def make(folder: Path) -> Path:
        path = folder / "accounts.sqlite"
        with closing(sqlite3.connect(path)) as connection:
            connection.execute(f"PRAGMA journal_mode={journal}")
            connection.execute("CREATE TABLE reports (id INTEGER PRIMARY KEY, quarter TEXT, revenue REAL)")
            connection.executemany("INSERT INTO reports (quarter, revenue) VALUES (?, ?)", [("2023-Q3", 1.5), ("2023-Q4", 2.25)])
            if extra:
                connection.execute(extra)
            connection.commit()
        return path
    return make


def _bytes(name: str, data: bytes) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        (folder / name).write_bytes(data)
        return folder / name
    return make


def _folder(folder: Path) -> Path:
    (folder / "store.sqlite").mkdir()
    (folder / "store.sqlite" / "notes.txt").write_text("not a database")
    return folder / "store.sqlite"


def _damaged_store(folder: Path) -> Path:
    """The first half of a real SQLite file: a header that promises pages that are not there."""
    path = folder / "half.sqlite"
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("CREATE TABLE reports (id TEXT PRIMARY KEY, text TEXT)")
        connection.executemany("INSERT INTO reports VALUES (?, ?)", [(str(i), "x" * 2000) for i in range(40)])
        connection.commit()
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    return path


def hostile_stores(seed: int = 2023) -> list[StoreCase]:
    rng = random.Random(seed)
    return [
        StoreCase("foreign-sqlite", _foreign("DELETE"), "not a firsthand store"),
        StoreCase("foreign-sqlite-wal", _foreign("WAL"), "not a firsthand store"),
        # A table named like firsthand's marker does not make a store firsthand's.
        StoreCase("foreign-schema-version", _foreign("DELETE", "CREATE TABLE schema_version (version INTEGER)"), "not a firsthand store"),
        StoreCase("text-file", _bytes("notes.sqlite", b"North Korea shipped shells to Russia.\n" * 50), "not a SQLite database"),
        # Shorter than a page: SQLite itself reads such a file as an empty database.
        StoreCase("short-text-file", _bytes("todo.sqlite", b"call the desk\n"), "not a SQLite database"),
        StoreCase("random-bytes", _bytes("noise.sqlite", bytes(rng.getrandbits(8) for _ in range(8192))), "not a SQLite database"),
        StoreCase("sqlite-header-then-noise", _bytes("forged.sqlite", b"SQLite format 3\x00" + bytes(rng.getrandbits(8) for _ in range(8192))), "not a SQLite database"),
        # A header cut short, flagged as WAL: reading it as SQLite would a live file leaves -wal/-shm files.
        StoreCase("sqlite-header-cut-short", _bytes("short.sqlite", b"SQLite format 3\x00\x00\x00\x00\x02"), "not a SQLite database"),
        StoreCase("half-a-database", _damaged_store, "damaged"),
        StoreCase("folder", _folder, "a folder"),
    ]


# -- hostile report URLs: only http(s) becomes a link ----------------------------------------------


@dataclass(frozen=True)
class LinkCase:
    name: str
    url: str
    link: bool  # whether a page may make it a link


def hostile_links() -> list[LinkCase]:
    """Report URLs as feeds and JSONL may carry them: script schemes in the spellings browsers
    accept (any case, leading blanks and control characters, tabs and line breaks inside the
    scheme), other schemes, and http(s) URLs that try to leave their attribute."""
    script = "alert(document.cookie)"
    cases = [LinkCase(f"javascript-{i}", url, False) for i, url in enumerate([
        f"javascript:{script}", f"JavaScript:{script}", f"JAVASCRIPT:{script}", f" javascript:{script}",
        f"\tjavascript:{script}", f"\x01javascript:{script}", f"java\tscript:{script}", f"java\nscript:{script}",
        f"java\rscript:{script}", f"javascript\t:{script}", "javascript:%61lert(1)", f"javascript://example.org/%0a{script}",
    ])]
    cases += [
        LinkCase("data-html", "data:text/html,<script>alert(1)</script>", False),
        LinkCase("data-base64", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", False),
        LinkCase("vbscript", "vbscript:msgbox(1)", False),
        LinkCase("file", "file:///etc/passwd", False),
        LinkCase("ftp", "ftp://example.org/report.txt", False),
        LinkCase("protocol-relative", "//evil.example/page", False),
        LinkCase("no-host", "http:///nowhere", False),
        LinkCase("http-then-space-scheme", "http ://example.org/", False),
        LinkCase("https", "https://example.org/2023/11/01/shells.html", True),
        LinkCase("http-upper", "HTTP://EXAMPLE.ORG/NEWS", True),
        LinkCase("https-quote", 'https://example.org/a"onmouseover="alert(1)', True),
        LinkCase("https-angle", "https://example.org/<script>alert(1)</script>", True),
        LinkCase("https-query", "https://example.org/search?q=shells&lang=en", True),
    ]
    return cases


# -- forged Host headers: what a page rebinding its own name to 127.0.0.1 sends --------------------


@dataclass(frozen=True)
class HostCase:
    name: str
    host: str  # the Host header, "{port}" standing for the server's port
    allowed: bool


def hostile_hosts() -> list[HostCase]:
    allowed = [("localhost", "localhost:{port}"), ("loopback-v4", "127.0.0.1:{port}"), ("loopback-v6", "[::1]:{port}"),
               ("localhost-capitals", "LocalHost:{port}")]
    refused = [("rebound-name", "evil.example:{port}"), ("rebound-name-no-port", "evil.example"),
               ("loopback-prefix", "127.0.0.1.evil.example:{port}"), ("localhost-prefix", "localhost.evil.example:{port}"),
               ("userinfo", "127.0.0.1@evil.example:{port}"), ("any-address", "0.0.0.0:{port}"),
               ("other-loopback", "127.0.0.2:{port}"), ("trailing-dot", "localhost.:{port}"), ("empty", ""),
               ("port-only", ":{port}"), ("two-ports", "localhost:{port}:{port}"), ("bad-port", "localhost:http"),
               ("v6-unbracketed", "::1"), ("v6-mapped", "[::ffff:127.0.0.1]:{port}"), ("space", "localhost :{port}")]
    return [HostCase(name, host, True) for name, host in allowed] + [HostCase(name, host, False) for name, host in refused]
