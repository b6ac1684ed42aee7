"""Hostile input, as someone who edits one school's folder would write it: raw HTML the sanitiser
would change (comment tricks, a quoted '>', unclosed tags, SVG and MathML, srcdoc, formaction),
addresses outside the rule (javascript:, data:, vbscript:, entity-encoded or mixed-case schemes,
control characters and spaces inside a scheme, protocol-relative //host), in the trust's text, a
school's own section, a form's text and a pack value; and a theme that links out of its folder or
reaches Python from a template. Each is one diagnostic at the file and line written, exit 2, and
the previous output byte for byte as it was. A property test feeds generated fragments through the
sanitiser path and reads the result back with an HTML parser: no script, no handler, no address
outside the rule, ever; a pack with hostile values builds and every published file says the same.
"""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder.cli.main import main
from builder.resolve.markdown import ALLOWED_ATTRS, ALLOWED_TAGS, SANITISER_TAGS, to_html
from tests.support.bad_inputs import TODAY, copy_small_pack, snapshot, sub, write

# ---------------------------------------------------------------- reading output as a browser

SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
URL_ATTRS = {"href", "src", "action", "formaction", "srcdoc", "data", "poster", "xlink:href",
             "background", "cite", "srcset", "ping"}


class Elements(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.script_text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, {k: v or "" for k, v in attrs}))
        self._in_script = tag == "script"

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.script_text.append(data)


def elements(markup: str) -> Elements:
    parser = Elements()
    parser.feed(markup)
    parser.close()
    return parser


def scheme_of(address: str) -> str | None:
    """The scheme a browser reads: leading spaces and controls dropped, tabs and newlines removed
    anywhere (the URL standard), then letters up to ':'. '//' or a backslash start is 'relative to
    another host', reported as the scheme '//'."""
    text = address.lstrip("".join(map(chr, range(0x21))))
    text = re.sub(r"[\t\n\r]", "", text)
    if text.startswith(("//", "\\\\", "/\\", "\\/")):
        return "//"
    m = re.match(r"([A-Za-z][A-Za-z0-9+.\-]*):", text)
    return m.group(1).lower() if m else None


RUNS = {"script", "iframe", "frame", "object", "embed", "base", "svg", "math", "applet", "portal"}


def dangers(markup: str, page: bool = False) -> list[str]:
    """Everything in the markup a browser would run or follow outside the rule. A fragment of
    text may hold only the sanitiser's tags; a page also the theme's (its own scripts, from the
    site's js/ folder, are checked by the caller)."""
    found = []
    for tag, attrs in elements(markup).elements:
        if not page and tag not in SANITISER_TAGS:
            found.append(f"<{tag}>")
        elif page and tag in RUNS and not (tag == "script" and set(attrs) <= {"src"}):
            found.append(f"<{tag}>")
        for name, value in attrs.items():
            if name.startswith("on"):
                found.append(f"{tag} {name}")
            if name == "style" and not page and tag not in ("th", "td"):
                found.append(f"{tag} style")
            if name in URL_ATTRS:
                scheme = scheme_of(value)
                if scheme is not None and scheme not in SAFE_SCHEMES | {"pp"}:
                    found.append(f"{tag} {name}={value!r}")
    return found


# ---------------------------------------------------------------- the corpus, at the sanitiser

# (text, line of the hostile part); every one an E-HTML error
CORPUS = {
    # comments a browser ends early, or that hide markup from a regular expression
    "comment-bang": ("Fine.\n\n<!-- n --!> <script>alert(1)</script> -->\n", 3),
    "comment-bang-inline": ("Fine.\nA <!-- n --!> <script>alert(1)</script> --> b\n", 2),
    "comment-abrupt": ("Fine.\n\n<!--> <img src=x onerror=alert(1)> -->\n", 3),
    "comment-dash": ("Fine.\n\n<!---> <script>alert(1)</script> -->\n", 3),
    # a '>' inside a quoted attribute value
    "quoted-gt-title": ('Text\nmore <span title=">" onfocus="alert(1)" autofocus tabindex=0>x</span>\n', 2),
    "quoted-gt-single": ("Text\n\n<span title='>' onmouseover='alert(1)'>x</span>\n", 3),
    "quoted-gt-class": ('Text\n\n<div class="a>b" onclick="alert(1)">x</div>\n', 3),
    # unclosed or broken tags
    "unclosed-script": ("Text\n\n<script>alert(1)\n", 3),
    "unclosed-attr": ('Text\n\n<span title="x>\n\n<script>alert(1)</script>\n', 5),
    "unclosed-span": ("Text\n\n<span>never closed\n\nnext\n", 3),
    "stray-close": ("Text\n\n</div><script>alert(1)</script>\n", 3),
    "bad-nesting": ("Text\n\n<b><div>x</b></div>\n", 3),
    # SVG and MathML
    "svg-onload": ("Text\n\n<svg onload=alert(1)></svg>\n", 3),
    "svg-script": ("Text\n\n<svg><script>alert(1)</script></svg>\n", 3),
    "svg-a": ('Text\n\n<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>\n', 3),
    "math-href": ('Text\n\n<math><mtext><a href="javascript:alert(1)">x</a></mtext></math>\n', 3),
    "math-style": ("Text\n\n<math><mi><style><img src=x onerror=alert(1)></style></mi></math>\n", 3),
    # frames and forms
    "iframe-srcdoc": ('Text\n\n<iframe srcdoc="<script>alert(1)</script>"></iframe>\n', 3),
    "button-formaction": ('Text\n\n<button formaction="javascript:alert(1)">x</button>\n', 3),
    "form-action": ('Text\n\n<form action="javascript:alert(1)"><input type=submit></form>\n', 3),
    "object-data": ('Text\n\n<object data="data:text/html,<script>alert(1)</script>"></object>\n', 3),
    # attributes the allow-list does not hold
    "style-attr": ('Text\n\n<span style="background:url(javascript:alert(1))">x</span>\n', 3),
    "event-upper": ('Text\n\n<span ONCLICK="alert(1)">x</span>\n', 3),
    "event-slash": ('Text\n\n<span/onclick="alert(1)">x</span>\n', 3),
    "handler-on-allowed": ('Text\n\n<abbr title="x" onpointerenter="alert(1)">x</abbr>\n', 3),
    # addresses in Markdown links and autolinks
    "md-javascript": ("Text\n\nSee [x](javascript:alert(1)).\n", 3),
    "md-mixed-case": ("Text\n\nSee [x](JaVaScRiPt:alert(1)).\n", 3),
    "md-entity": ("Text\n\nSee [x](&#106;avascript:alert(1)).\n", 3),
    "md-entity-hex": ("Text\n\nSee [x](&#x6A;&#x61;vascript:alert(1)).\n", 3),
    "md-entity-colon": ("Text\n\nSee [x](javascript&colon;alert(1)).\n", 3),
    "md-vbscript": ("Text\n\nSee [x](vbscript:msgbox(1)).\n", 3),
    "md-data": ("Text\n\nSee [x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==).\n", 3),
    "md-file": ("Text\n\nSee [x](file:///etc/passwd).\n", 3),
    "md-protocol-relative": ("Text\n\nSee [x](//evil.example/x).\n", 3),
    "md-reference": ("Text\n\nSee [x][1].\n\n[1]: javascript:alert(1)\n", 3),
    "md-angle": ("Text\n\nSee [x](<javascript:alert(1)>).\n", 3),
    "autolink": ("Text\n\nSee <javascript:alert(1)>.\n", 3),
    "autolink-upper": ("Text\nline two\nSee <JAVASCRIPT:alert(1)>.\n", 3),
    "md-image": ("Text\n\n![x](https://evil.example/pixel.png)\n", 3),
    "md-image-js": ("Text\n\n![x](javascript:alert(1))\n", 3),
    # control characters and spaces inside a scheme
    "md-tab": ("Text\n\nSee [x](java&#9;script:alert(1)).\n", 3),
    "md-newline-entity": ("Text\n\nSee [x](java&#10;script:alert(1)).\n", 3),
    "raw-a-leading-control": ('Text\n\n<a href="&#1;javascript:alert(1)">x</a>\n', 3),
    "raw-a-leading-space": ('Text\n\n<a href=" &#x20;javascript:alert(1)">x</a>\n', 3),
    "raw-a-entity": ('Text\n\n<a href="&#106;avascript:alert(1)">x</a>\n', 3),
    "raw-a-tab": ('Text\n\n<a href="jav&#x09;ascript:alert(1)">x</a>\n', 3),
    # declarations
    "cdata": ("Text\n\n<![CDATA[<script>alert(1)</script>]]>\n", 3),
    "pi": ("Text\n\n<?xml version='1.0'?><script>alert(1)</script>\n", 3),
}


@pytest.mark.parametrize("name", sorted(CORPUS))
@pytest.mark.parametrize("where", ["section", "form"])
def test_hostile_html_is_an_error_at_its_line_and_never_output(name, where):
    text, line = CORPUS[name]
    if where == "section":
        out, diags = to_html(text, "schools/oak/p/s.md", "oak", "2", "s")
    else:   # a form's text: no numbering
        out, diags = to_html(text, "forms/f.yml", "oak")
    assert diags, (name, out)
    assert {d.code for d in diags} == {"E-HTML"}, diags
    first = diags[0]
    assert (first.path, first.line, first.school) == (
        "schools/oak/p/s.md" if where == "section" else "forms/f.yml", line, "oak"), diags
    assert dangers(out) == [], (name, out)
    assert "alert(1)" not in " ".join(v for _t, a in elements(out).elements for v in a.values())


SAFE = [
    'An <abbr title="Designated Safeguarding Lead">DSL</abbr> is <strong>named</strong>.',
    "A [link](https://www.gov.uk/x?a=1&b=2) and <mailto:dpo@oak-school.org.uk> and [call](tel:+441632960300).",
    "See [section](pp:section/p/s) and [a page](../forms/x.html#part).",
    '<div class="note">\n\nInside a div.\n\n</div>',
    "| a | b |\n|--:|:-:|\n| 1 | 2 |",
    "1. one\n2. two\n\n3) three",
    "Quotes \"here\" & 'there' < and > stay text; `code <b>` too.\n\n```\n<script>x</script>\n```",
    "A comment <!-- for the authors --> is kept.",
    "Line one  \nline two\n\n> quoted\n\n---",
]


@pytest.mark.parametrize("text", SAFE)
def test_allowed_text_passes_unchanged(text):
    out, diags = to_html(text, "content/p/s.md", None, "1", "s")
    assert diags == [], diags
    assert dangers(out) == []


def test_script_in_code_is_text():
    out, _ = to_html("```\n<script>alert(1)</script>\n```", "content/p/s.md", None)
    assert "<script>" not in out and "&lt;script&gt;" in out


# ---------------------------------------------------------------- property: the sanitiser path

PIECES = ["<", ">", "/", "\"", "'", "=", " ", "\n", "\n\n", "\t", "&", "#", ";", "!", "-", "--",
          "<!--", "-->", "--!>", "<![CDATA[", "]]>", "<?", "</", "/>", "[x](", ")", "](", "`",
          "script", "SCRIPT", "svg", "math", "iframe", "img", "a", "span", "div", "abbr", "style",
          "srcdoc", "formaction", "href", "src", "onload", "onclick", "OnError", "onfocus",
          "title", "class", "javascript:", "JaVaScRiPt:", "java&#9;script:", "&#106;avascript:",
          "&#x6A;avascript:", "vbscript:", "data:text/html,", "//evil.example", "\\\\evil",
          "https://ok.example/", "mailto:a@b.c", "alert(1)", "x", "&lt;", "&gt;", "&quot;",
          "\x00", "\x01", "\u2028"]

fragments = st.lists(st.one_of(st.sampled_from(PIECES), st.text(alphabet="ab<>\"'=/ !-:", max_size=4)),
                     max_size=40).map("".join)
attribute_values = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)


def _assert_safe(out: str):
    assert dangers(out) == [], out
    for tag, attrs in elements(out).elements:
        assert tag in SANITISER_TAGS, (tag, out)
        assert not any(name.startswith("on") for name in attrs), out


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fragments)
def test_property_no_generated_fragment_reaches_output_unsafe(text):
    for out, _diags in (to_html(text, "content/p/s.md", "oak", "1", "s"),
                        to_html(text, "forms/f.yml", "oak")):
        _assert_safe(out)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["span title", "abbr title", "div class", "a href", "span onclick",
                        "img src", "iframe srcdoc", "button formaction", "span style"]),
       attribute_values, st.sampled_from(['"', "'", ""]))
def test_property_attribute_values(pair, value, quote):
    tag, attr = pair.split()
    text = f"Before.\n\n<{tag} {attr}={quote}{value}{quote}>x</{tag}> after\n"
    out, diags = to_html(text, "content/p/s.md", "oak", "1", "s")
    _assert_safe(out)
    if not diags and not (tag in ALLOWED_TAGS and attr in ALLOWED_ATTRS):
        # no error: then it was no HTML at all to the Markdown, and reads as text
        assert not any(t == tag for t, _a in elements(out).elements), (text, out)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(attribute_values)
def test_property_markdown_link_addresses(address):
    text = f"See [x]({address}) and <{address}>.\n"
    out, diags = to_html(text, "content/p/s.md", "oak", "1", "s")
    _assert_safe(out)
    for _tag, attrs in elements(out).elements:
        href = attrs.get("href")
        if href is not None:
            assert scheme_of(href) in SAFE_SCHEMES | {"pp", None}, (address, out)


# ---------------------------------------------------------------- whole builds

@pytest.fixture(scope="module")
def good(tmp_path_factory):
    """The small pack built once; each case builds a broken copy over a copy of its output."""
    base = tmp_path_factory.mktemp("hostile-good")
    pack = copy_small_pack(base / "pack")
    _own_section(pack, "Our own words for Oak.\n")
    out = base / "site"
    assert main(["--project", str(pack), "build", "--out", str(out), "--today", TODAY, "-j", "1",
                 "-q"]) == 0
    return pack, out, snapshot(out)


def _own_section(pack: Path, text: str) -> None:
    sub(pack, "schools/oak.yml", '      review_cycle: 2 years\n',
        '      review_cycle: 2 years\n    replace_sections:\n      - {id: intent, title: Why we have this code}\n')
    write(pack, "schools/oak/online-code/intent.md", text)


def _case(good, tmp_path, edit) -> tuple[int, str, Path]:
    pack0, out0, _snap = good
    pack = tmp_path / "pack"
    shutil.copytree(pack0, pack, symlinks=True)
    out = tmp_path / "site"
    shutil.copytree(out0, out, symlinks=True)
    edit(pack)
    return pack, out


def _build(capsys, pack, out, *extra) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["--project", str(pack), "build", "--out", str(out), "--today", TODAY, "-q", *extra])
    return code, capsys.readouterr().err


SCHOOL_SECTION = {name: CORPUS[name] for name in
                  ["comment-bang", "quoted-gt-title", "svg-onload", "md-entity", "md-tab",
                   "autolink", "iframe-srcdoc", "md-protocol-relative", "unclosed-script"]}


@pytest.mark.parametrize("name", sorted(SCHOOL_SECTION))
def test_hostile_school_section_stops_the_build(good, tmp_path, capsys, name):
    text, line = SCHOOL_SECTION[name]
    pack, out = _case(good, tmp_path, lambda p: write(p, "schools/oak/online-code/intent.md", text))
    code, err = _build(capsys, pack, out, "-j", "1")
    assert code == 2, err
    assert f"schools/oak/online-code/intent.md:{line}: error E-HTML:" in err, err
    assert err.rstrip().endswith("[oak]") or "[oak]" in err
    assert "Traceback" not in err
    assert snapshot(out) == good[2]


FORM_TEXT = {
    "introduction-comment": ("introduction: Everyone at {{ school.name }} signs this form.",
                             "introduction: 'Everyone signs. <!-- n --!> <script>alert(1)</script> -->'", 6),
    "introduction-quoted-gt": ("introduction: Everyone at {{ school.name }} signs this form.",
                               "introduction: 'Sign <span title=\">\" onfocus=\"alert(1)\">here</span>.'", 6),
    "return-link": ("return: Hand the signed form to the school office at {{ school.email }}.",
                    "return: 'Hand it in, or [send it](JaVaScRiPt:alert(1)).'", 5),
    "label-svg": ("label: I agree to follow the online code}",
                  "label: 'I agree <svg onload=alert(1)>'}", 12),
}


@pytest.mark.parametrize("name", sorted(FORM_TEXT))
def test_hostile_form_text_stops_the_build(good, tmp_path, capsys, name):
    old, new, line = FORM_TEXT[name]
    pack, out = _case(good, tmp_path, lambda p: sub(p, "forms/code-agreement.yml", old, new))
    code, err = _build(capsys, pack, out, "-j", "1")
    assert code == 2, err
    assert f"forms/code-agreement.yml:{line}: error E-HTML:" in err, err
    assert "Traceback" not in err
    assert snapshot(out) == good[2]


VALUES = {
    "website-javascript": ("schools/oak.yml", "email: office@oak-school.org.uk",
                           "email: office@oak-school.org.uk\nwebsite: javascript:alert(5)//", 5),
    "website-mixed-case": ("schools/oak.yml", "email: office@oak-school.org.uk",
                           "email: office@oak-school.org.uk\nwebsite: JaVaScRiPt:alert(5)", 5),
    "website-tab": ("schools/oak.yml", "email: office@oak-school.org.uk",
                    'email: office@oak-school.org.uk\nwebsite: "java\\tscript:alert(5)"', 5),
    "website-protocol-relative": ("schools/oak.yml", "email: office@oak-school.org.uk",
                                  "email: office@oak-school.org.uk\nwebsite: //evil.example/", 5),
    "website-data": ("schools/oak.yml", "email: office@oak-school.org.uk",
                     "email: office@oak-school.org.uk\nwebsite: 'data:text/html,<script>alert(1)</script>'", 5),
    "website-backslash": ("schools/oak.yml", "email: office@oak-school.org.uk",
                          "email: office@oak-school.org.uk\nwebsite: 'https:\\\\evil.example'", 5),
    "site-url": ("trust.yml", "  review_window_days: 60",
                 "  review_window_days: 60\n  site_url: 'javascript:alert(5)//'", 15),
    "trust-website": ("trust.yml", "  website: https://www.larkspur-school.org.uk",
                      "  website: vbscript:msgbox(1)", 6),
}


@pytest.mark.parametrize("name", sorted(VALUES))
@pytest.mark.parametrize("command", ["build", "publish"])
def test_hostile_address_value_is_an_error(good, tmp_path, capsys, name, command):
    rel, old, new, line = VALUES[name]
    pack, out = _case(good, tmp_path, lambda p: sub(p, rel, old, new))
    capsys.readouterr()
    if command == "build":
        code = main(["--project", str(pack), "build", "--out", str(out), "--today", TODAY, "-q"])
    else:
        code = main(["--project", str(pack), "publish", "--out", str(tmp_path / "publish"),
                     "--today", TODAY, "--site", str(out), "-q"])
    err = capsys.readouterr().err
    assert code == 2, err
    assert f"{rel}:{line}: error E-URL:" in err, err
    assert "Traceback" not in err
    assert snapshot(out) == good[2]
    assert not (tmp_path / "publish").exists() or not any((tmp_path / "publish").rglob("*.json"))


def test_theme_link_out_of_its_folder_is_an_error(good, tmp_path, capsys):
    from builder.source.load import DEFAULT_THEME

    def edit(p):
        shutil.copytree(DEFAULT_THEME, p / "themes" / "policypack")
        (p / "themes" / "policypack" / "css" / "passwd.css").symlink_to("/etc/passwd")
    pack, out = _case(good, tmp_path, edit)
    code, err = _build(capsys, pack, out, "-j", "1")
    assert code == 2, err
    assert "themes/policypack/css/passwd.css: error E-THEME:" in err, err
    assert snapshot(out) == good[2]
    assert "root:" not in "".join(p.read_text(errors="replace") for p in out.rglob("*.css"))


@pytest.mark.parametrize("expr", ['{{ lipsum.__globals__.os.popen("id").read() }}',
                                  "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
                                  "{{ ''.__class__.__mro__[1].__subclasses__() }}",
                                  "{{ config.__class__.__init__.__globals__ }}"])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_theme_template_is_sandboxed(good, tmp_path, capsys, expr, jobs):
    from builder.source.load import DEFAULT_THEME
    marker = tmp_path / "ran"

    def edit(p):
        shutil.copytree(DEFAULT_THEME, p / "themes" / "policypack")
        sub(p, "themes/policypack/main.html", "<title>",
            "<title>" + expr.replace('"id"', f'"touch {marker}"').replace("'id'", f"'touch {marker}'"))
    pack, out = _case(good, tmp_path, edit)
    code, err = _build(capsys, pack, out, "-j", jobs)
    assert code == 2, err
    assert re.search(r"themes/policypack/main\.html:\d+: error E-THEME: theme template error: .*unsafe", err), err
    assert "Traceback" not in err
    assert not marker.exists()
    assert snapshot(out) == good[2]


# ---------------------------------------------------------------- a hostile value, every file

HOSTILE_NAME = ('Oak <script>alert(1)</script> <img src=x onerror=alert(2)> '
                '<a href="javascript:alert(3)">x</a> "--!> <!-- ')
HOSTILE_MOTTO = "[click](javascript:alert(4)) <svg onload=alert(5)>"


def test_published_files_hold_no_danger(tmp_path):
    pack = copy_small_pack(tmp_path / "pack")
    sub(pack, "schools/oak.yml", "name: Oak Primary", "name: " + json.dumps(HOSTILE_NAME))
    sub(pack, "schools/oak.yml", "email: office@oak-school.org.uk",
        "email: office@oak-school.org.uk\nwebsite: https://www.oak-school.org.uk/\nmotto: " + json.dumps(HOSTILE_MOTTO))
    site, pub = tmp_path / "site", tmp_path / "publish"
    assert main(["--project", str(pack), "publish", "--out", str(pub), "--site", str(site),
                 "--today", TODAY, "-q"]) == 0
    pages = sorted(site.rglob("*.html")) + sorted(pub.rglob("*.html"))
    assert len(pages) >= 8 and any(p.name == "snippet.html" for p in pages)
    for page in pages:
        text = page.read_text(encoding="utf-8")
        parsed = elements(text)
        for tag, attrs in parsed.elements:
            if tag == "script" and "src" in attrs:
                assert scheme_of(attrs["src"]) is None, (page, attrs)
                assert (page.parent / attrs["src"]).resolve().is_file(), (page, attrs)
        # inline scripts are the theme's one line, never text from the pack
        for inline in parsed.script_text:
            assert re.fullmatch(r'\s*var base_url = "[./]*";\s*', inline), (page, inline)
        assert dangers(text, page=True) == [], page
    sitemaps = sorted(pub.rglob("sitemap.xml"))
    assert sitemaps
    for sitemap in sitemaps:
        locs = re.findall(r"<loc>(.*?)</loc>", sitemap.read_text(encoding="utf-8"))
        assert locs and all(loc.startswith("https://www.oak-school.org.uk/") for loc in locs), locs
    feeds = sorted(pub.rglob("policies.json"))
    assert feeds

    def addresses(value):
        if isinstance(value, dict):
            for k, v in value.items():
                if isinstance(v, str) and (k.endswith("url") or k in ("website", "href")):
                    yield v
                else:
                    yield from addresses(v)
        elif isinstance(value, list):
            for v in value:
                yield from addresses(v)
    for feed in feeds:
        data = json.loads(feed.read_text(encoding="utf-8"))
        found = list(addresses(data))
        assert found and all(scheme_of(a) in ("https", None) for a in found), found
        assert data["school"]["name"] == HOSTILE_NAME   # the value itself, as data


@pytest.fixture(scope="module")
def form_texts(tmp_path_factory):
    """The form text path itself (Jinja, then Markdown and the sanitiser, lines into the form
    file) for the small pack's form and school."""
    from builder.resolve.forms import _TextRenderer
    from builder.resolve.school import resolve_school
    from builder.source.load import load_pack
    pack = load_pack(copy_small_pack(tmp_path_factory.mktemp("form-texts") / "pack"))
    rs = resolve_school(pack, pack.schools["oak"])
    form = pack.forms["code-agreement"]
    return lambda: _TextRenderer(pack, rs, form, form.spec)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(fragments.filter(lambda t: "{" not in t and "%" not in t))
def test_property_form_text_path(form_texts, text):
    texts = form_texts()
    for out in (texts.markdown(text, 6), texts.inline(text, 12)):
        _assert_safe(out)
    for d in texts.diags:
        assert d.path == "forms/code-agreement.yml" and d.school == "oak", d
        assert d.line is not None and d.line >= 6, d
