"""A policy's life at a school: a draft builds marked "Draft: not approved" on its page and every
page of its PDF, is reported by check and left out by publish; a retired policy leaves the site
with a line in the changelog; the approving meeting, its minute and earlier approvals are shown."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest

from builder.cli import main
from tests.support import copy_pack, html_text

pytestmark = pytest.mark.build
TODAY = "2026-11-21"


def edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def pack(tmp_path_factory):
    """The example pack with, at Vine Tree, the staff code a draft (no approval date yet) and the
    social media policy's approval naming its meeting, minute and an earlier approval; at
    Chestnuts, the staff code retired."""
    pack = copy_pack(tmp_path_factory.mktemp("lifecycle") / "pack")
    vine = pack / "schools" / "vine-tree.yml"
    edit(vine, "      body: Trust board\n      approved: 2026-09-01\n",
         "      body: Trust board\n")
    edit(vine, "      approved: 2022-06\n",
         "      approved: 2022-06\n      meeting: Local governing body, 14 June 2022\n"
         "      minute: LGB 22/31\n      previous:\n"
         "        - {version: \"0.9\", approved: 2020-06-10, body: Local governing body, "
         "minute: LGB 20/12}\n")
    old = pack / "content" / "uniform"
    old.mkdir()
    (old / "policy.yml").write_text(
        "title: School Uniform Policy\nowner: headteacher\napproving_body: Local governing body\n"
        "review_cycle: 2 years\nversions:\n  - {version: \"1.0\", date: 2024-09-01, summary: First.}\n"
        "sections:\n  - {id: uniform, title: What pupils wear}\n", encoding="utf-8")
    (old / "uniform.md").write_text("Pupils wear the school's uniform.\n", encoding="utf-8")
    approval = ("  uniform:\n    approval:\n      body: Local governing body\n"
                "      approved: 2026-09-01\n      version: \"1.0\"\n")
    edit(vine, "policies:\n", "policies:\n" + approval)
    edit(pack / "schools" / "chestnuts.yml", "policies:\n",
         "policies:\n" + approval + "      status: retired\n      retired: 2026-10-01\n")
    edit(pack / "schools" / "edith-cavell.yml", "policies:\n", "policies:\n" + approval)
    return pack


@pytest.fixture(scope="module")
def built(pack):
    assert main(["--project", str(pack), "build", "--today", TODAY, "--quiet", "--jobs", "1",
                 "--school", "vine-tree", "--school", "chestnuts"]) == 0
    return pack / "site"


def pdf_pages(path) -> list[str]:
    doc = pdfium.PdfDocument(str(path))
    try:
        return [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    finally:
        doc.close()


def test_check_reports_the_draft_at_its_line(pack, capsys):
    assert main(["--project", str(pack), "check", "--today", TODAY, "--school", "vine-tree"]) == 0
    out = capsys.readouterr().out
    draft = [line for line in out.splitlines() if "N-POLICY-DRAFT" in line]
    assert len(draft) == 1 and "staff-code" in draft[0]
    assert draft[0].startswith("schools/vine-tree.yml:")


def test_a_draft_is_marked_on_its_page_and_every_pdf_page(built):
    page = html_text((built / "vine-tree" / "policies" / "staff-code.html").read_text(encoding="utf-8"))
    assert "Draft: not approved" in page
    pages = pdf_pages(built / "vine-tree" / "pdf" / "staff-code.pdf")
    assert len(pages) > 1
    assert all("Draft: not approved" in text for text in pages)
    approved = pdf_pages(built / "vine-tree" / "pdf" / "social-media.pdf")
    assert not any("Draft" in text for text in approved)
    home = html_text((built / "vine-tree" / "index.html").read_text(encoding="utf-8"))
    assert "Draft: not approved" in home            # its status in the school's list


def test_meeting_minute_and_earlier_approvals_are_shown(built):
    page = html_text((built / "vine-tree" / "policies" / "social-media.html").read_text(encoding="utf-8"))
    assert "Local governing body, 14 June 2022" in page and "LGB 22/31" in page
    changelog = html_text((built / "vine-tree" / "changelog.html").read_text(encoding="utf-8"))
    assert "Version 0.9, approved 10 June 2020 by Local governing body (minute LGB 20/12)" in changelog
    assert "LGB 20/12" in "".join(pdf_pages(built / "vine-tree" / "pdf" / "social-media.pdf"))


def test_a_retired_policy_leaves_the_site_with_a_changelog_line(built):
    school = built / "chestnuts"
    assert (built / "vine-tree" / "policies" / "uniform.html").is_file()
    assert not (school / "policies" / "uniform.html").exists()
    assert not (school / "pdf" / "uniform.pdf").exists()
    assert "uniform" not in (school / "index.html").read_text(encoding="utf-8")
    changelog = html_text((school / "changelog.html").read_text(encoding="utf-8"))
    assert "School Uniform Policy: retired 1 October 2026" in changelog


def test_a_reference_to_a_retired_policy_is_an_error_at_its_line(pack, capsys):
    """(the staff code is referred to by the social media policy's text)"""
    chestnuts = pack / "schools" / "chestnuts.yml"
    before = chestnuts.read_text(encoding="utf-8")
    try:
        edit(chestnuts, "      body: Trust board\n", "      body: Trust board\n      status: retired\n")
        assert main(["--project", str(pack), "check", "--today", TODAY, "--school", "chestnuts"]) == 1
        out = capsys.readouterr().out
        refs = [line for line in out.splitlines() if "E-REF-POLICY" in line]
        assert refs and all(line.startswith("content/social-media/") for line in refs)
        assert "'staff-code', which is retired at this school" in refs[0]
    finally:
        chestnuts.write_text(before, encoding="utf-8")


def test_publish_leaves_the_draft_out_and_says_so(pack, built, tmp_path, capsys):
    assert main(["--project", str(pack), "publish", "--today", TODAY, "--school", "vine-tree",
                 "--out", str(tmp_path / "out"), "--jobs", "1"]) == 0
    said = capsys.readouterr()
    notices = [line for line in said.err.splitlines() if "N-PUBLISH-DRAFT" in line]
    assert len(notices) == 1 and "staff-code" in notices[0]
    school = tmp_path / "out" / "vine-tree"
    assert (school / "policies" / "social-media.html").is_file()
    assert not (school / "policies" / "staff-code.html").exists()
    assert not (school / "pdf" / "staff-code.pdf").exists()
    for name in ("index.html", "policies.json", "snippet.html", "changelog.html"):
        assert "staff-code" not in (school / name).read_text(encoding="utf-8"), name
