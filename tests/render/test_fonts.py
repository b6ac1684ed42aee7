"""Fonts that travel: every PDF (policy, form, redline) is set in the family shipped in
builder/render/fonts (Atkinson Hyperlegible Next, SIL OFL), never in a system font.

- the shipped files cover every character of the example pack and of Welsh, Polish and the
  typographic marks; the licence travels with them, in the wheel too (tests/packaging);
- the renderer fetches exactly the shipped font files and still refuses every other address;
- a character the fonts lack is an E-FONT error at the file and line it was written (check and
  build alike), and the renderer refuses it too rather than print an empty box;
- the font files are part of every output's key;
- the same pack built under another fontconfig configuration (no system font folder, or one odd
  folder holding an impostor font with the shipped family's name) gives the same bytes, and the
  PDFs embed the shipped family only, in the text and in the form fields' /DA.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from tests.support import ROOT
from tests.support.bad_inputs import TODAY, copy_small_pack, sub

from builder.render import engine
from builder.common.fonts import STAND_INS

TEST_STRING = "Zoë O'Brien-Łukasz, ŵ ŷ Ŵ Ŷ, Ysgol Gymraeg, ‘’ “” – — • …"
FAMILY_PS = "Atkinson-Hyperlegible-Next"   # the PostScript names of the shipped files start so
# characters no Latin font has: the check and the renderer must both refuse them
FOREIGN = ["漢", "Σ", "Ж", "🙂", "א", "ب", "ก", "✓", "⟦", "\U0001d400"]


def _cmap(name: str) -> set[int]:
    from fontTools.ttLib import TTFont
    return set(TTFont(engine.FONTS_DIR / name).getBestCmap())


def _pack_text() -> str:
    parts = [TEST_STRING]
    for part in ("trust.yml", "content", "forms", "schools"):
        base = ROOT / part
        files = [base] if base.is_file() else sorted(p for p in base.rglob("*") if p.is_file())
        parts += [f.read_text(encoding="utf-8") for f in files if f.suffix in {".yml", ".md"}]
    return "".join(parts)


# -- the files --------------------------------------------------------------------------------

@pytest.mark.parametrize("name", engine.FONT_FILES)
def test_each_shipped_file_covers_the_example_pack_welsh_and_polish(name):
    have = _cmap(name)
    text = _pack_text()
    missing = sorted({c for c in text if ord(c) not in have
                      and unicodedata.category(c) not in {"Cc", "Cf", "Zl", "Zp"}})
    assert missing == [], f"{name} lacks {missing}"
    for c in "ŵŷŴŶŁłëâêîôûŵŷáéíóúàèìòùäïöüÿẁẃẅỳ":
        assert ord(c) in have, c


def test_the_folder_holds_four_styles_the_rules_and_the_licence():
    files = sorted(p.name for p in engine.FONTS_DIR.iterdir())
    assert files == sorted([*engine.FONT_FILES, "OFL.txt", "fonts.css", "fonts.conf"])
    licence = (engine.FONTS_DIR / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence and "Atkinson Hyperlegible Next" in licence
    css = (engine.FONTS_DIR / "fonts.css").read_text(encoding="utf-8")
    for name in engine.FONT_FILES:
        assert f'url("{name}")' in css
    # the font configuration the renderer starts from names no folder and includes nothing
    conf = (engine.FONTS_DIR / "fonts.conf").read_text(encoding="utf-8")
    assert "<dir" not in conf and "<include" not in conf


@pytest.mark.parametrize("css", ["builder/render/policy/policy.css", "builder/render/form/form.css",
                                 "builder/diff/redline.css"])
def test_every_stylesheet_names_the_shipped_family_only(css):
    import re
    text = (ROOT / css).read_text(encoding="utf-8")
    families = re.findall(r"font(?:-family)?\s*:\s*([^;]+);", text)
    named = [f for f in families if '"' in f]
    assert named, css
    for f in named:
        assert '"Atkinson Hyperlegible Next"' in f, f
        assert not re.search(r"DejaVu|Liberation|Arial|Helvetica", f), f


# -- fetching ----------------------------------------------------------------------------------

@pytest.mark.parametrize("name", engine.FONT_FILES)
def test_the_renderer_fetches_exactly_the_shipped_font_files(name):
    path = engine.FONTS_DIR / name
    response = engine.refuse_fetch(path.as_uri())
    assert response.read() == path.read_bytes()


@pytest.mark.parametrize("url", [
    (engine.FONTS_DIR / "fonts.css").as_uri(), (engine.FONTS_DIR / "OFL.txt").as_uri(),
    (engine.FONTS_DIR / "fonts.conf").as_uri(),
    (engine.FONTS_DIR / engine.FONT_FILES[0]).as_uri() + "?x=1",
    (engine.FONTS_DIR / "sub" / ".." / engine.FONT_FILES[0]).as_uri(),
    (engine.FONTS_DIR / engine.FONT_FILES[0]).as_uri().replace("file://", "file://localhost"),
    "https://fonts.example/AtkinsonHyperlegibleNext-Regular.ttf", engine.FONT_FILES[0],
    "file:///usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", (engine.CSS_FILE).as_uri(),
])
def test_every_other_address_is_still_refused(url):
    from builder.common.diagnostics import PackError
    with pytest.raises(PackError, match="E-FETCH"):
        engine.refuse_fetch(url)


def test_a_document_linking_a_font_file_of_the_system_is_refused():
    from builder.common.diagnostics import PackError
    html = ('<html lang="en"><head><title>T</title><style>@font-face { font-family: X; src: '
            'url("file:///usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"); } p { font-family: X }'
            '</style></head><body><p>Hello</p></body></html>')
    with pytest.raises(PackError, match="E-FETCH"):
        engine.html_to_pdf(html)


# -- a character the fonts lack ----------------------------------------------------------------

def _doc(text: str) -> str:
    return (f'<html lang="en"><head><title>A test document</title></head><body><h1>Title</h1>'
            f'<p>Before {text} after</p></body></html>')


@pytest.mark.parametrize("c", FOREIGN)
def test_the_renderer_stops_on_a_character_the_fonts_lack(c):
    from builder.common.diagnostics import PackError
    assert engine.missing_glyphs(c) == [c]
    with pytest.raises(PackError) as caught:
        engine.html_to_pdf(_doc(f"name {c} here"))
    message = str(caught.value)
    assert "E-FONT" in message and f"'{c}'" in message and f"U+{ord(c):04X}" in message
    assert "'A test document'" in message and "Before name" in message


def test_the_renderer_takes_every_character_the_fonts_have():
    pdf = engine.html_to_pdf(_doc(TEST_STRING))
    assert pdf.startswith(b"%PDF")


HAVE = {name: _cmap(name) for name in engine.FONT_FILES}


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
       | st.text(alphabet=st.sampled_from(TEST_STRING + "".join(FOREIGN) + "\u00ad\u200b\u2009\u2010\u2032"),
                 max_size=12))
def test_missing_glyphs_is_what_a_file_lacks(text):
    missing = engine.missing_glyphs(text)
    assert len(missing) == len(set(missing))
    for c in text:
        drawn = unicodedata.category(c) not in {"Cc", "Cf", "Zl", "Zp", "Zs"}
        lacking = any(ord(c) not in have for have in HAVE.values()) and c not in STAND_INS
        assert (c in missing) == (drawn and lacking), (c, unicodedata.category(c))


def _check(pack: Path, capsys) -> list[dict]:
    from builder.cli.main import main
    capsys.readouterr()
    main(["--project", str(pack), "check", "--format", "json", "--today", TODAY])
    return [d for d in json.loads(capsys.readouterr().out) if d["code"] == "E-FONT"]


PLACES = {   # where a character is written -> (file, line shown)
    "section": ("content/online-code/rules.md", "Report worries to", "Report {} worries to"),
    "trust": ("trust.yml", "name: Ana Moreno", "name: Ana {}"),
    "school": ("schools/oak.yml", "Oak Primary", "Oak {} Primary"),
    "form": ("forms/code-agreement.yml", "I agree to follow the online code",
             "I agree to follow the {} online code"),
}


@pytest.mark.parametrize("place", sorted(PLACES))
@pytest.mark.parametrize("c", ["漢", "Ж", "🙂"])
def test_check_names_the_file_line_and_character(tmp_path, capsys, place, c):
    pack = copy_small_pack(tmp_path / "p")
    rel, old, new = PLACES[place]
    text = (pack / rel).read_text(encoding="utf-8")
    if old not in text:
        pytest.skip(f"{old!r} not in {rel}")
    line = text[:text.index(old)].count("\n") + 1
    sub(pack, rel, old, new.format(c))
    found = _check(pack, capsys)
    assert found, place
    assert {d["path"] for d in found} == {rel}
    assert all(d["severity"] == "error" for d in found)
    assert all(f"'{c}'" in d["message"] and f"U+{ord(c):04X}" in d["message"] for d in found)
    assert line in {d["line"] for d in found}


def test_check_is_clean_for_welsh_polish_and_typography(tmp_path, capsys):
    pack = copy_small_pack(tmp_path / "p")
    sub(pack, "trust.yml", "name: Ana Moreno", f"name: \"{TEST_STRING}\"")
    assert _check(pack, capsys) == []


def test_build_stops_where_check_does(tmp_path, capsys):
    from builder.cli.main import main
    pack = copy_small_pack(tmp_path / "p")
    sub(pack, "content/online-code/rules.md", "Report worries to", "Report 漢 worries to")
    from_check = {(d["code"], d["path"], d["line"]) for d in _check(pack, capsys)}
    status = main(["--project", str(pack), "build", "--out", str(tmp_path / "site"), "--today", TODAY,
                   "-j", "1", "-q"])
    err = capsys.readouterr().err
    assert status == 2 and "Traceback" not in err
    assert from_check == {("E-FONT", "content/online-code/rules.md", 2)}
    for code, path, line in from_check:
        assert f"{path}:{line}: error {code}:" in err
    assert not list((tmp_path / "site").rglob("*.pdf"))


# -- keys --------------------------------------------------------------------------------------

def test_the_font_files_are_part_of_every_outputs_key(tmp_path, monkeypatch):
    from builder.pipeline import plan
    assert engine.FONTS_DIR.resolve().is_relative_to(plan.BUILDER_DIR)
    copy = tmp_path / "builder"
    shutil.copytree(plan.BUILDER_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(plan, "BUILDER_DIR", copy)
    before = plan.builder_hash.__wrapped__()
    font = copy / "render" / "fonts" / engine.FONT_FILES[1]
    data = bytearray(font.read_bytes())
    data[-1] ^= 1
    font.write_bytes(bytes(data))
    assert plan.builder_hash.__wrapped__() != before


# -- the same bytes under another font configuration -------------------------------------------

def _impostor(folder: Path) -> None:
    """A system font renamed to the shipped family's names: a machine that has 'Atkinson
    Hyperlegible Next' installed, but a different one."""
    from fontTools.ttLib import TTFont
    src = next(Path(p) for p in ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                                 "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf")
               if Path(p).exists())
    font = TTFont(src)
    for rec in font["name"].names:
        if rec.nameID in (1, 4, 16):
            rec.string = "Atkinson Hyperlegible Next"
        elif rec.nameID == 6:
            rec.string = "AtkinsonHyperlegibleNext-Regular"
    folder.mkdir(parents=True)
    font.save(folder / "impostor.ttf")


REDLINE = textwrap.dedent("""
    import sys
    from pathlib import Path
    from builder.diff.pages import page, write_pdf
    write_pdf(page("Redline", "<h1>Redline</h1><p><ins>" + sys.argv[2] + "</ins> <del>old</del> "
                   "<i>italic</i> <b>bold</b> <b><i>both</i></b></p>"), Path(sys.argv[1]))
""")


def _build(pack: Path, out: Path, env: dict) -> dict[str, bytes]:
    subprocess.run([str(Path(sys.executable).with_name("policypack")), "build", "--out", str(out),
                    "--today", TODAY, "--quiet", "--force"], cwd=pack, env=env, check=True,
                   capture_output=True, text=True, timeout=600)
    subprocess.run([sys.executable, "-c", REDLINE, str(out / "redline.pdf"), TEST_STRING], cwd=ROOT,
                   env=env, check=True, capture_output=True, text=True, timeout=600)
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*.pdf"))}


@pytest.mark.build
def test_another_font_configuration_writes_the_same_bytes(tmp_path):
    pack = copy_small_pack(tmp_path / "pack")
    sub(pack, "trust.yml", "name: Ana Moreno", f"name: \"{TEST_STRING}\"")
    env = {k: v for k, v in os.environ.items() if not k.startswith("FONTCONFIG")}
    normal = _build(pack, tmp_path / "normal", env)

    _impostor(tmp_path / "odd-fonts")
    (tmp_path / "cache").mkdir()
    conf = tmp_path / "fonts.conf"
    conf.write_text('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
                    f'<fontconfig><dir>{tmp_path / "odd-fonts"}</dir>'
                    f'<cachedir>{tmp_path / "cache"}</cachedir></fontconfig>\n', encoding="utf-8")
    odd = _build(pack, tmp_path / "odd", {**env, "FONTCONFIG_FILE": str(conf)})

    kinds = {rel.split("/")[-2] if "/" in rel else rel for rel in normal}
    assert {"pdf", "forms", "redline.pdf"} <= kinds, kinds
    assert normal.keys() == odd.keys()
    for rel in normal:
        assert normal[rel] == odd[rel], f"{rel} differs under another font configuration"

    for rel in normal:
        fonts = _embedded_fonts(tmp_path / "normal" / rel)
        assert fonts, rel
        assert all(name.split("+")[-1].startswith(FAMILY_PS) for name in fonts if name != "ZapfDingbats"), \
            (rel, fonts)
    _form_fields_use_the_shipped_font(next((tmp_path / "normal").rglob("forms/*.pdf")))


def _embedded_fonts(pdf: Path) -> list[str]:
    """The font names `pdffonts` lists (poppler), or pypdf's when it is not installed."""
    if shutil.which("pdffonts"):
        out = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout
        return [line.split()[0] for line in out.splitlines()[2:] if line.strip()]
    from pypdf import PdfReader
    names = set()
    for page in PdfReader(str(pdf)).pages:
        for font in (page.get("/Resources") or {}).get("/Font", {}).values():
            names.add(str(font.get_object()["/BaseFont"]).lstrip("/"))
    return sorted(names)


def _form_fields_use_the_shipped_font(pdf: Path) -> None:
    """Each text field's /DA names a font of the AcroForm's /DR that is the shipped family
    (check boxes draw their mark with the viewer's ZapfDingbats, as PDF forms do)."""
    from pypdf import PdfReader
    form = PdfReader(str(pdf)).trailer["/Root"]["/AcroForm"]
    fonts = {str(k): str(v.get_object()["/BaseFont"]) for k, v in form["/DR"].get_object()["/Font"].items()}
    texts = [f.get_object() for f in form["/Fields"] if f.get_object().get("/FT") == "/Tx"]
    assert texts
    for field in texts:
        da = str(field["/DA"])
        name = next(tok for tok in da.split() if tok.startswith("/") and tok[1:] in
                    {k.lstrip("/") for k in fonts})
        assert FAMILY_PS in fonts[name], (field.get("/T"), da, fonts)


def test_an_undefined_variable_is_its_own_error_not_a_font_error(tmp_path, capsys):
    """The resolver writes a mark for an undefined variable (E-UNDEFINED); it is no E-FONT."""
    from builder.checks.glyphs import UNDEFINED_MARK
    from builder.resolve import templating
    assert UNDEFINED_MARK in Path(templating.__file__).read_text(encoding="utf-8")
    pack = copy_small_pack(tmp_path / "p")
    sub(pack, "content/online-code/rules.md", "{{ roles.dsl.name }}", "{{ roles.dsl.nmae }}")
    assert _check(pack, capsys) == []
