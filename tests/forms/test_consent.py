"""Forms through their life: the consent register answers "may this pupil appear in this use?"
from real returned PDFs (filled by PDFium and pdf.js, names typed in other case and accents):
a later No withdraws, an answer past its `valid_for` reads expired, a use whose wording changed
in meaning since reads "re-consent needed" (a change of wording alone does not); staff sign again
only when the policy's text changed in meaning."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import pytest
from pypdf import PdfReader

import tests.forms.pdfs as P
import tests.support.forms as H
from builder.cli.main import main
from builder.common.meaning import material_change
from builder.forms.collect import collect
from builder.forms.consent import consent_register
from builder.forms.expect import expected_returns, read_people
from builder.forms.reader import Reader
from builder.forms.verify import Catalogue
from tests.support import ROOT, copy_pack

pytestmark = pytest.mark.build
SCHOOL = "vine-tree"
USE = "images_website"


@pytest.fixture(scope="module")
def consent_form(example_resolved):
    from builder.common.colour import school_accent
    from builder.render.form.pdf import render_form_pdf
    rs = example_resolved[SCHOOL]
    form = rs.resolved_forms["social-media-consent"]
    return form, render_form_pdf(form, school_accent(rs.values))


@pytest.fixture(scope="module")
def catalogue():
    return Catalogue.from_pack(ROOT)


def answers(form, pupil: str, year: str, signed: str, use_answer: str) -> dict:
    """Every item answered (No), the use under test as given, the pupil and the signature."""
    values = {"pupil_name": pupil, "year_group": year, "parent_name": "A Parent",
              "signature_name": "A Parent", "signature_date": signed}
    for item in form.items:
        if item.type == "yesno":
            values[f"{item.name}_no"] = True
    values.pop(f"{USE}_no")
    values[f"{USE}_{use_answer}"] = True
    return values


def returned_with_pdfium(form, blank, folder, name, **kw):
    path = folder / name
    H.fill_pdfium(blank, answers(form, **kw), path)
    return path


def returned_with_pdfjs(form, blank, folder, name, **kw):
    if H.node_ready():
        pytest.skip(H.node_ready())
    src = folder / f"blank-{name}"
    src.write_bytes(blank)
    path = folder / name
    values = {k: v for k, v in answers(form, **kw).items()}
    H.fill_pdfjs(src, path, values)
    src.unlink()
    return path


def register_rows(path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def test_a_later_no_withdraws_the_yes(consent_form, tmp_path, capsys):
    form, blank = consent_form
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    returned_with_pdfium(form, blank, inbox, "september.pdf", pupil="Zoë O'Brien-Łukasz",
                         year="Year 4", signed="10/09/2026", use_answer="yes")
    returned_with_pdfjs(form, blank, inbox, "january.pdf", pupil="ZOE OBRIEN LUKASZ",
                        year="4", signed="15 January 2027", use_answer="no")
    out = tmp_path / "returns.csv"
    consent = tmp_path / "consent.csv"
    assert main(["--project", str(ROOT), "forms", "collect", str(inbox), "--out", str(out),
                 "--register", str(consent), "--today", "2027-02-01"]) == 0
    [row] = register_rows(consent)                       # one pupil, whatever the spelling
    assert row[USE] == "no"
    assert "january.pdf" in row[f"{USE} (from)"] and "2027-01-15" in row[f"{USE} (from)"]
    page = consent.with_suffix(".html").read_text(encoding="utf-8")
    assert "Consent register" in page and "january.pdf" in page
    capsys.readouterr()
    assert main(["--project", str(ROOT), "forms", "consent", str(inbox), "--use", USE,
                 "--pupil", "zoe o'brien-lukasz", "--today", "2027-02-01"]) == 0
    said = capsys.readouterr().out
    may_not = said.split("May not appear")[1]
    assert "May appear (0)" in said and "january.pdf" in may_not and ": no," in may_not


def test_an_answer_past_its_academic_year_has_expired(consent_form, catalogue, tmp_path):
    form, blank = consent_form
    returned_with_pdfium(form, blank, tmp_path, "old.pdf", pupil="Adam Smith", year="Year 5",
                         signed="10/09/2025", use_answer="yes")
    with Reader() as reader:
        rows = collect([tmp_path], reader=reader, catalogue=catalogue)
    assert consent_register(rows, catalogue, dt.date(2026, 8, 31)).pupils[0].answer(USE) == "yes"
    assert consent_register(rows, catalogue, dt.date(2026, 9, 1)).pupils[0].answer(USE) == "expired"


@pytest.mark.parametrize("told, expect", [
    ("Photographs of my child on our school's website", "yes"),               # wording only
    ("Photographs of my child in the printed school newsletter", "re-consent needed"),  # a new use
])
def test_a_use_whose_meaning_changed_needs_asking_again(told, expect, consent_form, catalogue,
                                                        tmp_path):
    form, blank = consent_form
    path = returned_with_pdfium(form, blank, tmp_path, "returned.pdf", pupil="Mia Jones",
                                year="Year 2", signed="10/09/2026", use_answer="yes")
    items = json.loads(str(PdfReader(str(path)).metadata["/PolicypackItems"]))
    for it in items:
        if it["name"] == USE:
            it["label"] = told                       # the words the parent saw on that version
    path.write_bytes(P.edited(path.read_bytes(), items=items))
    with Reader() as reader:
        rows = collect([path], reader=reader, catalogue=catalogue)
    [pupil] = consent_register(rows, catalogue, dt.date(2026, 11, 21)).pupils
    assert pupil.answer(USE) == expect
    assert pupil.answer("videos_website") == "no"          # the other uses are as answered


def test_two_pupils_of_one_name_are_kept_apart_and_a_form_without_a_year_is_not_guessed(
        consent_form, catalogue, tmp_path):
    form, blank = consent_form
    for name, year, answer in (("y3.pdf", "Year 3", "yes"), ("y5.pdf", "Year 5", "no"),
                               ("none.pdf", "", "yes")):
        returned_with_pdfium(form, blank, tmp_path, name, pupil="Sam Lee", year=year,
                             signed="10/09/2026", use_answer=answer)
    with Reader() as reader:
        rows = collect([tmp_path], reader=reader, catalogue=catalogue)
    reg = consent_register(rows, catalogue, dt.date(2026, 11, 21))
    assert sorted((p.year_group, p.answer(USE)) for p in reg.pupils) == [("Year 3", "yes"),
                                                                         ("Year 5", "no")]
    assert any("none.pdf" in note and "not guessed" in note for note in reg.not_applied)


def test_an_unknown_use_is_a_clear_error(consent_form, tmp_path, capsys):
    form, blank = consent_form
    returned_with_pdfium(form, blank, tmp_path, "a.pdf", pupil="Ann Lee", year="Year 1",
                         signed="10/09/2026", use_answer="yes")
    assert main(["--project", str(ROOT), "forms", "consent", str(tmp_path), "--use",
                 "images_websit"]) == 2
    err = capsys.readouterr().err
    assert "E-ARG" in err and "did you mean 'images_website'" in err and "Traceback" not in err


# ---------------------------------------------------------------- staff: sign again only on change

STAFF = "staff-code-acknowledgement"


def acknowledgement(pack_root, school: str, name: str, role: str, folder):
    from builder.common.colour import school_accent
    from builder.project import Project
    from builder.render.form.pdf import render_form_pdf
    rs = Project(pack_root).school(school)
    form = rs.resolved_forms[STAFF]
    values = {"staff_name": name, "staff_role": role, "agree": True, "signature_name": name,
              "signature_date": "02/09/2026"}
    path = folder / f"{name.split()[0].lower()}.pdf"
    H.fill_pdfium(render_form_pdf(form, school_accent(rs.values)), values, path)
    return path


def edit_policy(pack, old: str, new: str, version_entry: str | None = None):
    md = next(p for p in sorted((pack / "content" / "staff-code").glob("*.md"))
              if old in p.read_text(encoding="utf-8"))
    md.write_text(md.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    if version_entry:
        yml = pack / "content" / "staff-code" / "policy.yml"
        yml.write_text(yml.read_text(encoding="utf-8").replace("versions:\n", "versions:\n"
                                                               + version_entry, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def signed(tmp_path_factory):
    """Two staff acknowledgements of the staff code as it is now, and the staff list."""
    folder = tmp_path_factory.mktemp("acks")
    for name, role in (("Priya Shah", "Teacher"), ("Tom Reed", "Teaching assistant")):
        acknowledgement(ROOT, SCHOOL, name, role, folder)
    staff = folder / "staff.csv"
    staff.write_text("Name,Role\nPriya Shah,Teacher\nTom Reed,Teaching assistant\n"
                     "Ola Nowak,Teacher\n", encoding="utf-8")
    with Reader() as reader:
        rows = collect([folder], reader=reader)
    return rows, staff


def resign(rows, staff, pack) -> tuple[list, list]:
    cat = Catalogue.from_pack(pack)
    people, kind = read_people(staff)
    [rep] = [r for r in expected_returns(rows, people, kind, cat.audiences, cat.policies)
             if r.school == SCHOOL]
    return sorted(p.name for p, _ in rep.sign_again), sorted(p.name for p in rep.missing)


def test_staff_who_signed_the_current_text_are_not_asked_again(signed):
    rows, staff = signed
    again, missing = resign(rows, staff, ROOT)
    assert again == [] and missing == ["Ola Nowak"]


def test_a_wording_only_change_asks_nobody_new(signed, tmp_path):
    rows, staff = signed
    pack = copy_pack(tmp_path / "pack")
    text = "".join(p.read_text(encoding="utf-8")
                   for p in sorted((pack / "content" / "staff-code").glob("*.md")))
    word = re.search(r"\bthe school\b", text)
    assert word, "the staff code says 'the school' somewhere"
    edit_policy(pack, "the school", "our school")
    assert resign(rows, staff, pack) == ([], ["Ola Nowak"])


def test_a_material_change_asks_everyone_who_signed_before_by_role(signed, tmp_path, capsys):
    rows, staff = signed
    pack = copy_pack(tmp_path / "pack")
    text = (pack / "content" / "staff-code" / "rules.md").read_text(encoding="utf-8")
    first = text.strip().splitlines()[0]
    edit_policy(pack, first, first + "\n\nStaff must not livestream any school event.")
    again, missing = resign(rows, staff, pack)
    assert again == ["Priya Shah", "Tom Reed"] and missing == ["Ola Nowak"]
    # unless its changelog entry says the change is not material
    edit_policy(pack, "Staff must not livestream", "Staff must not livestream",
                '  - {version: "2.1", date: 2026-11-01, summary: Livestreams named., material: false}\n')
    assert resign(rows, staff, pack) == ([], ["Ola Nowak"])


def test_the_meaning_rule():
    assert not material_change("Photographs of my child on the school website",
                               "photographs of my child, on our school's website.")
    assert material_change("We will use photographs", "We will not use photographs")
    assert material_change("on the school website", "on the school website and on Facebook")


def test_acknowledging_a_policy_the_pack_lacks_is_an_error(tmp_path, capsys):
    pack = copy_pack(tmp_path / "pack")
    form = pack / "forms" / "staff-code-acknowledgement.yml"
    form.write_text(form.read_text(encoding="utf-8").replace("acknowledges: staff-code",
                                                             "acknowledges: staff-cod"), encoding="utf-8")
    assert main(["--project", str(pack), "check", "--today", "2026-11-21"]) == 1
    said = capsys.readouterr()
    errors = [line for line in (said.out + said.err).splitlines() if "E-REF-POLICY" in line]
    assert errors and all(line.startswith("forms/staff-code-acknowledgement.yml:3:") for line in errors)
    assert "did you mean 'staff-code'" in errors[0]
