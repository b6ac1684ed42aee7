"""Escaping, the HTML safe list, and no network: a hostile school value is literal text in every
page and PDF; policy text cannot carry scripts, handlers, frames, styles or remote images; a
build opens no socket and WeasyPrint loads nothing."""

from __future__ import annotations

import html as html_lib
import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser

import pytest

from tests.support import ROOT

from tests.support.bad_inputs import TODAY, copy_small_pack, sub

from builder.cli.main import main
from tests.support import pdf_text, squash

HOSTILE = ("Oak <script>alert(\"x\")</script> & 'Sons' *bold* _u_ [home](javascript:alert(1)) "
           "{{ 7 * 7 }} {% if true %}yes{% endif %} &amp; #1")
# (hostile, yet shaped as a name: brackets or a template gap in a name are refused by the checks
# before anything is built, which tests/checks covers)
HOSTILE_PERSON = "Sam \"Rocky\" O'Reid & <b onclick=\"x`y`\">Co</b>"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile")
    pack = copy_small_pack(base / "pack")
    sub(pack, "schools/oak.yml", "name: Oak Primary", "name: " + json.dumps(HOSTILE))
    sub(pack, "schools/oak.yml", "dsl: {name: Sam Reid,", "dsl: {name: " + json.dumps(HOSTILE_PERSON) + ",")
    out = base / "site"
    assert main(["--project", str(pack), "build", "--out", str(out), "--today", TODAY, "-j", "1",
                 "-q"]) == 0
    return out


def visible(page: str) -> str:
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S | re.I)
    return re.sub(r"\s+", " ", html_lib.unescape(re.sub(r"<[^>]+>", " ", page)))


def test_hostile_value_is_never_markup(hostile_site):
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) >= 5
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "<script>alert" not in text, page
        # the handler is literal text (its quotes need no escaping there), never an attribute
        assert not any("onclick" in attrs for _tag, attrs in real_tags(text)), page
        assert not re.search(r"""(href|src)\s*=\s*["']?\s*javascript:""", text, re.I), page
        assert "Larkspur Schools Trust yes" not in visible(text), page  # Jinja in a value is not run


@pytest.mark.parametrize("rel", ["oak/index.html", "oak/policies/online-code.html",
                                 "oak/forms/code-agreement.html", "index.html"])
def test_hostile_value_reads_literally_on_pages(hostile_site, rel):
    text = visible((hostile_site / rel).read_text(encoding="utf-8"))
    assert HOSTILE in text


def test_hostile_person_reads_literally(hostile_site):
    text = visible((hostile_site / "oak/policies/online-code.html").read_text(encoding="utf-8"))
    assert HOSTILE_PERSON in text


@pytest.mark.parametrize("rel", ["oak/pdf/online-code.pdf", "oak/forms/code-agreement.pdf"])
def test_hostile_value_reads_literally_in_pdfs(hostile_site, rel):
    text = squash(pdf_text(hostile_site / rel))
    assert squash(HOSTILE) in text
    if rel.endswith("online-code.pdf"):
        assert squash(HOSTILE_PERSON) in text


# ---------------------------------------------------------------- the HTML safe list

UNSAFE = {
    "script": "<script>alert(1)</script>",
    "script-unclosed": "<script src=https://evil.example/x.js\n\nmore",
    "script-in-block": "<div>\n<script>alert(1)</script>\n</div>",
    "iframe": '<iframe src="https://evil.example"></iframe>',
    "event-handler": '<span onclick="steal()">x</span>',
    "event-handler-block": '<div\nonmouseover="steal()">x</div>',
    "style-attribute": '<span style="background:url(https://evil.example/t.gif)">x</span>',
    "style-tag": "<style>body{background:url(https://evil.example/t.gif)}</style>",
    "link-tag": '<link rel="stylesheet" href="https://evil.example/x.css">',
    "img-tag": '<img src="x" onerror="steal()">',
    "svg": "<svg onload=steal()></svg>",
    "object": '<object data="https://evil.example/x.swf"></object>',
    "a-javascript": '<a href="javascript:alert(1)">x</a>',
    "form": '<form action="https://evil.example"><input name="p"></form>',
    "base": '<base href="https://evil.example/">',
    "meta-refresh": '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    "markdown-image": "![pixel](https://evil.example/pixel.png)",
    "markdown-image-local": "![secret](../../secret.png)",
    "cdata": "<![CDATA[<script>alert(1)</script>]]>",
}


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def real_tags(fragment: str):
    parser = _Tags()
    parser.feed(fragment)
    parser.close()
    return parser.tags


# what the Markdown itself makes, besides the raw HTML safe list
MARKDOWN_TAGS = {"p", "h3", "h4", "h5", "h6", "ul", "ol", "li", "a", "code", "pre", "blockquote", "hr",
                 "table", "thead", "tbody", "tr", "th", "td", "em", "strong", "br", "span", "img"}


@pytest.mark.parametrize("name", sorted(UNSAFE))
def test_unsafe_html_is_an_error_and_never_output(name):
    from builder.resolve.markdown import ALLOWED_ATTRS, ALLOWED_TAGS, to_html
    html, diags = to_html("Some text.\n\n" + UNSAFE[name] + "\n", "content/p/s.md", "oak", "1", "s")
    assert diags and {d.code for d in diags} == {"E-HTML"}, diags
    assert diags[0].path == "content/p/s.md" and diags[0].line == 3 and diags[0].school == "oak"
    for tag, attrs in real_tags(html):
        assert tag in ALLOWED_TAGS | MARKDOWN_TAGS, (tag, html)
        for attr, value in attrs.items():
            assert attr in ALLOWED_ATTRS | {"href", "src", "alt"}, (tag, attr, html)
            if attr in ("href", "src"):
                assert not re.match(r"\s*(javascript|data|https?|file):|//", value or "", re.I), html


def test_markdown_javascript_link_is_not_a_link():
    from builder.resolve.markdown import to_html
    html, _ = to_html("[x](javascript:alert(1)) [y](JaVaScRiPt:alert(1)) [z](data:text/html,hi)",
                      "s.md", None)
    assert "href=\"javascript" not in html.lower() and "href=\"data:" not in html.lower()


def test_allowed_inline_html_passes():
    from builder.resolve.markdown import to_html
    html, diags = to_html('An <abbr title="Designated Safeguarding Lead">DSL</abbr> is <strong>named</strong>.',
                          "s.md", None)
    assert diags == [] and "<abbr title=" in html


def test_jinja_cannot_reach_python():
    """Policy text is sandboxed: it reads values, never Python internals."""
    from builder.resolve.templating import Renderer
    r = Renderer("oak", lambda target, current: ("x", "pp:x"))
    r.render("{{ school.__class__.__mro__ }} {{ ''.__class__.__subclasses__() }}", "s.md",
             {"school": {"name": "Oak"}})
    assert r.diagnostics and all(d.code == "E-TEMPLATE" for d in r.diagnostics)


# ---------------------------------------------------------------- nothing fetched

@pytest.mark.parametrize("markup", ['<img src="https://example.com/x.png">',
                                    '<img src="file:///etc/hostname">',
                                    '<link rel="stylesheet" href="https://example.com/x.css">',
                                    '<p style="background: url(file:///etc/passwd)">x</p>'])
def test_weasyprint_fetches_nothing(markup):
    from builder.common.diagnostics import wrapped_pack_error
    from builder.render.engine import html_to_pdf
    with pytest.raises(BaseException) as info:
        html_to_pdf(f"<html><body><p>x</p>{markup}</body></html>", css="p { color: black }")
    found = wrapped_pack_error(info.value)
    assert found is not None, info.value
    assert found.diagnostics[0].code == "E-FETCH"
    assert "outputs may not fetch" in found.diagnostics[0].message


def test_weasyprint_data_url_still_works():
    from builder.render.engine import html_to_pdf
    gif = "data:image/gif;base64,R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw=="
    assert html_to_pdf(f'<html><body><img alt="dot" src="{gif}"></body></html>',
                       css="p { color: black }").startswith(b"%PDF")


# ---------------------------------------------------------------- no socket

def test_build_opens_no_socket_in_process(tmp_path, monkeypatch):
    import socket
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network use is not allowed in this test")

    real_connect = socket.socket.connect

    def connect(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            refuse(address)
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", lambda self, a: refuse(a))
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    pack = copy_small_pack(tmp_path / "pack")
    assert main(["--project", str(pack), "build", "--out", str(tmp_path / "site"), "--today", TODAY,
                 "-j", "1", "-q"]) == 0
    assert attempts == []


SITECUSTOMIZE = '''
import os, socket
_log = os.environ["POLICYPACK_SOCKET_LOG"]
def _refuse(what):
    with open(_log, "a") as f:
        f.write(f"{os.getpid()} {what}\\n")
    raise OSError("network use is not allowed in this test")
_connect = socket.socket.connect
def _guard(self, address):
    if self.family in (socket.AF_INET, socket.AF_INET6):
        _refuse(f"connect {address}")
    return _connect(self, address)
socket.socket.connect = _guard
socket.socket.connect_ex = lambda self, a: _refuse(f"connect_ex {a}")
socket.create_connection = lambda *a, **k: _refuse(f"create_connection {a}")
socket.getaddrinfo = lambda *a, **k: _refuse(f"getaddrinfo {a}")
with open(_log, "a") as f:
    f.write(f"{os.getpid()} guarded\\n")
'''


def test_build_opens_no_socket_in_any_process(tmp_path):
    """The same guard in every process of a parallel build (workers included), via sitecustomize."""
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    log = tmp_path / "sockets.log"
    pack = copy_small_pack(tmp_path / "pack")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(guard), str(ROOT)]),
               POLICYPACK_SOCKET_LOG=str(log))
    proc = subprocess.run([sys.executable, "-m", "builder", "--project", str(pack), "build", "--out",
                           str(tmp_path / "site"), "--today", TODAY, "-j", "2", "-q"],
                          capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr
    lines = log.read_text().splitlines()
    guarded = {line.split()[0] for line in lines if line.endswith("guarded")}
    assert len(guarded) >= 2, lines  # the main process and at least one worker were guarded
    assert [line for line in lines if not line.endswith("guarded")] == []


@pytest.mark.parametrize("command", [["build"], ["publish"], ["import", "IMPORTED", "--policy", "online-code"]])
@pytest.mark.parametrize("inside", ["content", "schools/drafts", "themes", "forms", ".", ".git/site"])
def test_no_command_writes_its_output_into_the_packs_sources(capsys, tmp_path, command, inside):
    pack = copy_small_pack(tmp_path / "pack")
    copy = tmp_path / "copy.txt"
    copy.write_text("Online Code\n\n1. Intent\nStaff keep pupils safe online.\n", encoding="utf-8")
    before = sorted((p.relative_to(pack).as_posix(), p.stat().st_size) for p in pack.rglob("*"))
    args = [str(copy) if a == "IMPORTED" else a for a in command]
    rc = main(["--project", str(pack), *args, "--out", str(pack / inside), "--today", TODAY])
    err = capsys.readouterr().err
    assert rc == 2 and "E-OUT" in err and "lie in its sources" in err and "Traceback" not in err
    assert sorted((p.relative_to(pack).as_posix(), p.stat().st_size) for p in pack.rglob("*")) == before


def test_modules_in_the_working_folder_never_run_in_place_of_libraries(tmp_path):
    """`python -m builder` run from a folder holding files named like its libraries: the build
    (its render workers too) uses the libraries."""
    pack = copy_small_pack(tmp_path / "pack")
    for name in ("yaml", "pypdf", "weasyprint", "markdown_it", "jinja2"):
        (tmp_path / f"{name}.py").write_text(f'raise SystemExit("HIJACKED by {name}.py")\n', encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "builder", "--project", str(pack), "build", "--out",
                           str(tmp_path / "site"), "--today", TODAY, "--jobs", "2"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert "HIJACKED" not in done.stdout + done.stderr
    assert done.returncode == 0, done.stderr[-2000:]
    assert (tmp_path / "site" / "oak" / "index.html").is_file()


def test_a_catastrophic_expression_is_stopped_by_the_time_limit():
    import re as _re
    from builder.common import limits
    from builder.common.diagnostics import PackError, error

    def stop():
        raise PackError(error("trust.yml", None, "E-LIMIT", "stopped"))

    with pytest.raises(PackError):
        with limits.time_limit(1, stop):
            _re.match(r"(a+)+$", "a" * 40 + "b")      # hours of backtracking


def test_the_checks_stop_at_their_time_limit_with_a_message(tmp_path):
    import dataclasses
    import datetime as dt
    from builder.common import limits
    from builder.common.diagnostics import PackError
    from builder.project import Project
    pack = copy_small_pack(tmp_path / "pack")
    project = Project(pack, dt.date(2026, 11, 21))
    assert project.pack.schools    # read within its own limits; then the checks are given no time at all
    with limits.using(dataclasses.replace(limits.current(), check_seconds=0)):
        with pytest.raises(PackError) as stopped:
            project.check()
    [d] = stopped.value.diagnostics
    assert d.code == "E-LIMIT" and "the checks took longer than 0 s" in d.message
    assert "check_seconds" in d.message and "check was running" in d.message


def test_an_import_of_too_many_paragraphs_stops_at_once(capsys, tmp_path):
    import docx as _docx
    copy = tmp_path / "many.docx"
    d = _docx.Document()
    for _ in range(20_001):
        d.add_paragraph("")
    d.save(str(copy))
    text = tmp_path / "many.txt"
    text.write_text("Policy\n" + "x\n" * 20_001, encoding="utf-8")
    for doc in (copy, text):
        rc = main(["--project", str(ROOT), "import", str(doc), "--policy", "social-media", "--out",
                   str(tmp_path / "out")])
        err = capsys.readouterr().err
        assert rc == 2 and "E-LIMIT" in err and "import_paragraphs" in err and "Traceback" not in err


def test_verify_reads_a_field_tree_thousands_deep_with_a_message(capsys, tmp_path):
    from pypdf import PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject
    w = PdfWriter()
    w.add_blank_page(200, 200)
    ref = w._add_object(DictionaryObject({NameObject("/T"): TextStringObject("leaf"),
                                          NameObject("/FT"): NameObject("/Tx")}))
    for i in range(5000):
        ref = w._add_object(DictionaryObject({NameObject("/T"): TextStringObject(f"p{i}"),
                                              NameObject("/Kids"): ArrayObject([ref])}))
    w._root_object[NameObject("/AcroForm")] = DictionaryObject({NameObject("/Fields"): ArrayObject([ref])})
    deep = tmp_path / "deep.pdf"
    with open(deep, "wb") as f:
        w.write(f)
    rc = main(["verify", str(deep)])
    err = capsys.readouterr().err
    assert rc == 2 and "E-VERIFY-READ" in err and "nested more than" in err and "Traceback" not in err


def test_an_enclosing_time_limit_that_ends_first_stops_its_own_step():
    import re as _re
    from builder.common import limits
    from builder.common.diagnostics import PackError, error

    def stop(who):
        def _stop():
            raise PackError(error("trust.yml", None, "E-LIMIT", who))
        return _stop

    with pytest.raises(PackError) as stopped:
        with limits.time_limit(1, stop("outer")):
            with limits.time_limit(60, stop("inner")):
                _re.match(r"(a+)+$", "a" * 40 + "b")
    assert stopped.value.diagnostics[0].message == "outer"
