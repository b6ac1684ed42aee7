"""`policypack import` end to end on the test documents (tests/data/imports/, written for these
tests): what it pairs, finds and writes, a .docx giving the same report as its text, the pack
never written, bad inputs refused with one message, the same bytes from the same input."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder.cli.main import main
from tests.support import DATA, ROOT, copy_pack

DOCS = DATA / "imports"
TODAY = "2026-11-21"


def run(capsys, *args):
    rc = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return rc, out, err


def imported(capsys, tmp_path, doc, policy, *extra, project=ROOT, name="out"):
    out = tmp_path / name
    rc, stdout, err = run(capsys, "--project", project, "import", doc, "--policy", policy,
                          "--out", out, "--today", TODAY, *extra)
    assert rc == 0, err
    return out, json.loads((out / "report.json").read_text(encoding="utf-8")), stdout, err


def by_master(report):
    return {s["master_section"]: s for s in report["sections"] if s["master_section"]}


def tree_digest(root: Path, parts=("content", "schools", "forms", "trust.yml")) -> dict:
    found = {}
    for part in parts:
        p = root / part
        for f in sorted([p] if p.is_file() else p.rglob("*")):
            if f.is_file():
                found[str(f.relative_to(root))] = hashlib.sha256(f.read_bytes()).hexdigest()
    return found


@pytest.fixture(scope="module")
def vine(tmp_path_factory):
    """The Vine-Tree-like copy imported once (the school found by its name)."""
    tmp = tmp_path_factory.mktemp("vine")
    out = tmp / "out"
    rc = main(["--project", str(ROOT), "import", str(DOCS / "vine-tree-social-media.txt"),
               "--policy", "social-media", "--out", str(out), "--today", TODAY])
    assert rc == 0
    return out, json.loads((out / "report.json").read_text(encoding="utf-8"))


def test_vine_tree_sections(vine):
    _, report = vine
    m = by_master(report)
    assert report["school"] == {"id": "vine-tree", "name": "Vine Tree Primary", "in_pack": True}
    # renamed: "Our aims" pairs with the statement of intent, one subject in other words
    assert m["intent"]["imported_title"] == "Our aims" and m["intent"]["pairing"] == "title+text"
    assert m["intent"]["status"] == "same" and m["intent"]["similarity"] == 1.0
    for sid in ("legal-framework", "roles", "parents", "pupils", "cyberbullying"):
        assert m[sid]["status"] == "same", sid
    assert m["definitions"]["status"] == "reworded"
    assert 0.6 < m["definitions"]["similarity"] < 1.0
    changes = [(r["op"], r["text"]) for r in m["definitions"]["redline"] if r["op"] != "equal"]
    assert ("delete", "means") in changes and ("insert", "is") in changes
    assert ("insert", "website or app") in changes
    assert m["monitoring-review"]["status"] == "reworded" and m["monitoring-review"]["similarity"] < 0.6
    assert m["training"]["status"] == "missing" and m["training"]["imported_title"] is None
    (own,) = [s for s in report["sections"] if s["status"] == "school-only"]
    assert own["imported_title"] == "Class blogs on the school app" and own["imported_number"] == "12.0"
    assert own["draft"]["after"] == "blocked-content"
    lines = {s["imported_title"]: s["imported_line"] for s in report["sections"] if s["imported_title"]}
    text = (DOCS / "vine-tree-social-media.txt").read_text(encoding="utf-8").splitlines()
    for title, line in lines.items():
        assert title in text[line - 1], (title, line)      # each at its own line of the copy


def test_vine_tree_values_and_files(vine):
    out, report = vine
    values = {v["key"]: v for v in report["values"]}
    assert values["policies.social-media.approval.next_review"]["value"] == "2024-06"
    assert values["policies.social-media.approval.review_cycle"]["value"] == "2 years"
    assert all(isinstance(v["line"], int) and v["source"] for v in report["values"])
    assert (out / "report.html").is_file() and (out / ".policypack-import").is_file()
    assert (out / "schools/vine-tree.changes.yml").is_file()           # the school is in the pack
    assert not (out / "schools/vine-tree.yml").exists()
    md = (out / "schools/vine-tree/social-media/class-blogs-on-the-school-app.md").read_text(encoding="utf-8")
    assert "- Only first names are used" in md and "[bookmark" not in md
    add = (out / "schools/vine-tree/social-media/add_sections.yml").read_text(encoding="utf-8")
    import yaml
    (entry,) = yaml.safe_load(add)
    assert entry == {"id": "class-blogs-on-the-school-app", "title": "Class blogs on the school app",
                     "after": "blocked-content"}
    codes = {d["code"] for d in report["diagnostics"]}
    assert "W-REVIEW-OVERDUE" in codes                     # June 2024 has passed by the --today
    assert report["summary"]["same"] >= 9 and report["summary"]["missing"] == 1


def test_staff_code_copy_of_a_new_school(capsys, tmp_path):
    out, report, _, err = imported(capsys, tmp_path, DOCS / "staff-code-rowan-hill.txt", "staff-code")
    m = by_master(report)
    for sid in ("rationale", "standards", "rules", "reporting", "legislation"):
        assert m[sid]["status"] in ("same", "reworded"), sid
    assert m["reporting"]["imported_title"] == "Reporting concerns and complaints"
    values = {v["key"]: v["value"] for v in report["values"]}
    assert values["name"] == "Rowan Hill Primary School"
    assert values["roles.dpo.name"] == "Priya Natarajan"
    assert any(v == "Mr Owen Pritchard" for k, v in values.items() if k.endswith(".name"))
    assert report["school"]["in_pack"] is False
    draft = out / "schools" / f"{report['school']['id']}.yml"
    assert draft.is_file() and "Priya Natarajan" in draft.read_text(encoding="utf-8")
    assert "policypack import: " in err                     # progress on stderr


def test_trust_copy_with_an_approval_block(capsys, tmp_path):
    out, report, _, _ = imported(capsys, tmp_path, DOCS / "trust-social-media.txt", "social-media")
    values = {}
    for v in report["values"]:
        values.setdefault(v["key"], v)
    assert values["policies.social-media.approval.approved"]["value"] == "2022-09-01"
    assert values["policies.social-media.approval.approved"]["line"] == 4
    assert values["policies.social-media.approval.review_cycle"]["value"] == "2 years"
    m = by_master(report)
    for sid in ("intent", "roles", "definitions", "monitoring-review"):
        assert m[sid]["imported_title"] is not None, sid
    cover = [s for s in report["sections"] if s["imported_line"] == 1]
    assert all(s["draft"] is None for s in cover)         # the cover's values are in the draft file


DOCX_CASES = [("vine-tree-social-media", "social-media"), ("staff-code-rowan-hill", "staff-code"),
              ("trust-social-media", "social-media"), ("hostile-social-media", "social-media")]


def _text_and_docx(capsys, tmp_path, name, policy):
    docx = pytest.importorskip("tests.support.docx")
    text = DOCS / f"{name}.txt"
    word = docx.docx_from_text(text.read_text(encoding="utf-8"), tmp_path / f"{name}.docx")
    _, a, _, _ = imported(capsys, tmp_path, text, policy, name=f"{name}-text")
    _, b, _, _ = imported(capsys, tmp_path, word, policy, name=f"{name}-docx")
    for r in (a, b):
        assert r.pop("document")["kind"] in ("text", "docx")
        r["diagnostics"] = [{**d, "path": "<doc>"} for d in r["diagnostics"]]
    return a, b


@pytest.mark.parametrize("name,policy", DOCX_CASES)
def test_a_docx_gives_the_same_report(capsys, tmp_path, name, policy):
    a, b = _text_and_docx(capsys, tmp_path, name, policy)
    assert a["school"] == b["school"]
    assert a["sections"] == b["sections"]
    assert a["values"] == b["values"]


@pytest.mark.parametrize("name,policy", DOCX_CASES)
def test_a_docx_gives_the_same_defects(capsys, tmp_path, name, policy):
    a, b = _text_and_docx(capsys, tmp_path, name, policy)
    assert a["diagnostics"] == b["diagnostics"]
    assert a["summary"] == b["summary"]


def test_same_input_same_bytes(capsys, tmp_path):
    doc = DOCS / "vine-tree-social-media.txt"
    first, _, _, _ = imported(capsys, tmp_path, doc, "social-media", name="a")
    second, _, _, _ = imported(capsys, tmp_path, doc, "social-media", name="b")
    names = sorted(p.relative_to(first).as_posix() for p in first.rglob("*") if p.is_file())
    assert names == sorted(p.relative_to(second).as_posix() for p in second.rglob("*") if p.is_file())
    for n in names:
        assert (first / n).read_bytes() == (second / n).read_bytes(), n


def test_hostile_copy_comes_out_inert(capsys, tmp_path):
    out, report, _, _ = imported(capsys, tmp_path, DOCS / "hostile-social-media.txt", "social-media")
    page = (out / "report.html").read_text(encoding="utf-8")
    body = page.split("<body>", 1)[1]
    assert not re.search(r"<(?:script|img|svg|iframe|object|a)\b", body, re.I)
    assert not re.search(r"<[^>]*\son\w+=", body)          # no event handler on any element
    assert "javascript:" not in "".join(re.findall(r"<[^>]+>", body))
    assert "&lt;script&gt;" in page and "\x1b" not in page and "\u202e" not in page
    assert ">49<" not in page and " 49 " not in page        # {{ 7*7 }} is text, never worked out
    drafts = list((out / "schools").rglob("*.md"))
    assert drafts


def test_several_files_a_folder_each(capsys, tmp_path):
    out = tmp_path / "many"
    rc, stdout, err = run(capsys, "--project", ROOT, "import", DOCS / "vine-tree-social-media.txt",
                          DOCS / "trust-social-media.txt", "--policy", "social-media", "--out", out,
                          "--today", TODAY, "--format", "json")
    assert rc == 0, err
    summary = json.loads(stdout)
    assert [d["folder"] for d in summary["documents"]] == ["vine-tree-social-media", "trust-social-media"]
    for d in summary["documents"]:
        assert (out / d["folder"] / "report.json").is_file() and (out / d["folder"] / "report.html").is_file()
    assert (out / ".policypack-import").is_file()


def test_the_pack_is_never_written(capsys, tmp_path):
    pack = copy_pack(tmp_path / "pack")
    before = tree_digest(pack)
    rc, _, err = run(capsys, "--project", pack, "import", DOCS / "vine-tree-social-media.txt",
                     "--policy", "social-media", "--today", TODAY)
    assert rc == 0, err
    assert (pack / "imported" / "report.json").is_file()          # the default output folder
    rc, _, err = run(capsys, "--project", pack, "import", DOCS / "staff-code-rowan-hill.txt",
                     "--policy", "staff-code", "--school", "vine-tree", "--today", TODAY)
    assert rc == 0, err                                            # replaces its own last report
    assert tree_digest(pack) == before


def one_error(err: str, code: str):
    lines = [line for line in err.splitlines() if ": error " in line]
    assert len(lines) == 1, err
    assert f"error {code}:" in lines[0], err
    assert "Traceback" not in err
    return lines[0]


def test_bad_inputs_exit_2_with_one_message(capsys, tmp_path):
    doc = DOCS / "vine-tree-social-media.txt"
    out = tmp_path / "out"
    good = ["--project", ROOT, "import", doc, "--policy", "social-media", "--out", out, "--today", TODAY]
    assert run(capsys, *good)[0] == 0
    last = (out / "report.json").read_bytes()
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"\n[bookmark: _Toc1]\n\xc2\xb7\n")
    cases = [
        (["import", doc, "--policy", "social-medai"], "E-POLICY", "did you mean 'social-media'"),
        (["import", doc, "--policy", "social-media", "--school", "../vine-tree"], "E-ID", "safe id"),
        (["import", doc, "--policy", "social-media", "--school", "Vine Tree"], "E-ID", "safe id"),
        (["import", tmp_path / "nowhere.txt", "--policy", "social-media"], "E-MISSING-FILE", "nowhere.txt"),
        (["import", empty, "--policy", "social-media"], "E-IMPORT", "no words"),
        (["import", DOCS / "../imports", "--policy", "social-media"], "E-IMPORT-FILE", "this is a folder"),
        (["import", doc, "--policy", "social-media", "--today", "21/11/2026"], "E-ARG", "YYYY-MM-DD"),
        (["import", doc, "--policy", "staff-code", "--new-policy"], "E-OUT", "already in the pack"),
        (["import", doc, "--policy", "Not An Id", "--new-policy"], "E-ID", "safe id"),
    ]
    for args, code, words in cases:
        rc, stdout, err = run(capsys, "--project", ROOT, *args[:1], *args[1:], "--out", out)
        assert rc == 2, (args, err)
        assert words in one_error(err, code), err
        assert (out / "report.json").read_bytes() == last           # the last report stays
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("my own notes", encoding="utf-8")
    rc, _, err = run(capsys, "--project", ROOT, "import", doc, "--policy", "social-media", "--out", foreign)
    assert rc == 2 and "not written by policypack import" in one_error(err, "E-OUT")
    assert (foreign / "notes.txt").read_text(encoding="utf-8") == "my own notes"
    rc, _, err = run(capsys, "--project", ROOT, "import", doc, "--policy", "social-media",
                     "--out", out / "inner")
    assert rc == 2 and "inside another import's" in one_error(err, "E-OUT")
    assert not (out / "inner").exists()
    rc, _, err = run(capsys, "--project", ROOT, "import", doc, "--policy", "social-media",
                     "--out", ROOT / "schools" / "drafts")
    assert rc == 2 and "schools/" in one_error(err, "E-OUT")
    assert not (ROOT / "schools" / "drafts").exists()
    kept = out / "school-copy.txt"          # a copy saved inside the last import's folder
    shutil.copy(doc, kept)
    rc, _, err = run(capsys, "--project", ROOT, "import", kept, "--policy", "social-media", "--out", out)
    assert rc == 2 and "inside the output folder" in one_error(err, "E-OUT")
    assert kept.read_bytes() == Path(doc).read_bytes()


def test_a_school_not_in_the_pack_is_drafted_as_new(capsys, tmp_path):
    """--school with an id the pack does not have: a draft for a new school of that id, and a
    notice that says so (naming the nearest school, in case the id was mistyped)."""
    doc = DOCS / "vine-tree-social-media.txt"
    out, report, stdout, _ = imported(capsys, tmp_path, doc, "social-media", "--school", "vine-tre")
    assert (out / "schools" / "vine-tre.yml").is_file()
    assert not (out / "schools" / "vine-tree.changes.yml").exists()
    notes = [d for d in report["diagnostics"] if d["code"] == "N-IMPORT-NEW-SCHOOL"]
    assert len(notes) == 1 and "did you mean 'vine-tree'" in notes[0]["message"], notes
    assert "notice N-IMPORT-NEW-SCHOOL" in stdout
    out, report, _, _ = imported(capsys, tmp_path, doc, "social-media", "--school", "rowan-hill",
                                 name="out2")
    notes = [d for d in report["diagnostics"] if d["code"] == "N-IMPORT-NEW-SCHOOL"]
    assert len(notes) == 1 and "did you mean" not in notes[0]["message"]
    assert (out / "schools" / "rowan-hill.yml").is_file()


def test_new_policy_loads_and_checks(capsys, tmp_path):
    from builder.project import Project
    import datetime as dt

    pack = copy_pack(tmp_path / "pack")
    doc = tmp_path / "online-lessons.txt"
    shutil.copy(DOCS / "staff-code-rowan-hill.txt", doc)
    with doc.open("a", encoding="utf-8") as f:
        f.write("\n5.8 Braces\nA line that looks like a template: {{ 7*7 }} and {% if x %}.\n")
    rc, stdout, err = run(capsys, "--project", pack, "import", doc, "--policy", "rowan-staff-code",
                          "--new-policy", "--out", tmp_path / "out", "--today", TODAY)
    assert rc == 0, err
    folder = pack / "content" / "rowan-staff-code"
    files = sorted(p.name for p in folder.iterdir())
    assert "policy.yml" in files and "the-rules.md" in files and "braces.md" in files
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    numbers = [d for d in report["diagnostics"] if d["code"] == "N-IMPORT-NUMBER"]
    assert {d["message"].split("'")[1] for d in numbers} >= {"5.1", "5.2", "5.3", "5.4", "5.8"}
    assert all(s["status"] == "new" for s in report["sections"])
    project = Project(pack, dt.date(2026, 11, 21))
    loaded = project.pack
    policy = loaded.policies["rowan-staff-code"]
    assert [s.id for s in policy.sections][:3] == ["why-we-have-this-code", "our-standards", "the-rules"]
    rs = project.school("vine-tree")
    assert not [d for d in rs.diagnostics if d.severity == "error"]
    from builder.importing.align import master_paragraphs
    text = "\n".join(p for s in rs.policies["rowan-staff-code"].sections for p in master_paragraphs(s.html))
    assert "Vine Tree Primary" in text and "Rowan Hill Primary School" not in text   # {{ school.name }}
    assert "{{ 7*7 }}" in text and "49" not in text and "{% if x %}" in text
    found = project.check()
    new = [d for d in found if d.severity == "error" and "rowan-staff-code" in (d.path + d.message)]
    assert {d.code for d in new} <= {"E-REVIEW-NO-APPROVAL"}, [d.format() for d in new]
    # and never over an existing policy
    before = tree_digest(pack, ("content",))
    rc, _, err = run(capsys, "--project", pack, "import", doc, "--policy", "rowan-staff-code",
                     "--new-policy", "--out", tmp_path / "out")
    assert rc == 2 and "already in the pack" in one_error(err, "E-OUT")
    assert tree_digest(pack, ("content",)) == before


@pytest.mark.parametrize("text, kept", [
    ("Email Jane.Hughes@rowanhill.org.uk today.", "Jane.Hughes@rowanhill.org.uk"),
    ("See www.rowanhill.org.uk/Jane for the form.", "www.rowanhill.org.uk/Jane"),
    ("Ask Janet in the office.", "Janet"),
    ("Our page is facebook.com/Rowan.Hill.Primary.School", "facebook.com/Rowan.Hill.Primary.School"),
])
def test_new_policy_makes_variables_of_whole_values_never_inside_an_address(text, kept):
    from builder.importing.new_policy import templated
    from builder.importing.values.found import FoundValue
    found = [FoundValue("roles.dpo.name", "Jane", 1, ""), FoundValue("name", "Rowan Hill Primary School", 1, "")]
    assert kept in templated(text, found)
    assert templated("Jane Hughes at Rowan Hill Primary School.", found) == \
        "{{ roles.dpo.name }} Hughes at {{ school.name }}."


def new_policy(capsys, tmp_path, policy: str, text: str):
    """``text`` imported with --new-policy as ``policy`` into a copy of the example pack: (pack, stdout)."""
    pack = copy_pack(tmp_path / "pack")
    doc = tmp_path / f"{policy}.txt"
    doc.write_text(text, encoding="utf-8")
    rc, out, err = run(capsys, "--project", pack, "import", doc, "--policy", policy, "--new-policy",
                       "--out", tmp_path / "out", "--today", TODAY)
    assert rc == 0, err
    return pack, out


def test_new_policy_report_shows_the_text_as_the_pack_holds_it(capsys, tmp_path):
    pack, _ = new_policy(capsys, tmp_path, "visits", "Rowan Hill Primary School\nEducational Visits Policy\n\n"
                         "1. Purpose\nAt Rowan Hill Primary School every trip is planned with care.\n\n"
                         "2. Planning\nEvery trip leader fills in the risk assessment a month before.\n")
    purpose = (pack / "content" / "visits" / "purpose.md").read_text(encoding="utf-8")
    assert "At {{ school.name }} every trip" in purpose
    page = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "At {{ school.name }} every trip" in page and "At Rowan Hill Primary School every" not in page


def test_new_policy_keeps_every_paragraph_of_a_copy_cut_short(capsys, tmp_path):
    """A copy that is one chapter with numbered sub-headings (a web page cut short): the chapter's
    own paragraph of prose is a section's text, never dropped as a subtitle."""
    pack, _ = new_policy(capsys, tmp_path, "networking", "Social Networking Policy\n\nSection 1: Introduction\n\n"
                         "Our aims include creating a community based on trust, peace and friendship.\n\n"
                         "1.1 Objectives\n\n1.1.1 This policy sets out the school's policy on social networking.\n\n"
                         "1.2 Scope\n\n1.2.1 It applies to all staff, governors and volunteers.\n")
    text = "\n".join(p.read_text(encoding="utf-8") for p in (pack / "content" / "networking").glob("*.md"))
    for words in ("Our aims include creating a community", "sets out the school's policy", "applies to all staff"):
        assert words in text


def test_a_copy_with_no_headings_keeps_its_text_in_the_report(capsys, tmp_path):
    """A copy with a date under its title and no headings: its text is in the report, as the text
    above the first heading, not lost; it pairs with no master section by its place alone."""
    doc = tmp_path / "nohead.txt"
    doc.write_text("Social Media Policy\nReview date: September 2024\n\n"
                   "The widespread use of social media brings opportunities to engage with families in new "
                   "ways. It is important that we use these services safely and well.\n\n"
                   "At Heapfield we publish news about our school on our website and newsletter.\n",
                   encoding="utf-8")
    _, report, _, _ = imported(capsys, tmp_path, doc, "social-media")
    [row] = [r for r in report["sections"] if r["status"] != "missing"]
    assert (row["imported_title"], row["status"], row["draft"]) == ("", "school-only", None)
    page = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "(the text above the first heading)" in page and "publish news about our school" in page


def test_a_strapline_over_the_approval_record_is_the_cover_not_a_section_of_the_schools(capsys, tmp_path):
    doc = tmp_path / "cover.txt"
    doc.write_text("Social Media Policy\n\nEDUCATIONAL EXCELLENCE FOR EVERY CHILD\n\n"
                   "Approved by: Local Governing Body\nDate approved: 1 May 2025\nNext review: May 2027\n"
                   "Signed: ____ Chair of Governors\n\n"
                   "Statement of intent\n\nWe want every pupil and member of staff to use social media safely, "
                   "kindly and responsibly, at school and at home.\n\nTraining\n\nAll staff are trained in the "
                   "safe use of social media every year, and new staff when they join.\n", encoding="utf-8")
    out, report, _, _ = imported(capsys, tmp_path, doc, "social-media")
    [cover] = [r for r in report["sections"] if r["status"] == "school-only"]
    assert (cover["imported_title"], cover["draft"]) == ("EDUCATIONAL EXCELLENCE FOR EVERY CHILD", None)
    assert not (out / "schools" / "cover").exists()


def test_new_policy_warns_of_text_above_the_first_heading(capsys, tmp_path):
    pack, out = new_policy(capsys, tmp_path, "visits", "Educational Visits Policy\n\nEvery visit out of school is "
                           "planned with care, and every parent is told where their child goes and when they come "
                           "back. Visits are part of the curriculum for every year group.\n\n"
                           "1. Planning\nEvery trip leader fills in the risk assessment a month before.\n")
    assert "visits.txt:3: warning W-IMPORT-LOST: the text above the first heading is in no section" in out
    assert sorted(p.name for p in (pack / "content" / "visits").glob("*.md")) == ["planning.md"]


HOSTILE_BITS = ['<script>alert(1)</script>', "{{ 7*7 }}", "{% raw %}", "javascript:alert(2)",
                '<img src=x onerror="alert(3)">', "--!>", "\u202e", "\x1b[2J", "&amp;", "]]>",
                "[x](javascript:alert(4))", "\u00a0", "\u2019", "\t", "\ufeff"]


def _document(title_bits, body_bits, numbered):
    lines = ["Social Media Policy", ""]
    for k, (t, b) in enumerate(zip(title_bits, body_bits), start=1):
        lines.append(f"{k}.0 {t}" if numbered else t)
        lines.append(f"Staff and pupils {b} use social media with care.")
        lines.append(f"\u00b7\t{b} a bullet line")
        lines.append("")
    return "\n".join(lines) + "\n"


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(titles=st.lists(st.tuples(st.sampled_from(["Statement of intent", "Training", "Our own rules",
                                                  "Cyberbullying", "Blocked content"]),
                                 st.sampled_from(HOSTILE_BITS)), min_size=1, max_size=4),
       bodies=st.lists(st.sampled_from(HOSTILE_BITS), min_size=4, max_size=4),
       numbered=st.booleans())
def test_any_document_gives_a_report_that_is_inert(tmp_path_factory, titles, bodies, numbered):
    import datetime as dt
    import io

    from builder.importing.run import run_import
    tmp = tmp_path_factory.mktemp("gen")
    doc = tmp / "copy.txt"
    doc.write_text(_document([f"{t} {h}" for t, h in titles], bodies, numbered), encoding="utf-8")
    result = run_import(ROOT, [doc], "social-media", out=tmp / "out", today=dt.date(2026, 11, 21),
                        progress=io.StringIO())
    page = (tmp / "out" / "report.html").read_text(encoding="utf-8")
    body = page.split("<body>", 1)[1]
    assert not re.search(r"<(?:script|img|svg|iframe|object|a)\b", body, re.I)
    assert not re.search(r"<[^>]*\son\w+=", body) and "\x1b" not in page and "\u202e" not in page
    assert "javascript:" not in "".join(re.findall(r"<[^>]+>", body))
    report = json.loads((tmp / "out" / "report.json").read_text(encoding="utf-8"))
    assert report == result.documents[0].report
    lines = doc.read_text(encoding="utf-8").splitlines()
    for s in report["sections"]:
        if s["imported_line"]:
            assert 1 <= s["imported_line"] <= len(lines)
        if s["similarity"] is not None:
            assert 0.0 <= s["similarity"] <= 1.0


def _imported(tmp_path, text: str) -> dict:
    import datetime as dt
    import io

    from builder.importing.run import run_import
    doc = tmp_path / "copy.txt"
    doc.write_text(text, encoding="utf-8")
    result = run_import(ROOT, [doc], "social-media", out=tmp_path / "out", today=dt.date(2026, 11, 21),
                        progress=io.StringIO())
    return result.documents[0].report


def test_a_line_naming_a_master_section_in_other_words_is_a_heading_even_with_nothing_under_it(tmp_path):
    # the copy lost the list under "Aims" and under "Guidelines for Pupils" (a copy made from a web page)
    report = _imported(tmp_path, "Scoil Naomh Buithe – Social Media Usage Policy\n\nIntroduction\n\n"
                                 "The community of Scoil Naomh Buithe knows that adults and children use social "
                                 "networks.\n\nAims\n\nGuidelines for Pupils\n\nGeneral guidelines\n\n"
                                 "Guidelines for Parents/Guardians\n\nParents are asked to support the school by "
                                 "not posting photographs of other children.\n\nReview\n\n"
                                 "This policy will be reviewed annually.\n")
    paired = {s["imported_title"]: s["master_section"] for s in report["sections"] if s["imported_title"]}
    assert paired["Aims"] == "intent"
    # a school named in Irish, the word for its kind first, is the school
    assert {v["key"]: v["value"] for v in report["values"]}["name"] == "Scoil Naomh Buithe"


def test_a_cover_label_over_its_date_or_a_person_stays_a_line(tmp_path):
    report = _imported(tmp_path, "Social Media Policy\n\nReview\n\nSeptember 2025\n\nMrs J Sim Deputy DSL\n\n"
                                 "Statement of intent\n\nWe use social media to celebrate our pupils' work.\n")
    titles = [s["imported_title"] for s in report["sections"] if s["imported_title"]]
    assert "Review" not in titles and "Mrs J Sim Deputy DSL" not in titles


def test_a_lists_entries_that_name_master_sections_stay_in_their_section(tmp_path):
    report = _imported(tmp_path, "Social Media Policy\n\nScope\n\nThis policy applies to the following people:\n"
                                 "Governors\nPupils\nParents\nVolunteers\n\nStatement of intent\n\n"
                                 "We use social media to celebrate our pupils' work.\n")
    titles = [s["imported_title"] for s in report["sections"] if s["imported_title"]]
    assert titles == ["Scope", "Statement of intent"]


def test_a_welsh_schools_name_ends_where_the_policys_title_begins(tmp_path):
    report = _imported(tmp_path, "Ysgol Gynradd Llwydcoed Social Media Policy\n\nIntroduction\n\n"
                                 "This policy sets out how the school uses social media.\n")
    assert {v["key"]: v["value"] for v in report["values"]}["name"] == "Ysgol Gynradd Llwydcoed"


def test_the_master_text_a_new_schools_copy_is_compared_with_prints_the_copys_dates(capsys, tmp_path):
    """A school the pack does not have yet: the master text prints the approval the copy states, and
    "not recorded" for what it does not state, never an empty "()" or "due by ."; a stand-in's email
    is no broken link."""
    doc = tmp_path / "dated.txt"
    doc.write_text("Rowan Hill Primary School\nStaff Code of Conduct\n\nAdopted on: September 2016\n"
                   "Review date: September 2017\n\nPurpose\n\nEvery adult at Rowan Hill Primary School keeps "
                   "to this code.\n", encoding="utf-8")
    imported(capsys, tmp_path, doc, "staff-code")
    page = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "(September 2016)" in page and "due by September 2017" in page and "board ()" not in page
    undated = tmp_path / "undated.txt"
    undated.write_text("Rowan Hill Primary School\nStaff Code of Conduct\n\nPurpose\n\nEvery adult at Rowan "
                       "Hill Primary School keeps to this code.\n", encoding="utf-8")
    imported(capsys, tmp_path, undated, "staff-code", name="undated")
    page = (tmp_path / "undated" / "report.html").read_text(encoding="utf-8")
    assert "(not recorded)" in page and "due by not recorded." in page
    assert "(mailto:" not in page and "[email of the Headteacher]" in page


def test_nothing_a_copy_says_is_lost_from_the_report(tmp_path):
    """A short aim above the first heading is shown as the copy's cover; a short section after
    one that was drafted is drafted too, never taken for the cover, even when nothing pairs."""
    report = _imported(tmp_path, "1. The Aim of this AUP is to ensure that learning is conducted safely.\n\n"
                                 "Security\n\nEvery student keeps the computer they use secure and never tries "
                                 "to get round the security systems of the college or of anyone else. Students "
                                 "log out when a task is finished.\n\n"
                                 "Private Use of Computers\n\n  1. College computers are for study only.\n"
                                 "  2. Only authorised data may be stored.\n")
    assert [c["text"] for c in report["document"]["cover"]] == [
        "The Aim of this AUP is to ensure that learning is conducted safely."]
    drafted = {s["imported_title"]: s["draft"] for s in report["sections"] if s["status"] == "school-only"}
    assert drafted["Private Use of Computers"] is not None and drafted["Security"] is not None
    page = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "The copy&#39;s cover" in page or "The copy's cover" in page
    assert "learning is conducted safely" in page


def test_a_copy_with_no_dates_is_told_so_and_an_old_approval_is_overdue_by_the_packs_cycle(capsys, tmp_path):
    """A copy that records no approval nor next review is told so, not left silent; one approved
    years ago with no review date or cycle of its own is overdue by the policy's cycle in the pack
    (the example's social media policy: every two years)."""
    bare = tmp_path / "bare.txt"
    bare.write_text("Oakfield Primary School\n\nSocial Media Policy\n\nIntroduction\n\n"
                    "This policy sets out how staff and pupils use social media.\n", encoding="utf-8")
    _, report, _, err = imported(capsys, tmp_path, bare, "social-media", name="bare")
    (undated,) = [d for d in report["diagnostics"] if d["code"] == "N-IMPORT-UNDATED"]
    assert "no approval date and no next review for policy 'social-media'" in undated["message"]
    assert "1 notice(s)" in err
    old = tmp_path / "old.txt"
    old.write_text("Oakfield Primary School\n\nSocial Media Policy\n\nApproved by governors: 12 March 2019\n\n"
                   "Introduction\n\nThis policy sets out how staff and pupils use social media.\n", encoding="utf-8")
    _, report, _, _ = imported(capsys, tmp_path, old, "social-media", name="old")
    (overdue,) = [d for d in report["diagnostics"] if d["code"] == "W-REVIEW-OVERDUE"]
    assert overdue["line"] == 5 and "was due 12 March 2021" in overdue["message"]
    assert "the pack reviews it every 2 years" in overdue["message"]
    assert not [d for d in report["diagnostics"] if d["code"] == "N-IMPORT-UNDATED"]


def test_a_neighbours_copy_imported_for_a_school_is_told_and_keeps_the_schools_name(capsys, tmp_path):
    doc = tmp_path / "woden.txt"
    doc.write_text("Woden Primary School\n\nSocial Media Policy\n\nDesignated Safeguarding Lead: Mrs H Vernon\n\n"
                   "Purpose\n\nThis policy sets out how staff and pupils use social media safely.\n", encoding="utf-8")
    out, report, stdout, _ = imported(capsys, tmp_path, doc, "social-media", "--school", "chestnuts")
    [warning] = [d for d in report["diagnostics"] if d["code"] == "W-IMPORT-OTHER-SCHOOL"]
    assert "Woden Primary School" in warning["message"] and warning["line"] == 1
    assert "W-IMPORT-OTHER-SCHOOL" in stdout
    changes = (out / "schools" / "chestnuts.changes.yml").read_text(encoding="utf-8")
    assert "Woden" not in changes.split("\n", 1)[1]     # (only the warning above the values names it)
    assert "Vernon" in changes


def test_a_schools_own_copy_imported_for_it_is_not_told_apart(capsys, tmp_path):
    doc = tmp_path / "own.txt"
    doc.write_text("Chestnuts Primary School\n\nSocial Media Policy\n\nPurpose\n\n"
                   "This policy sets out how staff and pupils use social media safely.\n", encoding="utf-8")
    _, report, _, _ = imported(capsys, tmp_path, doc, "social-media", "--school", "chestnuts")
    assert not [d for d in report["diagnostics"] if d["code"] == "W-IMPORT-OTHER-SCHOOL"]


def test_a_new_schools_preview_shows_no_other_schools_own_post(capsys, tmp_path):
    # (a post only one school of the pack gives, "Designated Safeguarding Lead and Deputy Headteacher", is
    # that school's detail: a new school's gaps are named by the trust's titles)
    titles = Counter(p["title"] for f in sorted((ROOT / "schools").glob("*.yml"))
                     for p in (yaml.safe_load(f.read_text(encoding="utf-8")).get("roles") or {}).values()
                     if isinstance(p, dict) and p.get("title"))
    own_posts = {t for t, n in titles.items() if n == 1}
    assert own_posts, "the example pack has a post only one school gives"
    doc = tmp_path / "rowan.txt"
    doc.write_text("Rowan Hill Primary School\n\nSocial Media Policy\n\nPurpose\n\n"
                   "This policy sets out how staff and pupils use social media safely.\n", encoding="utf-8")
    out, _, _, _ = imported(capsys, tmp_path, doc, "social-media")
    html = (out / "report.html").read_text(encoding="utf-8")
    assert not [post for post in own_posts if post in html]


@pytest.mark.parametrize("copy, school, told", [
    ("Woden Primary School", "Chestnuts Primary School", True),
    ("Kilbride National School", "Ardmore National School", True),
    ("Ysgol Glan Clwyd", "Ysgol Bryn Coch", True),
    ("Our Lady's Catholic Primary", "St Joseph's Catholic Primary", True),
    ("Colaiste Ide", "Coláiste Íde", False),                 # (the accents lost in a copy)
    ("Chestnut Primary School", "Chestnuts Primary School", False),
    ("St Colmcille's BNS", "St Colmcille's Boys' National School", False)])
def test_a_copy_naming_another_school_is_told_by_the_words_that_tell_names_apart(copy, school, told):
    from types import SimpleNamespace

    from builder.importing.run import another_school
    found = [SimpleNamespace(key="name", value=copy, line=1)]
    assert (another_school(found, SimpleNamespace(values={"name": school})) is not None) is told
