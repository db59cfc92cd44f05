"""Coverage-guided fuzzing (atheris) of HTML, feed, JSONL, text and Markdown ingest (front matter,
encodings included), for a bounded time.

    python -m bench.fuzz_ingest --minutes 5

Each input is written as a file of the kind its first byte picks and ingested into a SQLite store
that already holds a few reports, exactly as `firsthand ingest` does. A crash is an exception
escaping ingest or an "internal error" line (ingest turns unexpected exceptions into those); a
hang is an input over the per-input limit (libFuzzer's -timeout); data lost is a stored report
changed or gone. Network fetches (feed entries, JSONL urls) are refused without a lookup.
Prints the counts, and exits non-zero if anything was found.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.common import ROOT

SUFFIXES = (".html", ".xml", ".jsonl", ".txt", ".md")
SEEDS = {
    ".html": b'<!doctype html><html lang="en"><head><title>Shells</title><meta name="author" content="J. Doe">'
             b'<meta property="article:published_time" content="2023-11-01T08:30:00+09:00"></head><body><article>'
             b"<h1>Shells shipped</h1><p>SEOUL, South Korea \xe2\x80\x94 North Korea has shipped about one million "
             b"artillery shells to Russia, the spy agency said.</p><p>Officials said on Wednesday the shipments "
             b"continued.</p><script>var x = 1;</script></article></body></html>",
    ".xml": b'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed</title><item><title>One</title>'
            b"<link>https://example.org/a</link><pubDate>Wed, 01 Nov 2023 08:00:00 GMT</pubDate></item>"
            b'<item><title>Two</title><link>https://example.org/b</link></item></channel></rss>',
    ".jsonl": b'{"text": "North Korea shipped shells, the agency said.", "published": "2023-11", "outlet": "Wire"}\n'
              b'{"url": "https://example.org/c", "title": "T", "published": "2023-11-01T10:00:00+03:00"}\n',
    ".txt": b"+++\ntitle = 'Shells'\ndate = 2023-11-01T08:30:00+09:00\n+++\n"
            + "KYIV, Ukraine (AP) — Officials said 10^400 shells arrived on February 30. Ça va. Северная Корея.".encode()
            + b" Stray \xff\xfe\xc3( bytes \x80\x81.",
    ".md": b"---\ntitle: \"Shells\"\ndate: 2023-11-01\nauthors: [A. Salmon, {name: J. Doe}]\npublished: true\n---\n"
           b"# Shells for Russia\n\nThe **NIS** told _lawmakers_ that [North Korea](https://example.org) shipped shells.[^1]"
           b" See https://example.org/x and <https://example.org/y>.\n\n![alt](a.png)\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
           b"```\ncode\n```\n\n<div>html</div>\n\n- item\n\n> quote\n\n[^1]: A citation.\n",
}
# More seeds of a kind already seeded: feeds whose entries carry their own text, JSONL with bad lines.
MORE_SEEDS = [
    (".xml", b'<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
             b"<title>Feed</title><item><title>Own text</title><content:encoded><![CDATA[<p>North Korea shipped shells, "
             b"officials said.</p>]]></content:encoded></item><item><title>Link fails</title><link>https://example.org/a"
             b"</link><description>&lt;p&gt;Russia denied it.&lt;/p&gt;</description></item></channel></rss>"),
    (".xml", b'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><entry>'
             b'<title>Atom</title><content type="html">&lt;p&gt;Shells shipped.&lt;/p&gt;</content><summary>S.</summary>'
             b"</entry></feed>"),
    (".jsonl", b'\xef\xbb\xbf{"text": "Good line.", "published": "2023-11-01"}\r\n{broken\r\n{"text": "\xff"}\n'
               b'{"text": "Separator\xe2\x80\xa8inside."}\n'),
]
BASE = [f"Base report {i}: North Korea shipped shells to Russia, officials said." for i in range(3)]


def child(args: argparse.Namespace) -> None:
    import atheris

    # Coverage guidance over ingest and the parsers it drives; the store and spaCy (imported by
    # the pipeline) are left uninstrumented, which keeps start-up and each run fast.
    with atheris.instrument_imports(include=["firsthand.ingest", "trafilatura", "feedparser", "justext", "htmldate",
                                             "charset_normalizer", "markdown_it", "mdit_py_plugins", "linkify_it",
                                             "frontmatter"]):
        from firsthand.ingest import sources
        from firsthand.ingest.problem import IngestError
        from firsthand.ingest.sources import IngestOptions
        from firsthand.model.report import Report
    from firsthand.pipeline import ingest
    from firsthand.store import Store

    def no_network(url, _policy):
        raise IngestError(url, "network disabled while fuzzing")

    sources.fetch = no_network
    work = Path(args.work)
    store = Store(str(work / "fuzz.sqlite"))
    base = [Report(text=text, source=f"base-{i}") for i, text in enumerate(BASE)]
    for report in base:
        store.add_report(report)
    options = IngestOptions(seconds=args.limit)
    status = {"inputs": 0, "internal_errors": [], "lost": 0}

    def check_and_save() -> None:
        status["lost"] = sum(store.report(r.id) != r for r in base)
        (work / "status.json").write_text(json.dumps(status))

    def one_input(data: bytes) -> None:
        if not data:
            return
        path = work / f"input{SUFFIXES[data[0] % len(SUFFIXES)]}"
        path.write_bytes(data[1:])
        summary = ingest(store, [str(path)], options)
        status["inputs"] += 1
        internal = [str(e) for e in summary.errors if "internal error" in e.reason]
        if internal:
            status["internal_errors"].append(internal[0])
            check_and_save()
            raise RuntimeError(internal[0])
        if status["inputs"] % 100 == 0:
            check_and_save()

    atheris.Setup([sys.argv[0], *args.libfuzzer], one_input)
    check_and_save()
    atheris.Fuzz()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=5.0)
    parser.add_argument("--limit", type=float, default=10.0, help="extraction seconds per input (IngestOptions.seconds)")
    parser.add_argument("--artifacts", type=Path, default=ROOT / "out" / "fuzz", help="where crashing inputs are kept")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--work", help=argparse.SUPPRESS)
    parser.add_argument("libfuzzer", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    args.artifacts.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        seeds = Path(work) / "seeds"
        seeds.mkdir()
        for index, (suffix, data) in enumerate([*SEEDS.items(), *MORE_SEEDS]):
            (seeds / f"seed{index}").write_bytes(bytes([SUFFIXES.index(suffix)]) + data)
        seconds = int(args.minutes * 60)
        libfuzzer = [f"-max_total_time={seconds}", f"-timeout={int(args.limit * 3)}", "-rss_limit_mb=3072",
                     "-max_len=65536", f"-artifact_prefix={args.artifacts}/", str(seeds)]
        command = [sys.executable, "-m", "bench.fuzz_ingest", "--child", "--work", work, "--limit", str(args.limit), "--", *libfuzzer]
        run = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": "0"})
        log = run.stdout + run.stderr
        status = json.loads((Path(work) / "status.json").read_text())
        done = re.findall(r"#(\d+)\s+DONE", log)
        hangs = log.count("ALARM: working on the last Unit")
        crashes = max(len(status["internal_errors"]), log.count("Uncaught Python exception"))
        ooms = log.count("out-of-memory")
        print(f"ran {seconds} s; inputs tried: {done[-1] if done else status['inputs']} "
              f"(ingested through the store: {status['inputs']}); crashes: {crashes}; hangs: {hangs}; "
              f"out of memory: {ooms}; data lost: {status['lost']}")
        for line in status["internal_errors"][:5]:
            print(f"  crash: {line}")
        for artifact in re.findall(r"Test unit written to (\S+)", log):
            print(f"  input kept: {artifact}")
        if run.returncode != 0 and not (crashes or hangs or ooms):
            print(log[-3000:], file=sys.stderr)
        sys.exit(1 if crashes or hangs or ooms or status["lost"] else 0)


if __name__ == "__main__":
    main()
