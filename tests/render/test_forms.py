"""Appendix forms: source schema, the PDF's structure, the HTML page, pypdf round trips,
collect on hostile files, prefill and the command line."""

from __future__ import annotations

import csv
import hashlib
import io
import re
from pathlib import Path

import pytest

from tests.support import ROOT

import tests.support.forms as H

from builder.cli.main import main
from builder.common.diagnostics import Collector, PackError
from builder.forms.collect import collect
from builder.forms.rows import Row, build_row
from builder.forms.reader import Reader, read_pdf_fields
from builder.source.forms import NAME_RE, parse_form
from builder.common.colour import school_accent
from builder.render.form.page import form_html
from builder.render.form.pdf import form_pdf, form_pdf_html, render_form_pdf
from builder.resolve.forms import resolve_form
from builder.source.yamlsrc import load_yaml



@pytest.fixture(scope="module")
def pack(example_pack):
    return example_pack


@pytest.fixture(scope="module")
def schools(example_resolved):
    return example_resolved


@pytest.fixture(scope="module")
def school(schools):
    """The school with the most social media accounts (so repeated items are exercised)."""
    return max(schools.values(), key=lambda s: len((s.values.get("lists") or {}).get("social_accounts") or []))


@pytest.fixture(scope="module")
def built(pack, school):
    """form id -> (resolved form, blank PDF bytes), for every form the school has."""
    return {fid: (f, render_form_pdf(f, school_accent(school.values)))
            for fid, f in school.resolved_forms.items()}


def fields_of(pdf: bytes):
    from pypdf import PdfReader
    r = PdfReader(io.BytesIO(pdf))
    return r, [f.get_object() for f in r.trailer["/Root"]["/AcroForm"]["/Fields"]]


# ---------------------------------------------------------------- the source schema

def _parse(tmp_path, text):
    p = tmp_path / "f.yml"
    p.write_text(text, encoding="utf-8")
    out = Collector()
    parse_form(load_yaml(p, "forms/f.yml"), "f", out)
    return out.items


def test_bad_form_source_is_reported_with_lines(tmp_path):
    diags = _parse(tmp_path, """\
title: T
return: Email it.
sections:
  - id: a
    fields:
      - {name: images.website, type: yesno, label: X}
      - {name: ok_one, type: radio, label: Y}
      - {name: sig, type: signature}
      - {name: sig_name, type: text, label: Z}
      - {name: pupil, type: text, label: P, register: pupl}
""")
    text = "\n".join(d.format() for d in diags)
    assert "forms/f.yml:6: error E-ID: field name 'images.website'" in text
    assert "forms/f.yml:7: error E-VALUE" in text and "radio" in text
    assert "forms/f.yml:9: error E-DUP-ID: field name 'sig_name' is used twice" in text
    assert "forms/f.yml:10: error E-VALUE: register 'pupl'" in text


def test_every_pack_form_is_valid(pack):
    for form in pack.forms.values():
        out = Collector()
        parse_form(form.raw, form.id, out)
        assert out.items == [], form.id


def test_every_school_gets_every_listed_form(pack, schools):
    for rs in schools.values():
        assert rs.forms, rs.id
        for fid in rs.forms:
            f = resolve_form(pack, rs, pack.forms[fid])
            assert f.items and f.school_name == rs.name


def test_forms_are_parsed_once_and_resolved_with_the_school(pack, monkeypatch):
    """The loader keeps each form's spec; resolving a school makes its forms from that (no
    second parse), in the order of rs.forms, and equal to resolving one afresh."""
    import builder.source.forms as sf
    from builder.resolve.school import resolve_school
    assert all(form.spec is not None and form.spec.id == fid for fid, form in pack.forms.items())
    monkeypatch.setattr(sf, "parse_form", lambda *a: pytest.fail("a form was parsed again"))
    for school in pack.schools.values():
        rs = resolve_school(pack, school)
        assert list(rs.resolved_forms) == rs.forms
        for fid, f in rs.resolved_forms.items():
            assert f == resolve_form(pack, rs, pack.forms[fid])


def test_missing_school_list_is_an_error_naming_the_form(pack, school):
    import copy
    rs = copy.copy(school)
    rs.values = dict(school.values, lists={})
    with pytest.raises(PackError) as exc:
        resolve_form(pack, rs, pack.forms["social-media-consent"])
    assert "lists.social_accounts" in str(exc.value) and "social-media-consent.yml" in str(exc.value)


# ---------------------------------------------------------------- the PDF

def test_fields_are_flat_unique_readable_and_labelled(built):
    for fid, (form, pdf) in built.items():
        _, fields = fields_of(pdf)
        names = [str(f["/T"]) for f in fields]
        assert len(names) == len(set(names)), fid
        for f in fields:
            assert NAME_RE.match(str(f["/T"])), f["/T"]
            assert "/Kids" not in f and "/Parent" not in f
            assert str(f.get("/TU", "")).strip(), f"{fid}: {f['/T']} has no /TU"
        assert set(names) - {"pp_form"} == set(form.tooltips)


def test_consent_form_items_from_school_accounts(built, school):
    form, pdf = built["social-media-consent"]
    names = {str(f["/T"]) for f in fields_of(pdf)[1]}
    for acc in school.values["lists"]["social_accounts"]:
        slug = re.sub(r"[^a-z0-9]+", "_", acc["platform"].lower()).strip("_")
        assert {f"images_social_{slug}_yes", f"images_social_{slug}_no"} <= names
    assert {"images_website_yes", "images_website_no", "pupil_name", "year_group", "parent_name",
            "signature_name", "signature_date"} <= names
    tus = {str(f["/T"]): str(f["/TU"]) for f in fields_of(pdf)[1]}
    assert tus["images_website_yes"] == "Photographs of my child on the school website: Yes"


def uncompressed(pdf: bytes, tmp_path) -> bytes:
    """Every object written out plainly (qpdf), so a search sees inside object streams."""
    import subprocess
    src, dst = tmp_path / "in.pdf", tmp_path / "out.pdf"
    src.write_bytes(pdf)
    subprocess.run(["qpdf", "--qdf", "--object-streams=disable", str(src), str(dst)], check=True)
    return dst.read_bytes()


def test_no_javascript_tagged_and_identified(built, tmp_path):
    for fid, (form, pdf) in built.items():
        r, fields = fields_of(pdf)
        body = uncompressed(pdf, tmp_path)
        assert b"/Widget" in body   # the search can see the fields
        assert not re.search(rb"/(JavaScript|JS|AA|OpenAction|Launch|SubmitForm)\b", body), fid
        assert "/AA" not in r.trailer["/Root"] and "/OpenAction" not in r.trailer["/Root"]
        root = r.trailer["/Root"]
        assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
        assert str(root["/Lang"]).startswith("en")
        assert r.metadata["/PolicypackForm"] == fid
        ident = next(str(f["/V"]) for f in fields if f["/T"] == "pp_form")
        assert ident == f"policypack-form/1 {form.school_id} {fid} {form.version}"
        assert len(r.pages[0].mediabox) == 4 and round(float(r.pages[0].mediabox.width)) == 595


def test_tick_boxes_use_yes_and_off(built):
    _, pdf = built["social-media-consent"]
    r, fields = fields_of(pdf)
    ticks = [f for f in fields if f.get("/FT") == "/Btn"]
    assert ticks
    for f in ticks:
        assert set(f["/AP"]["/N"].keys()) == {"/Yes"} and f["/AS"] == "/Off" and f["/V"] == "/Off"
        assert f["/MK"]["/CA"] == "4" and f["/DA"] == "/ZaDb 0 Tf 0 g"
    acro = r.trailer["/Root"]["/AcroForm"]
    assert acro["/DR"]["/Font"]["/ZaDb"]["/BaseFont"] == "/ZapfDingbats"
    assert "/NeedAppearances" not in acro     # every field carries its own appearance
    ident = next(f for f in fields if f["/T"] == "pp_form")
    assert (ident["/F"], ident["/Ff"], ident["/DA"]) == (2, 1, acro["/DA"])
    assert ident.raw_get("/P").idnum == r.pages[0].indirect_reference.idnum
    assert ident.indirect_reference.idnum in {a.idnum for a in r.pages[0]["/Annots"]}


def test_every_text_field_has_an_empty_appearance_in_its_font(built):
    for fid, (_form, pdf) in built.items():
        r, fields = fields_of(pdf)
        fonts = r.trailer["/Root"]["/AcroForm"]["/DR"]["/Font"]
        for f in fields:
            if f.get("/FT") != "/Tx":
                continue
            ap = f["/AP"]["/N"]
            font = re.search(r"/(\S+) [\d.]+ Tf", str(f["/DA"])).group(1)
            assert "/" + font in ap["/Resources"]["/Font"] and "/" + font in fonts, (fid, f["/T"])
            x1, y1, x2, y2 = (float(v) for v in f["/Rect"])
            assert [float(v) for v in ap["/BBox"]] == [0, 0, round(abs(x2 - x1), 4), round(abs(y2 - y1), 4)]
            assert ap.get_data().split() == [b"/Tx", b"BMC", b"EMC"]


def test_required_items_carry_the_required_flag(built):
    from builder.render.form.fields import required_fields
    seen = 0
    for fid, (form, pdf) in built.items():
        _, fields = fields_of(pdf)
        flags = {str(f["/T"]): int(f.get("/Ff", 0)) for f in fields}
        want = required_fields(form)
        for item in form.items:
            for name, _tu in item.pdf_fields:
                on = bool(flags[name] & 2)
                assert on == (name in want), (fid, name)
                if item.required and item.type not in ("yesno", "choice"):
                    assert on, (fid, name)
                    seen += 1
                if not item.required:
                    assert not on, (fid, name)
    assert seen > 10


INFO_KEYS = {"/Title", "/Author", "/Subject", "/Keywords", "/Creator", "/Producer", "/CreationDate",
             "/ModDate", "/PolicypackItems", "/PolicypackForm", "/PolicypackFormVersion",
             "/PolicypackSchool"}


def test_pdf_is_written_in_one_pass(built):
    """WeasyPrint writes the file once (the clean-up is a finisher): one revision, no update."""
    from pypdf import PdfReader
    for fid, (form, pdf) in built.items():
        assert pdf.startswith(b"%PDF-1.7\n"), fid
        assert pdf.count(b"%%EOF") == 1 and pdf.endswith(b"%%EOF\n"), fid
        assert pdf.count(b"startxref") == 1, fid
        r = PdfReader(io.BytesIO(pdf))
        assert "/Prev" not in r.trailer, fid
        want = hashlib.sha256(form.identity.encode()).hexdigest()[:32]
        assert r.trailer["/ID"][0] == want, fid


def test_streams_serialised_once_write_the_same_bytes(pack, school, built, monkeypatch):
    """With an /ID, pydyf serialises every stream to hash it and again to write it; keeping the
    first serialisation (render_pdf.serialise_once) must not change a byte, the /ID included."""
    import builder.render.engine as rp
    monkeypatch.setattr(rp, "serialise_once", lambda document, pdf: None)
    for fid, (form, pdf) in built.items():
        assert render_form_pdf(form, school_accent(school.values)) == pdf, fid


def test_information_dictionary_holds_exactly_the_expected_keys(built):
    from pypdf import PdfReader
    for fid, (form, pdf) in built.items():
        info = PdfReader(io.BytesIO(pdf)).metadata
        policy_keys = {"/PolicypackPolicy", "/PolicypackPolicyVersion", "/PolicypackPolicyMeaning"}
        want = INFO_KEYS | (policy_keys if form.policy else set())
        assert set(info) == want, (fid, set(info) ^ want)
        stamp = f"D:{form.date:%Y%m%d}000000Z"
        assert dict(info) == {
            "/Title": f"{form.title} – {form.school_name}", "/Author": form.school_name,
            "/Subject": f"{form.title}, version {form.version}", "/Keywords": form.identity,
            "/Creator": "policypack", "/Producer": "policypack (WeasyPrint)",
            "/CreationDate": stamp, "/ModDate": stamp, "/PolicypackItems": info["/PolicypackItems"],
            "/PolicypackForm": fid, "/PolicypackFormVersion": form.version,
            "/PolicypackSchool": form.school_id,
            **({"/PolicypackPolicy": form.policy[0], "/PolicypackPolicyVersion": form.policy[1],
                "/PolicypackPolicyMeaning": form.policy[2]} if form.policy else {})}
        items = __import__("json").loads(info["/PolicypackItems"])
        assert [i["name"] for i in items] == [i.name for i in form.items]
        assert [i["label"] for i in items] == [i.label for i in form.items]   # what was asked


def _variant(form, **changes):
    import copy
    import dataclasses
    return dataclasses.replace(copy.deepcopy(form), **changes)


def test_form_pdf_needs_only_the_form_and_html(pack, school, built):
    """What a worker process gets: the resolved form and the HTML (both picklable), and finishers
    that run after the field clean-up, in the same pass."""
    import pickle
    from builder.common.colour import school_accent
    form, pdf = built["social-media-consent"]
    html = form_pdf_html(form, school_accent(school.values))
    f2, html2 = pickle.loads(pickle.dumps((form, html)))
    assert form_pdf(f2, html2) == pdf
    seen = []

    def extra(document, p):
        last = p.objects[int(p.catalog["AcroForm"]["Fields"][-1].split()[0])]
        seen.append((p.info["Producer"].string, last["T"].string))
        p.catalog["PageMode"] = "/UseOutlines"
    with_extra = form_pdf(f2, html2, finishers=(extra,))
    assert seen == [("policypack (WeasyPrint)", "pp_form")]   # after FormFields
    from pypdf import PdfReader
    assert PdfReader(io.BytesIO(with_extra)).trailer["/Root"]["/PageMode"] == "/UseOutlines"
    assert with_extra.count(b"%%EOF") == 1


def test_text_strings_survive_any_characters(school, built, tmp_path):
    """/TU and the information dictionary keep accents, quotes, brackets and line breaks, read
    as ISO 32000 says (qpdf: a bare carriage return inside a literal string reads as a line feed)."""
    from pypdf import PdfReader
    from builder.common.colour import school_accent
    form, _ = built["social-media-consent"]
    odd = [H.NAME + " (a \\ b) \r\n\tend", "ASCII (a \\ b) (\r\r\n\tend"]
    f = _variant(form, school_name=H.NAME + " (école)")
    for item, label in zip(f.sections[0].items, odd):
        item.label = label
    pdf = form_pdf(f, form_pdf_html(f, school_accent(school.values)))
    for data in (pdf, uncompressed(pdf, tmp_path)):
        r, fields = fields_of(data)
        tus = {str(x["/T"]): str(x["/TU"]) for x in fields}
        assert [tus[i.pdf_fields[0][0]] for i in f.sections[0].items[:2]] == odd
        assert r.metadata["/Author"] == H.NAME + " (école)"
        assert r.metadata["/Title"].endswith("– " + H.NAME + " (école)")
    assert PdfReader(io.BytesIO(pdf)).metadata["/PolicypackItems"] == PdfReader(
        io.BytesIO(uncompressed(pdf, tmp_path))).metadata["/PolicypackItems"]


def test_fields_not_in_the_form_are_an_error(school, built):
    from builder.common.colour import school_accent
    form, _ = built["social-media-consent"]
    html = form_pdf_html(form, school_accent(school.values))
    stray = html.replace("</form>", '<input type="text" name="stray"></form>')
    with pytest.raises(PackError) as exc:
        form_pdf(form, stray)
    assert "E-FORM-FIELD" in str(exc.value) and "unexpected or repeated field 'stray'" in str(exc.value)
    twice = html.replace("</form>", '<input type="text" name="pupil_name"></form>')
    with pytest.raises(PackError) as exc:
        form_pdf(form, twice)
    assert "repeated field 'pupil_name'" in str(exc.value)
    f = _variant(form)
    extra = _variant(f.sections[0].items[0], name="not_drawn")
    f.sections[0].items.append(extra)
    with pytest.raises(PackError) as exc:
        form_pdf(f, html)
    assert "fields missing from the PDF: not_drawn" in str(exc.value)
    assert "forms/social-media-consent.yml" in str(exc.value)


def test_output_is_byte_identical(pack, school, built):
    form, pdf = built["social-media-consent"]
    assert render_form_pdf(resolve_form(pack, school, pack.forms["social-media-consent"]),
                           school_accent(school.values)) == pdf
    from pypdf import PdfReader
    assert PdfReader(io.BytesIO(pdf)).metadata["/CreationDate"].startswith("D:2026")


def test_field_font_embeds_accented_glyphs(built):
    from fontTools.ttLib import TTFont
    _, pdf = built["social-media-consent"]
    r, fields = fields_of(pdf)
    font_name = re.search(r"/(\S+) [\d.]+ Tf", str(fields[0]["/DA"])).group(1)
    font = r.trailer["/Root"]["/AcroForm"]["/DR"]["/Font"]["/" + font_name]
    desc = font["/DescendantFonts"][0]["/FontDescriptor"] if "/DescendantFonts" in font else font["/FontDescriptor"]
    data = desc["/FontFile2"].get_data()
    cmap = TTFont(io.BytesIO(data)).getBestCmap()
    assert all(ord(c) in cmap for c in H.NAME)


# ---------------------------------------------------------------- the HTML page

def test_html_page_is_accessible_and_complete(pack, school):
    html = form_html(school.resolved_forms["social-media-consent"], "social-media-consent.pdf")
    assert "<html" not in html and "<head" not in html
    ids = re.findall(r'<input[^>]* id="([^"]+)"', html) + re.findall(r'<textarea[^>]* id="([^"]+)"', html)
    assert ids
    for i in ids:
        assert f'<label for="{i}"' in html, i
    # every id once: a label's "for" finds the first element with its id, so a section sharing
    # a field's name ("declaration") would take the label away from the tick box
    every = re.findall(r' id="([^"]+)"', html)
    assert len(every) == len(set(every)), sorted(i for i in every if every.count(i) > 1)
    assert html.count("<fieldset class=\"pp-yesno\"") == html.count("<legend>") - html.count("pp-signature")
    assert 'href="social-media-consent.pdf"' in html and "Version 1.0" in html
    dpo = school.values["roles"]["dpo"]
    assert dpo["name"] in html and dpo["email"] in html
    assert "When you have filled this in" in html and school.values["email"] in html
    assert "<script" not in html and "onsubmit" not in html


def test_html_escapes_school_values(pack, school):
    import copy
    rs = copy.copy(school)
    rs.values = dict(school.values, name="<b>Bad & School</b>")
    rs.school = copy.copy(school.school)
    rs.school.values = rs.values
    html = form_html(resolve_form(pack, rs, pack.forms["parent-acceptable-use"]), "x.pdf")
    assert "<b>Bad" not in html and "&lt;b&gt;Bad &amp; School" in html


# ---------------------------------------------------------------- pypdf fill -> collect

def check_row(row, form, values):
    want = H.expected(form, values)
    got = row.as_dict()
    for k, v in want.items():
        assert got.get(k) == v, (form.id, k, got.get(k), v)
    assert row.status == "complete", row.follow_up
    assert row.form == form.id and row.school == form.school_id and row.form_version == form.version


def test_pypdf_fill_collects_back(built, tmp_path):
    with Reader() as reader:
        for fid, (form, pdf) in built.items():
            values = H.sample_values(form)
            p = tmp_path / f"{fid}.pdf"
            p.write_bytes(H.fill_pypdf(pdf, values))
            from builder.forms.collect import collect_file
            check_row(collect_file(p, reader), form, values)


def test_both_and_neither_are_flagged(built):
    form, pdf = built["social-media-consent"]
    values = H.sample_values(form)
    values["images_website_yes"] = values["images_website_no"] = True
    values.pop("videos_website_yes", None), values.pop("videos_website_no", None)
    row = build_row(Row(file="x.pdf"), read_pdf_fields(H.fill_pypdf(pdf, values)))
    assert row.answers["images_website"] == "both" and row.answers["videos_website"] == "neither"
    assert row.status == "follow-up"
    assert any("images_website: both" in f for f in row.follow_up)
    assert any("videos_website: not answered" in f for f in row.follow_up)


def test_appearance_state_wins_over_stale_value(built):
    """A viewer that changes /AS but not /V: the reader reports what the signer saw."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject
    _, pdf = built["social-media-consent"]
    w = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    # the first tick box after the first page (where the layout puts it may change)
    annots = [a.get_object() for page in w.pages[1:] for a in page.get("/Annots") or []]
    o = next(o for o in annots if o.get("/FT") == "/Btn")
    o[NameObject("/AS")] = NameObject("/Yes")
    o[NameObject("/V")] = NameObject("/Off")
    name = str(o["/T"])
    buf = io.BytesIO()
    w.write(buf)
    assert read_pdf_fields(buf.getvalue())["fields"][name] is True


# ---------------------------------------------------------------- collect on a messy folder

@pytest.fixture(scope="module")
def messy(tmp_path_factory, built):
    d = tmp_path_factory.mktemp("returned")
    form, pdf = built["social-media-consent"]
    values = H.sample_values(form)
    good = H.fill_pypdf(pdf, values)
    (d / "good.pdf").write_bytes(good)
    half = {k: v for k, v in values.items() if not k.startswith(("videos", "signature"))}
    (d / "half.pdf").write_bytes(H.fill_pypdf(pdf, half))
    (d / "truncated.pdf").write_bytes(good[: len(good) // 3])
    (d / "empty.pdf").write_bytes(b"")
    (d / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 not a pdf at all")
    from pypdf import PdfReader, PdfWriter
    w = PdfWriter(clone_from=PdfReader(io.BytesIO(good)))
    w.encrypt("secret", algorithm="AES-256")
    buf = io.BytesIO()
    w.write(buf)
    (d / "encrypted.pdf").write_bytes(buf.getvalue())
    nested = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [3 0 R] >> >>\nendobj\n" \
             b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n3 0 obj\n<< /T (a) /V " + \
             b"[" * 200000 + b"]" * 200000 + b" >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
    (d / "nested.pdf").write_bytes(nested)
    other = io.BytesIO()
    w2 = PdfWriter()
    w2.add_blank_page(200, 200)
    w2.write(other)
    (d / "someone-elses.pdf").write_bytes(other.getvalue())
    sub = d / "more"
    sub.mkdir()
    (sub / "big.pdf").write_bytes(b"%PDF-1.4\n" + b"0" * (26 * 1024 * 1024))
    return d


def test_collect_messy_folder_keeps_going(messy, tmp_path, capsys):
    out = tmp_path / "register.csv"
    assert main(["forms", "collect", str(messy), "--out", str(out)]) == 0
    text = capsys.readouterr().out
    rows = {Path(r["file"]).name: r for r in csv.DictReader(io.StringIO(out.read_text("utf-8-sig")))}
    assert set(rows) == {"good.pdf", "half.pdf", "truncated.pdf", "empty.pdf", "photo.jpg", "encrypted.pdf",
                         "nested.pdf", "someone-elses.pdf", "big.pdf"}
    assert rows["good.pdf"]["status"] == "complete" and rows["good.pdf"]["pupil"] == H.NAME
    assert rows["good.pdf"]["sha256"] == hashlib.sha256((messy / "good.pdf").read_bytes()).hexdigest()
    assert rows["half.pdf"]["status"] == "follow-up" and "videos_website: not answered" in rows["half.pdf"]["follow_up"]
    assert "not signed" in rows["half.pdf"]["follow_up"]
    assert rows["empty.pdf"]["follow_up"] == "empty file (0 bytes)"
    assert rows["photo.jpg"]["follow_up"] == "not a PDF"
    assert "password" in rows["encrypted.pdf"]["follow_up"]
    assert rows["truncated.pdf"]["status"] in ("unreadable", "not-a-form")
    assert rows["nested.pdf"]["status"] in ("unreadable", "not-a-form")
    assert "not one of the school's forms" in rows["someone-elses.pdf"]["follow_up"] or \
        "no form fields" in rows["someone-elses.pdf"]["follow_up"]
    assert "too large" in rows["big.pdf"]["follow_up"]
    assert "9 file(s) read: 1 complete, 8 need follow-up" in text


def test_collect_hung_reader_is_stopped(tmp_path, monkeypatch):
    import builder.forms.collect as fc
    import builder.forms.reader as rd
    monkeypatch.setattr(rd, "read_pdf_fields", lambda data: __import__("time").sleep(30))
    p = tmp_path / "slow.pdf"
    p.write_bytes(b"%PDF-1.4\n")
    with Reader(time_limit=1.0) as reader:
        row = fc.collect_file(p, reader)
    assert row.status == "unreadable" and "longer than 1 seconds" in row.follow_up[0]


def test_register_cells_are_safe_in_spreadsheets():
    from builder.forms.collect import write_register
    buf = io.StringIO()
    write_register([Row(file="a.pdf", pupil="=HYPERLINK(\"x\")")], buf)
    assert "'=HYPERLINK" in buf.getvalue()


def test_collect_with_no_files_is_exit_2(tmp_path, capsys):
    assert main(["forms", "collect", str(tmp_path / "nope")]) == 2
    assert "E-MISSING-FILE" in capsys.readouterr().err


# ---------------------------------------------------------------- prefill

def test_prefill_writes_safe_unique_files_that_collect_back(school, tmp_path, capsys):
    csv_path = tmp_path / "pupils.csv"
    csv_path.write_text("Pupil,Year group\n" + f"\"{H.NAME}\",Year 4\nAdam Smith,Year 2\nAdam Smith,Year 5\n"
                        "../../etc/passwd,Year 1\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["--project", str(ROOT), "forms", "prefill", "social-media-consent", "--school", school.id,
                 "--csv", str(csv_path), "--out", str(out)]) == 0
    files = sorted(p.name for p in out.iterdir())
    assert files == ["social-media-consent-adam-smith-2.pdf", "social-media-consent-adam-smith.pdf",
                     "social-media-consent-etc-passwd.pdf", "social-media-consent-zoe-obrien-lukasz.pdf"]
    rows = {Path(r.file).name: r for r in collect([out])}
    r = rows["social-media-consent-zoe-obrien-lukasz.pdf"]
    assert (r.pupil, r.year_group, r.school) == (H.NAME, "Year 4", school.id)
    assert rows["social-media-consent-adam-smith-2.pdf"].year_group == "Year 5"


def test_prefill_bad_input_is_exit_2(school, tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("Surname,Class\nSmith,4\n", encoding="utf-8")
    assert main(["--project", str(ROOT), "forms", "prefill", "social-media-consent", "--school", school.id,
                 "--csv", str(bad)]) == 2
    assert "no pupil column" in capsys.readouterr().err
    assert main(["--project", str(ROOT), "forms", "prefill", "no-such-form", "--school", school.id,
                 "--csv", str(bad)]) == 2
    assert "no form 'no-such-form'" in capsys.readouterr().err
