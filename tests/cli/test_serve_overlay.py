"""The preview server's parts that need no running server: the error overlay (every text of a
diagnostic shown as text, whatever it holds), where the overlay and the live script go in a page,
which request paths are files of the site, and when a page's token changes."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from builder.serve.state import PreviewState, page_key
from builder.serve.server import (OVERLAY_ID, WAIT_DEFAULT_S, WAIT_MAX_S, PreviewServer, allowed_host, confined,
                                 inject, overlay_html, wait_seconds)
from builder.common.diagnostics import Diagnostic, printable

OVERLAY_TAGS = {"div", "p", "ul", "li", "code", "strong"}


class Tags(HTMLParser):
    """Every start tag (with its attributes) and the text, as a browser's tokenizer reads them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.text = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    def handle_comment(self, data):
        self.tags.append(("<!--", {}))

    def handle_decl(self, decl):
        self.tags.append(("<!", {}))

    def handle_pi(self, data):
        self.tags.append(("<?", {}))


def read(markup: str) -> Tags:
    t = Tags()
    t.feed(markup)
    t.close()
    return t


HOSTILE = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '"><svg onload=alert(1)>',
    "</ul></div><script>x()</script>", "<!-- comment -->", "<![CDATA[x]]>", "&lt;already&gt;",
    "&#x3C;script&#x3E;", "<style>*{display:none}</style>", "javascript:alert(1)",
    "it's a \"quote\"", "\u202eevil\u202c", "line\x1b[31mred", "</body></html>", "\x00nul",
    "<a href='http://example.org'>link</a>", "{{ 7*7 }}", "<?php ?>", "Zoë O'Brien-Łukasz",
]


def diag(text: str, line: int | None = 3) -> Diagnostic:
    return Diagnostic(f"schools/{text}.yml", line, "error", "E-KEY", f"unknown key '{text}'", text)


@pytest.mark.parametrize("text", HOSTILE)
def test_the_overlay_shows_hostile_text_as_text(text):
    t = read(overlay_html([diag(text)]))
    assert {tag for tag, _ in t.tags} <= OVERLAY_TAGS
    shown = "".join(t.text)
    assert f"schools/{printable(text)}.yml:3" in shown
    assert f"unknown key '{printable(text)}'" in shown
    assert f"[{printable(text)}]" in shown


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.text(), st.text(), st.text(), st.one_of(st.none(), st.integers(1, 10**6))),
                min_size=1, max_size=4))
def test_any_diagnostic_text_stays_text(rows):
    diags = [Diagnostic(path, line, "error", "E-KEY", message, school or None)
             for path, message, school, line in rows]
    t = read(overlay_html(diags))
    assert {tag for tag, _ in t.tags} <= OVERLAY_TAGS
    assert [a.get("id") for tag, a in t.tags if tag == "div"] == [OVERLAY_ID]
    assert sum(1 for tag, _ in t.tags if tag == "li") == len(diags)
    shown = "".join(t.text)
    for d in diags:
        assert d.format() in shown   # as the terminal prints it


def test_the_overlay_is_an_alert_that_takes_focus_and_counts_the_errors():
    t = read(overlay_html([diag("a"), diag("b")]))
    tag, attrs = t.tags[0]
    assert tag == "div" and attrs["role"] == "alert" and attrs["tabindex"] == "-1"
    assert "The pack has 2 errors" in "".join(t.text)
    assert "The pack has 1 error:" in "".join(read(overlay_html([diag("a")])).text)


PAGES = [
    b"<!doctype html><html><head></head><body><main>x</main></body></html>",
    b"<html><BODY class=\"a\" data-x='>'><main>x</main></BODY></html>",
    b"<main>no body at all</main>",
    b"<!-- <body> in a comment --><body><main>two</main></body><!-- </body> in a comment -->",
]


@pytest.mark.parametrize("page", PAGES)
def test_the_overlay_and_the_script_come_first_in_the_body(page):
    out = inject(page, "school/index.html", "abc123", [diag("x")]).decode()
    at = out.index('<script src="/__preview__/live.js"')
    assert out.index(OVERLAY_ID) < at < out.index("<main")
    assert 'data-page="school/index.html" data-token="abc123" defer' in out
    if b"<body" in page.lower():
        body = re.search(r"<body\b[^>]*>", re.sub(r"<!--.*?-->", "", out), re.I)
        assert body and re.sub(r"<!--.*?-->", "", out)[body.end():].startswith(f'<div id="{OVERLAY_ID}"')
    assert out.replace(out[out.index(f'<div id="{OVERLAY_ID}"'):at + out[at:].index("</script>") + 9], "") \
        == page.decode()
    plain = inject(page, "school/index.html", "abc123", []).decode()
    assert OVERLAY_ID not in plain and "/__preview__/live.js" in plain


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_a_hostile_page_name_cannot_leave_the_script_tag(name):
    out = inject(b"<body></body>", name, "t", []).decode()
    scripts = [a for tag, a in read(out).tags if tag == "script"]
    assert scripts == [{"src": "/__preview__/live.js", "data-page": name, "data-token": "t", "defer": None}]


# ------------------------------------------------------------------ which paths are served

INSIDE = {"/": "", "/vine-tree/": "vine-tree", "/vine-tree/index.html": "vine-tree/index.html",
          "/vine-tree/policies/staff-code.html": "vine-tree/policies/staff-code.html",
          "/vine-tree/pdf/staff%20code.pdf": "vine-tree/pdf/staff code.pdf",
          "/caf%C3%A9.html": "café.html"}
OUTSIDE = ["/..", "/../etc/passwd", "/a/../../b", "/%2e%2e/x", "/a/%2e%2e/%2e%2e/x", "/a//b",
           "/a/./b", "/.hidden", "/a/.site.tmp", "/a%00b", "/a\\..\\b", "/a%5c..%5cb", "/%ff.html",
           "/a/b/..", "/./", "/%2e", "/vine-tree/%2e%2e%2f%2e%2e%2fetc%2fpasswd"]


@pytest.mark.parametrize("path,rel", INSIDE.items())
def test_a_path_of_the_site_is_served(path, rel):
    assert confined(path) == rel


@pytest.mark.parametrize("path", OUTSIDE)
def test_a_path_leaving_the_site_is_refused(path):
    assert confined(path) is None


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["..", ".", "", "a", "b.html", "%2e%2e", "%2f", "%5c", "%00",
                                 ".git", "\\", "%", "%e2%80%ae", "~"]), max_size=8))
def test_no_request_path_leaves_the_site(parts):
    rel = confined("/" + "/".join(parts))
    if rel is None:
        return
    root = Path("/srv/site")
    assert not rel.startswith("/")
    assert all(p not in ("", ".", "..") and not p.startswith(".") for p in rel.split("/")) or rel == ""
    assert "\\" not in rel and "\0" not in rel
    assert (root / rel).resolve().is_relative_to(root.resolve())


def test_page_names():
    assert page_key("") == "index.html"
    assert page_key("/vine-tree") == "vine-tree/index.html"
    assert page_key("vine-tree/") == "vine-tree/index.html"
    assert page_key("vine-tree/policies/a.html") == "vine-tree/policies/a.html"
    assert page_key("vine-tree/pdf/a.pdf") == "vine-tree/pdf/a.pdf"


# ------------------------------------------------------------------ when a page is told to reload

def test_a_page_token_follows_its_own_bytes_the_theme_and_the_errors_only():
    s = PreviewState(pages={"a.html": "1", "b.html": "2"}, assets="t1")
    a, b = s.token("a.html"), s.token("b.html")
    s.pages["a.html"] = "1b"
    assert s.token("a.html") != a and s.token("b.html") == b
    a = s.token("a.html")
    s.errors = [diag("x")]
    assert s.token("a.html") != a and s.token("b.html") != b
    s.errors = []
    assert s.token("b.html") == b
    s.assets = "t2"
    assert s.token("b.html") != b
    assert s.token("never-built.html") != s.token("b.html")


def test_a_wait_returns_at_once_for_a_stale_token_and_times_out_for_a_current_one():
    s = PreviewState(pages={"a.html": "1"})
    assert s.wait("a.html", "stale", 5) == (True, s.token("a.html"))
    assert s.wait("a.html", s.token("a.html"), 0.01) == (False, s.token("a.html"))


def test_the_serve_codes_are_declared():
    """Declared in builder/common/codes.py with an example and a fix of their own: rows of the
    docs' diagnostics tables, which are written from there."""
    from builder.common.codes import CODES
    for code in ("E-PREVIEW", "E-SERVE"):
        assert code in CODES and CODES[code].example, code


@pytest.mark.parametrize("raw, seconds", [("5", 5.0), ("0.5", 0.5), ("0", 0.0), ("nan", WAIT_DEFAULT_S),
                                          ("inf", WAIT_DEFAULT_S), ("1e9", WAIT_DEFAULT_S), ("-1", WAIT_DEFAULT_S),
                                          ("abc", WAIT_DEFAULT_S), ("", WAIT_DEFAULT_S), ("9999", WAIT_MAX_S)])
def test_a_waits_timeout_is_read_strictly_and_bounded(raw, seconds):
    assert wait_seconds(raw) == seconds


@pytest.mark.parametrize("host, ok", [("127.0.0.1:8000", True), ("localhost:8000", True), ("[::1]:8000", True),
                                      ("192.168.1.20:8000", True), ("evil.example:8000", False),
                                      ("127.0.0.1:8001", False), ("127.0.0.1", False), ("", False),
                                      ("localhost.evil.example:8000", False), ("[::1:8000", False)])
def test_only_the_previews_own_address_is_answered(host, ok):
    assert allowed_host(host, 8000) is ok


def test_a_foreign_host_or_origin_gets_no_page(tmp_path):
    import http.client
    (tmp_path / "index.html").write_text("<html><body>draft</body></html>", encoding="utf-8")
    server = PreviewServer(("127.0.0.1", 0), tmp_path, PreviewState())
    server.serve_in_background()
    port = server.server_address[1]
    try:
        def get(path, **headers):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            conn.putrequest("GET", path, skip_host=True)
            for k, v in headers.items():
                conn.putheader(k, v)
            conn.endheaders()
            r = conn.getresponse()
            body = r.read()
            conn.close()
            return r.status, body
        assert get("/index.html", Host=f"127.0.0.1:{port}")[0] == 200
        status, body = get("/index.html", Host=f"evil.example:{port}")
        assert status == 403 and b"draft" not in body
        assert get("/__preview__/state", Host=f"127.0.0.1:{port}", Origin="http://evil.example")[0] == 403
        assert get("/__preview__/state", Host=f"127.0.0.1:{port}", Origin=f"http://127.0.0.1:{port}")[0] == 200
    finally:
        server.shutdown()
        server.server_close()


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=12))
def test_any_timeout_text_gives_a_bounded_wait(raw):
    seconds = wait_seconds(raw)
    assert 0.0 <= seconds <= WAIT_MAX_S


@settings(max_examples=300, deadline=None)
@given(st.from_regex(r"[a-z0-9.\-]{1,30}", fullmatch=True), st.integers(1, 65535))
def test_no_name_but_localhost_is_answered(name, port):
    import ipaddress as _ip
    try:
        _ip.ip_address(name)
        literal = True
    except ValueError:
        literal = False
    assert allowed_host(f"{name}:{port}", port) is (literal or name == "localhost")
    assert not allowed_host(f"{name}:{port}", port % 65535 + 1)
