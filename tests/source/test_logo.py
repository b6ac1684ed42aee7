"""The logo rules (builder/source/logo.py), read as the pack is read: a corpus of hostile and
broken logos, each one error at the line of ``logo:`` naming the school, a corpus of sound
logos that pass, and generated ones (Hypothesis) for the open-ended parts: attribute names and
values, addresses, style text and bytes."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder.common.diagnostics import PackError
from builder.source.load import load_pack
from tests.support.bad_inputs import copy_small_pack, sub, write

SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">{}</svg>'
XLINK = 'xmlns:xlink="http://www.w3.org/1999/xlink"'
LOGO_LINE = 5      # in the small pack's schools/oak.yml, `logo:` goes before `colour:`


def chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(width=4, height=3, colour=(31, 92, 58), extra_chunk=b"") -> bytes:
    """A real PNG, written by hand so a test can give it any header."""
    raw = b"".join(b"\0" + bytes(colour) * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + extra_chunk + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def png_claiming(width: int, height: int) -> bytes:
    """A small PNG whose (correctly checksummed) header claims ``width`` x ``height`` pixels."""
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + png()[33:])


def pack_with_logo(tmp_path: Path, data: bytes, name: str = "logo.svg") -> Path:
    pack = copy_small_pack(tmp_path / "pack")
    (pack / "schools" / "oak").mkdir(exist_ok=True)
    (pack / "schools" / "oak" / name).write_bytes(data)
    sub(pack, "schools/oak.yml", "colour:", f"logo: schools/oak/{name}\ncolour:")
    return pack


def logo_errors(pack: Path):
    with pytest.raises(PackError) as got:
        load_pack(pack)
    return got.value.diagnostics


def assert_one_error(tmp_path, data, name, code, *fragments):
    errors = logo_errors(pack_with_logo(tmp_path, data, name))
    assert len(errors) == 1, [d.format() for d in errors]
    d = errors[0]
    text = d.format()
    assert (d.path, d.line, d.code, d.school) == ("schools/oak.yml", LOGO_LINE, code, "oak"), text
    for part in fragments:
        assert part in text, text
    return text


# name -> (file name, bytes, code, fragments the message must hold)
HOSTILE = {
    "xhtml-meta-refresh": ("logo.svg", SVG.format('<html:meta xmlns:html="http://www.w3.org/1999/xhtml" '
                                                  'http-equiv="refresh" content="0;url=https://evil.example/"/>'),
                           "E-LOGO", ["another vocabulary", "<meta>"]),
    "xhtml-img-srcset": ("logo.svg", SVG.format('<h:img xmlns:h="http://www.w3.org/1999/xhtml" '
                                                'srcset="https://evil.example/x.png 1x"/>'), "E-LOGO", ["<img>"]),
    "xhtml-link-preload": ("logo.svg", SVG.format('<link xmlns="http://www.w3.org/1999/xhtml" rel="preload" '
                                                  'href="https://evil.example/"/>'), "E-LOGO", ["<link>"]),
    "unknown-svg-element": ("logo.svg", SVG.format('<cursor/>'), "E-LOGO", ["<cursor>"]),
    "unknown-attribute": ("logo.svg", SVG.format('<rect width="1" height="1" formaction="https://evil.example/"/>'),
                          "E-LOGO", ["formaction"]),
    "use-bomb": ("logo.svg", SVG.format('<g id="a0"><path d="M0 0h1v1z"/></g>' + "".join(
        f'<g id="a{i}">' + f'<use href="#a{i - 1}"/>' * 10 + "</g>" for i in range(1, 7))),
        "E-LOGO", ["more than 10,000 shapes"]),
    "pattern-bomb": ("logo.svg", SVG.format('<defs><pattern id="p0" width="1" height="1"><rect width="1" '
                                            'height="1"/></pattern>' + "".join(
        f'<pattern id="p{i}" width="1" height="1">' + f'<rect width="1" height="1" fill="url(#p{i - 1})"/>' * 10
        + "</pattern>" for i in range(1, 7)) + '</defs><rect width="10" height="10" style="fill: url(#p6)"/>'),
        "E-LOGO", ["more than 10,000 shapes"]),
    "use-loop": ("logo.svg", SVG.format('<g id="a"><use href="#b"/></g><g id="b"><use href="#a"/></g>'),
                 "E-LOGO", ["refers to itself"]),
    "script": ("logo.svg", SVG.format("<script>alert(1)</script>"), "E-LOGO", ["a script", "<script>"]),
    "script-prefixed": ("logo.svg", '<s:svg xmlns:s="http://www.w3.org/2000/svg"><s:script>alert(1)</s:script></s:svg>',
                        "E-LOGO", ["a script"]),
    "script-cdata": ("logo.svg", SVG.format("<script><![CDATA[fetch('//x')]]></script>"), "E-LOGO", ["script"]),
    "onload": ("logo.svg", '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "E-LOGO",
               ["event attribute", "onload"]),
    "onclick-child": ("logo.svg", SVG.format('<rect width="5" height="5" onclick="x()"/>'), "E-LOGO", ["onclick"]),
    "onmouseover-upper": ("logo.svg", SVG.format('<circle r="2" ONMOUSEOVER="x()"/>'), "E-LOGO", ["ONMOUSEOVER"]),
    "xlink-http": ("logo.svg", f'<svg xmlns="http://www.w3.org/2000/svg" {XLINK}><a xlink:href="http://evil.example/">'
                   '<rect width="5" height="5"/></a></svg>', "E-LOGO", ["links to 'http://evil.example/'"]),
    "href-javascript": ("logo.svg", SVG.format('<a href="javascript:alert(1)"><text>x</text></a>'), "E-LOGO",
                        ["javascript:alert(1)"]),
    "image-file": ("logo.svg", SVG.format('<image href="file:///etc/passwd" width="5" height="5"/>'), "E-LOGO",
                   ["file:///etc/passwd"]),
    "image-data": ("logo.svg", f'<svg xmlns="http://www.w3.org/2000/svg" {XLINK}>'
                   '<image xlink:href="data:image/png;base64,iVBORw0KGgo=" width="5" height="5"/></svg>',
                   "E-LOGO", ["data:image/png"]),
    "image-relative": ("logo.svg", SVG.format('<image href="../../trust.yml"/>'), "E-LOGO", ["../../trust.yml"]),
    "use-other-file": ("logo.svg", SVG.format('<use href="other.svg#a"/>'), "E-LOGO", ["other.svg#a"]),
    "style-url-http": ("logo.svg",
                       SVG.format('<rect style="fill: url(http://evil.example/p.svg#g)" width="5" height="5"/>'),
                       "E-LOGO", ["http://evil.example/p.svg#g"]),
    "style-url-quoted": ("logo.svg", SVG.format('<rect style="fill: url(\'https://evil.example/a\')"/>'),
                         "E-LOGO", ["evil.example"]),
    "style-element-url": ("logo.svg", SVG.format('<style>rect { fill: url("https://evil.example/x") }</style>'),
                          "E-LOGO", ["<style>", "evil.example"]),
    "style-import": ("logo.svg", SVG.format('<style>@import url(https://evil.example/x.css);</style>'),
                     "E-LOGO", ["@import"]),
    "style-import-string": ("logo.svg", SVG.format("<style>@import 'x.css';</style>"), "E-LOGO", ["@import"]),
    "style-css-escape": ("logo.svg", SVG.format(r'<rect style="fill: u\72l(https://evil.example/x)"/>'),
                         "E-LOGO", ["evil.example"]),
    "style-image-set": ("logo.svg",
                        SVG.format('<style>svg { background: image-set("https://evil.example/a.png" 1x) }</style>'),
                        "E-LOGO", ["image-set"]),
    "presentation-url": ("logo.svg", SVG.format('<rect fill="url(https://evil.example/#g)" width="5" height="5"/>'),
                         "E-LOGO", ["fill", "evil.example"]),
    "filter-url": ("logo.svg", SVG.format('<rect filter="url(//evil.example/f.svg#f)"/>'), "E-LOGO", ["evil.example"]),
    "entity-bomb": ("logo.svg", '<?xml version="1.0"?>\n<!DOCTYPE svg [\n<!ENTITY a "aaaaaaaaaa">\n'
                    '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">\n]>\n'
                    '<svg xmlns="http://www.w3.org/2000/svg"><text>&c;</text></svg>', "E-LOGO", ["DOCTYPE"]),
    "external-entity": ("logo.svg", '<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                        '<svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>', "E-LOGO", ["DOCTYPE"]),
    "doctype-public": ("logo.svg", '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
                       '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">' + SVG.format(""), "E-LOGO", ["DOCTYPE"]),
    "foreign-object": ("logo.svg", SVG.format('<foreignObject width="5" height="5"><div xmlns="http://www.w3.org/1999/xhtml">'
                       'hi</div></foreignObject>'), "E-LOGO", ["foreignObject"]),
    "iframe": ("logo.svg", SVG.format('<iframe xmlns="http://www.w3.org/1999/xhtml" src="https://evil.example"/>'),
               "E-LOGO", ["embedded document"]),
    "animate-href": ("logo.svg",
                     SVG.format('<a><animate attributeName="href" to="javascript:alert(1)"/><text>x</text></a>'),
                     "E-LOGO", ["animation"]),
    "set-element": ("logo.svg", SVG.format('<set attributeName="fill" to="red"/>'), "E-LOGO", ["animation"]),
    "stylesheet-pi": ("logo.svg", '<?xml-stylesheet href="https://evil.example/s.css"?>' + SVG.format(""),
                      "E-LOGO", ["processing instruction"]),
    "html-root": ("logo.svg", '<html><body><svg xmlns="http://www.w3.org/2000/svg"/></body></html>',
                  "E-LOGO", ["root element is <html>"]),
    "svg-without-namespace": ("logo.svg", "<svg><rect/></svg>", "E-LOGO", ["not an SVG image"]),
    "malformed": ("logo.svg", '<svg xmlns="http://www.w3.org/2000/svg"><rect></svg>', "E-LOGO",
                  ["not well-formed XML"]),
    "empty": ("logo.svg", "", "E-LOGO", ["an empty file"]),
    "blank": ("logo.png", "  \n\n", "E-LOGO", ["an empty file"]),
    "text": ("logo.svg", "Vine Tree logo\n", "E-LOGO", ["not an SVG or PNG image"]),
    "gif": ("logo.gif", b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00,"
            b"\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;", "E-LOGO", ["a GIF image", "SVG or PNG"]),
    "gif-named-png": ("logo.png", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "E-LOGO", ["a GIF image"]),
    "jpeg": ("logo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "E-LOGO", ["a JPEG image"]),
    "png-named-svg": ("logo.svg", png(), "E-LOGO", ["holds PNG data", "name it 'logo.png'"]),
    "svg-named-png": ("logo.png", SVG.format(""), "E-LOGO", ["holds SVG data", "name it 'logo.svg'"]),
    "png-named-jpg": ("logo.jpg", png(), "E-LOGO", ["named .jpg"]),
    "png-huge": ("logo.png", png_claiming(100000, 100000), "E-LOGO", ["100000 x 100000 pixels"]),
    "png-wide": ("logo.png", png_claiming(5000, 1), "E-LOGO", ["5000 x 1 pixels"]),
    "png-zero": ("logo.png", png_claiming(0, 5), "E-LOGO", ["0 x 5 pixels"]),
    "png-signature-only": ("logo.png", b"\x89PNG\r\n\x1a\n", "E-LOGO", ["not a sound PNG"]),
    "png-bad-crc": ("logo.png", png()[:29] + b"\0\0\0\0" + png()[33:], "E-LOGO", ["not a sound PNG"]),
    "png-no-ihdr": ("logo.png", b"\x89PNG\r\n\x1a\n" + png()[41:], "E-LOGO", ["IHDR"]),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_logo_is_one_error_at_the_logo_line(case, tmp_path):
    name, data, code, fragments = HOSTILE[case]
    assert_one_error(tmp_path, data.encode() if isinstance(data, str) else data, name, code, *fragments)


def test_a_logo_over_the_size_limit_is_e_limit(tmp_path):
    big = SVG.format("<!--" + "x" * (512 * 1024) + "-->").encode()
    text = assert_one_error(tmp_path, big, "logo.svg", "E-LIMIT", "512 KB", "logo_kb")
    assert "too large" in text


def test_the_size_limit_is_a_setting(tmp_path):
    data = SVG.format("<!--" + "x" * 3000 + "-->").encode()
    pack = pack_with_logo(tmp_path, data)
    assert load_pack(pack).schools["oak"].logo is not None
    sub(pack, "trust.yml", "settings:\n", "settings:\n  limits: {logo_kb: 2}\n")
    (d,) = logo_errors(pack)
    assert (d.code, d.line) == ("E-LIMIT", LOGO_LINE) and "2 KB" in d.message


SOUND = {
    "plain": ("logo.svg", SVG.format('<rect width="10" height="10" fill="#1f5c3a"/>')),
    "gradient-by-fragment": ("logo.svg", SVG.format(
        '<defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs>'
        '<rect fill="url(#g)" style="stroke: url(#g)" width="10" height="10"/>')),
    "use-fragment": ("logo.svg", f'<svg xmlns="http://www.w3.org/2000/svg" {XLINK}><defs><circle id="c" r="2"/></defs>'
                     '<use href="#c"/><use xlink:href="#c" x="4"/></svg>'),
    "style-element": ("logo.svg", SVG.format("<style>.a { fill: #123456; } /* a comment */</style><rect class='a'/>")),
    "inkscape": ("logo.svg", '<?xml version="1.0" encoding="UTF-8"?>\n<!-- Created with Inkscape -->\n'
                 '<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" '
                 'xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" inkscape:version="1.3">'
                 '<sodipodi:namedview id="nv"/><metadata><title>Oak</title></metadata>'
                 '<g inkscape:label="Layer 1"><path d="M0 0 L10 10 Z" stroke="#000"/></g></svg>'),
    "bom": ("logo.svg", "\ufeff" + SVG.format("<text>Oak Primary</text>")),
    "uppercase-name": ("Logo.SVG", SVG.format("<circle r='3'/>")),
    "png": ("logo.png", png(64, 32)),
    "png-text-chunk": ("logo.png", png(extra_chunk=struct.pack(">I", 7) + b"tEXtab\0cdef"
                                    + struct.pack(">I", zlib.crc32(b"tEXtab\0cdef")))),
}


@pytest.mark.parametrize("case", sorted(SOUND))
def test_sound_logo_is_read(case, tmp_path):
    name, data = SOUND[case]
    data = data.encode() if isinstance(data, str) else data
    logo = load_pack(pack_with_logo(tmp_path, data, name)).schools["oak"].logo
    assert logo is not None and logo.data == data
    assert logo.kind == Path(name).suffix.lower()[1:]
    assert logo.alt == "Oak Primary logo"
    assert logo.data_uri.startswith(f"data:{logo.media_type};base64,")
    assert logo.site_path == f"assets/logo.{logo.kind}"


def test_the_trust_defaults_logo_is_the_trusts_with_the_trust_name(tmp_path):
    pack = copy_small_pack(tmp_path / "pack")
    write(pack, "assets/trust.svg", SVG.format("<circle r='4'/>"))
    sub(pack, "trust.yml", "defaults:\n", "defaults:\n  logo: assets/trust.svg\n")
    logo = load_pack(pack).schools["oak"].logo
    assert logo.alt == "Larkspur Schools Trust logo" and logo.shown == "assets/trust.svg"
    # a school's own logo wins, with the school's name
    write(pack, "schools/oak/own.png", "")
    (pack / "schools/oak/own.png").write_bytes(png())
    sub(pack, "schools/oak.yml", "colour:", "logo: schools/oak/own.png\ncolour:")
    logo = load_pack(pack).schools["oak"].logo
    assert (logo.kind, logo.alt) == ("png", "Oak Primary logo")


def test_a_bad_defaults_logo_is_reported_at_the_trust_file_for_the_school(tmp_path):
    pack = copy_small_pack(tmp_path / "pack")
    write(pack, "assets/trust.svg", SVG.format("<script>x()</script>"))
    sub(pack, "trust.yml", "defaults:\n", "defaults:\n  logo: assets/trust.svg\n")
    (d,) = logo_errors(pack)
    assert (d.path, d.line, d.code, d.school) == ("trust.yml", 8, "E-LOGO", "oak"), d.format()


def test_the_trusts_own_logo_is_checked_and_shown_by_schools_without_one(tmp_path):
    pack = copy_small_pack(tmp_path / "pack")
    write(pack, "trust-logo.svg", SVG.format("<rect width='2' height='2'/>"))
    sub(pack, "trust.yml", "  short_name: LST\n", "  short_name: LST\n  logo: trust-logo.svg\n")
    logo = load_pack(pack).schools["oak"].logo
    assert logo.alt == "Larkspur Schools Trust logo"
    write(pack, "trust-logo.svg", SVG.format("<rect onclick='x()'/>"))
    (d,) = logo_errors(pack)
    assert (d.path, d.line, d.code) == ("trust.yml", 6, "E-LOGO"), d.format()


def test_a_school_that_writes_logo_empty_shows_none_of_the_trusts(tmp_path):
    pack = copy_small_pack(tmp_path / "pack")
    write(pack, "trust-logo.svg", SVG.format("<rect width='2' height='2'/>"))
    sub(pack, "trust.yml", "  short_name: LST\n", "  short_name: LST\n  logo: trust-logo.svg\n")
    sub(pack, "schools/oak.yml", "colour:", "logo:\ncolour:")
    assert load_pack(pack).schools["oak"].logo is None


def test_a_school_without_a_logo_has_none(tmp_path):
    assert load_pack(copy_small_pack(tmp_path / "pack")).schools["oak"].logo is None


# ---------------------------------------------------------------- generated

from builder.source.logo import css_problem, fragment, read_logo, svg_problem  # noqa: E402
from builder.source.values import Where  # noqa: E402


def read(tmp_path: Path, data: bytes, name="logo.svg"):
    path = tmp_path / name
    path.write_bytes(data)
    return read_logo(path, f"schools/oak/{name}", Where("schools/oak.yml", LOGO_LINE, "oak"), "Oak Primary logo")


NAME = st.text("abcdefghijklmnopqrstuvwxyz", min_size=0, max_size=8)
VALUE = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30)
ELEMENT = st.sampled_from(["svg", "g", "rect", "circle", "path", "text", "a", "use", "image"])


@settings(max_examples=150, deadline=None)
@given(prefix=st.sampled_from(["on", "On", "ON", "oN"]), rest=NAME, value=VALUE, element=ELEMENT)
def test_generated_event_attribute_is_refused(prefix, rest, value, element):
    from xml.sax.saxutils import quoteattr
    attr = quoteattr(value)
    svg = (SVG.format(f"<{element} {prefix}{rest}={attr}/>") if element != "svg" else
           f'<svg xmlns="http://www.w3.org/2000/svg" {prefix}{rest}={attr}/>')
    problem = svg_problem(svg.encode())
    assert problem and "event attribute" in problem


ADDRESS = st.one_of(
    st.builds(lambda s, rest: f"{s}:{rest}", st.sampled_from(["http", "https", "HTTPS", "file", "data",
              "javascript", "jAvAsCrIpT", "ftp", "blob", "about"]), VALUE),
    st.builds(lambda rest: f"//{rest}", VALUE),
    st.builds(lambda rest: f"{rest}.svg#x", NAME),
    st.builds(lambda rest: f"../{rest}", VALUE),
    st.builds(lambda rest: f" {rest}#", NAME))


@settings(max_examples=200, deadline=None)
@given(address=ADDRESS, ns=st.sampled_from(["", "xlink:"]), element=ELEMENT)
def test_generated_non_fragment_address_is_refused(address, ns, element):
    from xml.sax.saxutils import quoteattr
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" {XLINK}><{element} {ns}href={quoteattr(address)}/></svg>'
    problem = svg_problem(svg.encode())
    assert problem and "links to" in problem, (address, problem)


@settings(max_examples=200, deadline=None)
@given(address=ADDRESS, prop=st.sampled_from(["fill", "stroke", "filter", "mask", "background",
                                               "clip-path", "marker-start"]),
       quote=st.sampled_from(["", "'", '"']))
def test_generated_url_in_a_style_is_refused(address, prop, quote):
    if quote and quote in address or not quote and any(c in address for c in "()'\" \\\t\n"):
        address = "https://evil.example/x"   # what cannot be written unquoted, written plainly
    css = f"{prop}: url({quote}{address}{quote})"
    assert css_problem(css, attribute=True), css
    assert css_problem(f"svg {{ {css} }}"), css


@settings(max_examples=100, deadline=None)
@given(ident=st.text("abcdefghijklmnopqrstuvwxyz0123456789-_", min_size=1, max_size=12))
def test_generated_fragment_is_allowed(ident):
    assert fragment(f"#{ident}")
    assert css_problem(f"fill: url(#{ident})", attribute=True) is None
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" {XLINK}><use href="#{ident}"/><use xlink:href="#{ident}"/></svg>'
    assert svg_problem(svg.encode()) is None


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.one_of(st.binary(max_size=300),
                      st.builds(lambda b: b"\x89PNG\r\n\x1a\n" + b, st.binary(max_size=200)),
                      st.builds(lambda b: png()[:16] + b, st.binary(min_size=0, max_size=60)),
                      st.builds(lambda t: t.encode(), st.text(max_size=200)),
                      st.builds(lambda t: SVG.format(t).encode(), st.text(max_size=100))),
       name=st.sampled_from(["logo.svg", "logo.png"]))
def test_any_bytes_give_a_logo_or_one_clear_error(tmp_path, data, name):
    """Whatever a file holds, reading it as the logo gives a Logo or a PackError with one
    E-LOGO at the logo line, never another exception."""
    try:
        logo = read(tmp_path, data, name)
    except PackError as exc:
        (d,) = exc.diagnostics
        assert (d.code, d.line, d.school) == ("E-LOGO", LOGO_LINE, "oak"), d.format()
    else:
        assert logo.kind == name[-3:] and logo.data == data
