"""Property-based tests (hypothesis) of the defences, for any input: which URLs become links,
which Host headers are answered, which bytes a store is opened over (and left as they were),
and PLOVER dates."""

from __future__ import annotations

import re
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import given, settings, strategies as st

from firsthand.events.plover_json import to_plover
from firsthand.model.event import Event, EventDate, TextRef
from firsthand.present.links import web_link
from firsthand.store import Access, Store, StoreError
from firsthand.web.security import LOOPBACK_NAMES, AllowedHosts

# What browsers drop from a URL before reading its scheme (WHATWG URL: leading and trailing C0
# controls and spaces; tabs and line breaks anywhere).
C0_OR_SPACE = "".join(map(chr, range(0x21)))
blanks = st.text(st.sampled_from(list(C0_OR_SPACE)), max_size=4)


def as_a_browser_reads(url: str) -> str:
    return re.sub(r"[\t\n\r]", "", url).strip(C0_OR_SPACE)


@st.composite
def mangled(draw, word: str) -> str:
    """`word` in any case, with tabs and line breaks between its letters."""
    return "".join(draw(st.sampled_from([c.lower(), c.upper()])) + draw(st.text("\t\n\r", max_size=1)) for c in word)


@given(st.text(max_size=60))
def test_a_link_is_always_http_or_https_as_a_browser_reads_it(url: str):
    if web_link(url) is not None:
        assert re.match(r"https?://", as_a_browser_reads(url), re.I), url


@given(blanks, st.sampled_from(["javascript", "vbscript", "data", "file", "about", "blob"]).flatmap(mangled),
       st.text(max_size=40))
def test_no_script_or_local_scheme_is_ever_a_link(before: str, scheme: str, rest: str):
    assert web_link(f"{before}{scheme}:{rest}") is None


@given(st.sampled_from(["http", "https"]).flatmap(mangled), st.from_regex(r"[a-z0-9-]{1,20}(\.[a-z]{2,6}){1,2}", fullmatch=True),
       st.text(st.characters(exclude_categories=("Cs", "Cc", "Zs")), max_size=30))
def test_an_http_url_with_a_host_is_a_link(scheme: str, host: str, path: str):
    url = f"{scheme}://{host}/{path}"
    assert web_link(url) == url


LOOPBACK_HOST = re.compile(r"(localhost|127\.0\.0\.1|\[::1\])(:(\d+))?", re.I)
hosts = st.one_of(
    st.text(max_size=30),
    st.builds(lambda name, sep, port: f"{name}{sep}{port}", st.sampled_from([*LOOPBACK_NAMES, "LOCALHOST", "evil.example", "::1", "127.1"]),
              st.sampled_from([":", "", "::", ": ", "@", "."]), st.one_of(st.integers(0, 99999).map(str), st.text(max_size=6))),
)


@given(hosts)
def test_only_loopback_names_are_allowed_by_default(header: str):
    allowed = AllowedHosts(LOOPBACK_NAMES).allows(header)
    found = LOOPBACK_HOST.fullmatch(header)
    if allowed:
        assert found, header
    elif found:
        assert found[3] and int(found[3]) > 65535, header  # only an impossible port is refused


@given(hosts, st.integers(1, 65535))
def test_an_allowed_port_is_that_port(header: str, port: int):
    if AllowedHosts(tuple(f"{name}:{port}" for name in LOOPBACK_NAMES)).allows(header):
        assert header.rsplit(":", 1)[1] == str(port)


@given(st.one_of(st.binary(max_size=3000), st.binary(max_size=3000).map(lambda data: b"SQLite format 3\x00" + data)),
       st.sampled_from(list(Access)))
@settings(deadline=None)
def test_a_store_is_never_opened_over_bytes_that_are_not_one_and_they_are_left_as_they_were(data: bytes, access: Access):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.sqlite"
        path.write_bytes(data)
        try:
            Store(str(path), access).close()
            opened = True
        except StoreError as error:
            assert "\n" not in str(error) and str(path) in str(error)
            opened = False
        if not opened or data:
            # Refused, or opened over a database that was there: the bytes are as they were (an
            # empty file opened to create a store is the one case that is written).
            assert not opened and path.read_bytes() == data and sorted(p.name for p in Path(folder).iterdir()) == ["x.sqlite"]
        else:
            assert access is Access.CREATE


DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
values = st.one_of(
    st.dates(min_value=date(1, 1, 1)).map(lambda d: (d.isoformat(), "day")),
    st.dates(min_value=date(1, 1, 1)).map(lambda d: (d.isoformat()[:7], "month")),
    st.dates(min_value=date(1, 1, 1)).map(lambda d: (d.isoformat()[:4], "year")),
    st.builds(lambda y, w: (f"{y:04d}-W{w:02d}", "week"), st.integers(1, 9999), st.integers(0, 60)),
    st.tuples(st.text(max_size=12), st.none()),
)


@given(values)
def test_plover_dates_are_days_or_null(value: tuple[str, str | None]):
    record = to_plover(Event("AID", None, (), [], [], date=EventDate(value[0], value[1], "the words"),
                             spans=[TextRef("r", 0, 1)]))
    assert record["date"] is None and record["comment"] or DAY.match(record["date"]), record
    if "enddate" in record:
        assert DAY.match(record["enddate"]) and record["enddate"] > record["date"]
